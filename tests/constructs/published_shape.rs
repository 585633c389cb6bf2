//! A crate generated from the shape of Mews's published description: request bodies taken as
//! they are, an empty result as `()` despite the `204` documented with the error schema, an
//! update of a date as `Update<Date>`, a filter two operations share left on the requests, and
//! `Retry-After` read although no operation documents it; checked over loopback.

mod common;

use std::time::Duration;

use published_shape::*;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn ids() -> Vec<uuid::Uuid> {
    vec![uuid::Uuid::from_u128(1)]
}

#[tokio::test]
async fn the_body_is_required_the_filter_stays_on_the_request_and_the_credentials_go_first() {
    let server = common::answering(r#"{"OrderItemIds": []}"#).await;
    let client = Client::builder(server.uri(), "client-token", "access-token", "Test 1.0")
        .build()
        .unwrap();
    // Not an `Option`: a Mews call without a body can never succeed.
    let filter = OrderItemFilterParameters::new().with_order_item_ids(ids());
    client.order_items_get_all(&filter).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "ClientToken": "client-token",
            "AccessToken": "access-token",
            "Client": "Test 1.0",
            "OrderItemIds": ["00000000-0000-0000-0000-000000000001"],
        })
    );
}

#[tokio::test]
async fn an_empty_result_is_unit_and_an_update_of_a_date_is_written_as_a_date() {
    let server = common::answering("{}").await;
    let client = Client::builder(server.uri(), "client-token", "access-token", "Test 1.0").build().unwrap();
    let mut cancel = OrderItemCancelParameters::new();
    cancel.consumption_date = Update::Set(Date::from_ymd(2026, 12, 3).unwrap());
    let () = client.order_items_cancel(&cancel).await.unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["ConsumptionDate"], serde_json::json!({"Value": "2026-12-03"}));
}

#[tokio::test]
async fn a_204_is_no_content_where_a_result_is_expected_and_success_where_none_is() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), "client-token", "access-token", "Test 1.0").build().unwrap();
    let error = client
        .order_items_get_all(&OrderItemFilterParameters::new())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NoContent { status: 204, .. }), "{error:?}");
    client
        .order_items_cancel(&OrderItemCancelParameters::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn statuses_the_spec_leaves_out_are_typed_and_retry_after_is_read() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "7")
                .set_body_string(r#"{"Message": "Slow down."}"#),
        )
        .mount(&server)
        .await;
    let client = Client::builder(server.uri(), "client-token", "access-token", "Test 1.0")
        .retry_policy(RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    match client.order_items_cancel(&OrderItemCancelParameters::new()).await {
        Err(Error::TooManyRequests { retry_after, error }) => {
            assert_eq!(retry_after, Some(Duration::from_secs(7)));
            assert_eq!(error.body.message.as_deref(), Some("Slow down."));
        }
        other => panic!("{other:?}"),
    }
    // A new client: the first sits out the pause the 429 asked for.
    let client = Client::builder(server.uri(), "client-token", "access-token", "Test 1.0")
        .build()
        .unwrap();
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(409).set_body_string(r#"{"Message": "Changed."}"#))
        .mount(&server)
        .await;
    match client.order_items_cancel(&OrderItemCancelParameters::new()).await {
        Err(Error::Conflict(error)) => assert_eq!(error.body.message.as_deref(), Some("Changed.")),
        other => panic!("{other:?}"),
    }
}
