//! The generated client against a real HTTP server on loopback (wiremock).

use std::time::{Duration, Instant};

use futures::StreamExt;

use mews_connector::{
    ApiError, Client, ClientBuilder, ConnectorApiExceptionResult, Customer, CustomerAddParameters,
    Error, IdentityDocumentUpdateParameters, IdentityDocumentWriteResult,
    MultipleIdentityDocumentUpdateParameters, RateLimit, ReservationServiceOrderFilterParameters,
    RetryPolicy, TimeFilterInterval,
};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use mews_tests::server::{Reply, Server};
use mews_tests::{
    CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE, IDENTITY_DOCUMENTS_UPDATE_REQUEST,
    IDENTITY_DOCUMENTS_UPDATE_RESPONSE,
};

const CUSTOMERS_ADD: &str = "/api/connector/v1/customers/add";
const IDENTITY_DOCUMENTS_UPDATE: &str = "/api/connector/v1/identityDocuments/update";

const CLIENT_TOKEN: &str = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D";
const ACCESS_TOKEN: &str = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D";

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder(
        server.uri(),
        CLIENT_TOKEN,
        ACCESS_TOKEN,
        "Sample Client 1.0.0",
    )
}

/// A client that fails fast: no retries unless a test asks for them.
fn client(server: &MockServer) -> Client {
    builder(server)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap()
}

fn customer_request() -> CustomerAddParameters {
    serde_json::from_str(CUSTOMERS_ADD_REQUEST).unwrap()
}

fn documents_request() -> MultipleIdentityDocumentUpdateParameters {
    serde_json::from_str(IDENTITY_DOCUMENTS_UPDATE_REQUEST).unwrap()
}

fn ok_customer() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("Request-Id", "req-ok")
        .set_body_raw(CUSTOMERS_ADD_RESPONSE, "application/json")
}

fn ok_documents() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(IDENTITY_DOCUMENTS_UPDATE_RESPONSE, "application/json")
}

fn api_error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("Request-Id", format!("req-{status}").as_str())
        .set_body_json(
            json!({ "Message": message, "RequestId": format!("req-{status}"), "Details": null }),
        )
}

async fn mount(server: &MockServer, endpoint: &str, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(endpoint))
        .respond_with(response)
        .mount(server)
        .await;
}

/// Answers the first `times` requests to `endpoint` with `first`, and the rest with `then`.
async fn mount_sequence(
    server: &MockServer,
    endpoint: &str,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(path(endpoint))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    mount(server, endpoint, then).await;
}

async fn received_bodies(server: &MockServer) -> Vec<Value> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .map(|request| serde_json::from_slice(&request.body).unwrap())
        .collect()
}

#[tokio::test]
async fn customers_add_sends_exactly_the_documented_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(CUSTOMERS_ADD))
        .and(header("content-type", "application/json"))
        .respond_with(ok_customer())
        .expect(1)
        .mount(&server)
        .await;

    let customer = client(&server)
        .customers_add(&customer_request())
        .await
        .unwrap();

    let sent = received_bodies(&server).await;
    let documented: Value = serde_json::from_str(CUSTOMERS_ADD_REQUEST).unwrap();
    assert_eq!(
        sent,
        [documented],
        "auth fields injected, nothing else added"
    );
    let expected: Customer = serde_json::from_str(CUSTOMERS_ADD_RESPONSE).unwrap();
    assert_eq!(customer, expected);
}

/// The documented `identityDocuments/update` request, with its dates written as dates: the
/// documentation writes the midnight date-time `2040-11-20T00:00:00Z` where the spec has a date
/// (`format: date`), which the client sends as `2040-11-20`.
fn documented_documents_update() -> Value {
    let mut documented: Value = serde_json::from_str(IDENTITY_DOCUMENTS_UPDATE_REQUEST).unwrap();
    for document in documented["IdentityDocuments"].as_array_mut().unwrap() {
        for date in ["ExpirationDate", "IssuanceDate"] {
            let written = document[date]["Value"].as_str().unwrap();
            let day = written
                .strip_suffix("T00:00:00Z")
                .expect("a midnight date-time");
            document[date]["Value"] = Value::from(day);
        }
    }
    documented
}

