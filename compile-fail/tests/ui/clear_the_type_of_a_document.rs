//! The README's example of a value that cannot be cleared: the type of an identity document, in
//! an update, takes an `Update<IdentityDocumentTypeEnum, NotClearable>`, so `Update::clear()` (an
//! `Update<T>`, which can be cleared) is not one.

use mews_connector::{IdentityDocumentUpdateParameters, Update};

fn main() {
    let id = mews_connector::uuid::Uuid::nil();
    let _cleared = IdentityDocumentUpdateParameters::new(id).with_type(Update::clear());
}
