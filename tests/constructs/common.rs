//! Shared by the wire tests of every construct crate (copied beside each as `common/mod.rs`).

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A loopback server that answers every request with `200` and `body`, and records them.
pub async fn answering(body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    server
}
