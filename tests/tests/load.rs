//! The generated client under load and faults, against the recording loopback server of
//! `mews_tests::server`: the rate limit as the server counts it, the client-wide pause after a
//! `429`, bounded response bodies, and calls dropped by their callers.
//!
//! Every time compared is an `Instant` of this process, taken by the server when it had read a
//! request or written an answer; windows are 1 second and margins generous.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use mews_connector::{Client, ClientBuilder, CustomerAddParameters, Error, RateLimit, RetryPolicy};
use mews_tests::server::{most_in_any_window, Options, Reply, Server};
use mews_tests::{CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE};

const SECOND: Duration = Duration::from_secs(1);

fn builder(server: &Server) -> ClientBuilder {
    Client::builder(server.uri(), "client-token", "access-token", "Load 1.0")
}

fn request() -> CustomerAddParameters {
    serde_json::from_str(CUSTOMERS_ADD_REQUEST).unwrap()
}

fn ok() -> Reply {
    Reply::json(200, CUSTOMERS_ADD_RESPONSE)
}

fn too_many(retry_after: &str) -> Reply {
    Reply::json(
        429,
        r#"{"Message": "Too many requests.", "RequestId": "r-429", "Details": null}"#,
    )
    .with_header("Retry-After", retry_after)
    .with_header("Request-Id", "r-429")
}

