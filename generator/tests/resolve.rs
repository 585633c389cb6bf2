//! The resolver on small specs: patterns are found by shape, names are predictable.

use std::path::Path;

use codegen::ir::{Api, Field, TypeKind, TypeRef};

fn resolve(yaml: &str) -> Result<Api, codegen::Error> {
    let path = Path::new("test.yaml");
    let document = codegen::load::parse(path, yaml)?;
    codegen::resolve::resolve(&document, path, "Value")
}

fn spec(schemas: &str) -> String {
    let schemas: String = schemas
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect();
    format!(
        "openapi: 3.0.3\ninfo: {{ title: Test, version: v1 }}\npaths:\n  /things/update:\n    post:\n      operationId: things_update\n      requestBody:\n        content:\n          application/json:\n            schema: {{ $ref: '#/components/schemas/Thing' }}\n      responses:\n        '200': {{ description: OK }}\ncomponents:\n  schemas:\n{schemas}"
    )
}

fn fields<'a>(api: &'a Api, type_name: &str) -> &'a [Field] {
    let def = api
        .types
        .iter()
        .find(|def| def.name == type_name)
        .expect("type exists");
    match &def.kind {
        TypeKind::Struct(structure) => &structure.fields,
        other => panic!("{type_name} is not a struct: {other:?}"),
    }
}

#[test]
fn update_wrappers_are_found_by_shape_whatever_their_name() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    Label: { allOf: [{ $ref: '#/components/schemas/LabelChange' }], nullable: true, description: New label. }
    Size: { $ref: '#/components/schemas/SizeEdit' }
    Kind: { $ref: '#/components/schemas/KindPatch' }
LabelChange:
  type: object
  properties: { Value: { type: string, nullable: true } }
  additionalProperties: false
SizeEdit:
  type: object
  properties: { Value: { type: integer, format: int32 } }
KindPatch:
  type: object
  properties: { Value: { allOf: [{ $ref: '#/components/schemas/Kind' }] } }
Kind:
  type: string
  enum: [Big, Small]
"#,
    ))
    .unwrap();

    let names: Vec<&str> = api.types.iter().map(|def| def.name.as_str()).collect();
    assert_eq!(names, ["Thing", "Kind"], "no type is emitted for a wrapper");
    let fields = fields(&api, "Thing");
    let update = |value, clearable| TypeRef::Update {
        value: Box::new(value),
        clearable,
    };
    assert_eq!(fields[0].ty, update(TypeRef::String, true));
    assert_eq!(fields[0].docs.as_deref(), Some("New label."));
    assert_eq!(fields[1].ty, update(TypeRef::I32, false));
    assert_eq!(fields[2].ty, update(TypeRef::Named("Kind".into()), false));
}

#[test]
fn objects_with_more_than_the_value_property_are_ordinary_structs() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    Price: { $ref: '#/components/schemas/Price' }
Price:
  type: object
  properties:
    Value: { type: number }
    Currency: { type: string }
"#,
    ))
    .unwrap();
    assert_eq!(fields(&api, "Thing")[0].ty, TypeRef::Named("Price".into()));
}

#[test]
fn required_and_nullable_are_kept_apart() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  required: [A, B]
  properties:
    A: { type: string }
    B: { type: string, nullable: true }
    C: { type: string }
    D: { allOf: [{ $ref: '#/components/schemas/Other' }], nullable: true }
Other:
  type: object
  properties: { X: { type: boolean } }
"#,
    ))
    .unwrap();
    let shapes: Vec<(bool, bool)> = fields(&api, "Thing")
        .iter()
        .map(|f| (f.required, f.nullable))
        .collect();
    assert_eq!(
        shapes,
        [(true, false), (true, true), (false, false), (false, true)]
    );
}

#[test]
fn names_are_valid_rust_and_wire_names_are_kept() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    Type: { type: string }
    self: { type: string }
    2fa: { type: boolean }
    e-mail: { type: string }
    EMail: { type: string }
"#,
    ))
    .unwrap();
    let names: Vec<(&str, &str)> = fields(&api, "Thing")
        .iter()
        .map(|f| (f.wire_name.as_str(), f.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Type", "r#type"),
            ("self", "self_"),
            ("2fa", "field_2fa"),
            ("e-mail", "e_mail"),
            ("EMail", "e_mail2")
        ]
    );
}

#[test]
fn request_types_are_marked_transitively() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    Parts: { type: array, items: { $ref: '#/components/schemas/Part' } }
Part:
  type: object
  properties: { Name: { type: string, maxLength: 5 } }
Unrelated:
  type: object
  properties: { Name: { type: string } }
"#,
    ))
    .unwrap();
    let marked: Vec<(&str, bool)> = api
        .types
        .iter()
        .map(|def| (def.name.as_str(), def.in_request))
        .collect();
    assert_eq!(
        marked,
        [("Thing", true), ("Part", true), ("Unrelated", false)]
    );
    assert_eq!(fields(&api, "Part")[0].limits.max_length, Some(5));
}

