//! Operations and schemas named like what the crate defines itself keep a method, a type and a
//! mock expectation each, under names of their own; checked over loopback.

mod common;

use colliding_names::mock::MockServer;
use colliding_names::*;
use futures::{StreamExt, TryStreamExt};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The paths the server received, in order.
async fn received_paths(server: &wiremock::MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .map(|request| match request.url.query() {
            Some(query) => format!("{} {}?{query}", request.method, request.url.path()),
            None => format!("{} {}", request.method, request.url.path()),
        })
        .collect()
}

#[tokio::test]
async fn every_operation_has_a_method_that_calls_it_and_the_clients_own_methods_still_work() {
    let server = common::answering(r#"{"status": "Self"}"#).await;
    let client = Client::builder(server.uri()).build().unwrap();
    client.watch_events().await.unwrap();
    client.builder2().await.unwrap();
    client.events2().await.unwrap();
    client.json_body2(&ClientModel::new().with_builder("b")).await.unwrap();
    client.result2().await.unwrap();
    client.error2().await.unwrap();
    client.clone2().await.unwrap();
    client.fmt2().await.unwrap();
    let answer = client.r#type().await.unwrap();
    client.start().await.unwrap();
    client.list_pages().await.unwrap();
    client.list_items().await.unwrap();
    let params = GetThingParams::default()
        .with_request("r")
        .with_response("s");
    client.get_thing("lamp", &params).await.unwrap();
    // `Clone` and `Debug` are the traits' still.
    let clone: Client = client.clone();
    assert!(format!("{clone:?}").starts_with("Client"));
    // `Self` and `self` are two values; `Unknown` is one, so the catch-all is `Unknown2`.
    assert_eq!(answer.status, Some(ErrorResponseModelStatus::Self_));
    let values: Vec<ErrorResponseModelStatus> =
        serde_json::from_str(r#"["self", "Unknown", "Purple"]"#).unwrap();
    assert_eq!(
        values,
        [
            ErrorResponseModelStatus::Self2,
            ErrorResponseModelStatus::Unknown,
            ErrorResponseModelStatus::Unknown2("Purple".to_owned()),
        ]
    );
    assert_eq!(
        received_paths(&server).await,
        [
            "POST /watch_events",
            "POST /builder",
            "POST /events",
            "POST /json_body",
            "POST /result",
            "POST /error",
            "POST /clone",
            "POST /fmt",
            "POST /type",
            "POST /start",
            "POST /list_pages",
            "POST /list_items",
            "GET /things/lamp?request=r&response=s",
        ]
    );
}

#[tokio::test]
async fn the_json_result_and_the_stream_of_one_operation_keep_both_methods() {
    let server = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/watch"))
        .and(wiremock::matchers::header("accept", "text/event-stream"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("data: {\"Value\": 3}\n\n".as_bytes(), "text/event-stream"),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/watch"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"Ok": true}"#))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let request = RequestModel::new("kind").with_self_("me").with_new("fresh");
    assert_eq!(client.watch(&request).await.unwrap().ok, Some(true));
    let events: Vec<_> = client.watch_events2(&request).await.unwrap().collect().await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].as_ref().unwrap().data, Update::Set(3));
    let sent: serde_json::Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(sent, serde_json::json!({"type": "kind", "self": "me", "new": "fresh"}));
}

#[tokio::test]
async fn the_walk_of_an_operation_named_like_a_walk_walks() {
    let server = common::answering(r#"{"Items": [{"id": "a"}, {"id": "b"}], "Cursor": "b"}"#).await;
    let client = Client::builder(server.uri()).build().unwrap();
    let items: Vec<InnerModel> = client
        .list_items2(PageRequestModel::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    let pages: Vec<PageModel> = client
        .list_pages2(PageRequestModel::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
}

#[tokio::test]
async fn a_documented_error_of_an_operation_named_error_is_its_variant() {
    let server = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_string(r#"{"message": "No."}"#))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    match client.error2().await {
        Err(Error::BadRequest(error)) => assert_eq!(error.body.message.as_deref(), Some("No.")),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_mock_serves_the_operations_named_like_its_own_methods() {
    let mock = MockServer::start().await;
    let started = mock.start2().returns(ErrorResponseModel::default());
    let built = mock.builder2().returns(ErrorResponseModel::default());
    let client = mock.client();
    client.start().await.unwrap();
    client.builder2().await.unwrap();
    assert_eq!((started.calls(), built.calls()), (1, 1));
}
