//! The mock server of the generated crate's `mock` feature, over real HTTP on loopback: what a
//! user's test sets up, what the client then gets, and that the mock fails a test when it
//! should, with a message that says why and never shows a credential.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use mews_connector::mock::{ErrorStatus, MockServer};
use mews_connector::uuid::Uuid;
use mews_connector::{
    Client, Customer, CustomerAddParameters, CustomerExtent, CustomerFilterParameters,
    CustomerMergeParameters, CustomerSearchParameters, Error, IdentityDocumentDeleteParameters,
    IdentityDocumentUpdateParameters, Limitation, MultipleIdentityDocumentUpdateParameters,
    RetryPolicy, Update,
};

fn customer(n: u128, last_name: &str) -> Customer {
    let mut customer = Customer::default();
    customer.id = Uuid::from_u128(n);
    customer.last_name = last_name.to_owned();
    customer
}

fn new_customer(last_name: &str) -> CustomerAddParameters {
    CustomerAddParameters::new(last_name, false)
}

/// A client of the mock that sends every request once.
fn client(mews: &MockServer) -> Client {
    mews.client_builder()
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap()
}

/// A client of `base_url` with the test client token and these other credentials, as the
/// code under test builds its own; it sends every request once.
fn client_with(base_url: String, access_token: &str, client: &str) -> Client {
    Client::builder(base_url, "mock-client-token", access_token, client)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap()
}

/// The message `check` panics with; it must panic.
fn panic_message(check: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(check)).expect_err("the check panics");
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast::<&str>()
            .map(|message| (*message).to_owned())
            .unwrap_or_default(),
    }
}

#[tokio::test]
async fn returns_the_result_and_records_the_typed_request() {
    let mews = MockServer::start().await;
    let added = mews.customers_add().returns(customer(1, "Carbone"));

    let request = new_customer("Carbone").with_first_name("Thea");
    let result = mews.client().customers_add(&request).await.unwrap();

    assert_eq!(result, customer(1, "Carbone"));
    assert_eq!(added.received(), [request]);
    assert_eq!(added.calls(), 1);
    mews.verify();
}

#[tokio::test]
async fn a_documented_error_reaches_the_caller_with_its_message_and_request_id() {
    let mews = MockServer::start().await;
    mews.identity_documents_update()
        .fails(ErrorStatus::Forbidden, "Document is locked.")
        .request_id("req-42");

    let update =
        MultipleIdentityDocumentUpdateParameters::new(vec![IdentityDocumentUpdateParameters::new(
            Uuid::from_u128(7),
        )
        .with_number(Update::set("123"))]);
    let error = client(&mews)
        .identity_documents_update(&update)
        .await
        .unwrap_err();

    let Error::Forbidden(error) = error else {
        panic!("not a 403: {error}");
    };
    assert_eq!(error.status, 403);
    assert_eq!(error.request_id.as_deref(), Some("req-42"));
    assert_eq!(error.body.message.as_deref(), Some("Document is locked."));
}

#[tokio::test]
async fn answers_in_sequence_429_twice_then_the_result_which_the_client_retries_through() {
    let mews = MockServer::start().await;
    let added = mews
        .customers_add()
        .fails(ErrorStatus::TooManyRequests, "Slow down.")
        .retry_after(Duration::ZERO)
        .times(2)
        .returns(customer(1, "Carbone"));

    let result = mews
        .client()
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap();

    assert_eq!(result.last_name, "Carbone");
    assert_eq!(added.calls(), 3, "two refusals, then the result");
}

#[tokio::test]
async fn retry_after_and_every_response_s_request_id_reach_the_caller() {
    let mews = MockServer::start().await;
    mews.customers_add()
        .fails(ErrorStatus::TooManyRequests, "Slow down.")
        .retry_after(Duration::from_millis(1_500))
        .fails(ErrorStatus::BadRequest, "Invalid customer.")
        .times(2);

    // A client per call: the 429 pauses the client that received it.
    let mut errors = Vec::new();
    for _ in 0..3 {
        let error = client(&mews)
            .customers_add(&new_customer("Carbone"))
            .await
            .unwrap_err();
        errors.push(error);
    }

    assert!(
        matches!(errors[0], Error::TooManyRequests { .. }),
        "{}",
        errors[0]
    );
    assert_eq!(
        errors[0].retry_after(),
        Some(Duration::from_secs(2)),
        "whole seconds, rounded up"
    );
    let request_ids: Vec<Option<&str>> = errors.iter().map(Error::request_id).collect();
    assert_eq!(
        request_ids,
        [Some("mock-1"), Some("mock-2"), Some("mock-3")],
        "each response's own"
    );
}

