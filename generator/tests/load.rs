//! Errors of the loading stage name the node that is wrong, even inside operations, whose
//! extensions `openapiv3` flattens.

use std::path::Path;

fn load_error(path: &str, text: &str) -> codegen::Error {
    codegen::load::parse(Path::new(path), text).unwrap_err()
}

#[test]
fn a_missing_responses_is_reported_at_the_operation_that_lacks_it() {
    let err = load_error(
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    post:\n      operationId: a\n      responses: {'200': {description: OK}}\n  /b:\n    post:\n      operationId: b\n",
    );
    assert_eq!(err.pointer(), Some("#/paths/~1b/post"));
    assert!(err.message().contains("missing field `responses`"), "{err}");
}

#[test]
fn a_bad_node_inside_a_request_body_is_reported_at_that_node() {
    let err = load_error(
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object, required: 7}\n      responses: {'200': {description: OK}}\n",
    );
    let pointer = err.pointer().unwrap();
    assert!(
        pointer.starts_with("#/paths/~1a/post/requestBody"),
        "{pointer}: {err}"
    );
}

#[test]
fn a_tab_in_yaml_is_called_a_tab() {
    let err = load_error("spec.yaml", "openapi: 3.0.3\ninfo:\n\ttitle: T\n");
    assert!(err.to_string().contains("a tab"), "{err}");
    assert_eq!(err.kind(), codegen::ErrorKind::InvalidSpec);
}
