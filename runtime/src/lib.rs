//! The runtime every generated client crate carries, as a crate of its own so that it is
//! compiled, linted and tested as itself.
//!
//! The generator copies these files verbatim into each crate it generates, at the same paths
//! (the list is `generator/src/emit/runtime.rs`):
//!
//! - `support.rs`: update values, tolerant dates, open enumerations, Base64, numbers read from
//!   strings, request validation;
//! - `http.rs`: the transport: sending, retries, the rate limit and the client-wide pause,
//!   bounded response bodies, parameter styles, forms and multipart bodies, errors;
//! - `sse.rs`: responses of server-sent events (copied for APIs that stream events);
//! - `pagination.rs`: walking cursor-paginated operations (copied for APIs that have them);
//! - `client/base.rs`, `client/error.rs`: the client and its builder, and what every error
//!   tells, whatever the API;
//! - `mock/server.rs`: the machinery of the mock server of the `mock` feature.
//!
//! What varies per API is generated beside them, never substituted into them: the rest of
//! this crate stands in for it, as a small API of one resource, `things`, so that the runtime
//! compiles and its tests run: this file (a generated crate's `lib.rs`, with the constants
//! the runtime reads), `client.rs`, `models.rs`, `mock.rs` and `mock/typed.rs`.
#![warn(missing_docs)]

pub mod client;
pub mod http;
pub mod mock;
pub mod models;
mod pagination;
pub mod sse;
pub mod support;

#[cfg(test)]
mod tests;

/// The only property of an update-value wrapper object on the wire (`{"Value": ...}`).
const UPDATE_VALUE_PROPERTY: &str = "Value";