#[tokio::test]
async fn a_raw_body_is_sent_as_given() {
    let mews = MockServer::start().await;
    mews.customers_search()
        .responds(502, "<html>Bad gateway</html>")
        .header("Content-Type", "text/html");

    let error = client(&mews)
        .customers_search(&CustomerSearchParameters::new())
        .await
        .unwrap_err();

    let Error::Decode(error) = error else {
        panic!("not a decode error: {error}");
    };
    assert_eq!(error.status, 502);
    assert_eq!(error.body_excerpt, "<html>Bad gateway</html>");
}

#[tokio::test]
async fn a_delay_makes_the_client_time_out() {
    let mews = MockServer::start().await;
    mews.customers_add()
        .returns(customer(1, "Carbone"))
        .delay(Duration::from_secs(5));
    let client = mews
        .client_builder()
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout), "{error}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn when_sends_each_request_to_the_expectation_whose_condition_holds() {
    let mews = MockServer::start().await;
    let carbone = mews
        .customers_add()
        .when(|request| request.last_name == "Carbone")
        .returns(customer(1, "Carbone"));
    let rossi = mews
        .customers_add()
        .when(|request| request.last_name == "Rossi")
        .fails(ErrorStatus::Conflict, "Rossi exists.");
    let client = client(&mews);

    let error = client
        .customers_add(&new_customer("Rossi"))
        .await
        .unwrap_err();
    let added = client
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap();

    assert!(matches!(error, Error::Conflict(_)), "{error}");
    assert_eq!(added.id, Uuid::from_u128(1));
    assert_eq!(carbone.received()[0].last_name, "Carbone");
    assert_eq!(rossi.received()[0].last_name, "Rossi");
}

#[tokio::test]
async fn with_matches_the_fields_the_template_sends_and_names_the_first_that_differs() {
    let mews = MockServer::start().await;
    let added = mews
        .customers_add()
        .with(new_customer("Carbone").with_email("thea@quotidiano.example"))
        .returns(customer(1, "Carbone"));
    let client = client(&mews);

    // Fields the template does not send may have any value.
    client
        .customers_add(
            &new_customer("Carbone")
                .with_email("thea@quotidiano.example")
                .with_first_name("Thea"),
        )
        .await
        .unwrap();
    let error = client
        .customers_add(&new_customer("Carbone").with_email("other@example.com"))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::BadRequest(_)), "{error}");
    assert!(error.to_string().contains("mock: customers_add"), "{error}");
    assert_eq!(added.calls(), 1);
    let report = panic_message(|| mews.verify());
    assert!(
        report.contains(
            "`Email`: expected \"thea@quotidiano.example\", received \"other@example.com\""
        ),
        "{report}"
    );
}

#[tokio::test]
async fn expectations_of_one_operation_answer_in_the_order_they_were_set() {
    let mews = MockServer::start().await;
    let first = mews.customers_add().returns(customer(1, "First"));
    let second = mews.customers_add().returns(customer(2, "Second"));
    let client = client(&mews);

    let mut names = Vec::new();
    for _ in 0..3 {
        let added = client.customers_add(&new_customer("Any")).await.unwrap();
        names.push(added.last_name);
    }

    // Each met expectation gives way to the next; then the first repeats its last answer.
    assert_eq!(names, ["First", "Second", "First"]);
    assert_eq!((first.calls(), second.calls()), (2, 1));
}

#[tokio::test]
async fn returns_with_computes_the_answer_from_the_request() {
    let mews = MockServer::start().await;
    mews.customers_add().returns_with(|request| {
        let mut customer = Customer::default();
        customer.last_name = request.last_name.to_uppercase();
        customer
    });

    let added = mews
        .client()
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap();

    assert_eq!(added.last_name, "CARBONE");
}

