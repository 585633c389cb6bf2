//! The README's promise: a value that cannot be cleared, such as the document type, has the
//! type `Update<T, NotClearable>`, for which `clear()` does not exist.

use mews_connector::support::NotClearable;
use mews_connector::{IdentityDocumentTypeEnum, Update};

fn main() {
    let _cleared = Update::<IdentityDocumentTypeEnum, NotClearable>::clear();
}
