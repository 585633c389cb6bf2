//! The soak (`mews_benches::soak`) at 10,000 calls, with the heap measured by a counting
//! allocator and the resident set size read from `/proc/self/status`, then the memory one call
//! takes against a 200 whose body is 1 GiB of whitespace. Prints Markdown for BENCHMARKS.md and
//! exits with 1 if a check of the soak failed.
//!
//! `cargo run --release -p mews-benches --bin soak [calls]`

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use mews_benches::soak::{self, Soak};
use mews_connector::{Client, CustomerAddParameters, Error, RateLimit, RetryPolicy};
use mews_tests::server::{Reply, Server};
use mews_tests::CUSTOMERS_ADD_REQUEST;

use mews_benches::counting::{Counting, CURRENT, PEAK};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / 1048576.0)
}

/// `VmRSS` and `VmHWM` (peak resident set) of this process, in bytes.
fn resident() -> (usize, usize) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<usize>()
                    .ok()
            })
            .map_or(0, |kib| kib * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The heap's growth at its peak during `future`, over what it was before.
async fn peak_during<T>(future: impl std::future::Future<Output = T>) -> (T, usize) {
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let output = future.await;
    (output, PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

/// One call against a server answering 200 with 1 GiB of whitespace.
async fn huge_body(reply: Reply, whole: bool) -> (String, Duration, usize) {
    let server = Server::start(move |_| reply.clone()).await;
    let started = Instant::now();
    let (outcome, peak) = if whole {
        // What the client did before: read the whole body, then decode it.
        peak_during(async {
            let url = format!("{}/api/connector/v1/customers/add", server.uri());
            let body = reqwest::Client::new()
                .post(url)
                .send()
                .await
                .expect("a response")
                .bytes()
                .await
                .expect("a body");
            let read = body.len();
            let decoded = serde_json::from_slice::<mews_connector::Customer>(&body);
            format!(
                "read {} whole, then {:?}",
                mib(read),
                decoded.err().map(|e| e.to_string())
            )
        })
        .await
    } else {
        peak_during(async {
            let client = Client::builder(server.uri(), "token", "token", "Soak 1.0")
                .retry_policy(RetryPolicy::never())
                .build()
                .expect("the client builds");
            let request: CustomerAddParameters =
                serde_json::from_str(CUSTOMERS_ADD_REQUEST).expect("the example parses");
            match client.customers_add(&request).await {
                Err(error @ Error::BodyTooLarge(_)) => error.to_string(),
                other => format!("{other:?}"),
            }
        })
        .await
    };
    (outcome, started.elapsed(), peak)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let calls = std::env::args()
        .nth(1)
        .and_then(|calls| calls.parse().ok())
        .unwrap_or(10_000);
    let soak = Soak {
        calls,
        concurrency: 64,
        limit: RateLimit::new(1000, Duration::from_secs(1)),
    };
    let baseline = CURRENT.load(Ordering::Relaxed);
    let mut samples = Vec::new();
    PEAK.store(baseline, Ordering::Relaxed);
    let report = soak::run(&soak, |ended| {
        if ended % (calls / 10).max(1) == 0 {
            let peak = PEAK.swap(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
            samples.push((ended, CURRENT.load(Ordering::Relaxed), peak, resident().0));
        }
    })
    .await;
    let after = CURRENT.load(Ordering::Relaxed);

    println!(
        "{} calls, {} at once, rate limit {} per {:?}: {:.1} s, {} requests (retries included), {} connections",
        soak.calls,
        soak.concurrency,
        soak.limit.requests,
        soak.limit.window,
        report.elapsed.as_secs_f64(),
        report.requests,
        report.connections
    );
    println!("\n| answer chosen by the server | requests |\n| --- | ---: |");
    for (kind, count) in &report.replies {
        println!("| {kind} | {count} |");
    }
    println!("\n| outcome of the call | calls |\n| --- | ---: |");
    for (outcome, count) in &report.outcomes {
        println!("| {outcome} | {count} |");
    }
    println!(
        "\nhung: {}, panicked: {}; most arrivals in one window: {} (limit {}); waits for a place: {}; a full window of {} calls at once after the soak: {} waits for a place; connections open after dropping the client: {}; tasks alive before {} and after {}",
        report.hung,
        report.panicked,
        report.most_in_window,
        soak.limit.requests,
        report.limit_waits,
        soak.limit.requests,
        report.full_window_waits,
        report.connections_open_after,
        report.tasks_before,
        report.tasks_after
    );
    println!(
        "\n| calls ended | live heap | heap peak since the previous line | resident set |\n| ---: | ---: | ---: | ---: |"
    );
    for (ended, heap, peak, rss) in &samples {
        println!(
            "| {ended} | {} | {} | {} |",
            mib(heap - baseline),
            mib(peak - baseline),
            mib(*rss)
        );
    }
    println!(
        "\nheap at the start: {} KiB; after the soak, client dropped: {} KiB more, of which {} KiB are the server's log of arrival times; peak resident set: {}",
        baseline / 1024,
        after.saturating_sub(baseline) / 1024,
        report.server_log_bytes / 1024,
        mib(resident().1)
    );

    println!("\n| 200 with 1 GiB of whitespace | outcome | time | heap peak |\n| --- | --- | ---: | ---: |");
    let gib = 1usize << 30;
    for (label, reply, whole) in [
        (
            "with `Content-Length`, default limit",
            Reply::Declared {
                declared: gib as u64,
                length: gib,
            },
            false,
        ),
        (
            "chunked, default limit",
            Reply::Endless { byte: b' ' },
            false,
        ),
        (
            "with `Content-Length`, read whole (`reqwest` `bytes()`, as before)",
            Reply::Declared {
                declared: gib as u64,
                length: gib,
            },
            true,
        ),
    ] {
        let (outcome, time, peak) = huge_body(reply, whole).await;
        println!(
            "| {label} | {outcome} | {:.2} s | {} |",
            time.as_secs_f64(),
            mib(peak)
        );
    }

    let failures = report.failures(&soak);
    if !failures.is_empty() {
        eprintln!("soak failed: {failures:#?}");
        std::process::exit(1);
    }
}