#[test]
fn a_wrapper_of_itself_is_an_ordinary_boxed_struct() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    Loop: { $ref: '#/components/schemas/Loop' }
Loop:
  type: object
  properties: { Value: { $ref: '#/components/schemas/Loop' } }
"#,
    ))
    .unwrap();
    assert_eq!(fields(&api, "Thing")[0].ty, TypeRef::Named("Loop".into()));
    assert_eq!(
        fields(&api, "Loop")[0].ty,
        TypeRef::Boxed(Box::new(TypeRef::Named("Loop".into())))
    );
}

#[test]
fn aliases_defined_in_terms_of_themselves_are_rejected() {
    let err = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    A: { $ref: '#/components/schemas/A' }
A: { $ref: '#/components/schemas/B' }
B: { type: array, items: { $ref: '#/components/schemas/A' } }
"#,
    ))
    .unwrap_err();
    assert_eq!(err.pointer(), Some("#/components/schemas/A"));
    assert!(
        err.message().contains("defined in terms of itself"),
        "{err}"
    );
    assert_eq!(err.kind(), codegen::ErrorKind::InvalidSpec);
}

#[test]
fn duplicate_operation_names_are_rejected() {
    let yaml = spec("Thing: { type: object, properties: { A: { type: string } } }").replace(
        "      responses:\n        '200': { description: OK }\n",
        "      responses:\n        '200': { description: OK }\n  /things/update2:\n    post:\n      operationId: things_update\n      responses:\n        '200': { description: OK }\n",
    );
    let err = resolve(&yaml).unwrap_err();
    assert_eq!(err.pointer(), Some("#/paths/~1things~1update2/post"));
    assert!(
        err.message().contains("`things_update` is already used"),
        "{err}"
    );
}

#[test]
fn json_specs_load_too() {
    let json = r#"{"openapi":"3.0.3","info":{"title":"J","version":"1"},"paths":{},
        "components":{"schemas":{"Thing":{"type":"object","properties":{"B":{"type":"string"},"A":{"type":"string"}}}}}}"#;
    let document = codegen::load::parse(Path::new("spec.json"), json).unwrap();
    let api = codegen::resolve::resolve(&document, Path::new("spec.json"), "Value").unwrap();
    let order: Vec<&str> = fields(&api, "Thing")
        .iter()
        .map(|f| f.wire_name.as_str())
        .collect();
    assert_eq!(order, ["B", "A"], "spec order is kept");
}

#[test]
fn references_to_other_files_are_rejected_with_what_to_do() {
    let err = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    Other: { $ref: 'other.yaml#/components/schemas/Other' }
"#,
    ))
    .unwrap_err();
    assert_eq!(
        err.pointer(),
        Some("#/components/schemas/Thing/properties/Other")
    );
    assert!(err.message().contains("bundle the spec first"), "{err}");
    assert_eq!(err.kind(), codegen::ErrorKind::Unsupported);
}

#[test]
fn colliding_type_and_enum_names_stay_distinct_and_keep_their_wire_names() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    A: { $ref: '#/components/schemas/thing' }
thing:
  type: string
  enum: [a-b, A_B, aB, Unknown, "", 1st]
"#,
    ))
    .unwrap();
    let names: Vec<&str> = api.types.iter().map(|def| def.name.as_str()).collect();
    assert_eq!(names, ["Thing", "Thing2"]);
    let TypeKind::Enum(enumeration) = &api.types[1].kind else {
        panic!("an enum")
    };
    let variants: Vec<(&str, &str)> = enumeration
        .variants
        .iter()
        .map(|v| (v.wire_name.as_str(), v.rust_name.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("a-b", "AB"),
            ("A_B", "AB2"),
            ("aB", "AB3"),
            ("Unknown", "Unknown"),
            ("", "V"),
            ("1st", "V1st")
        ]
    );
    assert_eq!(
        enumeration.fallback, "Unknown2",
        "the catch-all gives way to a real value"
    );
}

#[test]
fn enum_values_take_their_docs_and_deprecation_from_the_description_list() {
    let api = resolve(&spec(
        "Thing:\n  type: string\n  description: \"Kinds.\\n\\n- `Old` - Deprecated, use `New` instead.\\n- `New` - The new kind.\\n- `Plain`\"\n  enum: [Old, New, Plain]\n",
    ))
    .unwrap();
    let TypeKind::Enum(enumeration) = &api.types[0].kind else {
        panic!("an enum")
    };
    let docs: Vec<(Option<&str>, bool)> = enumeration
        .variants
        .iter()
        .map(|v| (v.docs.as_deref(), v.deprecated))
        .collect();
    assert_eq!(
        docs,
        [
            (Some("Deprecated, use `New` instead."), true),
            (Some("The new kind."), false),
            (None, false)
        ]
    );
}

