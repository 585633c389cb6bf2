//! Result fields read as optional where the spec's own examples show Mews leaving them out.
//! The description makes every non-nullable property required, but some documented results
//! leave such a field out or send it as `null`; a result type that required it would fail to
//! read the whole answer. Such a field of a type only results use becomes optional (left out)
//! or nullable (`null`), and its rustdoc says which documented result showed it. The members
//! an example has that its type does not describe are listed with the example, and so is what
//! keeps it from reading at all (a departure in a type requests share, a value of another
//! kind), so that the test of the example asserts that it does not read, and why.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::example_walk::{Visitor, Walk};
use crate::error::join_pointer;
use crate::ir::{FieldShape, Operation, Response, Struct, TypeDef, TypeKind, TypeRef};

/// How a documented result writes a field the spec requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Departure {
    LeftOut,
    Null,
}

/// Loosens the fields of result-only types that some operation's documented result example
/// leaves out or writes as `null`.
pub(super) fn loosen(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    update_value_property: &str,
) {
    let mut seen = Seen {
        request_types: types
            .iter()
            .filter(|def| def.in_request)
            .map(|def| def.name.clone())
            .collect(),
        ..Seen::default()
    };
    {
        let walk = Walk::new(types, update_value_property);
        for operation in operations.iter_mut() {
            let Some(result) = operation.result.clone() else {
                continue;
            };
            seen.operation = operation.example_path.clone();
            let Some(response) = result_response(operation) else {
                continue;
            };
            let Some(example) = &response.example else {
                continue;
            };
            walk.walk(&result, &mut example.clone(), "", &mut seen);
            response.example_unknown_members = std::mem::take(&mut seen.unknown_members);
            response.example_unreadable = std::mem::take(&mut seen.unreadable);
        }
    }
    for def in types.iter_mut().filter(|def| !def.in_request) {
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        for field in &mut structure.fields {
            for departure in [Departure::LeftOut, Departure::Null] {
                let key = (def.name.clone(), field.wire_name.clone(), departure);
                let Some(operation) = seen.departures.get(&key) else {
                    continue;
                };
                let (change, effect) = match departure {
                    Departure::LeftOut => {
                        field.required = false;
                        ("leaves it out", "optional")
                    }
                    Departure::Null => {
                        field.nullable = true;
                        ("sends it as `null`", "nullable")
                    }
                };
                let note = format!(
                    "The spec requires a value, but the documented result of `{operation}` \
                     {change}: read as {effect}."
                );
                field.docs = Some(match field.docs.take() {
                    Some(docs) => format!("{docs}\n\n{note}"),
                    None => note,
                });
            }
        }
    }
}

/// The response of the operation's result.
fn result_response(operation: &mut Operation) -> Option<&mut Response> {
    operation
        .responses
        .iter_mut()
        .find(|response| response.is_success() && response.body.is_some())
}

/// The required fields the documented results depart from, with the first operation whose
/// result shows each.
#[derive(Default)]
struct Seen {
    operation: String,
    /// The members of the example being walked that its types do not describe.
    unknown_members: Vec<String>,
    /// What keeps the example being walked from reading.
    unreadable: Vec<String>,
    /// The types requests use, whose fields stay as the spec has them.
    request_types: BTreeSet<String>,
    departures: BTreeMap<(String, String, Departure), String>,
}

impl Visitor for Seen {
    fn object(
        &mut self,
        name: &str,
        structure: &Struct,
        fields: &mut Map<String, Value>,
        at: &str,
    ) {
        for key in fields.keys() {
            if !structure.fields.iter().any(|field| field.wire_name == *key) {
                self.unknown_members.push(join_pointer(at, key));
            }
        }
        for field in &structure.fields {
            let departure = match fields.get(&field.wire_name) {
                None if field.shape() == FieldShape::Plain => Departure::LeftOut,
                Some(Value::Null) if !field.nullable && field.shape() != FieldShape::Update => {
                    Departure::Null
                }
                _ => continue,
            };
            if self.request_types.contains(name) {
                let what = match departure {
                    Departure::LeftOut => "leaves out",
                    Departure::Null => "has `null` for",
                };
                self.unreadable.push(format!(
                    "`{}`: the example {what} a value the spec requires of `{name}`, a type \
                     requests use too",
                    join_pointer(at, &field.wire_name)
                ));
                continue;
            }
            self.departures
                .entry((name.to_owned(), field.wire_name.clone(), departure))
                .or_insert_with(|| self.operation.clone());
        }
    }

    fn plain(&mut self, ty: &TypeRef, value: &mut Value, at: &str) {
        let text = matches!(
            ty,
            TypeRef::String | TypeRef::Uuid | TypeRef::Date | TypeRef::DateTime | TypeRef::Base64
        );
        // Numbers read from strings too, and an enum's values are strings or numbers.
        let fits = match value {
            Value::Null => true,
            Value::String(_) => *ty != TypeRef::Bool,
            Value::Number(_) => !text && *ty != TypeRef::Bool,
            Value::Bool(_) => *ty == TypeRef::Bool,
            Value::Array(_) | Value::Object(_) => false,
        };
        if !fits {
            self.unreadable.push(format!(
                "`{at}`: the example has `{value}`, where the spec has a value of another kind"
            ));
        }
    }
}
