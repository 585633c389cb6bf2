//! The scope of the client's methods: every operation claims its method there, then the
//! methods generated beside it (`<name>_events`, `<name>_pages`, `<name>_items`), so that no
//! two methods of `Client` share a name, and none takes a name the client has whatever the
//! API.

use crate::names::Scope;

/// The methods `Client` has whatever the API: those of the runtime (`client/base.rs`,
/// `sse.rs`), the generated `builder` and `error`, and those of the traits it implements
/// (`Clone`, `Debug`), which an inherent method of the same name would shadow.
const CLIENT_METHODS: &[&str] = &[
    "builder",
    "clone",
    "clone_from",
    "error",
    "events",
    "fmt",
    "json_body",
    "result",
];

/// A scope in which only the client's own methods are taken.
pub(super) fn client_methods() -> Scope {
    Scope::with_taken(CLIENT_METHODS.iter().copied())
}