#[tokio::test]
async fn identity_documents_update_sends_exactly_the_documented_request() {
    let server = MockServer::start().await;
    mount(&server, IDENTITY_DOCUMENTS_UPDATE, ok_documents()).await;

    let result = client(&server)
        .identity_documents_update(&documents_request())
        .await
        .unwrap();

    assert_eq!(
        received_bodies(&server).await,
        [documented_documents_update()]
    );
    let expected: IdentityDocumentWriteResult =
        serde_json::from_str(IDENTITY_DOCUMENTS_UPDATE_RESPONSE).unwrap();
    assert_eq!(result, expected);
}

#[tokio::test]
async fn update_values_are_sent_as_absent_value_or_null() {
    let server = MockServer::start().await;
    mount(&server, IDENTITY_DOCUMENTS_UPDATE, ok_documents()).await;
    let id = uuid::Uuid::nil();
    let document = IdentityDocumentUpdateParameters::new(id)
        .with_number(mews_connector::Update::set("X1"))
        .with_issuing_city(mews_connector::Update::clear());
    let request = MultipleIdentityDocumentUpdateParameters::new(vec![document]);

    client(&server)
        .identity_documents_update(&request)
        .await
        .unwrap();

    let sent = &received_bodies(&server).await[0];
    assert_eq!(
        sent["IdentityDocuments"],
        json!([{ "Id": id, "Number": { "Value": "X1" }, "IssuingCity": { "Value": null } }])
    );
}

#[tokio::test]
async fn client_defaults_fill_in_what_a_request_leaves_unset() {
    let server = MockServer::start().await;
    mount(&server, CUSTOMERS_ADD, ok_customer()).await;
    let client = builder(&server)
        .language_code("it-IT")
        .culture_code("it-IT")
        .build()
        .unwrap();

    let plain = CustomerAddParameters::new("Carbone", false);
    client.customers_add(&plain).await.unwrap();
    let with_language = CustomerAddParameters::new("Carbone", false).with_language_code("en-GB");
    client.customers_add(&with_language).await.unwrap();

    let sent = received_bodies(&server).await;
    assert_eq!(
        sent[0],
        json!({
            "ClientToken": CLIENT_TOKEN,
            "AccessToken": ACCESS_TOKEN,
            "Client": "Sample Client 1.0.0",
            "LanguageCode": "it-IT",
            "CultureCode": "it-IT",
            "LastName": "Carbone",
            "OverwriteExisting": false,
        })
    );
    assert_eq!(
        sent[1]["LanguageCode"], "en-GB",
        "the request's own LanguageCode wins"
    );
    assert_eq!(sent[1]["CultureCode"], "it-IT");
}

/// The error statuses the Mews guidelines document, each with the variant it must map to.
const DOCUMENTED_STATUSES: [(u16, &str); 12] = [
    (400, "BadRequest"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "NotFound"),
    (408, "RequestTimeout"),
    (409, "Conflict"),
    (413, "PayloadTooLarge"),
    (429, "TooManyRequests"),
    (500, "InternalServerError"),
    (502, "BadGateway"),
    (503, "ServiceUnavailable"),
    (504, "GatewayTimeout"),
];

