//! Stands in for a generated `mock.rs`: the mock of the `things` API, as the generator writes
//! it around the runtime's `mock/server.rs`.

mod server;
mod typed;

pub use server::{Expectation, MockServer, MockServerBuilder, Operation};

/// The error statuses the API documents, for [`Expectation::fails`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorStatus {
    /// `400`: the request is invalid.
    BadRequest,
    /// `429`: too many requests.
    TooManyRequests,
}

impl ErrorStatus {
    /// The HTTP status.
    pub fn status(self) -> u16 {
        match self {
            ErrorStatus::BadRequest => 400,
            ErrorStatus::TooManyRequests => 429,
        }
    }
}

/// One type per operation of the API, which names the operation in [`Expectation`]'s type.
pub mod operations {
    /// `POST /things/getAll`.
    #[derive(Debug, Clone, Copy)]
    pub struct ThingsGetAll;
    /// `POST /things/update`.
    #[derive(Debug, Clone, Copy)]
    pub struct ThingsUpdate;
}

/// The operations and the fields every request carries, as the mock serves and checks them.
static API: server::ApiShape = server::ApiShape {
    routes: &[
        server::Route {
            operation: "things_get_all",
            method: "POST",
            path: "/things/getAll",
        },
        server::Route {
            operation: "things_update",
            method: "POST",
            path: "/things/update",
        },
    ],
    common_fields: &[
        server::CommonField {
            wire_name: "AccessToken",
            setter: "access_token",
            required: true,
            secret: true,
            test_value: Some("mock-access-token"),
        },
        server::CommonField {
            wire_name: "Client",
            setter: "client",
            required: true,
            secret: false,
            test_value: Some("mock-client"),
        },
        server::CommonField {
            wire_name: "LanguageCode",
            setter: "language_code",
            required: false,
            secret: false,
            test_value: None,
        },
    ],
    error_body,
};

/// The body of an error response of `status`, as the API documents it, with `message`.
fn error_body(_status: u16, message: &str) -> Vec<u8> {
    server::member_body("Message", message)
}
