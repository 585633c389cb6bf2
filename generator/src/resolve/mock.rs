//! The mock server of the generated crate: the names a test calls and what the mock answers
//! with, decided from the operations, common fields and error bodies already resolved.

use heck::ToKebabCase;

use crate::ir::{
    Api, FieldShape, Mock, MockCommonField, MockErrorMessage, MockMessage, MockOperation, MockTest,
    Operation, TypeDef, TypeKind, TypeRef,
};
use crate::names::{self, Scope};

/// The methods `MockServer` has whatever the API (the runtime's `mock/server.rs` and `emit/mock`): an
/// operation's method must not take one of these names.
const SERVER_METHODS: &[&str] = &[
    "start",
    "builder",
    "url",
    "verify",
    "client",
    "client_builder",
    "expectation",
    "expected_value",
];

/// The methods `MockServerBuilder` has whatever the API: a common field's setter must not
/// take one of these names.
const BUILDER_METHODS: &[&str] = &["start", "expect_field"];

/// Names a test function of the generated `tests/mock.rs` must not take.
const TEST_NAMES: &[&str] = &["main"];

/// The mock of `api`, whose operations, common fields and errors are resolved.
pub(super) fn mock(api: &Api) -> Mock {
    let common_fields: Vec<MockCommonField> = {
        let mut setters = Scope::with_taken(BUILDER_METHODS.iter().copied());
        api.common_fields
            .iter()
            .map(|field| MockCommonField {
                wire_name: field.wire_name.clone(),
                setter: setters.claim(field.rust_name.clone()),
                test_value: (field.required && field.ty == TypeRef::String)
                    .then(|| format!("mock-{}", field.wire_name.to_kebab_case())),
            })
            .collect()
    };
    let has_client = common_fields
        .iter()
        .all(|mock| mock.test_value.is_some() || !is_required(api, &mock.wire_name));
    let mut methods = Scope::with_taken(SERVER_METHODS.iter().copied());
    let mut markers = Scope::default();
    let mut tests = Scope::with_taken(TEST_NAMES.iter().copied());
    let operations = api
        .operations
        .iter()
        .map(|operation| MockOperation {
            operation: operation.name.clone(),
            method: methods.claim(operation.name.clone()),
            marker: markers.claim(names::type_name(names::unraw(&operation.name))),
            pages: operation.pagination.is_some()
                && operation
                    .result
                    .as_ref()
                    .is_some_and(|result| has_default(result, &api.types)),
            test: (has_client && is_testable(operation, &api.types)).then(|| MockTest {
                name: tests.claim(operation.name.clone()),
                error: test_error(operation, api),
            }),
        })
        .collect();
    Mock {
        operations,
        common_fields,
        error_messages: api
            .errors
            .statuses
            .iter()
            .map(|status| MockErrorMessage {
                status: status.status,
                message: message(&status.body, &api.types),
            })
            .collect(),
        fallback_message: message(&api.errors.fallback_body, &api.types),
        has_client,
    }
}

/// Whether the common field `wire_name` is required by every operation.
fn is_required(api: &Api, wire_name: &str) -> bool {
    api.common_fields
        .iter()
        .any(|field| field.wire_name == wire_name && field.required)
}

/// Whether a generated test can send the operation's documented request and tell the
/// mock's answer: a JSON request with an example, no parameters to invent, and a result the
/// test can build (none, or one with a default).
fn is_testable(operation: &Operation, types: &[TypeDef]) -> bool {
    let json_request = matches!(&operation.request, Some(ty) if *ty != TypeRef::Bytes);
    let result = operation
        .result
        .as_ref()
        .is_none_or(|result| has_default(result, types));
    json_request && operation.request_example.is_some() && operation.parameters.is_empty() && result
}

/// The documented error a generated test makes the mock answer with: the operation's first
/// error status that the client does not retry (not `408`, `429` or `5xx`).
fn test_error(operation: &Operation, api: &Api) -> Option<String> {
    let status = operation
        .error_responses()
        .map(|response| response.status)
        .find(|&status| (400..500).contains(&status) && status != 408 && status != 429)?;
    api.errors
        .statuses
        .iter()
        .find(|error| error.status == status)
        .map(|error| error.variant.clone())
}

/// Whether a value of `ty` can be made with `Default::default()`.
fn has_default(ty: &TypeRef, types: &[TypeDef]) -> bool {
    match ty {
        TypeRef::Named(name) => types
            .iter()
            .find(|def| def.name == *name)
            .is_some_and(|def| def.has_default),
        TypeRef::Boxed(inner) => has_default(inner, types),
        TypeRef::Update { .. } => false,
        _ => true,
    }
}

/// How an error body of type `body` carries a message: in its `message` string field when it
/// is an object with one, as a JSON object's `message` member when it is any JSON value.
fn message(body: &TypeRef, types: &[TypeDef]) -> MockMessage {
    match body {
        TypeRef::String => MockMessage::Text,
        TypeRef::Bytes => MockMessage::Raw,
        TypeRef::Json => MockMessage::Member("message".to_owned()),
        TypeRef::Named(name) => match types
            .iter()
            .find(|def| def.name == *name)
            .map(|def| &def.kind)
        {
            Some(TypeKind::Alias(target)) => message(target, types),
            Some(TypeKind::Struct(structure)) => structure
                .fields
                .iter()
                .find(|field| {
                    field.rust_name == "message"
                        && field.ty == TypeRef::String
                        && field.shape() != FieldShape::Update
                })
                .map_or(MockMessage::None, |field| {
                    MockMessage::Member(field.wire_name.clone())
                }),
            _ => MockMessage::None,
        },
        _ => MockMessage::None,
    }
}