/// The name of the variant of an error with a response body, and that body's API error.
fn variant(error: &Error) -> (&'static str, &ApiError<ConnectorApiExceptionResult>) {
    match error {
        Error::BadRequest(error) => ("BadRequest", error),
        Error::Unauthorized(error) => ("Unauthorized", error),
        Error::Forbidden(error) => ("Forbidden", error),
        Error::NotFound(error) => ("NotFound", error),
        Error::RequestTimeout(error) => ("RequestTimeout", error),
        Error::Conflict(error) => ("Conflict", error),
        Error::PayloadTooLarge(error) => ("PayloadTooLarge", error),
        Error::TooManyRequests { error, .. } => ("TooManyRequests", error),
        Error::InternalServerError(error) => ("InternalServerError", error),
        Error::BadGateway(error) => ("BadGateway", error),
        Error::ServiceUnavailable(error) => ("ServiceUnavailable", error),
        Error::GatewayTimeout(error) => ("GatewayTimeout", error),
        Error::UnexpectedStatus(error) => ("UnexpectedStatus", error),
        other => panic!("not an error with a response body: {other:?}"),
    }
}

#[tokio::test]
async fn each_documented_status_maps_to_its_variant_and_others_to_unexpected_status() {
    let server = MockServer::start().await;
    let client = client(&server);
    let undocumented = [(418, "UnexpectedStatus"), (422, "UnexpectedStatus")];
    for (status, expected) in DOCUMENTED_STATUSES.into_iter().chain(undocumented) {
        server.reset().await;
        mount(
            &server,
            CUSTOMERS_ADD,
            api_error(status, &format!("failure {status}")),
        )
        .await;

        let error = client.customers_add(&customer_request()).await.unwrap_err();

        let (name, api_error) = variant(&error);
        assert_eq!(name, expected, "{status}");
        assert_eq!(api_error.status, status);
        assert_eq!(
            api_error.body.message.as_deref(),
            Some(format!("failure {status}").as_str())
        );
        assert_eq!(error.status(), Some(status));
        assert_eq!(error.request_id(), Some(format!("req-{status}").as_str()));
        assert_eq!(
            error.to_string(),
            format!("HTTP {status}: failure {status} (request id req-{status})")
        );
    }
}

#[tokio::test]
async fn a_documented_success_without_a_body_is_no_content() {
    let server = MockServer::start().await;
    mount(
        &server,
        CUSTOMERS_ADD,
        ResponseTemplate::new(204).insert_header("Request-Id", "req-204"),
    )
    .await;

    let error = client(&server)
        .customers_add(&customer_request())
        .await
        .unwrap_err();

    let Error::NoContent { status, request_id } = &error else {
        panic!("expected NoContent, got {error:?}");
    };
    assert_eq!((*status, request_id.as_deref()), (204, Some("req-204")));
    assert_eq!(error.status(), Some(204));
    assert_eq!(error.request_id(), Some("req-204"));
}

#[tokio::test]
async fn too_many_requests_carries_the_parsed_retry_after() {
    let server = MockServer::start().await;
    mount(
        &server,
        CUSTOMERS_ADD,
        api_error(429, "slow down").insert_header("Retry-After", "7"),
    )
    .await;

    let error = client(&server)
        .customers_add(&customer_request())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::TooManyRequests { .. }), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_once_after_waiting() {
    let server = MockServer::start().await;
    mount_sequence(
        &server,
        CUSTOMERS_ADD,
        api_error(429, "slow down").insert_header("Retry-After", "1"),
        1,
        ok_customer(),
    )
    .await;
    let client = builder(&server).build().unwrap();

    let started = Instant::now();
    let result = client.customers_add(&customer_request()).await;
    let elapsed = started.elapsed();

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(received_bodies(&server).await.len(), 2);
    assert!(elapsed >= Duration::from_millis(950), "waited {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "waited {elapsed:?}");
}

#[tokio::test]
async fn a_429_with_an_http_date_waits_until_then() {
    let server = MockServer::start().await;
    let in_two_seconds = chrono::Utc::now() + chrono::Duration::seconds(2);
    let http_date = in_two_seconds
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    mount_sequence(
        &server,
        CUSTOMERS_ADD,
        api_error(429, "slow down").insert_header("Retry-After", http_date.as_str()),
        1,
        ok_customer(),
    )
    .await;

    let started = Instant::now();
    builder(&server)
        .build()
        .unwrap()
        .customers_add(&customer_request())
        .await
        .unwrap();

    // Whole seconds on the wire: the wait is between one and two seconds, plus up to one second
    // of jitter.
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(5),
        "waited {elapsed:?}"
    );
}