#[tokio::test]
async fn operations_without_a_result_succeed() {
    let mews = MockServer::start().await;
    let deleted = mews.identity_documents_delete().succeeds();
    #[allow(deprecated)]
    let merged = mews.customers_merge().succeeds();
    let client = mews.client();

    client
        .identity_documents_delete(&IdentityDocumentDeleteParameters::new(vec![
            Uuid::from_u128(3),
        ]))
        .await
        .unwrap();
    #[allow(deprecated)]
    client
        .customers_merge(&CustomerMergeParameters::new(
            Uuid::from_u128(1),
            Uuid::from_u128(2),
        ))
        .await
        .unwrap();

    assert_eq!(
        deleted.received()[0].identity_document_ids,
        [Uuid::from_u128(3)]
    );
    assert_eq!(merged.calls(), 1);
}

/// Five customers, ids 1 to 5.
fn five_customers() -> Vec<Customer> {
    (1..=5)
        .map(|n| customer(n, &format!("Customer {n}")))
        .collect()
}

fn get_all(count: i32) -> CustomerFilterParameters {
    CustomerFilterParameters::new(CustomerExtent::default().with_customers(true))
        .with_limitation(Limitation::new(count))
}

#[tokio::test]
async fn a_paginated_operation_serves_a_list_page_by_page_with_the_cursor_of_each_last_item() {
    let mews = MockServer::start().await;
    let walk = mews
        .customers_get_all()
        .returns_pages(five_customers(), |customer| customer.id);

    let customers: Vec<Customer> = mews
        .client()
        .customers_get_all_items(get_all(2))
        .try_collect()
        .await
        .unwrap();

    assert_eq!(customers, five_customers());
    let cursors: Vec<Option<Uuid>> = walk
        .received()
        .iter()
        .map(|request| request.limitation.cursor.value().copied())
        .collect();
    assert_eq!(
        cursors,
        [None, Some(Uuid::from_u128(2)), Some(Uuid::from_u128(4))],
        "two full pages, then a short one ends the walk"
    );
}

#[tokio::test]
async fn each_page_has_the_requested_count_and_the_cursor_of_its_last_item() {
    let mews = MockServer::start().await;
    mews.customers_get_all()
        .returns_pages(five_customers(), |customer| customer.id);
    let client = mews.client();

    let mut request = get_all(3);
    let first = client.customers_get_all(&request).await.unwrap();
    request.limitation.cursor = first.cursor.into();
    let second = client.customers_get_all(&request).await.unwrap();
    request.limitation.cursor = second.cursor.into();
    let empty = client.customers_get_all(&request).await.unwrap();

    assert_eq!(first.customers, five_customers()[..3]);
    assert_eq!(first.cursor, Some(Uuid::from_u128(3)));
    assert_eq!(second.customers, five_customers()[3..]);
    assert_eq!(second.cursor, Some(Uuid::from_u128(5)));
    assert_eq!((empty.customers.len(), empty.cursor), (0, None));
}

#[tokio::test]
async fn a_cursor_that_is_no_item_s_is_answered_with_400() {
    let mews = MockServer::start().await;
    mews.customers_get_all()
        .returns_pages(five_customers(), |customer| customer.id);
    let mut request = get_all(2);
    request.limitation.cursor = Uuid::from_u128(99).into();

    let error = client(&mews).customers_get_all(&request).await.unwrap_err();

    assert!(matches!(error, Error::BadRequest(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("the cursor 00000000-0000-0000-0000-000000000063 is the cursor of no item"),
        "{error}"
    );
}

#[tokio::test]
async fn a_request_nothing_expected_is_refused_and_fails_the_test() {
    let mews = MockServer::start().await;

    let error = client(&mews)
        .customers_search(&CustomerSearchParameters::new().with_name("Carbone"))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::BadRequest(_)), "{error}");
    let report = panic_message(|| mews.verify());
    assert!(
        report.contains(
            "customers_search: a request, but no expectation of this operation was set; \
             body: {\"ClientToken\":\"***\",\"AccessToken\":\"***\",\"Client\":\"mock-client\",\"Name\":\"Carbone\"}"
        ),
        "{report}"
    );
}

#[tokio::test]
async fn an_unmet_expectation_fails_the_test_naming_where_it_was_set() {
    let mews = MockServer::start().await;
    let line = line!() + 1;
    mews.customers_add().returns(customer(1, "Carbone"));

    let report = panic_message(|| mews.verify());

    assert!(
        report.contains(&format!(
            "the expectation of customers_add set at {}:{line}:",
            file!()
        )),
        "{report}"
    );
    assert!(
        report.contains("was not met: at least 1 request expected, 0 received"),
        "{report}"
    );
}

