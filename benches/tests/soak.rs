//! A short soak in the default test run: a few hundred calls through one client against a
//! server mixing every fault of `mews_benches::soak`, checked as the full soak is (every call
//! ends with a result or a typed error, the limit holds at the server, no place, connection or
//! task is kept). The 10,000-call soak with memory figures is `cargo run --release -p
//! mews-benches --bin soak`.

use std::time::Duration;

use mews_benches::soak::{self, Soak};
use mews_connector::RateLimit;

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
