//! What the documented examples show about the schemas: the values of each property (the
//! only per-field evidence of formats the pages keep), the order of the keys of each object
//! (the JSON example is written in the specification's order, which the tables are not), and
//! the keys no table has (typos of the examples).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::build::Components;
use crate::docs::BodyAt;
use crate::schema::{Component, Shape, Type};

/// The evidence of every example.
#[derive(Debug, Default)]
pub struct Evidence {
    /// (schema id, property) -> the values the examples give it (for an update value, the
    /// value it wraps; for an array, its items).
    pub values: BTreeMap<(String, String), Vec<Value>>,
    /// Schema id -> the key order of each example object of the schema.
    pub key_orders: BTreeMap<String, Vec<Vec<String>>>,
    /// The keys of examples that no property of their schema has.
    pub unknown_keys: Vec<UnknownKey>,
    /// The example being read.
    body: Option<(BodyAt, String)>,
}

/// A key of an example that no property of its schema has.
#[derive(Debug, Clone)]
pub struct UnknownKey {
    /// The example's body.
    pub body: BodyAt,
    /// How messages name the body (`companies/add request`).
    pub at: String,
    /// A JSON pointer to the object that has the key.
    pub parent: String,
    /// The key.
    pub key: String,
    /// The schema's properties the object does not have.
    pub absent: Vec<String>,
}

impl UnknownKey {
    /// `companies/add request /ContacPerson`.
    pub fn describe(&self) -> String {
        format!("{} {}/{}", self.at, self.parent, self.key)
    }
}

/// Whether a component is an update value: an object of one `Value`, named `...UpdateValue`
/// (Reservations options parameters update values is a plain object).
pub fn is_update_value(component: &Component) -> bool {
    matches!(&component.shape, Shape::Object(object)
        if object.properties.len() == 1 && object.properties[0].name == "Value" && component.name.ends_with("UpdateValue"))
}

impl Evidence {
    /// Reads one example of a schema; `at` names it in messages (`customers/add request`).
    pub fn read(
        &mut self,
        components: &Components,
        id: &str,
        example: &Value,
        body: BodyAt,
        at: &str,
    ) {
        self.body = Some((body, at.to_owned()));
        self.object(components, id, example, String::new());
    }

    fn unknown(&mut self, parent: &str, key: &str, absent: Vec<String>) {
        let (body, at) = self.body.clone().expect("reading an example");
        self.unknown_keys.push(UnknownKey {
            body,
            at,
            parent: parent.to_owned(),
            key: key.to_owned(),
            absent,
        });
    }

    fn object(&mut self, components: &Components, id: &str, value: &Value, pointer: String) {
        let Some(component) = components.get(id) else {
            return;
        };
        match (&component.shape, value) {
            (Shape::Object(object), Value::Object(map)) => {
                self.key_orders
                    .entry(id.to_owned())
                    .or_default()
                    .push(map.keys().cloned().collect());
                for (key, item) in map {
                    let here = format!("{pointer}/{key}");
                    match object.properties.iter().find(|p| &p.name == key) {
                        Some(property) => self.typed(components, id, key, &property.ty, item, here),
                        None => {
                            let absent = object
                                .properties
                                .iter()
                                .map(|p| p.name.clone())
                                .filter(|name| !map.contains_key(name))
                                .collect();
                            self.unknown(&pointer, key, absent);
                        }
                    }
                }
            }
            (Shape::OneOf(alternatives), Value::Object(map)) => {
                // The alternative whose properties cover the example's keys.
                let covers = |alternative: &&String| {
                    matches!(components.get(alternative.as_str()).map(|c| &c.shape), Some(Shape::Object(object))
                        if map.keys().all(|key| object.properties.iter().any(|p| &p.name == key)))
                };
                match alternatives.iter().find(covers) {
                    Some(alternative) => self.object(components, alternative, value, pointer),
                    None => {
                        for key in map.keys() {
                            self.unknown(&pointer, key, Vec::new());
                        }
                    }
                }
            }
            (Shape::Coproduct(coproduct), Value::Object(map)) => {
                let discriminator = map.get("Discriminator").and_then(Value::as_str);
                let case = coproduct
                    .cases
                    .iter()
                    .find(|(value, _)| Some(value.as_str()) == discriminator);
                if let (Some((_, case)), Some(inner)) = (case, map.get("Value")) {
                    self.object(components, case, inner, format!("{pointer}/Value"));
                }
                let extra: Vec<String> = map
                    .keys()
                    .filter(|key| *key != "Discriminator" && *key != "Value")
                    .cloned()
                    .collect();
                for key in extra {
                    self.unknown(&pointer, &key, Vec::new());
                }
            }
            (Shape::Dictionary(ty), Value::Object(map)) => {
                for (key, item) in map {
                    self.typed(
                        components,
                        id,
                        "?Key?",
                        ty,
                        item,
                        format!("{pointer}/{key}"),
                    );
                }
            }
            _ => {}
        }
    }

    fn typed(
        &mut self,
        components: &Components,
        id: &str,
        property: &str,
        ty: &Type,
        value: &Value,
        pointer: String,
    ) {
        let record = |evidence: &mut Self, value: &Value| {
            evidence
                .values
                .entry((id.to_owned(), property.to_owned()))
                .or_default()
                .push(value.clone());
        };
        match ty {
            Type::Array(items) => {
                for (index, item) in value.as_array().into_iter().flatten().enumerate() {
                    self.typed(
                        components,
                        id,
                        property,
                        items,
                        item,
                        format!("{pointer}/{index}"),
                    );
                }
            }
            Type::Ref { id: target, .. } => {
                let Some(component) = components.get(target) else {
                    return;
                };
                if is_update_value(component) {
                    if let Some(wrapped) = value.get("Value") {
                        record(self, wrapped);
                    }
                } else if matches!(component.shape, Shape::Scalar(_)) {
                    record(self, value);
                }
                self.object(components, target, value, pointer);
            }
            Type::Object | Type::Any => {}
            _ => record(self, value),
        }
    }
}