#[tokio::test]
async fn an_answer_given_its_times_answers_no_more() {
    let mews = MockServer::start().await;
    mews.customers_add()
        .returns(customer(1, "Carbone"))
        .times(1);
    let client = client(&mews);

    client
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap();
    let error = client
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::BadRequest(_)), "{error}");
    let report = panic_message(|| mews.verify());
    assert!(report.contains("has given all its answers"), "{report}");
}

#[tokio::test]
#[should_panic(expected = "the expectation of identity_documents_delete set at")]
async fn dropping_the_mock_fails_the_test_when_an_expectation_was_not_met() {
    let mews = MockServer::start().await;
    mews.identity_documents_delete().succeeds();
}

#[tokio::test]
async fn dropping_the_mock_while_the_test_panics_does_not_panic_again() {
    let mews = MockServer::start().await;
    mews.identity_documents_delete().succeeds();

    // A second panic while unwinding would abort the whole test process.
    let message = panic_message(move || {
        let _mews = mews;
        panic!("the test's own assertion");
    });

    assert_eq!(message, "the test's own assertion");
}

/// Adds a customer with `client`, which the mock must refuse with `401`: the error as the
/// caller shows it, and the mock's report.
async fn refused(mews: &MockServer, client: &Client) -> (String, String) {
    mews.customers_add().returns(customer(1, "Carbone"));
    let error = client
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unauthorized(_)), "{error}");
    (error.to_string(), panic_message(|| mews.verify()))
}

#[tokio::test]
async fn wrong_credentials_are_refused_with_401_and_never_shown() {
    let mews = MockServer::start().await;
    let client = client_with(mews.url(), "a-leaked-access-token", "mock-client");

    let (error, report) = refused(&mews, &client).await;

    assert!(
        report.contains("`AccessToken` is not the value the mock expects"),
        "{report}"
    );
    assert!(
        report.contains("`MockServer::builder().access_token(..)`"),
        "{report}"
    );
    for shown in [report, error] {
        assert!(!shown.contains("a-leaked-access-token"), "{shown}");
        assert!(!shown.contains("mock-access-token"), "{shown}");
    }
}

#[tokio::test]
async fn a_client_configured_with_the_expected_credentials_passes() {
    let mews = MockServer::builder()
        .client_token("CT-1")
        .access_token("AT-1")
        .client("Front desk 2.0")
        .language_code("it-IT")
        .start()
        .await;
    mews.customers_add().returns(customer(1, "Carbone"));
    // What the code under test does with its own configuration.
    let client = Client::builder(mews.url(), "CT-1", "AT-1", "Front desk 2.0")
        .language_code("it-IT")
        .build()
        .unwrap();

    client
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap();

    assert!(!format!("{mews:?}").contains("AT-1"));
}

#[tokio::test]
async fn a_non_secret_field_that_differs_is_shown_with_the_expected_value() {
    let mews = MockServer::builder().language_code("it-IT").start().await;
    let client = client_with(mews.url(), "mock-access-token", "Other client");

    let (_, report) = refused(&mews, &client).await;

    assert!(
        report.contains("`Client` is \"Other client\", the mock expects \"mock-client\""),
        "{report}"
    );
    assert!(
        report.contains("`LanguageCode` is missing (`MockServer::builder().language_code(..)`"),
        "{report}"
    );
}

#[tokio::test]
async fn a_path_no_operation_serves_is_answered_with_404() {
    let mews = MockServer::start().await;
    let client = client_with(
        format!("{}/v2", mews.url()),
        "mock-access-token",
        "mock-client",
    );

    let error = client
        .customers_add(&new_customer("Carbone"))
        .await
        .unwrap_err();

    assert!(matches!(error, Error::NotFound(_)), "{error}");
    let report = panic_message(|| mews.verify());
    assert!(
        report.contains("POST /v2/api/connector/v1/customers/add: no operation of the API is served here; body: {\"ClientToken\":\"***\",\"AccessToken\":\"***\",\"Client\":\"mock-client\""),
        "{report}"
    );
}

#[tokio::test]
async fn a_modifier_without_an_answer_before_it_is_a_mistake_in_the_test() {
    let mews = MockServer::start().await;
    let message = panic_message(|| {
        let _ = mews.customers_add().times(2);
    });
    assert!(
        message.contains("`.times` applies to the answer before it"),
        "{message}"
    );
    // The expectation without an answer is reported too.
    let report = panic_message(|| mews.verify());
    assert!(report.contains("has no answer"), "{report}");
}