/// Runs `calls` concurrent `customers/add` calls spread over the given clones of one client,
/// and returns their results in order.
async fn burst(clients: &[Client], calls: usize) -> Vec<Result<(), Error>> {
    let tasks: Vec<_> = (0..calls)
        .map(|call| {
            let client = clients[call % clients.len()].clone();
            tokio::spawn(async move { client.customers_add(&request()).await.map(drop) })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

/// Waits until `condition` holds, checking every 10 ms for at most `limit`.
async fn eventually(limit: Duration, condition: impl Fn() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if condition() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    condition()
}

fn since(start: Instant, times: &[Instant]) -> Vec<Duration> {
    times.iter().map(|at| at.duration_since(start)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_never_counts_more_than_the_limit_in_a_window() {
    // New connections reach the server 300 ms later than reused ones: the first burst arrives
    // late, and a limiter that counted from the moment of sending would let the next burst
    // arrive within the same server-side window (8 requests in one window, measured).
    let options = Options {
        first_read_delay: Duration::from_millis(300),
        ..Options::default()
    };
    let server = Server::start_with(options, |_| ok()).await;
    let limit = RateLimit::new(4, SECOND);
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .rate_limit(limit)
        .build()
        .unwrap();
    let clones = [client.clone(), client.clone(), client.clone(), client];

    let started = Instant::now();
    let results = tokio::time::timeout(Duration::from_secs(20), burst(&clones, 16))
        .await
        .expect("the burst ends");

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let arrivals = server.arrival_times();
    assert_eq!(arrivals.len(), 16);
    assert_eq!(
        most_in_any_window(&arrivals, limit.window),
        4,
        "arrivals after the start: {:?}",
        since(started, &arrivals)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_holds_its_place_until_it_arrives() {
    // The first two requests are answered after 1.5 s: a limiter that freed their places one
    // window after sending would let the next two arrive while those two are still open, and
    // the server would count four in one window.
    let server = Server::start(|arrival| {
        if arrival.index < 2 {
            ok().after(Duration::from_millis(1500))
        } else {
            ok()
        }
    })
    .await;
    let limit = RateLimit::new(2, SECOND);
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .rate_limit(limit)
        .build()
        .unwrap();

    let results = tokio::time::timeout(Duration::from_secs(20), burst(&[client], 4))
        .await
        .expect("the burst ends");

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let first_answers = server
        .answers()
        .iter()
        .filter(|answer| answer.index < 2)
        .map(|answer| answer.at)
        .max()
        .unwrap();
    for arrival in &server.arrivals()[2..] {
        assert!(
            arrival.at >= first_answers + limit.window,
            "a request arrived {:?} after the first answers",
            arrival.at.saturating_duration_since(first_answers)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_pauses_every_clone_until_retry_after_has_passed() {
    // The server refuses everything for one second after its first request, as Mews would.
    let first = Arc::new(OnceLock::new());
    let seen = Arc::clone(&first);
    let server = Server::start(move |arrival| {
        let first = *seen.get_or_init(|| arrival.at);
        if arrival.at < first + SECOND {
            too_many("1")
        } else {
            ok()
        }
    })
    .await;
    // No retries: the first call comes back with its 429 once the client has learnt of it.
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();
    let error = client.customers_add(&request()).await.unwrap_err();
    assert_eq!(error.retry_after(), Some(SECOND));

    // Ten more calls from other clones, at once: they wait for the pause instead of meeting
    // the 429 themselves, then resume spread over the jitter (up to 1 s; all ten within 100 ms
    // has a chance of about 10 * 0.1^9).
    let results = burst(&[client.clone(), client], 10).await;

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let answers = server.answers();
    let refusals: Vec<_> = answers
        .iter()
        .filter(|answer| answer.status == 429)
        .collect();
    assert_eq!(refusals.len(), 1, "only the first call met the 429");
    let resumed: Vec<Instant> = server.arrivals()[1..].iter().map(|a| a.at).collect();
    assert_eq!(resumed.len(), 10);
    assert!(
        resumed.iter().all(|&at| at >= refusals[0].at + SECOND),
        "never before the time asked for: {:?} after the 429",
        since(refusals[0].at, &resumed)
    );
    let earliest = *resumed.iter().min().unwrap();
    let latest = *resumed.iter().max().unwrap();
    assert!(
        latest - earliest >= Duration::from_millis(100),
        "spread: {:?} after the 429",
        since(refusals[0].at, &resumed)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_after_a_429_storm_are_spread_after_the_time_asked_for() {
    // Twelve concurrent calls all meet a 429 asking for one second: the server holds the twelve
    // refusals until it has read all twelve requests, so that none of them is held back by the
    // pause the first refusal would start. Without jitter the twelve retries arrive within a
    // few milliseconds of each other; with the default jitter (up to 1 s, uniform) the chance
    // that they all fall within 150 ms is about 12 * 0.15^11, 1e-8.
    let server = Server::start(|arrival| {
        if arrival.index < 12 {
            too_many("1").after_requests(12)
        } else {
            ok()
        }
    })
    .await;
    let client = builder(&server).build().unwrap();

    let results = burst(&[client], 12).await;

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let last_refusal = server.answers()[..12]
        .iter()
        .map(|answer| answer.at)
        .max()
        .unwrap();
    let retries: Vec<Instant> = server.arrivals()[12..].iter().map(|a| a.at).collect();
    assert_eq!(retries.len(), 12);
    let earliest = *retries.iter().min().unwrap();
    let latest = *retries.iter().max().unwrap();
    assert!(
        earliest >= last_refusal + SECOND,
        "no retry before the time asked for: {:?}",
        since(last_refusal, &retries)
    );
    assert!(
        latest - earliest >= Duration::from_millis(150),
        "retries spread: {:?}",
        since(last_refusal, &retries)
    );
}

#[tokio::test]
async fn a_call_during_a_pause_longer_than_it_may_wait_fails_without_sending() {
    let server = Server::start(|_| too_many("3600")).await;
    let client = builder(&server).build().unwrap();
    let error = client.customers_add(&request()).await.unwrap_err();
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));

    let started = Instant::now();
    let error = client.clone().customers_add(&request()).await.unwrap_err();

    assert!(started.elapsed() < SECOND);
    assert_eq!(server.requests(), 1, "the second call was not sent");
    let Error::TooManyRequests {
        error: api,
        retry_after,
    } = &error
    else {
        panic!("expected the 429 that paused the client, got {error:?}");
    };
    let left = retry_after.unwrap();
    assert!(left <= Duration::from_secs(3600) && left > Duration::from_secs(3590));
    assert_eq!(api.body.message.as_deref(), Some("Too many requests."));
    assert_eq!(error.request_id(), None, "no response to this call");
}

#[tokio::test]
async fn an_endless_body_is_not_read_past_the_limit() {
    let server = Server::start(|_| Reply::Endless { byte: b' ' }).await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .max_response_body(1 << 20)
        .build()
        .unwrap();

    let error = tokio::time::timeout(Duration::from_secs(10), client.customers_add(&request()))
        .await
        .expect("reading stops")
        .unwrap_err();

    let Error::BodyTooLarge(too_large) = &error else {
        panic!("expected BodyTooLarge, got {error:?}");
    };
    assert_eq!((too_large.status, too_large.limit), (200, 1 << 20));
    assert_eq!(error.status(), Some(200));
    assert!(
        error
            .to_string()
            .contains("exceeds the limit of 1048576 bytes"),
        "{error}"
    );
    // The client stopped reading and closed the connection; the server wrote what the socket
    // buffers took on top of the limit, nowhere near its 2 GiB.
    assert!(eventually(Duration::from_secs(5), || server.open_connections() == 0).await);
    let written = server.connections()[0].body_bytes_written;
    assert!(written < 64 << 20, "{written} bytes written");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    let server = Server::start(|_| Reply::Declared {
        declared: 1 << 30,
        length: 0,
    })
    .await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .max_response_body(1 << 20)
        .build()
        .unwrap();

    let error = tokio::time::timeout(Duration::from_secs(10), client.customers_add(&request()))
        .await
        .expect("no wait for a body that never comes")
        .unwrap_err();

    assert!(matches!(error, Error::BodyTooLarge(_)), "{error:?}");
    assert!(
        eventually(Duration::from_secs(5), || server.open_connections() == 0).await,
        "the connection is closed, not kept with a body pending"
    );
}

#[tokio::test]
async fn bodies_up_to_the_limit_are_read_whole_in_one_piece_or_many() {
    let document = CUSTOMERS_ADD_RESPONSE.len();
    let server = Server::start(|arrival| match arrival.index {
        // 300 KiB of spaces, written in pieces: a body of many chunks, then not JSON.
        2 | 3 => Reply::Declared {
            declared: 300 << 10,
            length: 300 << 10,
        },
        _ => ok(),
    })
    .await;
    let at_limit = builder(&server)
        .retry_policy(RetryPolicy::never())
        .max_response_body(document)
        .build()
        .unwrap();
    let under_limit = builder(&server)
        .retry_policy(RetryPolicy::never())
        .max_response_body(document - 1)
        .build()
        .unwrap();
    let large = builder(&server)
        .retry_policy(RetryPolicy::never())
        .max_response_body(300 << 10)
        .build()
        .unwrap();

    assert!(at_limit.customers_add(&request()).await.is_ok());
    let error = under_limit.customers_add(&request()).await.unwrap_err();
    assert!(matches!(error, Error::BodyTooLarge(_)), "{error:?}");
    let error = large.customers_add(&request()).await.unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("expected the whole body read and not decoded, got {error:?}");
    };
    assert!(decode.body_excerpt.len() <= 512 && decode.body_excerpt.trim().is_empty());
    let error = under_limit.customers_add(&request()).await.unwrap_err();
    assert!(matches!(error, Error::BodyTooLarge(_)), "{error:?}");
}

#[tokio::test]
async fn a_dropped_call_closes_its_connection() {
    // One server never answers; the other sends the head and part of a body, then nothing.
    for reply in [
        Reply::Hang,
        Reply::Declared {
            declared: 10_000,
            length: 100,
        },
    ] {
        let server = Server::start(move |_| reply.clone()).await;
        let client = builder(&server).build().unwrap();

        let call =
            tokio::time::timeout(Duration::from_millis(300), client.customers_add(&request()))
                .await;

        assert!(call.is_err(), "the caller's own timeout ended the call");
        assert_eq!(server.accepted_connections(), 1);
        assert!(
            eventually(Duration::from_secs(5), || server.open_connections() == 0).await,
            "the dropped call's connection is closed"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_call_gives_back_its_place_in_the_limit() {
    let answer = Arc::new(AtomicBool::new(false));
    let answering = Arc::clone(&answer);
    let server = Server::start(move |_| {
        if answering.load(Ordering::SeqCst) {
            ok()
        } else {
            Reply::Hang
        }
    })
    .await;
    let limit = RateLimit::new(1, SECOND);
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .rate_limit(limit)
        .build()
        .unwrap();

    let started = Instant::now();
    let dropped =
        tokio::time::timeout(Duration::from_millis(300), client.customers_add(&request())).await;
    assert!(dropped.is_err());
    // Dropped no earlier than this (a Tokio timeout never fires early).
    let dropped_at = started + Duration::from_millis(300);
    answer.store(true, Ordering::SeqCst);

    // A place that stayed held would block this call for good.
    let next = tokio::time::timeout(Duration::from_secs(5), client.customers_add(&request()))
        .await
        .expect("the place came back");

    assert!(next.is_ok(), "{next:?}");
    let arrivals = server.arrival_times();
    assert_eq!(arrivals.len(), 2);
    assert!(
        arrivals[1] >= dropped_at + limit.window,
        "the dropped request counts for a window from the drop: {:?}",
        arrivals[1].saturating_duration_since(dropped_at)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_dropped_while_waiting_for_the_limit_takes_no_place() {
    let server = Server::start(|_| ok()).await;
    let limit = RateLimit::new(1, SECOND);
    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .rate_limit(limit)
        .build()
        .unwrap();
    client.customers_add(&request()).await.unwrap();
    let first_answer = server.answers()[0].at;

    // This one waits for the window and is dropped before its turn.
    let waiting =
        tokio::time::timeout(Duration::from_millis(300), client.customers_add(&request())).await;
    assert!(waiting.is_err());
    let next = tokio::time::timeout(Duration::from_secs(5), client.customers_add(&request()))
        .await
        .expect("the queue moved on");

    assert!(next.is_ok(), "{next:?}");
    let arrivals = server.arrival_times();
    assert_eq!(arrivals.len(), 2, "the dropped call was never sent");
    let wait = arrivals[1].duration_since(first_answer);
    assert!(
        wait >= limit.window && wait < Duration::from_secs(3),
        "the next call had the place one window after the first answer: {wait:?}"
    );
}
