//! The decisions behind the generated mock server: names that never clash with the mock's
//! own methods, test values of the common fields, how error bodies carry a message, and which
//! operations the generated test of the mock covers.

use std::path::Path;

use codegen::ir::{Api, MockMessage, MockOperation};

/// The spec of `mock_names.yaml`, which `tests/tests/corpus.rs` compiles.
const SPEC: &str = include_str!("mock_names.yaml");

fn resolve(yaml: &str) -> Api {
    let path = Path::new("test.yaml");
    let document = codegen::load::parse(path, yaml).unwrap();
    codegen::resolve::resolve(&document, path, "Value").unwrap()
}

/// One name per operation, as `name` picks it from the mock's description of the operation.
fn names(api: &Api, name: impl Fn(&MockOperation) -> &str) -> Vec<&str> {
    api.mock.operations.iter().map(name).collect()
}

#[test]
fn operations_named_like_methods_of_the_mock_server_get_names_of_their_own() {
    let api = resolve(SPEC);
    assert_eq!(
        names(&api, |operation| &operation.operation),
        ["verify", "url", "client", "start"]
    );
    assert_eq!(
        names(&api, |operation| &operation.method),
        ["verify2", "url2", "client2", "start2"]
    );
    assert_eq!(
        names(&api, |operation| &operation.marker),
        ["Verify", "Url", "ClientModel", "Start"]
    );
}

#[test]
fn a_common_field_named_like_a_method_of_the_builder_gets_a_setter_of_its_own() {
    let api = resolve(SPEC);
    let setters: Vec<(&str, &str)> = api
        .mock
        .common_fields
        .iter()
        .map(|field| (field.wire_name.as_str(), field.setter.as_str()))
        .collect();
    assert_eq!(
        setters,
        [
            ("Token", "token"),
            ("Start", "start2"),
            ("TenantId", "tenant_id"),
        ]
    );
}

#[test]
fn required_string_fields_have_test_values_and_without_one_for_each_there_is_no_ready_client() {
    let api = resolve(SPEC);
    let values: Vec<Option<&str>> = api
        .mock
        .common_fields
        .iter()
        .map(|field| field.test_value.as_deref())
        .collect();
    assert_eq!(values, [Some("mock-token"), Some("mock-start"), None]);
    assert!(!api.mock.has_client, "TenantId has no test value");
    assert!(
        api.mock
            .operations
            .iter()
            .all(|operation| operation.test.is_none()),
        "the generated test needs `MockServer::client`"
    );

    let strings_only =
        resolve(&SPEC.replace("{ type: integer, format: int64 }", "{ type: string }"));
    assert!(strings_only.mock.has_client);
}

#[test]
fn error_bodies_carry_the_message_where_the_client_reads_it() {
    let api = resolve(SPEC);
    let messages: Vec<(u16, &MockMessage)> = api
        .errors
        .statuses
        .iter()
        .map(|status| (status.status, api.mock.error_message(status.status)))
        .collect();
    let documented: Vec<(u16, &MockMessage)> = messages
        .iter()
        .copied()
        .filter(|(status, _)| [403, 404, 429].contains(status))
        .collect();
    assert_eq!(
        documented,
        [
            (403, &MockMessage::Member("Message".to_owned())),
            (404, &MockMessage::Text),
            (429, &MockMessage::Member("Message".to_owned())),
        ]
    );
    // The statuses the spec leaves out have the body of the other errors, which the spec
    // documents differently per status: any JSON.
    assert!(messages
        .iter()
        .filter(|(status, _)| ![403, 404, 429].contains(status))
        .all(|(_, message)| **message == MockMessage::Member("message".to_owned())));
}

#[test]
fn the_generated_test_covers_operations_with_an_example_and_fails_with_a_status_not_retried() {
    let api = resolve(&SPEC.replace("{ type: integer, format: int64 }", "{ type: string }"));
    let verify = api.mock.operations[0].test.as_ref().unwrap();
    assert_eq!(verify.name, "verify");
    // 403 rather than 429, which the client would retry.
    assert_eq!(verify.error.as_deref(), Some("Forbidden"));
    let untested = api.mock.operations[1..]
        .iter()
        .all(|operation| operation.test.is_none());
    assert!(
        untested,
        "`url` takes a parameter, `client` and `start` document no example"
    );
}
