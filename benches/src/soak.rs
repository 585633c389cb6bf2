//! The soak: many `customers/add` calls through one client (and its clones) against a loopback
//! server that mixes successes, `429`s, server errors, slow answers, answers that never come,
//! resets, malformed, endless, oversized and stalled bodies; then checks that every call ended
//! with a result or a typed error and that nothing was kept: places in the rate limit,
//! connections, tasks. `cargo run --release -p mews-benches --bin soak` runs 10,000 calls and
//! measures memory; `benches/tests/soak.rs` runs a few hundred in the default test run.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mews_connector::{Client, CustomerAddParameters, Error, RateLimit, RetryPolicy};
use mews_tests::server::{most_in_any_window, Options, Reply, Server};
use mews_tests::{CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE};
use tokio::task::JoinSet;
use tracing::instrument::WithSubscriber;

use crate::limit_waits::LimitWaits;

/// The per-attempt timeout of the soak's client: slow answers beyond it end as timeouts.
pub const TIMEOUT: Duration = Duration::from_millis(200);
/// The response body limit of the soak's client.
pub const MAX_BODY: usize = 256 << 10;
/// How long any one call may take before the soak counts it as hung.
const CALL_LIMIT: Duration = Duration::from_secs(30);

/// What to run.
#[derive(Debug, Clone)]
pub struct Soak {
    /// Calls in all.
    pub calls: usize,
    /// Calls under way at once.
    pub concurrency: usize,
    /// The client's rate limit, checked against the server's arrival times.
    pub limit: RateLimit,
}

/// What happened.
#[derive(Debug, Default)]
pub struct Report {
    /// Calls per outcome: `ok` or the error variant.
    pub outcomes: BTreeMap<&'static str, usize>,
    /// Calls that did not end within 30 s.
    pub hung: usize,
    /// Calls whose task panicked.
    pub panicked: usize,
    /// The time the calls took.
    pub elapsed: Duration,
    /// Requests the server read during the calls (retries included).
    pub requests: usize,
    /// Answers of each kind the server chose, by request.
    pub replies: BTreeMap<&'static str, usize>,
    /// The most arrivals in any window of the rate limit.
    pub most_in_window: usize,
    /// Connections the server accepted.
    pub connections: usize,
    /// How often the calls waited for a place in the rate limit.
    pub limit_waits: usize,
    /// After the calls and one quiet window, `limit.requests` calls at once: how often they
    /// waited for a place. None waits, however slow the machine, unless a place was kept.
    pub full_window_waits: usize,
    /// Whether all of those calls succeeded.
    pub full_window_ok: bool,
    /// Connections still open 2 s after the client was dropped.
    pub connections_open_after: usize,
    /// The heap the server reserved for its log of arrival times (16 bytes a request).
    pub server_log_bytes: usize,
    /// Tokio tasks alive before the client was built, and after it was dropped.
    pub tasks_before: usize,
    /// See `tasks_before`.
    pub tasks_after: usize,
}

impl Report {
    /// Every check of the soak that failed, in words; empty when all passed.
    pub fn failures(&self, soak: &Soak) -> Vec<String> {
        let mut failures = Vec::new();
        let ended: usize = self.outcomes.values().sum();
        if ended != soak.calls {
            failures.push(format!("{ended} of {} calls ended", soak.calls));
        }
        if self.hung > 0 || self.panicked > 0 {
            failures.push(format!("{} hung, {} panicked", self.hung, self.panicked));
        }
        if self.outcomes.contains_key("other") {
            failures.push(format!("unexpected outcomes: {:?}", self.outcomes));
        }
        if self.most_in_window > soak.limit.requests as usize {
            failures.push(format!(
                "the server saw {} requests in one window, over the limit of {}",
                self.most_in_window, soak.limit.requests
            ));
        }
        if !self.full_window_ok || self.full_window_waits > 0 {
            failures.push(format!(
                "a full window of calls after the soak waited {} times for a place (all ok: {}): \
                 a place was kept",
                self.full_window_waits, self.full_window_ok
            ));
        }
        if self.connections_open_after > 0 {
            failures.push(format!(
                "{} connections open after the client was dropped",
                self.connections_open_after
            ));
        }
        if self.tasks_after > self.tasks_before {
            failures.push(format!(
                "{} tasks alive after, {} before",
                self.tasks_after, self.tasks_before
            ));
        }
        failures
    }
}

