//! A short soak in the default test run: a few hundred calls through one client against a
//! server mixing every fault of `mews_benches::soak`, checked as the full soak is (every call
//! ends with a result or a typed error, the limit holds at the server, no place, connection or
//! task is kept). The 10,000-call soak with memory figures is `cargo run --release -p
//! mews-benches --bin soak`.

use std::time::Duration;

use mews_benches::limit_waits::LimitWaits;
use mews_benches::soak::{self, Soak};
use mews_connector::{Client, CustomerAddParameters, RateLimit, RetryPolicy};
use mews_tests::server::{Reply, Server};
use mews_tests::{CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE};
use tracing::instrument::WithSubscriber;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_call_ends_and_nothing_is_kept_under_mixed_faults() {
    let soak = Soak {
        calls: 300,
        concurrency: 32,
        limit: RateLimit::new(200, Duration::from_secs(1)),
    };

    let report = soak::run(&soak, |_| ()).await;

    let failures = report.failures(&soak);
    assert!(failures.is_empty(), "{failures:#?}\n{report:#?}");
    // The mix reached the client: successes and each kind of typed error.
    for outcome in ["ok", "Decode", "BodyTooLarge"] {
        assert!(report.outcomes.contains_key(outcome), "{report:#?}");
    }
    assert!(
        report.requests > soak.calls,
        "retries happened: {report:#?}"
    );
}

/// The soak's check that no place was kept counts the waits the client traces: the count hears
/// them. One place a minute: the second call must wait, and is dropped while it does.
#[tokio::test]
async fn the_count_of_waits_hears_a_call_waiting_for_the_limit() {
    let server = Server::start(|_| Reply::json(200, CUSTOMERS_ADD_RESPONSE)).await;
    let client = Client::builder(server.uri(), "client-token", "access-token", "Soak 1.0")
        .retry_policy(RetryPolicy::never())
        .rate_limit(RateLimit::new(1, Duration::from_secs(60)))
        .build()
        .unwrap();
    let request: CustomerAddParameters = serde_json::from_str(CUSTOMERS_ADD_REQUEST).unwrap();
    let waits = LimitWaits::default();

    client
        .customers_add(&request)
        .with_subscriber(waits.dispatch())
        .await
        .unwrap();
    assert_eq!(waits.count(), 0, "the first call has its place at once");
    let waiting = tokio::time::timeout(
        Duration::from_millis(100),
        client
            .customers_add(&request)
            .with_subscriber(waits.dispatch()),
    )
    .await;

    assert!(waiting.is_err(), "the second call waits for the minute");
    assert_eq!(waits.count(), 1);
    assert_eq!(server.requests(), 1);
}
