//! Number fields read from numbers and from strings that hold them, as Twilio writes its
//! prices and durations, over loopback; numbers are written back as numbers.

mod common;

use numbers_as_strings::*;

/// A page as Twilio's recordings list writes it: `duration` and `price` as strings.
const PAGE: &str = r#"{
  "recordings": [
    {"sid": "RE1", "duration": "4", "price": "-0.0025", "channels": 1, "start_offset": "1.5"},
    {"sid": "RE2", "duration": 12, "price": -0.5, "channels": "2"},
    {"sid": "RE3", "duration": " 7 ", "price": null}
  ],
  "page": "0"
}"#;

#[tokio::test]
async fn numbers_written_as_strings_read_as_numbers() {
    let server = common::answering(PAGE).await;
    let client = Client::builder(server.uri()).build().unwrap();
    let page = client.list_recordings().await.unwrap();
    assert_eq!(page.page, 0);
    let [first, second, third] = &page.recordings[..] else {
        panic!("{:?}", page.recordings);
    };
    assert_eq!((first.duration, first.price, first.channels), (4, Some(-0.0025), Some(1)));
    assert_eq!(first.start_offset, Some(1.5));
    assert_eq!((second.duration, second.price, second.channels), (12, Some(-0.5), Some(2)));
    assert_eq!((third.duration, third.price, third.channels), (7, None, None));
    let written = serde_json::to_value(first).unwrap();
    assert_eq!(written["duration"], serde_json::json!(4));
    assert_eq!(written["price"], serde_json::json!(-0.0025));
}

#[test]
fn a_string_that_is_not_a_number_or_a_number_out_of_range_is_an_error() {
    let error = serde_json::from_str::<Recording>(r#"{"sid": "RE1", "duration": "four"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("a number, or a string that holds one"), "{error}");
    assert!(serde_json::from_str::<Recording>(r#"{"sid": "RE1", "duration": 4294967296}"#).is_err());
    assert!(serde_json::from_str::<Recording>(r#"{"sid": "RE1", "duration": 1.5}"#).is_err());
    assert!(serde_json::from_str::<Recording>(r#"{"sid": "RE1"}"#).is_err());
}
