//! Walking every page of a paginated operation, over real HTTP on loopback.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures::{StreamExt, TryStreamExt};
use mews_connector::{
    Client, Customer, CustomerExtent, CustomerFilterParameters, Error, Limitation, RetryPolicy,
};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use mews_tests::fixture;

const GET_ALL: &str = "/api/connector/v1/customers/getAll";

/// A customer that differs from the documented one by its id.
fn customer(n: u32) -> Value {
    let mut customer = serde_json::from_str::<Value>(fixture("customers_get_all_response"))
        .unwrap()["Customers"][0]
        .clone();
    customer["Id"] = json!(cursor(n));
    customer
}

fn cursor(n: u32) -> String {
    format!("00000000-0000-0000-0000-{n:012}")
}

fn page(items: std::ops::Range<u32>, next: Option<u32>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "Customers": items.map(customer).collect::<Vec<_>>(),
        "Documents": null,
        "Cursor": next.map(cursor),
    }))
}

/// Answers the requests in order, one template each; requests past the end get a 500.
struct Sequence {
    answers: Vec<ResponseTemplate>,
    next: Arc<AtomicUsize>,
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let index = self.next.fetch_add(1, Ordering::SeqCst);
        self.answers
            .get(index)
            .cloned()
            .unwrap_or_else(|| ResponseTemplate::new(500))
    }
}

async fn server(answers: Vec<ResponseTemplate>) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(GET_ALL))
        .respond_with(Sequence {
            answers,
            next: Arc::default(),
        })
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder(server.uri(), "client-token", "access-token", "Tests 1.0")
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

/// A request for pages of `count` customers.
fn request(count: i32) -> CustomerFilterParameters {
    CustomerFilterParameters::new(CustomerExtent::default()).with_limitation(Limitation::new(count))
}

/// The `Limitation` of every request the server received, in order.
async fn limitations(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.body_json::<Value>().unwrap()["Limitation"].clone())
        .collect()
}

fn ids(customers: &[Customer]) -> Vec<String> {
    customers.iter().map(|c| c.id.to_string()).collect()
}

#[tokio::test]
async fn walks_every_page_until_a_short_one_with_each_cursor_in_turn() {
    let server = server(vec![
        page(1..3, Some(2)),
        page(3..5, Some(4)),
        page(5..6, Some(5)),
    ])
    .await;
    let customers: Vec<Customer> = client(&server)
        .customers_get_all_items(request(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&customers), (1..6).map(cursor).collect::<Vec<_>>());
    assert_eq!(
        limitations(&server).await,
        [
            json!({ "Count": 2 }),
            json!({ "Count": 2, "Cursor": cursor(2) }),
            json!({ "Count": 2, "Cursor": cursor(4) }),
        ]
    );
}

#[tokio::test]
async fn an_empty_last_page_ends_the_walk_though_it_carries_a_cursor() {
    // Mews sends a cursor on every page, the empty last one too: the cursor it was asked for,
    // or another; either way the walk ends there, without another request or an error.
    for empty_page_cursor in [4, 7] {
        let server = server(vec![
            page(1..3, Some(2)),
            page(3..5, Some(4)),
            page(5..5, Some(empty_page_cursor)),
        ])
        .await;
        let pages: Vec<_> = client(&server)
            .customers_get_all_pages(request(2))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), 3);
        assert!(pages[2].customers.is_empty());
        assert_eq!(
            pages[2].cursor,
            Some(cursor(empty_page_cursor).parse().unwrap())
        );
        assert_eq!(limitations(&server).await.len(), 3);
    }
}

#[tokio::test]
async fn a_cursor_the_server_already_returned_is_an_error_not_a_loop() {
    let server = server(vec![
        page(1..3, Some(2)),
        page(3..5, Some(4)),
        page(5..7, Some(2)),
    ])
    .await;
    let mut items = client(&server).customers_get_all_items(request(2));
    let mut read = Vec::new();
    let error = loop {
        match items.next().await.expect("the walk ends with an error") {
            Ok(customer) => read.push(customer),
            Err(error) => break error,
        }
    };
    assert_eq!(read.len(), 4, "the pages before the repeated cursor");
    assert!(
        matches!(&error, Error::RepeatedCursor { operation: "customers_get_all", cursor: c } if *c == cursor(2)),
        "{error:?}"
    );
    assert!(items.next().await.is_none(), "the error ends the stream");
    assert_eq!(limitations(&server).await.len(), 3);
}

#[tokio::test]
async fn a_429_in_the_middle_is_retried_and_the_walk_goes_on() {
    let server = server(vec![
        page(1..3, Some(2)),
        ResponseTemplate::new(429).insert_header("Retry-After", "0"),
        page(3..4, Some(3)),
    ])
    .await;
    let customers: Vec<Customer> = client(&server)
        .customers_get_all_items(request(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(customers.len(), 3);
    let sent = limitations(&server).await;
    assert_eq!(sent[1], sent[2], "the retry sends the same page request");
}

#[tokio::test]
async fn an_error_on_the_second_page_is_yielded_and_ends_the_walk() {
    let server = server(vec![
        page(1..3, Some(2)),
        ResponseTemplate::new(403)
            .insert_header("Request-Id", "req-403")
            .set_body_json(json!({ "Message": "No access." })),
    ])
    .await;
    let results: Vec<Result<Customer, Error>> = client(&server)
        .customers_get_all_items(request(2))
        .collect()
        .await;
    assert_eq!(results.len(), 3);
    assert!(results[..2].iter().all(Result::is_ok));
    match &results[2] {
        Err(Error::Forbidden(error)) => {
            assert_eq!(error.body.message.as_deref(), Some("No access."));
            assert_eq!(error.request_id.as_deref(), Some("req-403"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_caller_that_stops_early_sends_no_further_request() {
    let server = server(vec![page(1..3, Some(2)), page(3..5, Some(4))]).await;
    let client = client(&server);
    let first: Vec<Customer> = client
        .customers_get_all_items(request(2))
        .take(1)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&first), [cursor(1)]);
    assert_eq!(limitations(&server).await.len(), 1);
}

#[tokio::test]
async fn without_a_page_size_of_its_own_a_walk_asks_for_the_largest_allowed() {
    let server = server(vec![page(1..2, Some(1))]).await;
    let request = CustomerFilterParameters::new(CustomerExtent::default());
    let customers: Vec<Customer> = client(&server)
        .customers_get_all_items(request)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(customers.len(), 1);
    assert_eq!(limitations(&server).await, [json!({ "Count": 1000 })]);
}

#[tokio::test]
async fn a_page_size_over_the_limit_is_refused_before_sending() {
    let server = server(vec![page(1..2, Some(1))]).await;
    let error = client(&server)
        .customers_get_all_items(request(5000))
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request, not sent: Limitation.Count: 5000, at most 1000 allowed"
    );
    assert!(limitations(&server).await.is_empty());
}
