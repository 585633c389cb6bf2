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
    assert_eq!(
        err.pointer(),
        Some("#/paths/~1a/post/requestBody/content/application~1json/schema"),
        "{err}"
    );
    assert!(err.message().contains("expected a sequence"), "{err}");
}

#[test]
fn a_bad_schema_nested_in_a_component_is_reported_at_that_schema_not_at_its_example() {
    // As in Spotify's published spec: `required: true` inside a schema.
    let err = load_error(
        "spec.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      example: {type: 5}\n      properties:\n        name: {type: string}\n        tag: {type: string, required: true}\n",
    );
    assert_eq!(
        err.pointer(),
        Some("#/components/schemas/Pet/properties/tag"),
        "{err}"
    );
}

#[test]
fn a_tab_in_yaml_is_called_a_tab() {
    let err = load_error("spec.yaml", "openapi: 3.0.3\ninfo:\n\ttitle: T\n");
    assert!(err.to_string().contains("a tab"), "{err}");
    assert_eq!(err.kind(), codegen::ErrorKind::InvalidSpec);
}

#[test]
fn a_yaml_number_beyond_64_bits_loads_as_the_same_document_in_json_does() {
    let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Limits:\n      type: object\n      properties:\n        offset: {type: integer, format: int64, minimum: -9223372036854776000, maximum: 18446744073709551616}\n";
    let json = r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {},
        "components": {"schemas": {"Limits": {"type": "object", "properties": {"offset":
        {"type": "integer", "format": "int64", "minimum": -9223372036854776000, "maximum": 18446744073709551616}}}}}}"#;
    let from_yaml =
        codegen::load::parse(Path::new("spec.yaml"), yaml).unwrap_or_else(|err| panic!("{err}"));
    let from_json = codegen::load::parse(Path::new("spec.json"), json).unwrap();
    assert_eq!(from_yaml, from_json);
    let api = codegen::Generator::new()
        .api_from(Path::new("spec.yaml"), &from_yaml)
        .unwrap();
    let codegen::ir::TypeKind::Struct(limits) = &api.types[0].kind else {
        panic!("a struct");
    };
    assert_eq!(limits.fields[0].ty, codegen::ir::TypeRef::I64);
    // Bounds at or beyond the range of `i64` say nothing an `i64` does not.
    assert_eq!(limits.fields[0].limits.minimum, None);
    assert_eq!(limits.fields[0].limits.maximum, None);
}

#[test]
fn an_error_quoting_text_of_several_lines_is_one_line() {
    // A description pasted where a reference belongs.
    let text = r##"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {"/a": {"post": {
        "responses": {"200": {"$ref": "Origin of the reservation.\n\n- `Import` - From an import."}}}}}}"##;
    let document = codegen::load::parse(Path::new("spec.json"), text).unwrap();
    let err = codegen::Generator::new()
        .api_from(Path::new("spec.json"), &document)
        .unwrap_err();
    let message = err.to_string();
    assert!(!message.contains('\n'), "{message}");
    assert!(message.contains(r"reservation.\n\n- `Import`"), "{message}");
}