#[test]
fn openapi_3_1_is_normalised_into_the_same_model() {
    let yaml = r#"
openapi: 3.1.0
info: { title: Test, version: v1 }
components:
  schemas:
    Thing:
      type: object
      required: [Kind, Label, Other]
      properties:
        Kind: { const: fixed }
        Label: { type: [string, "null"] }
        Count: { type: [integer, string] }
        Other: { $ref: '#/components/schemas/Other', description: The other one. }
        Nothing: { type: "null" }
    Other:
      type: object
      properties: { A: { type: boolean } }
"#;
    let api = resolve(yaml).unwrap();
    let fields = fields(&api, "Thing");
    assert_eq!(
        fields[0].ty,
        TypeRef::Named("ThingKind".into()),
        "const is a one-value enum"
    );
    assert_eq!(
        (fields[1].ty.clone(), fields[1].nullable),
        (TypeRef::String, true)
    );
    assert_eq!(
        fields[2].ty,
        TypeRef::Named("ThingCount".into()),
        "several types are a union"
    );
    assert_eq!(fields[3].ty, TypeRef::Named("Other".into()));
    assert_eq!(
        fields[3].docs.as_deref(),
        Some("The other one."),
        "a $ref keeps its siblings"
    );
    assert_eq!(
        (fields[4].ty.clone(), fields[4].nullable),
        (TypeRef::Json, true)
    );
    let kind = api
        .types
        .iter()
        .find(|def| def.name == "ThingKind")
        .unwrap();
    assert!(
        matches!(&kind.kind, TypeKind::Enum(e) if e.variants.len() == 1 && e.variants[0].wire_name == "fixed")
    );
}

#[test]
fn an_alias_chain_as_an_allof_member_merges_the_object_it_ends_at() {
    let api = resolve(&spec(
        r#"
Thing:
  allOf:
    - $ref: '#/components/schemas/Named'
    - $ref: '#/components/schemas/Audited'
    - type: object
      properties: { size: { type: integer } }
Named: { $ref: '#/components/schemas/NamedV2' }
NamedV2: { $ref: '#/components/schemas/NamedBase' }
NamedBase:
  type: object
  required: [name]
  properties: { name: { type: string } }
Audited:
  allOf:
    - $ref: '#/components/schemas/NamedBase'
    - type: object
      properties: { at: { type: string, format: date-time } }
"#,
    ))
    .unwrap_or_else(|err| panic!("{err}"));
    let names: Vec<&str> = fields(&api, "Thing")
        .iter()
        .map(|field| field.wire_name.as_str())
        .collect();
    assert_eq!(names, ["name", "at", "size"]);
    assert!(fields(&api, "Thing")[0].required);
}

#[test]
fn length_limits_stay_only_on_strings() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    at: { type: string, format: date-time, maxLength: 5000 }
    day: { $ref: '#/components/schemas/Day' }
    name: { $ref: '#/components/schemas/Name' }
    tags: { type: array, items: { type: string }, maxItems: 3, maxLength: 9 }
Day: { type: string, format: date, maxLength: 10 }
Name: { type: string, maxLength: 10 }
"#,
    ))
    .unwrap();
    let fields = fields(&api, "Thing");
    assert_eq!(fields[0].limits.max_length, None);
    assert_eq!(fields[1].limits.max_length, None, "an alias of a date");
    assert_eq!(fields[3].limits.max_items, Some(3));
    assert_eq!(fields[3].limits.max_length, None);
}

#[test]
fn keyword_values_and_dotted_schema_names_get_short_camel_case_names() {
    let api = resolve(&spec(
        r#"
Thing:
  type: object
  properties:
    rel: { type: string, enum: [self, Self, next] }
    call: { $ref: '#/components/schemas/api.v2010.account.call' }
    feedback: { $ref: '#/components/schemas/api.v2010.account.call.call_feedback' }
    other: { $ref: '#/components/schemas/api.v2010.account.message.call_feedback' }
api.v2010.account.call:
  type: object
  properties: { status: { type: string, enum: [queued, ringing] } }
api.v2010.account.call.call_feedback: { type: object, properties: { score: { type: integer } } }
api.v2010.account.message.call_feedback: { type: object, properties: { score: { type: integer } } }
"#,
    ))
    .unwrap();
    let names: Vec<&str> = api.types.iter().map(|def| def.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ThingRel",
            "Thing",
            "CallStatus",
            "Call",
            "CallCallFeedback",
            "MessageCallFeedback"
        ]
    );
    let TypeKind::Enum(rel) = &api.types[0].kind else {
        panic!("an enum");
    };
    let variants: Vec<&str> = rel.variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(variants, ["Self_", "Self2", "Next"]);
}

#[test]
fn descriptions_in_html_become_markdown_and_summaries_are_trimmed() {
    let api = resolve(
        "openapi: 3.0.3\ninfo: { title: Test, version: v1 }\npaths:\n  /tasks:\n    get:\n      operationId: list\n      summary: \"List tasks\\n\"\n      description: '<p>Lists <a href=\"https://example.com/t\">tasks</a>.</p><p>Read <a href=\"/docs\">the docs</a>.</p>'\n      responses:\n        '200': { description: OK }\n",
    )
    .unwrap();
    let operation = &api.operations[0];
    assert_eq!(operation.summary.as_deref(), Some("List tasks"));
    assert_eq!(
        operation.docs.as_deref(),
        Some("Lists [tasks](https://example.com/t).\n\nRead the docs.")
    );
}
