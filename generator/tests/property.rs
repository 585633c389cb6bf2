//! Random valid specs: generation always succeeds, produces Rust that parses, and is
//! deterministic. Names are drawn from pools of awkward ones (keywords, digits first,
//! non-ASCII, names that collide after case conversion).

use std::path::Path;

use proptest::prelude::*;
use serde_json::{json, Map, Value};

const NAMES: &[&str] = &[
    "Customer", "customer", "type", "Type", "Self", "self", "2fa", "名前", "e-mail", "EMail",
    "Value", "Date", "Error", "Client", "Option", "a b", "x_y", "X-Y", "None", "Unknown", "r#raw",
    "$ref", "__", "Größe",
];

#[derive(Debug, Clone)]
enum Property {
    Primitive(&'static str, Option<&'static str>),
    Reference(usize),
    NullableReference(usize),
    Array(Box<Property>),
    Map(Box<Property>),
}

#[derive(Debug, Clone)]
enum SchemaKind {
    Object(Vec<(usize, Property, bool)>),
    Enum(Vec<usize>),
    OneOf(Vec<Property>),
    UpdateWrapper(Property),
}

fn property() -> impl Strategy<Value = Property> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            ("string", None),
            ("string", Some("uuid")),
            ("string", Some("date")),
            ("string", Some("date-time")),
            ("integer", Some("int32")),
            ("integer", None),
            ("number", Some("float")),
            ("number", None),
            ("boolean", None),
        ])
        .prop_map(|(ty, format)| Property::Primitive(ty, format)),
        (0usize..8).prop_map(Property::Reference),
        (0usize..8).prop_map(Property::NullableReference),
    ];
    leaf.prop_recursive(2, 8, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|p| Property::Array(Box::new(p))),
            inner.prop_map(|p| Property::Map(Box::new(p)))
        ]
    })
}

fn schema_kind() -> impl Strategy<Value = SchemaKind> {
    prop_oneof![
        4 => prop::collection::vec((0..NAMES.len(), property(), any::<bool>()), 0..6).prop_map(SchemaKind::Object),
        1 => prop::collection::vec(0..NAMES.len(), 1..6).prop_map(SchemaKind::Enum),
        1 => prop::collection::vec(property(), 2..4).prop_map(SchemaKind::OneOf),
        1 => property().prop_map(SchemaKind::UpdateWrapper),
    ]
}

fn schema_name(index: usize, count: usize) -> String {
    format!("{}{}", NAMES[index % NAMES.len()], index % count)
}

fn property_json(property: &Property, count: usize) -> Value {
    let reference = |index: &usize| json!({ "$ref": format!("#/components/schemas/{}", schema_name(*index % count, count)) });
    match property {
        Property::Primitive(ty, format) => match format {
            Some(format) => json!({ "type": ty, "format": format, "description": "A value." }),
            None => json!({ "type": ty }),
        },
        Property::Reference(index) => reference(index),
        Property::NullableReference(index) => {
            json!({ "allOf": [reference(index)], "nullable": true, "description": "Maybe." })
        }
        Property::Array(item) => {
            json!({ "type": "array", "items": property_json(item, count), "maxItems": 3 })
        }
        Property::Map(value) => {
            json!({ "type": "object", "additionalProperties": property_json(value, count) })
        }
    }
}

fn spec_json(schemas: &[SchemaKind], operations: &[(usize, usize)]) -> Value {
    let count = schemas.len();
    let mut components = Map::new();
    for (index, kind) in schemas.iter().enumerate() {
        let schema = match kind {
            SchemaKind::Object(properties) => {
                let mut object = Map::new();
                let mut required = Vec::new();
                for (name, property, is_required) in properties {
                    let name = NAMES[*name].to_owned();
                    if *is_required {
                        required.push(name.clone());
                    }
                    object.insert(name, property_json(property, count));
                }
                json!({ "type": "object", "properties": object, "required": required, "additionalProperties": false })
            }
            SchemaKind::Enum(values) => {
                json!({ "type": "string", "enum": values.iter().map(|v| NAMES[*v]).collect::<Vec<_>>() })
            }
            SchemaKind::OneOf(members) => {
                json!({ "oneOf": members.iter().map(|m| property_json(m, count)).collect::<Vec<_>>() })
            }
            SchemaKind::UpdateWrapper(value) => {
                json!({ "type": "object", "properties": { "Value": property_json(value, count) } })
            }
        };
        components.insert(schema_name(index, count), schema);
    }
    let mut paths = Map::new();
    for (index, (request, response)) in operations.iter().enumerate() {
        let reference = |i: &usize| json!({ "$ref": format!("#/components/schemas/{}", schema_name(*i % count, count)) });
        paths.insert(
            format!("/things/{index}/{{id}}"),
            json!({ "post": {
                "operationId": format!("{}_{index}", NAMES[index % NAMES.len()]),
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } },
                    { "name": "filter", "in": "query", "schema": { "type": "array", "items": { "type": "string" } } },
                ],
                "requestBody": { "content": { "application/json": { "schema": reference(request) } } },
                "responses": {
                    "200": { "description": "OK", "content": { "application/json": { "schema": reference(response) } } },
                    "default": { "description": "Error", "content": { "text/plain": {} } },
                },
            } }),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Random", "version": "1" },
        "paths": paths,
        "components": { "schemas": components },
    })
}

fn generate(text: &str) -> Result<Vec<codegen::GeneratedFile>, codegen::Error> {
    let path = Path::new("random.json");
    let document = codegen::load::parse(path, text)?;
    codegen::Generator::new()
        .crate_name("random")
        .generate_from(path, &document)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_specs_generate_parsable_deterministic_rust(
        schemas in prop::collection::vec(schema_kind(), 1..8),
        operations in prop::collection::vec((0usize..8, 0usize..8), 0..4),
    ) {
        let text = serde_json::to_string(&spec_json(&schemas, &operations)).unwrap();
        let files = generate(&text).map_err(|err| TestCaseError::fail(format!("{err}\n{text}")))?;
        for file in files.iter().filter(|file| file.path.ends_with(".rs")) {
            if let Err(err) = syn::parse_file(&file.contents) {
                return Err(TestCaseError::fail(format!("{}: {err}\n{}", file.path, file.contents)));
            }
        }
        prop_assert_eq!(files, generate(&text).unwrap());
    }
}

mod mutation;

/// The bundled Mews spec, as JSON.
fn bundled_spec() -> Value {
    serde_yaml::from_str(include_str!("../../spec/connector.yaml")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    /// Almost-right specs: either a clear error or Rust that parses, never a panic.
    #[test]
    fn mutated_specs_give_an_error_or_parsable_rust(choices in prop::collection::vec(any::<u8>(), 0..45)) {
        let mut spec = bundled_spec();
        mutation::mutate(&mut spec, &choices);
        let text = serde_json::to_string(&spec).unwrap();
        match generate(&text) {
            Ok(files) => {
                for file in files.iter().filter(|file| file.path.ends_with(".rs")) {
                    if let Err(err) = syn::parse_file(&file.contents) {
                        return Err(TestCaseError::fail(format!("{}: {err}", file.path)));
                    }
                }
            }
            Err(err) => {
                let message = err.to_string();
                prop_assert!(message.starts_with("random.json"), "{}", message);
                prop_assert!(!message.contains('\n'), "one line: {}", message);
            }
        }
    }
}
