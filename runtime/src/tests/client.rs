//! The client over loopback, against the runtime's own mock server: the fields every request
//! carries, errors with their status and request id, validation before sending, retries after
//! `429`, and walks that end where the server says.

use std::time::Duration;

use futures::TryStreamExt;

use crate::client::Error;
use crate::mock::{ErrorStatus, MockServer};
use crate::models::{Colour, Thing, ThingFilter, ThingResult, ThingUpdate};
use crate::support::Update;

fn thing(n: u128) -> Thing {
    Thing {
        id: uuid::Uuid::from_u128(n),
        name: format!("thing {n}"),
        ..Thing::default()
    }
}

#[tokio::test]
async fn a_walk_reads_every_item_of_every_page_in_order() {
    let mock = MockServer::start().await;
    let things: Vec<Thing> = (1..=5).map(thing).collect();
    let pages = mock.things_get_all().returns_pages(things.clone());
    let mut filter = ThingFilter::new();
    filter.limitation.count = 2;
    let walked: Vec<Thing> = mock
        .client()
        .things_get_all_items(filter)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(walked, things);
    // Pages of 2, 2 and 1: the short page ends the walk.
    assert_eq!(pages.calls(), 3);
}

#[tokio::test]
async fn a_walk_ends_on_an_empty_page_that_still_carries_a_cursor() {
    let mock = MockServer::start().await;
    let cursor = uuid::Uuid::from_u128(2);
    let full = ThingResult {
        things: vec![thing(1), thing(2)],
        cursor: Some(cursor),
    };
    let empty = ThingResult {
        things: Vec::new(),
        cursor: Some(cursor),
    };
    let pages = mock.things_get_all().returns(full).returns(empty);
    let mut filter = ThingFilter::new();
    filter.limitation.count = 2;
    let walked: Vec<Thing> = mock
        .client()
        .things_get_all_items(filter)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(walked.len(), 2);
    assert_eq!(pages.calls(), 2);
}

#[tokio::test]
async fn a_cursor_the_server_returned_before_ends_the_walk_with_an_error() {
    let mock = MockServer::start().await;
    let page = ThingResult {
        things: vec![thing(1)],
        cursor: Some(uuid::Uuid::from_u128(1)),
    };
    mock.things_get_all().returns(page);
    let mut filter = ThingFilter::new();
    filter.limitation.count = 1;
    let error = mock
        .client()
        .things_get_all_items(filter)
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::RepeatedCursor {
                operation: "things_get_all",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_documented_error_status_has_its_variant_status_request_id_and_message() {
    let mock = MockServer::start().await;
    mock.things_update()
        .fails(ErrorStatus::BadRequest, "No such thing.")
        .request_id("r-1");
    let error = mock
        .client()
        .things_update(&ThingUpdate::new(uuid::Uuid::nil()))
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::BadRequest(_)), "{error:?}");
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.request_id(), Some("r-1"));
    assert_eq!(
        error.to_string(),
        "HTTP 400: No such thing. (request id r-1)"
    );
}

#[tokio::test]
async fn a_status_the_api_does_not_document_is_unexpected_and_keeps_its_body() {
    let mock = MockServer::start().await;
    mock.things_update()
        .responds(418, r#"{"message": "I'm a teapot"}"#);
    let error = mock
        .client()
        .things_update(&ThingUpdate::new(uuid::Uuid::nil()))
        .await
        .unwrap_err();
    let Error::UnexpectedStatus(response) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.status, 418);
    assert_eq!(error.status(), Some(418));
    assert!(
        error.to_string().starts_with("HTTP 418: I'm a teapot"),
        "{error}"
    );
}

#[tokio::test]
async fn a_success_without_a_body_where_a_result_is_expected_is_no_content() {
    let mock = MockServer::start().await;
    mock.things_get_all().responds(204, "").request_id("r-2");
    let error = mock
        .client()
        .things_get_all(&ThingFilter::new())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::NoContent { status: 204, .. }),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("r-2"));
}

#[tokio::test]
async fn a_request_that_breaks_a_limit_is_not_sent() {
    let mock = MockServer::start().await;
    let names = ["a", "b", "c", "d"].map(String::from).to_vec();
    let error = mock
        .client()
        .things_get_all(&ThingFilter::new().with_names(names))
        .await
        .unwrap_err();
    assert!(matches!(&error, Error::Validation(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("invalid request, not sent: Names: 4 items"),
        "{error}"
    );
    assert_eq!(error.status(), None);
    // The mock fails the test on drop if a request arrived that no expectation matched.
    mock.verify();
}

#[tokio::test]
async fn a_429_is_retried_after_the_wait_the_server_asks_for() {
    let mock = MockServer::start().await;
    let mut update = ThingUpdate::new(uuid::Uuid::nil());
    update.colour = Update::Set(Colour::Green);
    let expectation = mock
        .things_update()
        .fails(ErrorStatus::TooManyRequests, "Slow down.")
        .retry_after(Duration::ZERO)
        .times(1)
        .succeeds();
    mock.client().things_update(&update).await.unwrap();
    assert_eq!(expectation.calls(), 2);
    assert_eq!(expectation.received()[1].colour, Update::Set(Colour::Green));
}

#[tokio::test]
async fn a_request_carries_the_fields_of_the_client_which_never_shows_its_credentials() {
    let mock = MockServer::builder()
        .access_token("secret-token")
        .client("Front desk 2.0")
        .start()
        .await;
    let expectation = mock.things_update().succeeds();
    let client = crate::client::Client::builder(mock.url(), "secret-token", "Front desk 2.0")
        .build()
        .unwrap();
    client
        .things_update(&ThingUpdate::new(uuid::Uuid::nil()))
        .await
        .unwrap();
    assert_eq!(expectation.calls(), 1);
    assert!(!format!("{client:?}").contains("secret-token"));
}
