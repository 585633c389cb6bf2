//! Structural mutations of a spec, driven by a byte string: the property test and the fuzz
//! target (`fuzz/`) share them, so that the generator meets specs that are almost right.

use serde_json::{json, Map, Value};

const STRINGS: &[&str] = &[
    "#/components/schemas/Customer",
    "#/components/schemas/Missing",
    "#/components/responses/Missing",
    "other.yaml#/Thing",
    "array",
    "object",
    "string",
    "integer",
    "null",
    "date",
    "uuid",
    "",
    "3.1.0",
    "{id}",
    "Value",
    "type",
];

const KEYS: &[&str] = &[
    "$ref",
    "type",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
    "items",
    "properties",
    "nullable",
    "enum",
    "required",
    "discriminator",
    "additionalProperties",
    "const",
    "Value",
    "format",
    "parameters",
];

/// Every node of the document, as a list of keys and indices from the root.
fn paths(value: &Value) -> Vec<Vec<Value>> {
    let mut found = vec![Vec::new()];
    let mut index = 0;
    while index < found.len() {
        let path = found[index].clone();
        match node(value, &path) {
            Some(Value::Object(object)) => {
                found.extend(
                    object
                        .keys()
                        .map(|key| [path.clone(), vec![Value::String(key.clone())]].concat()),
                );
            }
            Some(Value::Array(items)) => {
                found.extend((0..items.len()).map(|i| [path.clone(), vec![json!(i)]].concat()));
            }
            _ => {}
        }
        index += 1;
    }
    found
}

fn node<'a>(value: &'a Value, path: &[Value]) -> Option<&'a Value> {
    path.iter().try_fold(value, |current, step| match step {
        Value::String(key) => current.get(key),
        Value::Number(index) => current.get(index.as_u64()? as usize),
        _ => None,
    })
}

fn node_mut<'a>(value: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |current, step| match step {
        Value::String(key) => current.get_mut(key),
        Value::Number(index) => current.get_mut(index.as_u64()? as usize),
        _ => None,
    })
}

/// Applies one mutation per three bytes of `choices`: which node, what to do, and an argument.
pub fn mutate(spec: &mut Value, choices: &[u8]) {
    for chunk in choices.chunks_exact(3) {
        let all = paths(spec);
        let target = &all[usize::from(chunk[0]) * all.len() / 256];
        let argument = usize::from(chunk[2]);
        let donor = node(spec, &all[argument * all.len() / 256])
            .cloned()
            .unwrap_or(Value::Null);
        let text = STRINGS[argument % STRINGS.len()];
        if let (6, Some((last, parent))) = (chunk[1] % 10, target.split_last()) {
            // Remove the node from its parent.
            match (node_mut(spec, parent), last) {
                (Some(Value::Object(object)), Value::String(key)) => {
                    object.shift_remove(key);
                }
                (Some(Value::Array(items)), Value::Number(index)) => {
                    let index = index.as_u64().unwrap_or_default() as usize;
                    if index < items.len() {
                        items.remove(index);
                    }
                }
                _ => {}
            }
            continue;
        }
        let Some(slot) = node_mut(spec, target) else {
            continue;
        };
        match chunk[1] % 10 {
            0 => *slot = Value::Null,
            1 => *slot = json!(argument as i64 - 128),
            2 => *slot = Value::String(text.to_owned()),
            3 => *slot = Value::Object(Map::new()),
            4 => *slot = json!([]),
            5 => *slot = donor,
            7 => *slot = json!({ "allOf": [slot.clone()], "nullable": true }),
            8 => {
                if let Value::Object(object) = slot {
                    object.insert(KEYS[argument % KEYS.len()].to_owned(), donor);
                }
            }
            _ => {
                if let Value::Object(object) = slot {
                    object.insert(
                        KEYS[argument % KEYS.len()].to_owned(),
                        Value::String(text.to_owned()),
                    );
                }
            }
        }
    }
}
