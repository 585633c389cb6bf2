//! The wire form of every parameter style, checked on a loopback server.

use std::collections::BTreeMap;

use parameter_styles::*;
use wiremock::MockServer;

mod common;

async fn server() -> MockServer {
    common::answering("[]").await
}

fn client(server: &MockServer) -> Client {
    Client::builder(server.uri()).build().unwrap()
}

#[tokio::test]
async fn each_style_writes_its_own_wire_form() {
    let server = server().await;
    let mut params = ListChargesParams::default()
        .with_metadata(BTreeMap::from([
            ("order".to_owned(), "6735".to_owned()),
            ("note".to_owned(), "a b&c".to_owned()),
        ]))
        .with_expand(vec!["customer".to_owned(), "invoice.lines".to_owned()])
        .with_status(vec![ListChargesStatusItem::Paid, ListChargesStatusItem::Open])
        .with_tag(vec!["x".to_owned(), "y".to_owned()])
        .with_sizes(vec![3, 4])
        .with_x_trace(vec!["a".to_owned(), "b".to_owned()]);
    let mut created = ListChargesCreated::default();
    created.gt = Some(1700000000);
    created.lte = Some(1800000000);
    params.created = Some(created);
    let mut color = ListChargesColor::default();
    color.r = Some(100);
    color.g = Some(200);
    params.color = Some(color);
    client(&server)
        .list_charges(&vec!["ch 1".to_owned(), "ch2".to_owned()], &params)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert_eq!(request.url.path(), "/charges/ch%201,ch2");
    let query: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let expected: Vec<(&str, &str)> = vec![
        ("metadata[note]", "a b&c"),
        ("metadata[order]", "6735"),
        ("created[gt]", "1700000000"),
        ("created[lte]", "1800000000"),
        ("expand[0]", "customer"),
        ("expand[1]", "invoice.lines"),
        ("status", "paid,open"),
        ("tag", "x"),
        ("tag", "y"),
        ("sizes", "3|4"),
        // An exploded object's properties, in the order of their names.
        ("G", "200"),
        ("R", "100"),
    ];
    let query: Vec<(&str, &str)> = query
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    assert_eq!(query, expected);
    assert_eq!(request.headers.get("X-Trace").unwrap(), "a,b");
}

#[tokio::test]
async fn unset_parameters_are_not_sent() {
    let server = server().await;
    client(&server)
        .list_charges(&vec!["ch_1".to_owned()], &ListChargesParams::default())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), None);
    assert!(requests[0].headers.get("X-Trace").is_none());
}

#[tokio::test]
async fn a_date_time_with_a_max_length_is_sent_and_only_strings_are_measured() {
    let server = server().await;
    let at = "2026-11-23T08:00:00Z".parse().unwrap();
    let event = CreateEventRequest::new(at).with_label("too long");
    let error = client(&server).create_event(&event).await.unwrap_err();
    assert!(
        error.to_string().contains("label: 8 characters, at most 5 allowed"),
        "{error}"
    );
    client(&server)
        .create_event(&CreateEventRequest::new(at).with_label("ok"))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body, serde_json::json!({"at": "2026-11-23T08:00:00Z", "label": "ok"}));
}
