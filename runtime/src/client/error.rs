//! What every error of the client tells, whatever the API: its status, its request id, its
//! message. The module above generates the `Error` enum, with one variant per documented
//! status beside the failures every client has, and `Error::response`, which gives the error
//! response of those variants.

use std::fmt;

use super::Error;
use crate::http::{ErrorResponse, TransportError};

impl Error {
    /// The HTTP status of the response, if one arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::NoContent { status, .. } => Some(*status),
            Error::Decode(error) => Some(error.status),
            Error::BodyTooLarge(error) => Some(error.status),
            other => other.response().map(ErrorResponse::status),
        }
    }

    /// The `Request-Id` of the response, if one arrived with it: quote it when reporting a
    /// problem.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::NoContent { request_id, .. } => request_id.as_deref(),
            Error::Decode(error) => error.request_id.as_deref(),
            Error::BodyTooLarge(error) => error.request_id.as_deref(),
            other => other.response().and_then(ErrorResponse::request_id),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoContent { status, .. } => write!(
                formatter,
                "HTTP {status}: no content, but the operation returns a result"
            ),
            Error::Timeout => formatter.write_str("no response within the timeout"),
            Error::Transport(error) => write!(formatter, "transport error: {error}"),
            Error::Decode(error) => error.fmt(formatter),
            Error::BodyTooLarge(error) => error.fmt(formatter),
            Error::Encode(error) => write!(formatter, "cannot serialize the request: {error}"),
            Error::Validation(error) => write!(formatter, "invalid request, not sent: {error}"),
            Error::RepeatedCursor { operation, cursor } => write!(
                formatter,
                "{operation}: the server returned the cursor {cursor} again; the walk stopped"
            ),
            // Every other variant holds an error response.
            other => match other.response() {
                Some(response) => response.fmt(formatter),
                None => write!(formatter, "{other:?}"),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            Error::Decode(error) => Some(error),
            Error::BodyTooLarge(error) => Some(error),
            Error::Encode(error) => Some(error),
            Error::Validation(error) => Some(error),
            _ => None,
        }
    }
}

impl From<TransportError> for Error {
    fn from(error: TransportError) -> Self {
        match error {
            TransportError::Timeout => Error::Timeout,
            TransportError::Failed(error) => Error::Transport(error),
            TransportError::BodyTooLarge(error) => Error::BodyTooLarge(error),
        }
    }
}