#[tokio::test]
async fn a_429_without_retry_after_backs_off_exponentially() {
    let server = MockServer::start().await;
    mount_sequence(
        &server,
        CUSTOMERS_ADD,
        api_error(429, "slow down"),
        2,
        ok_customer(),
    )
    .await;
    let policy = RetryPolicy {
        initial_backoff: Duration::from_millis(200),
        jitter: Duration::from_millis(100),
        ..RetryPolicy::default()
    };
    let client = builder(&server).retry_policy(policy).build().unwrap();

    let started = Instant::now();
    client.customers_add(&customer_request()).await.unwrap();
    let elapsed = started.elapsed();

    assert_eq!(received_bodies(&server).await.len(), 3);
    // Waits of 100..=200 ms, then 200..=400 ms, each plus up to 100 ms of jitter: at least
    // 300 ms in all, at most 800 ms.
    assert!(elapsed >= Duration::from_millis(300), "waited {elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "waited {elapsed:?}");
}

#[tokio::test]
async fn when_attempts_run_out_the_429_comes_back() {
    let server = MockServer::start().await;
    mount(
        &server,
        CUSTOMERS_ADD,
        api_error(429, "slow down").insert_header("Retry-After", "0"),
    )
    .await;
    let client = builder(&server).build().unwrap();

    let error = client.customers_add(&customer_request()).await.unwrap_err();

    assert!(matches!(error, Error::TooManyRequests { .. }), "{error:?}");
    assert_eq!(
        received_bodies(&server).await.len(),
        RetryPolicy::default().max_attempts as usize
    );
}

#[tokio::test]
async fn a_wait_longer_than_allowed_is_not_taken() {
    let server = MockServer::start().await;
    mount(
        &server,
        CUSTOMERS_ADD,
        api_error(429, "slow down").insert_header("Retry-After", "3600"),
    )
    .await;
    let client = builder(&server).build().unwrap();

    let started = Instant::now();
    let error = client.customers_add(&customer_request()).await.unwrap_err();

    assert_eq!(error.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(received_bodies(&server).await.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn customers_add_is_not_retried_after_a_server_error() {
    let server = MockServer::start().await;
    mount(&server, CUSTOMERS_ADD, api_error(500, "boom")).await;
    let client = builder(&server).build().unwrap();

    let error = client.customers_add(&customer_request()).await.unwrap_err();

    assert!(matches!(error, Error::InternalServerError(_)), "{error:?}");
    assert_eq!(
        received_bodies(&server).await.len(),
        1,
        "a retry could create a duplicate customer"
    );
}

#[tokio::test]
async fn server_errors_are_retried_when_the_policy_allows_it() {
    let server = MockServer::start().await;
    mount_sequence(
        &server,
        IDENTITY_DOCUMENTS_UPDATE,
        api_error(500, "boom"),
        1,
        ok_documents(),
    )
    .await;
    let policy = RetryPolicy {
        retry_non_idempotent: true,
        initial_backoff: Duration::from_millis(10),
        ..RetryPolicy::default()
    };
    let client = builder(&server).retry_policy(policy).build().unwrap();

    client
        .identity_documents_update(&documents_request())
        .await
        .unwrap();

    assert_eq!(received_bodies(&server).await.len(), 2);
}

#[tokio::test]
async fn read_only_operations_are_retried_after_a_server_error_by_default() {
    let server = MockServer::start().await;
    let page =
        serde_json::from_str::<Value>(mews_tests::fixture("customers_search_response")).unwrap();
    mount_sequence(
        &server,
        "/api/connector/v1/customers/search",
        api_error(503, "busy"),
        1,
        ResponseTemplate::new(200).set_body_json(page),
    )
    .await;
    let policy = RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        ..RetryPolicy::default()
    };
    let client = builder(&server).retry_policy(policy).build().unwrap();
    let request: mews_connector::CustomerSearchParameters =
        serde_json::from_str(mews_tests::fixture("customers_search_request")).unwrap();

    client.customers_search(&request).await.unwrap();

    assert_eq!(
        received_bodies(&server).await.len(),
        2,
        "customers/search is marked x-idempotent in the spec"
    );
}

#[tokio::test]
async fn a_slow_server_gives_a_timeout_without_retrying_customers_add() {
    let server = MockServer::start().await;
    mount(
        &server,
        CUSTOMERS_ADD,
        ok_customer().set_delay(Duration::from_secs(3)),
    )
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let error = client.customers_add(&customer_request()).await.unwrap_err();

    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_closed_port_gives_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder(
        format!("http://127.0.0.1:{port}"),
        CLIENT_TOKEN,
        ACCESS_TOKEN,
        "Sample Client 1.0.0",
    )
    .retry_policy(RetryPolicy::never())
    .build()
    .unwrap();

    let error = client.customers_add(&customer_request()).await.unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!format!("{error} {error:?}").contains(ACCESS_TOKEN));
}

#[tokio::test]
async fn bodies_that_are_not_the_documented_json_give_a_decode_error() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let cases = [
        (500, html.to_owned(), "text/html"),
        (
            200,
            CUSTOMERS_ADD_RESPONSE[..CUSTOMERS_ADD_RESPONSE.len() / 2].to_owned(),
            "application/json",
        ),
        (
            200,
            CUSTOMERS_ADD_RESPONSE.replace("\"IsActive\": true", "\"IsActive\": \"yes\""),
            "application/json",
        ),
        (200, String::new(), "application/json"),
        (400, "{\"Message\": 12}".to_owned(), "application/json"),
        (200, "x".repeat(10_000), "application/octet-stream"),
    ];
    let server = MockServer::start().await;
    let client = client(&server);
    for (status, body, content_type) in cases {
        server.reset().await;
        let response = ResponseTemplate::new(status)
            .insert_header("Request-Id", "req-garbage")
            .set_body_raw(body.clone(), content_type);
        mount(&server, CUSTOMERS_ADD, response).await;

        let error = client.customers_add(&customer_request()).await.unwrap_err();

        let Error::Decode(decode) = &error else {
            panic!("{status} {body:.40}: expected a decode error, got {error:?}");
        };
        assert_eq!(decode.status, status);
        assert_eq!(decode.request_id.as_deref(), Some("req-garbage"));
        assert!(decode.body_excerpt.len() <= 512, "bounded excerpt");
        assert!(
            body.starts_with(&decode.body_excerpt),
            "the excerpt is the start of the body"
        );
        assert!(
            error.to_string().contains(&format!("HTTP {status}")),
            "{error}"
        );
    }
}

#[tokio::test]
async fn requests_breaking_a_limit_are_not_sent() {
    let server = MockServer::start().await;
    mount(&server, CUSTOMERS_ADD, ok_customer()).await;
    let client = client(&server);

    let documents = (0..11)
        .map(|_| IdentityDocumentUpdateParameters::new(uuid::Uuid::nil()))
        .collect();
    let error = client
        .identity_documents_update(&MultipleIdentityDocumentUpdateParameters::new(documents))
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Validation(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "invalid request, not sent: IdentityDocuments: 11 items, at most 10 allowed"
    );

    let error = client
        .customers_add(&CustomerAddParameters::new("", false))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request, not sent: LastName: 0 characters, at least 1 required"
    );

    // A walk checks its request before the first page: four months of arrivals against three.
    let since: chrono::DateTime<chrono::Utc> = "2026-11-01T00:00:00Z".parse().unwrap();
    let arrivals = TimeFilterInterval::new(since, since + chrono::Months::new(4));
    let walk = ReservationServiceOrderFilterParameters::new().with_scheduled_start_utc(arrivals);
    let mut pages = client.reservations_get_all_2023_06_06_pages(walk);
    let error = pages.next().await.unwrap().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid request, not sent: ScheduledStartUtc: from 2026-11-01 00:00:00 to 2027-03-01 \
         00:00:00, an interval of at most 3 months allowed"
    );
    assert!(pages.next().await.is_none());

    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn secrets_never_show_in_debug_output_or_errors() {
    let server = MockServer::start().await;
    let echo = json!({ "Message": format!("Invalid token {ACCESS_TOKEN}"), "RequestId": "r", "Details": { "ClientToken": CLIENT_TOKEN } });
    mount(
        &server,
        CUSTOMERS_ADD,
        ResponseTemplate::new(401).set_body_json(echo),
    )
    .await;
    let client = client(&server);
    assert!(!format!("{client:?}").contains(ACCESS_TOKEN));
    assert!(!format!("{client:?}").contains(CLIENT_TOKEN));

    let error = client.customers_add(&customer_request()).await.unwrap_err();

    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains(ACCESS_TOKEN) && !shown.contains(CLIENT_TOKEN),
        "{shown}"
    );
    assert!(shown.contains("Invalid token ***"), "{shown}");

    server.reset().await;
    mount(
        &server,
        CUSTOMERS_ADD,
        ResponseTemplate::new(502).set_body_string(format!("<p>{ACCESS_TOKEN}</p>")),
    )
    .await;
    let error = client.customers_add(&customer_request()).await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(
        matches!(error, Error::Decode(_)) && !shown.contains(ACCESS_TOKEN),
        "{shown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_keeps_the_client_under_its_budget() {
    // The server holds its answers until it has read two requests: the limit lets both calls
    // of its budget be under way at once, and the third waits for the window.
    let server =
        Server::start(|_| Reply::json(200, CUSTOMERS_ADD_RESPONSE).after_requests(2)).await;
    let window = Duration::from_millis(500);
    // A limit that let only one call be under way would hold the calls until this timeout.
    let client = Client::builder(
        server.uri(),
        CLIENT_TOKEN,
        ACCESS_TOKEN,
        "Sample Client 1.0.0",
    )
    .rate_limit(RateLimit::new(2, window))
    .timeout(Duration::from_secs(20))
    .retry_policy(RetryPolicy::never())
    .build()
    .unwrap();

    let calls: Vec<_> = (0..3)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.customers_add(&customer_request()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }

    let arrivals = server.arrivals();
    let answers = server.answers();
    assert_eq!((arrivals.len(), answers.len()), (3, 3));
    // The calls ended at all, so the first two were under way at once: the server answers
    // none before it has read two.
    let first_answer = answers.iter().map(|answer| answer.at).min().unwrap();
    assert!(
        arrivals[2].at >= first_answer + window,
        "the third call waits for a place to stop counting: it arrived {:?} after the first answer",
        arrivals[2].at.saturating_duration_since(first_answer)
    );
}

#[tokio::test]
async fn traces_carry_operation_status_and_request_id_but_no_secret() {
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    let server = MockServer::start().await;
    mount(&server, CUSTOMERS_ADD, ok_customer()).await;
    let client = client(&server);
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    client.customers_add(&customer_request()).await.unwrap();

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("operation=\"customers_add\""), "{logs}");
    assert!(logs.contains("status=200"), "{logs}");
    assert!(logs.contains("request_id=\"req-ok\""), "{logs}");
    assert!(
        !logs.contains(ACCESS_TOKEN) && !logs.contains(CLIENT_TOKEN),
        "{logs}"
    );
}
