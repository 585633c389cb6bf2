//! The README's price of `#[non_exhaustive]`: outside the crate, a request is built with `new`
//! and its setters, never with a struct literal or struct-update syntax, so that a field the API
//! adds later breaks no code.

use mews_connector::{IdentityDocumentUpdateParameters, Update};

fn main() {
    let id = mews_connector::uuid::Uuid::nil();
    let _literal = IdentityDocumentUpdateParameters {
        number: Update::set("123456789"),
        ..IdentityDocumentUpdateParameters::new(id)
    };
}