/// The kind of answer for request `index`: the same mix for every run, scattered by a hash.
fn kind(index: usize) -> &'static str {
    match (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57 {
        // 0..128
        0..=74 => "200",
        75..=76 => "429 without Retry-After",
        77 => "429 Retry-After: 0",
        78..=84 => "500",
        85..=92 => "200 after 50 ms",
        93..=95 => "200 after 400 ms (past the timeout)",
        96..=101 => "reset",
        102..=108 => "200 truncated JSON",
        109..=113 => "502 HTML",
        114..=117 => "200 endless",
        118..=120 => "200 declaring 1 GiB",
        121..=124 => "200 stalling mid-body",
        _ => "no answer",
    }
}

fn reply(kind: &str) -> Reply {
    let error = |status: u16| {
        Reply::json(
            status,
            format!(r#"{{"Message": "failure {status}", "RequestId": "r", "Details": null}}"#),
        )
        .with_header("Request-Id", "r")
    };
    match kind {
        "200" => Reply::json(200, CUSTOMERS_ADD_RESPONSE),
        "429 without Retry-After" => error(429),
        "429 Retry-After: 0" => error(429).with_header("Retry-After", "0"),
        "500" => error(500),
        "200 after 50 ms" => {
            Reply::json(200, CUSTOMERS_ADD_RESPONSE).after(Duration::from_millis(50))
        }
        "200 after 400 ms (past the timeout)" => {
            Reply::json(200, CUSTOMERS_ADD_RESPONSE).after(Duration::from_millis(400))
        }
        "reset" => Reply::Reset,
        "200 truncated JSON" => Reply::json(200, &CUSTOMERS_ADD_RESPONSE[..100]),
        "502 HTML" => Reply::json(502, "<html><body>502 Bad Gateway</body></html>"),
        "200 endless" => Reply::Endless { byte: b' ' },
        "200 declaring 1 GiB" => Reply::Declared {
            declared: 1 << 30,
            length: 0,
        },
        "200 stalling mid-body" => Reply::Declared {
            declared: 10_000,
            length: 100,
        },
        _ => Reply::Hang,
    }
}

fn label(result: &Result<mews_connector::Customer, Error>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(Error::TooManyRequests { .. }) => "TooManyRequests",
        Err(Error::InternalServerError(_)) => "InternalServerError",
        Err(Error::UnexpectedStatus(_)) => "UnexpectedStatus",
        Err(Error::Timeout) => "Timeout",
        Err(Error::Transport(_)) => "Transport",
        Err(Error::Decode(_)) => "Decode",
        Err(Error::BodyTooLarge(_)) => "BodyTooLarge",
        Err(_) => "other",
    }
}

/// The soak's client: short timeouts and backoffs, retries of everything, a small body limit.
fn client(server: &Server, limit: RateLimit) -> Client {
    Client::builder(
        server.uri(),
        "soak-client-token",
        "soak-access-token",
        "Soak 1.0",
    )
    .timeout(TIMEOUT)
    .retry_policy(RetryPolicy {
        max_attempts: 3,
        max_total_wait: Duration::from_secs(5),
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(50),
        retry_non_idempotent: true,
        jitter: Duration::from_millis(10),
    })
    .rate_limit(limit)
    .max_response_body(MAX_BODY)
    .build()
    .expect("the client builds")
}

