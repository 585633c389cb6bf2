//! Cargo features per tag or resource: which operations and types each feature compiles, the
//! names it gets, when an API is not split, and the files and manifest entries it produces.

use std::path::Path;

use codegen::ir::Api;
use codegen::{GeneratedFile, Generator};

fn resolve(yaml: &str) -> Api {
    let path = Path::new("test.yaml");
    let document = codegen::load::parse(path, yaml).unwrap();
    Generator::new().api_from(path, &document).unwrap()
}

fn generate(yaml: &str) -> Vec<GeneratedFile> {
    let path = Path::new("test.yaml");
    let document = codegen::load::parse(path, yaml).unwrap();
    Generator::new()
        .crate_name("shop")
        .generate_from(path, &document)
        .unwrap()
}

/// One operation per `(path, tag, request schema, result schema)`.
fn spec(operations: &[(&str, Option<&str>, &str, &str)], schemas: &str) -> String {
    let mut paths = String::new();
    for (path, tag, request, result) in operations {
        let id = path.trim_start_matches('/').replace(['/', '{', '}'], "_");
        let tags = tag.map_or(String::new(), |tag| format!("      tags: [{tag:?}]\n"));
        let parameters: String = path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| format!("        - {{ name: {name}, in: path, required: true, schema: {{ type: string }} }}\n"))
            .collect();
        let parameters = if parameters.is_empty() {
            parameters
        } else {
            format!("      parameters:\n{parameters}")
        };
        paths.push_str(&format!(
            "  {path}:\n    post:\n      operationId: {id}\n{tags}{parameters}      requestBody:\n        content:\n          application/json:\n            schema: {{ $ref: '#/components/schemas/{request}' }}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {{ $ref: '#/components/schemas/{result}' }}\n        '400':\n          description: Refused\n          content:\n            application/json:\n              schema: {{ $ref: '#/components/schemas/Problem' }}\n"
        ));
    }
    let schemas: String = schemas
        .lines()
        .map(|line| format!("    {line}\n"))
        .collect();
    format!(
        "openapi: 3.0.3\ninfo: {{ title: Shop, version: v1 }}\ntags:\n  - name: Pet store\n    description: |\n      Pets for sale.\n      More text.\npaths:\n{paths}components:\n  schemas:\n    Problem:\n      type: object\n      properties: {{ Message: {{ type: string }}, Detail: {{ $ref: '#/components/schemas/Detail' }} }}\n    Detail:\n      type: object\n      properties: {{ Code: {{ type: string }} }}\n{schemas}"
    )
}

const SCHEMAS: &str = r#"
PetQuery: { type: object, properties: { Name: { type: string } } }
Pets: { type: object, properties: { Items: { type: array, items: { $ref: '#/components/schemas/Pet' } } } }
Pet: { type: object, properties: { Name: { type: string }, Owner: { $ref: '#/components/schemas/Person' } } }
OrderQuery: { type: object, properties: { Id: { type: string } } }
Orders: { type: object, properties: { Buyer: { $ref: '#/components/schemas/Person' }, Pets: { type: array, items: { $ref: '#/components/schemas/Pet' } } } }
Person: { type: object, properties: { Name: { type: string }, Address: { $ref: '#/components/schemas/Address' } } }
Address: { type: object, properties: { Street: { type: string } } }
Unused: { type: object, properties: { Note: { type: string } } }
"#;

fn tagged() -> String {
    spec(
        &[
            ("/pets/find", Some("Pet store"), "PetQuery", "Pets"),
            ("/pets/list", Some("Pet store"), "PetQuery", "Pets"),
            ("/orders/find", Some("orders"), "OrderQuery", "Orders"),
            ("/orders/list", Some("orders"), "OrderQuery", "Orders"),
        ],
        SCHEMAS,
    )
}

/// The name and module of every feature.
fn names(api: &Api) -> Vec<(&str, &str)> {
    api.features
        .iter()
        .map(|feature| (feature.name.as_str(), feature.module.as_str()))
        .collect()
}

fn feature_of<'a>(api: &'a Api, type_name: &str) -> Option<&'a str> {
    api.types
        .iter()
        .find(|def| def.name == type_name)
        .unwrap_or_else(|| panic!("no type {type_name}"))
        .feature
        .as_deref()
}

#[test]
fn operations_are_grouped_by_their_first_tag_and_types_follow_their_only_users() {
    let api = resolve(&tagged());
    assert_eq!(
        names(&api),
        [
            ("orders", "orders"),
            ("other-types", "other_types"),
            ("pet-store", "pet_store")
        ]
    );
    let pet_store = api.feature("pet-store");
    assert_eq!(
        pet_store.docs,
        "The operations tagged `Pet store`. Pets for sale."
    );
    let operation_features: Vec<Option<&str>> = api
        .operations
        .iter()
        .map(|operation| operation.feature.as_deref())
        .collect();
    assert_eq!(
        operation_features,
        [
            Some("pet-store"),
            Some("pet-store"),
            Some("orders"),
            Some("orders")
        ]
    );
    // Only the pet operations take or return these.
    assert_eq!(feature_of(&api, "PetQuery"), Some("pet-store"));
    assert_eq!(feature_of(&api, "Pets"), Some("pet-store"));
    assert_eq!(feature_of(&api, "Orders"), Some("orders"));
    // Both features reach `Pet` (orders list pets) and, through it, `Person` and `Address`.
    assert_eq!(feature_of(&api, "Pet"), None);
    assert_eq!(feature_of(&api, "Person"), None);
    assert_eq!(feature_of(&api, "Address"), None);
    // Error bodies belong to the client's `Error`, whatever the features.
    assert_eq!(feature_of(&api, "Problem"), None);
    assert_eq!(feature_of(&api, "Detail"), None);
    assert_eq!(feature_of(&api, "Unused"), Some("other-types"));
}

