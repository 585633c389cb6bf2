//! Stands in for a generated `client.rs`: the client of the `things` API, as the generator
//! writes it around the runtime's `client/base.rs` and `client/error.rs`.

mod base;
mod error;

use std::time::Duration;

use futures::stream::BoxStream;
use serde::Serialize;

pub use base::{Client, ClientBuilder};

use crate::http::{
    ApiError, BodyTooLarge, DecodeError, Endpoint, ErrorBody, ErrorResponse, RawResponse, Request,
    Secret,
};
use crate::models::*;
use crate::pagination::{self, Page, PageRequest};
use crate::support::ValidationError;

/// The body fields the client adds to every request.
#[derive(Debug, Clone)]
struct CommonFields {
    access_token: Secret,
    client: String,
    language_code: Option<String>,
}

impl CommonFields {
    /// The fields as sent with one request: the required ones, and each default for which the
    /// request leaves its own field unset (the flag of the same name).
    fn body(&self, language_code: bool) -> CommonBody<'_> {
        CommonBody {
            access_token: self.access_token.expose(),
            client: &self.client,
            language_code: self.language_code.as_deref().filter(|_| language_code),
        }
    }

    /// The credentials, which nothing the client shows may contain.
    fn secrets(&self) -> Vec<Secret> {
        vec![self.access_token.clone()]
    }
}

/// The common fields of one request body, sent before the request's own fields.
#[derive(Serialize)]
struct CommonBody<'a> {
    #[serde(rename = "AccessToken")]
    access_token: &'a str,
    #[serde(rename = "Client")]
    client: &'a str,
    #[serde(rename = "LanguageCode", skip_serializing_if = "Option::is_none")]
    language_code: Option<&'a str>,
}

impl ClientBuilder {
    /// Starts configuring a client of the server at `base_url`, with the fields every request
    /// carries.
    pub fn new(
        base_url: impl Into<String>,
        access_token: impl Into<String>,
        client: impl Into<String>,
    ) -> Self {
        ClientBuilder::with_common_fields(
            base_url,
            CommonFields {
                access_token: Secret::new(access_token),
                client: client.into(),
                language_code: None,
            },
        )
    }

    /// Sends `LanguageCode` with every request.
    pub fn language_code(mut self, language_code: impl Into<String>) -> Self {
        self.common.language_code = Some(language_code.into());
        self
    }
}

impl Client {
    /// Starts configuring a client; see [`ClientBuilder::new`].
    pub fn builder(
        base_url: impl Into<String>,
        access_token: impl Into<String>,
        client: impl Into<String>,
    ) -> ClientBuilder {
        ClientBuilder::new(base_url, access_token, client)
    }

    /// Gets a page of things. `POST /things/getAll`.
    pub async fn things_get_all(&self, request: &ThingFilter) -> Result<ThingResult, Error> {
        const ENDPOINT: Endpoint = Endpoint {
            name: "things_get_all",
            method: reqwest::Method::POST,
            path: "/things/getAll",
            idempotent: true,
        };
        let request = Request::new(ENDPOINT.path).body(
            self.json_body(request, self.inner.common.body(true))?,
            "application/json",
        );
        let response = self.inner.transport.send(&ENDPOINT, &request).await?;
        match response.status {
            204 => Err(Error::NoContent {
                status: response.status,
                request_id: response.request_id,
            }),
            200..=299 => self.result(&response),
            _ => Err(self.error(response)),
        }
    }

