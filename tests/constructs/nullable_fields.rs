//! Optional nullable request fields: left out, sent as `null` to remove a value, or sent;
//! checked on the wire over loopback.

use nullable_fields::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_nullable_field_is_left_out_sent_as_null_or_sent() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"data": {"name": "Buy milk", "due_on": null, "assignee": "12"}}"#,
        ))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let task = TaskRequest::new()
        .with_name("Buy milk")
        .with_due_on(Nullable::Null)
        .with_assignee("12");
    let updated = client
        .update_task("1", &UpdateTaskRequest::new().with_data(task))
        .await
        .unwrap();
    let data = updated.data.unwrap();
    assert_eq!(data.due_on, Nullable::Null, "`null` reads as Null");
    assert_eq!(data.notes, Nullable::Absent, "a missing field reads as Absent");
    assert_eq!(data.assignee, Nullable::Value("12".to_owned()));
    let requests = server.received_requests().await.unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({"data": {"name": "Buy milk", "due_on": null, "assignee": "12"}})
    );
}

#[tokio::test]
async fn only_a_value_is_validated() {
    let server = MockServer::start().await;
    let client = Client::builder(server.uri()).build().unwrap();
    let too_long = TaskRequest::new().with_notes("too long");
    let error = client
        .update_task("1", &UpdateTaskRequest::new().with_data(too_long))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("data.notes: 8 characters"), "{error}");
    let removed = TaskRequest::new().with_notes(Nullable::Null);
    assert!(UpdateTaskRequest::new().with_data(removed).validate().is_ok());
    // `None` leaves a field out, as an unset `Option` does.
    let unset = TaskRequest::new().with_due_on(None);
    assert_eq!(serde_json::to_string(&unset).unwrap(), "{}");
}
