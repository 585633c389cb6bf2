//! What the generator knows of an API beyond its spec: client settings every request carries
//! whether the spec declares them or not, the bounds of a page, the operations that only read;
//! the Mews preset, which makes the crate the same whichever of Mews's descriptions it is
//! generated from.

use std::path::Path;

use codegen::ir::{Api, FieldShape, TypeKind, TypeRef};
use codegen::Generator;

/// Two paginated reads and a write of Mews's shape; `{language}` is where a spec may declare
/// `LanguageCode`.
const SPEC: &str = r#"
openapi: 3.0.4
info: { title: Things, version: v1 }
paths:
  /api/things/getAll:
    post:
      operationId: things_getAll
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/ThingFilter' } } }
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/ThingResult' } } } }
  /api/things/getAll/2026-01-01:
    post:
      operationId: things_getAll_2026_01_01
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/ThingFilter' } } }
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/ThingResult' } } } }
  /api/things/add:
    post:
      operationId: things_add
      requestBody:
        content: { application/json: { schema: { $ref: '#/components/schemas/ThingAdd' } } }
      responses:
        '200': { description: OK }
components:
  schemas:
    ThingFilter:
      type: object
      required: [AccessToken, Limitation]
      properties:
        AccessToken: { type: string }
{language}        Limitation: { $ref: '#/components/schemas/Limitation' }
    ThingAdd:
      type: object
      required: [AccessToken, Name]
      properties:
        AccessToken: { type: string }
{language}        Name: { type: string }
    Limitation:
      type: object
      required: [Count]
      properties:
        Count: { type: integer, format: int32 }
        Cursor: { type: string, format: uuid, nullable: true }
    ThingResult:
      type: object
      properties:
        Things: { type: array, items: { type: string } }
        Cursor: { type: string, format: uuid, nullable: true }
"#;

const LANGUAGE: &str = "        LanguageCode: { type: string, nullable: true, description: Code of the language of the operation, which affects e.g. names of entities, descriptions or error messages. Must be sent together with `CultureCode`, otherwise the defaults of the enterprise are used. }\n";

fn api(generator: &Generator, language: &str) -> Api {
    let path = Path::new("things.yaml");
    let yaml = SPEC.replace("{language}", language);
    let document = codegen::load::parse(path, &yaml).unwrap_or_else(|err| panic!("{err}"));
    generator
        .api_from(path, &document)
        .unwrap_or_else(|err| panic!("{err}"))
}

fn field_names(api: &Api, type_name: &str) -> Vec<String> {
    let def = api.types.iter().find(|def| def.name == type_name).unwrap();
    let TypeKind::Struct(structure) = &def.kind else {
        panic!("{type_name} is a struct")
    };
    structure
        .fields
        .iter()
        .map(|field| field.wire_name.clone())
        .collect()
}

#[test]
fn client_settings_are_the_same_whether_the_spec_declares_them_or_not() {
    let mews = Generator::mews_connector();
    let declared = api(&mews, LANGUAGE);
    let undeclared = api(&mews, "");
    let settings = |api: &Api| -> Vec<(String, bool)> {
        api.common_fields
            .iter()
            .map(|field| (field.wire_name.clone(), field.required))
            .collect()
    };
    assert_eq!(
        settings(&undeclared),
        [
            ("AccessToken".to_owned(), true),
            ("LanguageCode".to_owned(), false),
            ("CultureCode".to_owned(), false)
        ]
    );
    assert_eq!(settings(&declared), settings(&undeclared));
    // Every request may override them: they are fields of every request type.
    assert_eq!(
        field_names(&undeclared, "ThingAdd"),
        ["LanguageCode", "CultureCode", "Name"]
    );
    assert_eq!(
        field_names(&declared, "ThingAdd"),
        field_names(&undeclared, "ThingAdd")
    );
    let def = undeclared
        .types
        .iter()
        .find(|def| def.name == "ThingAdd")
        .unwrap();
    let TypeKind::Struct(structure) = &def.kind else {
        unreachable!()
    };
    assert_eq!(structure.fields[0].shape(), FieldShape::ThreeState);
    // Without the preset, the spec alone decides.
    let plain = api(&Generator::new(), "");
    assert_eq!(field_names(&plain, "ThingAdd"), ["Name"]);
}

#[test]
fn a_page_size_without_bounds_gets_those_of_the_preset() {
    let mews = api(&Generator::mews_connector(), "");
    let walk = mews.operations[0].pagination.as_ref().unwrap();
    assert_eq!(walk.default_page_size, 1000);
    let def = mews
        .types
        .iter()
        .find(|def| def.name == "Limitation")
        .unwrap();
    let TypeKind::Struct(limitation) = &def.kind else {
        unreachable!()
    };
    let count = &limitation.fields[0];
    assert_eq!(
        (count.limits.minimum, count.limits.maximum),
        (Some(1), Some(1000))
    );
    let plain = api(&Generator::new(), "");
    assert_eq!(
        plain.operations[0]
            .pagination
            .as_ref()
            .unwrap()
            .default_page_size,
        100
    );
}

#[test]
fn operations_that_only_read_are_idempotent_by_their_action_versions_included() {
    let mews = api(&Generator::mews_connector(), "");
    let idempotent: Vec<(&str, bool)> = mews
        .operations
        .iter()
        .map(|operation| (operation.name.as_str(), operation.idempotent))
        .collect();
    assert_eq!(
        idempotent,
        [
            ("things_get_all", true),
            ("things_get_all_2026_01_01", true),
            ("things_add", false)
        ]
    );
    assert!(api(&Generator::new(), "")
        .operations
        .iter()
        .all(|op| !op.idempotent));
}

#[test]
fn a_body_that_carries_the_credentials_is_required_and_a_204_has_no_body() {
    let mews = api(&Generator::mews_connector(), "");
    assert!(mews
        .operations
        .iter()
        .all(|operation| !operation.request_optional));
    assert_eq!(mews.operations[2].result, None::<TypeRef>);
}
