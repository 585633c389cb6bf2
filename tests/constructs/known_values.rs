//! Enums from `oneOf` constants, unions chosen by a constant property, and an enum beside a
//! plain string, decoded from real payloads over loopback.

use known_values::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GUILD: &str = r#"{
  "id": "197038439483310086",
  "verification_level": 3,
  "status": "dnd",
  "components": [
    {"type": 1, "id": 1, "components": [{"type": 2, "label": "Click me"}]},
    {"type": 2, "id": 2, "label": "Alone"},
    {"type": 9, "content": "a component type this version does not know"}
  ],
  "events": [
    {"type": "typing", "user": "thea"},
    {"type": "message", "text": "hello"}
  ]
}"#;

async fn fetch_guild(body: &str) -> Guild {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/guilds/1"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    client.get_guild("1").await.unwrap()
}

#[tokio::test]
async fn integer_and_string_enums_from_constants_decode_to_their_variants() {
    let guild = fetch_guild(GUILD).await;
    assert_eq!(guild.verification_level, VerificationLevel::High);
    assert_eq!(guild.status, Some(Status::DoNotDisturb));
    let unknown = fetch_guild(&GUILD.replace("\"verification_level\": 3", "\"verification_level\": 19")).await;
    assert_eq!(unknown.verification_level, VerificationLevel::Unknown(19));
    assert_eq!(unknown.verification_level.as_i64(), 19);
    assert_eq!(serde_json::to_string(&VerificationLevel::Low).unwrap(), "1");
    assert_eq!(VerificationLevel::from(0), VerificationLevel::None);
}

#[tokio::test]
async fn union_members_are_chosen_by_their_constant_type_property() {
    let guild = fetch_guild(GUILD).await;
    let Component::ActionRow(row) = &guild.components[0] else {
        panic!("{:?}", guild.components[0]);
    };
    assert_eq!(row.components.as_ref().unwrap()[0].label.as_deref(), Some("Click me"));
    let Component::Button(button) = &guild.components[1] else {
        panic!("{:?}", guild.components[1]);
    };
    assert_eq!(button.label.as_deref(), Some("Alone"));
    assert!(matches!(guild.components[2], Component::Other(_)));
    let events = guild.events.unwrap();
    assert!(matches!(&events[0], Event::Typing(typing) if typing.user.as_deref() == Some("thea")));
    assert!(matches!(&events[1], Event::Message(message) if message.text == "hello"));
    // Written back with its tag.
    let written = serde_json::to_value(&guild.components[1]).unwrap();
    assert_eq!(written, serde_json::json!({"type": 2, "id": 2, "label": "Alone"}));
}

#[tokio::test]
async fn an_enum_beside_a_plain_string_keeps_known_and_other_values() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"model": "o3"}"#))
        .mount(&server)
        .await;
    let client = Client::builder(server.uri()).build().unwrap();
    let request = CreateCompletionRequest::new(CreateCompletionRequestModel::Gpt4oMini)
        .with_relation(CreateCompletionRequestRelation::Self2);
    let result = client.create_completion(&request).await.unwrap();
    assert_eq!(result.model, Some(KnownModel::O3));
    let custom = CreateCompletionRequest::new(CreateCompletionRequestModel::from("ft:gpt-4o:acme"));
    client.create_completion(&custom).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(sent, serde_json::json!({"model": "gpt-4o-mini", "relation": "Self"}));
    let sent: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(sent, serde_json::json!({"model": "ft:gpt-4o:acme"}));
    let read: ModelId = serde_json::from_str("\"gpt-4o\"").unwrap();
    assert_eq!(read, KnownModel::Gpt4o);
}