#[test]
fn without_tags_operations_are_grouped_by_the_resource_after_the_shared_prefix() {
    let api = resolve(&spec(
        &[
            ("/api/v1/pets/find", None, "PetQuery", "Pets"),
            ("/api/v1/pets/{id}/list", None, "PetQuery", "Pets"),
            ("/api/v1/orders/find", None, "OrderQuery", "Orders"),
            ("/api/v1/orders/list", None, "OrderQuery", "Orders"),
        ],
        SCHEMAS,
    ));
    let features: Vec<&str> = api
        .features
        .iter()
        .map(|feature| feature.name.as_str())
        .collect();
    assert_eq!(features, ["orders", "other-types", "pets"]);
    assert_eq!(
        api.feature("pets").docs,
        "The operations under `/api/v1/pets`."
    );
    assert_eq!(api.operations[1].feature.as_deref(), Some("pets"));
}

#[test]
fn an_api_of_one_group_or_of_single_operation_resources_is_not_split() {
    let one_tag = spec(
        &[
            ("/pets/find", Some("pets"), "PetQuery", "Pets"),
            ("/orders/find", Some("pets"), "OrderQuery", "Orders"),
        ],
        SCHEMAS,
    );
    // Actions of one resource read as resources would be groups of one operation each.
    let actions = spec(
        &[
            ("/things/find", None, "PetQuery", "Pets"),
            ("/things/list", None, "PetQuery", "Pets"),
            ("/things/order", None, "OrderQuery", "Orders"),
        ],
        SCHEMAS,
    );
    for yaml in [one_tag, actions] {
        let api = resolve(&yaml);
        assert!(api.features.is_empty(), "{:?}", api.features);
        assert!(api.operations.iter().all(|op| op.feature.is_none()));
        assert!(api.types.iter().all(|def| def.feature.is_none()));
    }
}

#[test]
fn feature_and_module_names_avoid_what_cargo_and_the_crate_reserve() {
    let api = resolve(&spec(
        &[
            ("/a/find", Some("default"), "PetQuery", "Pets"),
            ("/a/list", Some("default"), "PetQuery", "Pets"),
            ("/b/find", Some("HTTP"), "OrderQuery", "Orders"),
            ("/b/list", Some("HTTP"), "OrderQuery", "Orders"),
            ("/c/find", Some("type"), "OrderQuery", "Orders"),
            ("/c/list", Some("type"), "OrderQuery", "Orders"),
        ],
        SCHEMAS,
    ));
    assert_eq!(
        names(&api),
        [
            ("default2", "default"),
            ("http", "http_api"),
            ("other-types", "other_types"),
            ("type", "type_api")
        ]
    );
}

#[test]
fn a_split_crate_has_a_module_per_feature_and_every_feature_on_by_default() {
    let files = generate(&tagged());
    let file = |path: &str| -> &str {
        &files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .contents
    };
    let manifest = file("Cargo.toml");
    assert!(
        manifest.contains("default = [\"orders\", \"other-types\", \"pet-store\"]\n"),
        "{manifest}"
    );
    assert!(
        manifest.contains("# The operations tagged `Pet store`. Pets for sale.\npet-store = []\n")
    );
    let client = file("src/client.rs");
    assert!(client.contains("#[cfg(feature = \"pet-store\")]\nmod pet_store;"));
    let methods = file("src/client/pet_store.rs");
    assert!(methods.contains("pub async fn pets_find("));
    assert!(!methods.contains("pub async fn orders_find("));
    let models = file("src/models.rs");
    assert!(models.contains("#[cfg(feature = \"orders\")]\npub use orders::*;"));
    assert!(models.contains("pub struct Pet {"));
    assert!(file("src/models/orders.rs").contains("pub struct Orders {"));
    assert!(file("src/models/other_types.rs").contains("pub struct Unused {"));
    let lib = file("src/lib.rs");
    assert!(lib.contains("//! - `pet-store`: The operations tagged `Pet store`. Pets for sale."));
}

#[test]
fn a_type_that_only_one_feature_still_uses_is_reported_as_breaking_for_the_others() {
    let old = resolve(&tagged());
    // Orders no longer list pets: `Pet` is only the pet store's now.
    let new = resolve(&tagged().replace(
        ", Pets: { type: array, items: { $ref: '#/components/schemas/Pet' } } } }",
        " } }",
    ));
    assert_eq!(feature_of(&new, "Pet"), Some("pet-store"));
    let report = codegen::diff::diff(&old, &new);
    let moved = report
        .changes
        .iter()
        .find(|change| change.what.starts_with("`Pet` is compiled by feature"))
        .unwrap_or_else(|| panic!("{}", report.full()));
    assert_eq!(moved.impact, codegen::diff::Impact::Breaking);
    assert_eq!(
        moved.what,
        "`Pet` is compiled by feature `pet-store` only (was always)"
    );
}
