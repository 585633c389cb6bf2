//! The four ways of calling `customers/add` that the client benchmarks compare, against the
//! loopback server of [`crate::server`].

use std::time::Duration;

use mews_connector::{Client, Customer, CustomerAddParameters, RetryPolicy};
use mews_tests::{CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE};

use crate::handwritten;

const TIMEOUT: Duration = Duration::from_secs(60);

/// A hand-written request body with the credentials in it.
#[derive(serde::Serialize)]
struct Authenticated<'a> {
    #[serde(rename = "ClientToken")]
    client_token: &'a str,
    #[serde(rename = "AccessToken")]
    access_token: &'a str,
    #[serde(rename = "Client")]
    client: &'a str,
    #[serde(flatten)]
    request: &'a handwritten::CustomerAddParameters,
}

/// Everything the calls share: the server's address, one connection pool, the requests.
pub struct Calls {
    url: String,
    http: reqwest::Client,
    client: Client,
    request: CustomerAddParameters,
    handwritten: handwritten::CustomerAddParameters,
    /// The exact bytes the generated client sends.
    body: Vec<u8>,
}

impl Calls {
    /// Starts the server on the current Tokio runtime.
    pub async fn start() -> Self {
        let base_url = crate::server::start(CUSTOMERS_ADD_RESPONSE).await;
        let http = reqwest::Client::new();
        let client = Client::builder(&base_url, "client-token", "access-token", "Bench 1.0")
            .retry_policy(RetryPolicy::never())
            .http_client(http.clone())
            .build()
            .expect("the client builds");
        let handwritten: handwritten::CustomerAddParameters =
            serde_json::from_str(CUSTOMERS_ADD_REQUEST).expect("the example parses");
        let body = serde_json::to_vec(&Authenticated {
            client_token: "client-token",
            access_token: "access-token",
            client: "Bench 1.0",
            request: &handwritten,
        })
        .expect("the request serializes");
        Calls {
            url: format!("{base_url}/api/connector/v1/customers/add"),
            http,
            client,
            request: serde_json::from_str(CUSTOMERS_ADD_REQUEST).expect("the example parses"),
            handwritten,
            body,
        }
    }

    async fn post(&self, body: Vec<u8>, timeout: Option<Duration>) -> Customer {
        let mut request = self
            .http
            .post(&self.url)
            .header("Content-Type", "application/json")
            .body(body);
        if let Some(timeout) = timeout {
            request = request.timeout(timeout);
        }
        let bytes = request
            .send()
            .await
            .expect("the server answers")
            .bytes()
            .await
            .expect("a body");
        serde_json::from_slice(&bytes).expect("the documented result")
    }

    /// Sends the bytes the generated client would send, and decodes the result.
    pub async fn bare(&self) -> Customer {
        self.post(self.body.clone(), None).await
    }

    /// The same, with the timeout every call of the generated client has.
    pub async fn bare_with_timeout(&self) -> Customer {
        self.post(self.body.clone(), Some(TIMEOUT)).await
    }

    /// The same job by hand: serialize a hand-written request with the credentials, send it
    /// with a timeout, decode the result.
    pub async fn same_job_by_hand(&self) -> Customer {
        let body = serde_json::to_vec(&Authenticated {
            client_token: "client-token",
            access_token: "access-token",
            client: "Bench 1.0",
            request: &self.handwritten,
        })
        .expect("the request serializes");
        self.post(body, Some(TIMEOUT)).await
    }

    /// The generated client.
    pub async fn generated(&self) -> Customer {
        self.client
            .customers_add(&self.request)
            .await
            .expect("the call succeeds")
    }
}
