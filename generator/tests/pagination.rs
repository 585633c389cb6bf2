//! Cursor pagination is found by the shape of an operation, with the property names as
//! settings, never by the operation's name.

use std::path::Path;

use codegen::ir::{Api, TypeRef};
use codegen::resolve::{resolve_with, PaginationNames, Settings};

/// One operation `things/list` whose request has `limitation` (an object with `count` and
/// `cursor`) and whose result has `result` (the result's properties, as YAML).
fn spec(names: [&str; 3], result: &str) -> String {
    let [limitation, count, cursor] = names;
    format!(
        r#"openapi: 3.0.3
info: {{ title: Test, version: v1 }}
paths:
  /things/list:
    post:
      operationId: things_list
      requestBody:
        content:
          application/json:
            schema: {{ $ref: '#/components/schemas/Filter' }}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {{ $ref: '#/components/schemas/Page' }}
components:
  schemas:
    Filter:
      type: object
      required: [{limitation}]
      properties:
        Name: {{ type: string }}
        {limitation}: {{ $ref: '#/components/schemas/Window' }}
    Window:
      type: object
      required: [{count}]
      properties:
        {count}: {{ type: integer, format: int32, minimum: 1, maximum: 250 }}
        {cursor}: {{ type: string, nullable: true }}
    Thing:
      type: object
      properties:
        Id: {{ type: string }}
    Page:
      type: object
      properties:
{result}"#
    )
}

fn resolve(yaml: &str, names: PaginationNames) -> Api {
    let path = Path::new("test.yaml");
    let document = codegen::load::parse(path, yaml).unwrap();
    let settings = Settings {
        pagination: names,
        ..Settings::default()
    };
    resolve_with(&document, path, &settings).unwrap()
}

const ITEMS_AND_CURSOR: &str = "        Things: { type: array, items: { $ref: '#/components/schemas/Thing' } }\n        Next: { type: string, nullable: true }\n";

fn names(limitation: &str, count: &str, cursor: &str) -> PaginationNames {
    PaginationNames {
        limitation: limitation.to_owned(),
        count: count.to_owned(),
        cursor: cursor.to_owned(),
        max_page_size: None,
    }
}

#[test]
fn another_vendors_names_are_found_when_configured() {
    let yaml = spec(["Window", "Size", "Next"], ITEMS_AND_CURSOR);
    let api = resolve(&yaml, names("Window", "Size", "Next"));
    let pagination = api.operations[0]
        .pagination
        .as_ref()
        .expect("paginated by shape");
    assert_eq!(pagination.items_field, "things");
    assert_eq!(pagination.item_type, TypeRef::Named("Thing".to_owned()));
    assert_eq!(pagination.cursor_type, TypeRef::String);
    assert_eq!(
        pagination.default_page_size, 250,
        "the largest the spec allows"
    );
    assert_eq!(pagination.pages_method, "things_list_pages");
    assert_eq!(pagination.items_method, "things_list_items");
}

#[test]
fn the_same_shape_under_other_names_is_not_pagination() {
    let yaml = spec(["Window", "Size", "Next"], ITEMS_AND_CURSOR);
    let api = resolve(&yaml, PaginationNames::default());
    assert!(api.operations[0].pagination.is_none());
}

#[test]
fn a_result_with_two_arrays_of_items_is_not_walked() {
    let result = format!(
        "{ITEMS_AND_CURSOR}        Others: {{ type: array, items: {{ $ref: '#/components/schemas/Thing' }} }}\n"
    );
    let yaml = spec(["Window", "Size", "Next"], &result);
    let api = resolve(&yaml, names("Window", "Size", "Next"));
    assert!(api.operations[0].pagination.is_none());
}

#[test]
fn a_deprecated_array_beside_the_items_does_not_count() {
    let result = format!(
        "{ITEMS_AND_CURSOR}        Others: {{ type: array, deprecated: true, items: {{ $ref: '#/components/schemas/Thing' }} }}\n"
    );
    let yaml = spec(["Window", "Size", "Next"], &result);
    let api = resolve(&yaml, names("Window", "Size", "Next"));
    let pagination = api.operations[0].pagination.as_ref().expect("paginated");
    assert_eq!(pagination.items_field, "things");
}
