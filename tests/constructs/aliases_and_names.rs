//! An object merged through a chain of aliases, a dotted schema name and keyword values,
//! decoded from a real payload over loopback.

use aliases_and_names::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn an_object_merged_through_aliases_decodes_with_its_short_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/calls/CA1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"sid": "CA1", "started": "2026-11-23T08:00:00Z", "offset": -9223372036854775808,
                "relation": "Self", "feedback": {"quality_score": 5}}"#,
        ))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let call: Call = client.fetch_call("CA1").await.unwrap();
    assert_eq!(call.sid, "CA1", "merged from CallBase through two aliases");
    assert_eq!(call.offset, Some(i64::MIN));
    assert_eq!(call.relation, Some(CallRelation::Self2));
    assert_eq!(CallRelation::Self_.as_str(), "self");
    let feedback: &CallFeedback = call.feedback.as_ref().unwrap();
    assert_eq!(feedback.quality_score, Some(5));
}
