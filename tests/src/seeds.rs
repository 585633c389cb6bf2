//! The two operations the project started from (`customers/add` and
//! `identityDocuments/update`), cut out of a spec with every component they reach: a spec small
//! enough that snapshots of what the generator writes for it can be read as code.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// The paths of the seed operations.
pub const SEED_PATHS: [&str; 2] = [
    "/api/connector/v1/customers/add",
    "/api/connector/v1/identityDocuments/update",
];

/// `document` with only the paths of [`SEED_PATHS`], the tags they use and the components they
/// reach; panics when a seed path is missing, since the snapshots would then lock nothing.
pub fn cut(document: &Value) -> Value {
    for path in SEED_PATHS {
        assert!(
            document["paths"].get(path).is_some(),
            "the spec has no path {path}"
        );
    }
    cut_to(document, |path| SEED_PATHS.contains(&path))
}

/// `document` with only the paths `keep` accepts, the tags they use and the components they
/// reach.
pub fn cut_to(document: &Value, keep: impl Fn(&str) -> bool) -> Value {
    let mut cut = document.clone();
    let paths: Map<String, Value> = document["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(path, _)| keep(path))
        .map(|(path, item)| (path.clone(), item.clone()))
        .collect();
    let used_tags = tags_of(&paths);
    if let Some(tags) = cut.get_mut("tags").and_then(Value::as_array_mut) {
        tags.retain(|tag| {
            tag["name"]
                .as_str()
                .is_some_and(|name| used_tags.contains(name))
        });
    }
    cut["paths"] = Value::Object(paths);
    let reached = reached_components(document, &cut["paths"]);
    if let Some(components) = cut.get_mut("components").and_then(Value::as_object_mut) {
        for (kind, entries) in components.iter_mut() {
            if kind == "securitySchemes" {
                continue;
            }
            if let Some(entries) = entries.as_object_mut() {
                entries.retain(|name, _| reached.contains(&format!("#/components/{kind}/{name}")));
            }
        }
    }
    cut
}

fn tags_of(paths: &Map<String, Value>) -> BTreeSet<String> {
    paths
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|operation| operation.get("tags").and_then(Value::as_array))
        .flatten()
        .filter_map(|tag| tag.as_str().map(str::to_owned))
        .collect()
}

/// The references `from` reaches, directly or through the components it refers to.
fn reached_components(document: &Value, from: &Value) -> BTreeSet<String> {
    let mut reached = BTreeSet::new();
    let mut pending = Vec::new();
    references(from, &mut pending);
    while let Some(reference) = pending.pop() {
        if !reached.insert(reference.clone()) {
            continue;
        }
        let target = reference
            .strip_prefix('#')
            .and_then(|pointer| document.pointer(pointer))
            .unwrap_or_else(|| panic!("{reference} resolves"));
        references(target, &mut pending);
    }
    reached
}

fn references(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("$ref", Value::String(reference)) => into.push(reference.clone()),
                    _ => references(value, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, into)),
        _ => {}
    }
}