    /// Every page of [`Client::things_get_all`].
    pub fn things_get_all_pages(
        &self,
        request: ThingFilter,
    ) -> BoxStream<'static, Result<ThingResult, Error>> {
        let client = self.clone();
        pagination::pages("things_get_all", request, move |request| {
            let client = client.clone();
            async move {
                let page = client.things_get_all(&request).await;
                (request, page)
            }
        })
    }

    /// Every thing of every page of [`Client::things_get_all`].
    pub fn things_get_all_items(
        &self,
        request: ThingFilter,
    ) -> BoxStream<'static, Result<Thing, Error>> {
        pagination::items(self.things_get_all_pages(request))
    }

    /// Changes a thing. `POST /things/update`. Not idempotent.
    pub async fn things_update(&self, request: &ThingUpdate) -> Result<(), Error> {
        const ENDPOINT: Endpoint = Endpoint {
            name: "things_update",
            method: reqwest::Method::POST,
            path: "/things/update",
            idempotent: false,
        };
        let request = Request::new(ENDPOINT.path).body(
            self.json_body(request, self.inner.common.body(true))?,
            "application/json",
        );
        let response = self.inner.transport.send(&ENDPOINT, &request).await?;
        match response.status {
            200..=299 => Ok(()),
            _ => Err(self.error(response)),
        }
    }

    /// Streams the things as they change, as server-sent events. `POST /things/watch`.
    pub async fn things_watch(
        &self,
        request: &ThingFilter,
    ) -> Result<BoxStream<'static, Result<crate::sse::Event<Thing>, Error>>, Error> {
        const ENDPOINT: Endpoint = Endpoint {
            name: "things_watch",
            method: reqwest::Method::POST,
            path: "/things/watch",
            idempotent: true,
        };
        let request = Request::new(ENDPOINT.path).body(
            self.json_body(request, self.inner.common.body(true))?,
            "application/json",
        );
        self.events(&ENDPOINT, &request).await
    }

    /// The error for a response that is not a success.
    pub(crate) fn error(&self, response: RawResponse) -> Error {
        let transport = &self.inner.transport;
        let error = match response.status {
            400 => response
                .api_error(transport)
                .map(|error| Error::BadRequest(Box::new(error))),
            429 => response
                .api_error(transport)
                .map(|error| Error::TooManyRequests {
                    retry_after: response.retry_after,
                    error: Box::new(error),
                }),
            _ => response
                .api_error(transport)
                .map(|error| Error::UnexpectedStatus(Box::new(error))),
        };
        error.unwrap_or_else(Error::Decode)
    }
}

/// Everything a call can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// `400`: the request is invalid.
    BadRequest(Box<ApiError<ErrorResult>>),
    /// `429`: too many requests.
    TooManyRequests {
        /// The status, request id and error body.
        error: Box<ApiError<ErrorResult>>,
        /// How long the server asks to wait before the next request (`Retry-After`).
        retry_after: Option<Duration>,
    },
    /// A status the spec does not document for any operation.
    UnexpectedStatus(Box<ApiError<serde_json::Value>>),
    /// A success status the operation documents without a body.
    NoContent {
        /// The HTTP status.
        status: u16,
        /// The `Request-Id` header of the response.
        request_id: Option<String>,
    },
    /// No response arrived within the timeout.
    Timeout,
    /// The request could not be sent or the response not received.
    Transport(reqwest::Error),
    /// The response body is not the documented JSON.
    Decode(DecodeError),
    /// The response body is longer than the client accepts.
    BodyTooLarge(BodyTooLarge),
    /// The request could not be serialized.
    Encode(serde_json::Error),
    /// The request breaks a limit of the spec; nothing was sent.
    Validation(ValidationError),
    /// While walking the pages of `operation`, the server returned a cursor it had already
    /// returned.
    RepeatedCursor {
        /// The paginated operation.
        operation: &'static str,
        /// The cursor that came back.
        cursor: String,
    },
}

impl Error {
    /// The error response of a variant of a status.
    fn response(&self) -> Option<&dyn ErrorResponse> {
        match self {
            Error::BadRequest(error) => Some(&**error),
            Error::TooManyRequests { error, .. } => Some(&**error),
            Error::UnexpectedStatus(error) => Some(&**error),
            _ => None,
        }
    }

    /// How long the server asked to wait before the next request.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::TooManyRequests { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

impl ErrorBody for ErrorResult {
    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl PageRequest for ThingFilter {
    type Cursor = uuid::Uuid;

    fn page_size(&mut self) -> i64 {
        i64::from(self.limitation.count)
    }

    fn start_after(&mut self, cursor: Self::Cursor) {
        self.limitation.cursor = crate::support::Nullable::Value(cursor);
    }
}

impl Page for ThingResult {
    type Item = Thing;
    type Cursor = uuid::Uuid;

    fn item_count(&self) -> usize {
        self.things.len()
    }

    fn cursor(&self) -> Option<Self::Cursor> {
        self.cursor
    }

    fn into_items(self) -> Vec<Self::Item> {
        self.things
    }
}
