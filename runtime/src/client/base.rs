//! The client and its builder as every API has them: how requests are sent, and the helpers
//! of the methods that the module above generates, one per operation. What varies per API is
//! generated there: `CommonFields` (the fields every request carries, with
//! `ClientBuilder::new` and the setters of their defaults), `Error`, and the methods.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::{CommonFields, Error};
use crate::http::{RateLimit, RawResponse, RetryPolicy, Settings, Transport};
use crate::support::Validate;

/// Configures a [`Client`]: the fields every request carries, and how requests are sent.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    pub(super) settings: Settings,
    pub(super) common: CommonFields,
}

/// A client of the API. Cloning it is cheap: clones share the connection pool, the
/// settings and the rate limit.
#[derive(Debug, Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// What the clones of a client share.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) transport: Transport,
    #[allow(dead_code)] // Only the methods of JSON requests send the common fields.
    pub(super) common: CommonFields,
}

impl ClientBuilder {
    /// A builder of a client of the server at `base_url` that sends `common` with every
    /// request.
    pub(super) fn with_common_fields(base_url: impl Into<String>, common: CommonFields) -> Self {
        ClientBuilder {
            settings: Settings::new(base_url.into()),
            common,
        }
    }

    /// How long one attempt may take, from sending to the end of the response body
    /// (default 60 seconds).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// When failed requests are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.settings.retry = policy;
        self
    }

    /// Keeps the client under a request rate, waiting before a request would exceed it
    /// (default: no client-side limit).
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.settings.rate_limit = Some(limit);
        self
    }

    /// The longest response body read, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BODY`](crate::http::DEFAULT_MAX_RESPONSE_BODY), 64 MiB): a
    /// longer body ends the call with [`Error::BodyTooLarge`] as soon as it is known to be
    /// longer, without reading the rest.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.settings.max_response_body = bytes;
        self
    }

    /// Sends requests through this `reqwest` client (proxies, TLS settings, a shared pool)
    /// instead of a new one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.settings.http = Some(client);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let secrets = self.common.secrets();
        let transport = Transport::new(self.settings, secrets).map_err(Error::Transport)?;
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                common: self.common,
            }),
        })
    }
}

impl Client {
    /// Validates a request and serializes it after the fields every request carries
    /// (`common`), as one object.
    #[allow(dead_code)] // Only APIs with JSON requests use it.
    pub(super) fn json_body(
        &self,
        request: &(impl Serialize + Validate),
        common: impl Serialize,
    ) -> Result<Vec<u8>, Error> {
        request.validate().map_err(Error::Validation)?;
        let mut body = serde_json::to_vec(&common).map_err(Error::Encode)?;
        let request = serde_json::to_vec(request).map_err(Error::Encode)?;
        // Both are JSON objects (`{...}`); splicing the bytes avoids building a tree.
        match (body.len(), request.len()) {
            (_, 0..=2) => Ok(body),
            (0..=2, _) => Ok(request),
            _ => {
                body.pop();
                body.push(b',');
                body.extend_from_slice(&request[1..]);
                Ok(body)
            }
        }
    }

    /// Reads the result of a successful response.
    #[allow(dead_code)] // Only APIs with JSON results use it.
    pub(super) fn result<T: serde::de::DeserializeOwned>(
        &self,
        response: &RawResponse,
    ) -> Result<T, Error> {
        response.json(&self.inner.transport).map_err(Error::Decode)
    }
}
