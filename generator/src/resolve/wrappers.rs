//! Update-value wrappers, found by their shape.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};

use super::shape::flatten;
use super::SCHEMA_REF_PREFIX;

/// The update-value wrappers among the component schemas: objects whose only property is
/// `wrapper_property`, and whose value refers to no wrapper-shaped schema (a wrapper of a
/// wrapper, or of itself, is an ordinary object).
pub(super) fn update_wrappers(
    schemas: &IndexMap<String, ReferenceOr<Schema>>,
    wrapper_property: &str,
) -> HashSet<String> {
    let value_of = |schema: &ReferenceOr<Schema>| -> Option<ReferenceOr<Box<Schema>>> {
        let ReferenceOr::Item(schema) = schema else {
            return None;
        };
        let shape = flatten(&schema.schema_kind);
        let only_value = shape.properties.len() == 1
            && shape.typ.is_none_or(|typ| typ == "object")
            && shape.all_of.is_empty()
            && shape.one_of.is_empty()
            && shape.any_of.is_empty();
        only_value
            .then(|| shape.properties.get(wrapper_property).cloned())
            .flatten()
    };
    let shaped: HashMap<&str, ReferenceOr<Box<Schema>>> = schemas
        .iter()
        .filter_map(|(name, schema)| value_of(schema).map(|value| (name.as_str(), value)))
        .collect();
    shaped
        .iter()
        .filter(|(_, value)| {
            let mut references = Vec::new();
            collect_references(
                &serde_json::to_value(value).unwrap_or_default(),
                &mut references,
            );
            !references.iter().any(|reference| {
                reference
                    .strip_prefix(SCHEMA_REF_PREFIX)
                    .is_some_and(|name| shaped.contains_key(name))
            })
        })
        .map(|(name, _)| (*name).to_owned())
        .collect()
}

fn collect_references(value: &serde_json::Value, references: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(object) => {
            if let Some(serde_json::Value::String(reference)) = object.get("$ref") {
                references.push(reference.clone());
            }
            object
                .values()
                .for_each(|child| collect_references(child, references));
        }
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|child| collect_references(child, references)),
        _ => {}
    }
}