/// Runs `calls` calls, at most `concurrency` at once, through clones of `client`, counting
/// their waits for the rate limit in `waits`; `progress` is told the number of calls ended
/// after each one.
async fn calls(
    client: &Client,
    calls: usize,
    concurrency: usize,
    report: &mut Report,
    waits: &LimitWaits,
    mut progress: impl FnMut(usize),
) {
    let request: Arc<CustomerAddParameters> =
        Arc::new(serde_json::from_str(CUSTOMERS_ADD_REQUEST).expect("the example parses"));
    let mut running = JoinSet::new();
    let mut started = 0;
    let mut ended = 0;
    while ended < calls {
        while started < calls && running.len() < concurrency {
            let client = client.clone();
            let request = Arc::clone(&request);
            running.spawn(
                async move {
                    tokio::time::timeout(CALL_LIMIT, client.customers_add(&request)).await
                }
                .with_subscriber(waits.dispatch()),
            );
            started += 1;
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        match joined {
            Err(_) => report.panicked += 1,
            Ok(Err(_)) => report.hung += 1,
            Ok(Ok(result)) => *report.outcomes.entry(label(&result)).or_default() += 1,
        }
        ended += 1;
        progress(ended);
    }
}

/// Runs the soak on the current Tokio runtime; `progress` is told the number of calls ended
/// after each call, for sampling memory.
pub async fn run(soak: &Soak, progress: impl FnMut(usize)) -> Report {
    let all_ok = Arc::new(AtomicBool::new(false));
    let answering = Arc::clone(&all_ok);
    let expected_requests = soak.calls * 2 + soak.limit.requests as usize + 100;
    let options = Options {
        counts_only: true,
        expected_requests,
        ..Options::default()
    };
    let server = Server::start_with(options, move |arrival| {
        if answering.load(Ordering::SeqCst) {
            Reply::json(200, CUSTOMERS_ADD_RESPONSE)
        } else {
            reply(kind(arrival.index))
        }
    })
    .await;
    let mut report = Report {
        server_log_bytes: expected_requests * std::mem::size_of::<Instant>(),
        tasks_before: tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks(),
        ..Report::default()
    };
    let client = client(&server, soak.limit);

    let started = Instant::now();
    let waits = LimitWaits::default();
    calls(
        &client,
        soak.calls,
        soak.concurrency,
        &mut report,
        &waits,
        progress,
    )
    .await;
    report.elapsed = started.elapsed();
    report.limit_waits = waits.count();
    let arrivals = server.arrival_times();
    report.requests = arrivals.len();
    for index in 0..arrivals.len() {
        *report.replies.entry(kind(index)).or_default() += 1;
    }

    // A quiet window, after which every place of the soak has stopped counting; then a full
    // window's worth of calls at once: none of them waits for a place unless a place of the
    // soak was kept.
    all_ok.store(true, Ordering::SeqCst);
    tokio::time::sleep(soak.limit.window + Duration::from_millis(100)).await;
    let mut full = Report::default();
    let budget = soak.limit.requests as usize;
    let full_waits = LimitWaits::default();
    calls(&client, budget, budget, &mut full, &full_waits, |_| ()).await;
    report.full_window_waits = full_waits.count();
    let arrivals = server.arrival_times();
    report.most_in_window = most_in_any_window(&arrivals, soak.limit.window);
    report.full_window_ok =
        full.outcomes.get("ok") == Some(&budget) && arrivals.len() == report.requests + budget;

    drop(client);
    let closing = Instant::now();
    while server.open_connections() > 0 && closing.elapsed() < Duration::from_secs(2) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    report.connections_open_after = server.open_connections();
    report.connections = server.accepted_connections();
    // Connection tasks end a moment after their connection closes: a leaked task never does.
    let alive = || {
        tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks()
    };
    while alive() > report.tasks_before && closing.elapsed() < Duration::from_secs(2) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    report.tasks_after = alive();
    report
}
