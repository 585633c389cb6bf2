//! The schemas in the published shape, each key in the place Swashbuckle (OpenAPI.NET) writes
//! it (`KEY_ORDER`).
//!
//! Shapes, as the published description writes them: a reference with anything beside it is
//! wrapped in `allOf` (with the referenced schema's `title` when it has one of its own); the
//! enumerations whose ids end in `Enum` or whose description the page shows (Swashbuckle's
//! enumeration filter) carry `x-enumNames`, and their descriptions, and those of the
//! properties typed by them, end with the values (descriptions in parentheses), as the filter
//! appends them; only the other enumerations carry `x-schema-id`; a coproduct and a hybrid
//! identifier are written where they are used, not as components; non-nullable properties
//! are `required`.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use crate::build::Components;
use crate::evidence::is_update_value;
use crate::markdown::absolute_links;
use crate::page::EnumValue;
use crate::schema::{Component, Coproduct, Enumeration, Property, Shape, Type};

/// The order of a schema's keys.
const KEY_ORDER: &[&str] = &[
    "$ref",
    "title",
    "maxLength",
    "minLength",
    "maxItems",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "nullable",
    "deprecated",
    "x-coproduct",
    "x-enumNames",
    "x-enumDescriptions",
    "x-extensible",
    "x-coproduct-mapping",
    "x-discriminator-cases",
    "x-deprecatedMessage",
    "x-max-interval-in-months",
    "x-schema-id",
    "x-showDescription",
];

/// A schema being written: its keys, put in their place whatever order they are set in.
#[derive(Default)]
struct Schema(BTreeMap<usize, (&'static str, Value)>);

impl Schema {
    fn set(&mut self, key: &'static str, value: Option<Value>) -> &mut Self {
        let place = KEY_ORDER
            .iter()
            .position(|known| *known == key)
            .expect("a known key");
        match value {
            Some(value) => self.0.insert(place, (key, value)),
            None => self.0.remove(&place),
        };
        self
    }

    fn text(&mut self, key: &'static str, value: &str) -> &mut Self {
        self.set(key, Some(Value::from(value)))
    }

    /// Sets a text unless it is empty.
    fn prose(&mut self, key: &'static str, value: Option<&str>) -> &mut Self {
        self.set(key, value.filter(|text| !text.is_empty()).map(Value::from))
    }

    fn flag(&mut self, key: &'static str, on: bool) -> &mut Self {
        self.set(key, on.then_some(Value::Bool(true)))
    }

    fn number(&mut self, key: &'static str, value: Option<u64>) -> &mut Self {
        self.set(key, value.map(Value::from))
    }

    fn build(&mut self) -> Value {
        let map: Mapping = std::mem::take(&mut self.0)
            .into_values()
            .map(|(key, value)| (Value::from(key), value))
            .collect();
        Value::Mapping(map)
    }
}

/// A `$ref` to a component.
pub fn reference(name: &str) -> Value {
    Schema::default()
        .text("$ref", &format!("#/components/schemas/{name}"))
        .build()
}

/// Writes the schemas.
pub struct Emitter<'a> {
    components: &'a Components,
}

impl<'a> Emitter<'a> {
    /// An emitter of these components.
    pub fn new(components: &'a Components) -> Self {
        Self { components }
    }

    fn component(&self, id: &str) -> &'a Component {
        self.components
            .get(id)
            .expect("every referenced schema is built")
    }

    /// Whether a component is written where it is used rather than as a component.
    pub fn inlined(component: &Component) -> bool {
        matches!(
            component.shape,
            Shape::Coproduct(_) | Shape::Scalar(Type::String(_))
        )
    }

    /// The reference to a schema.
    pub fn reference_to(&self, id: &str) -> Value {
        reference(&self.component(id).name)
    }

    /// A component.
    pub fn schema(&self, component: &Component) -> Value {
        let description = component
            .description
            .as_deref()
            .map(|text| absolute_links(text, &component.page));
        let mut schema = Schema::default();
        schema.set("title", component.title.as_deref().map(Value::from));
        match &component.shape {
            Shape::Object(object) => {
                // An update value's `Value` is never required, as published: it may be sent as
                // `null` to clear.
                let required = if is_update_value(component) {
                    Vec::new()
                } else {
                    required(&object.properties)
                };
                let cases: Mapping = object
                    .cases
                    .iter()
                    .map(|(value, property)| {
                        (Value::from(value.as_str()), Value::from(property.as_str()))
                    })
                    .collect();
                schema
                    .set(
                        "required",
                        (!required.is_empty()).then_some(Value::Sequence(required)),
                    )
                    .text("type", "object")
                    .set(
                        "properties",
                        Some(self.properties(&object.properties, &component.page)),
                    )
                    .set("additionalProperties", Some(Value::Bool(false)))
                    .set(
                        "x-discriminator-cases",
                        (!cases.is_empty()).then_some(Value::Mapping(cases)),
                    );
            }
            Shape::Enumeration(enumeration) => return self.enumeration(component, enumeration),
            Shape::Dictionary(values) => {
                schema
                    .text("type", "object")
                    .set("additionalProperties", Some(self.item(values)));
            }
            Shape::Scalar(ty) => {
                type_and_format(&mut schema, ty);
            }
            Shape::OneOf(alternatives) => {
                schema.set(
                    "oneOf",
                    Some(Value::Sequence(
                        alternatives
                            .iter()
                            .map(|id| self.reference_to(id))
                            .collect(),
                    )),
                );
            }
            Shape::Unit => {
                return Schema::default()
                    .text("type", "object")
                    .set("additionalProperties", Some(Value::Bool(false)))
                    .build();
            }
            Shape::Coproduct(coproduct) => return self.coproduct(component, coproduct, None),
        }
        schema
            .prose("description", description.as_deref())
            .text("x-schema-id", &component.name)
            .build()
    }

    fn enumeration(&self, component: &Component, enumeration: &Enumeration) -> Value {
        let listed = listed_by_swashbuckle(component);
        let base = component
            .description
            .as_deref()
            .map(|text| absolute_links(text, &component.page))
            .unwrap_or_default();
        // The page generator tells a shown description from the appended values by the
        // description's Windows line ends.
        let base = if enumeration.show_description {
            base.replace('\n', "\r\n")
        } else {
            base
        };
        let description = if listed {
            with_values(&base, &enumeration.values, &component.page)
        } else {
            base
        };
        let has_descriptions = enumeration.values.iter().any(|v| v.description.is_some());
        Schema::default()
            .set("title", component.title.as_deref().map(Value::from))
            .set("enum", Some(names(&enumeration.values)))
            .text("type", "string")
            .prose("description", Some(&description))
            .set("x-enumNames", listed.then(|| names(&enumeration.values)))
            .set(
                "x-enumDescriptions",
                (listed || has_descriptions)
                    .then(|| descriptions(&enumeration.values, &component.page)),
            )
            .flag("x-extensible", enumeration.extensible)
            .set(
                "x-schema-id",
                (!component.id.ends_with("enum") && !enumeration.bare)
                    .then(|| Value::from(component.name.as_str())),
            )
            .flag("x-showDescription", enumeration.show_description)
            .build()
    }

    fn properties(&self, properties: &[Property], page: &str) -> Value {
        let map: Mapping = properties
            .iter()
            .map(|property| {
                (
                    Value::from(property.name.as_str()),
                    self.property(property, page),
                )
            })
            .collect();
        Value::Mapping(map)
    }

    fn property(&self, property: &Property, page: &str) -> Value {
        let description = absolute_links(&property.description, page);
        let mut schema = Schema::default();
        schema
            .flag("nullable", property.nullable)
            .flag("deprecated", property.deprecated.is_some())
            .prose(
                "x-deprecatedMessage",
                property
                    .deprecated
                    .as_deref()
                    .map(|m| absolute_links(m, page))
                    .as_deref(),
            )
            .number("x-max-interval-in-months", property.max_months);
        let plain = description.is_empty() && !property.nullable && property.deprecated.is_none();
        match &property.ty {
            Type::Ref { id, format } => {
                let target = self.component(id);
                match &target.shape {
                    Shape::Coproduct(coproduct) => {
                        let mut inline =
                            self.coproduct_schema(target, coproduct, Some(&description));
                        for (place, entry) in schema.0 {
                            inline.0.insert(place, entry);
                        }
                        return inline.build();
                    }
                    Shape::Scalar(Type::String(scalar_format)) => {
                        schema
                            .number("maxLength", property.max_length)
                            .text("type", "string")
                            .prose("description", Some(&description))
                            .set("format", format.or(*scalar_format).map(Value::from))
                            .text("x-schema-id", &target.name);
                    }
                    Shape::Enumeration(enumeration) => {
                        let listed = listed_by_swashbuckle(target);
                        if plain {
                            return self.reference_to(id);
                        }
                        let description = if listed {
                            with_values(&description, &enumeration.values, &target.page)
                        } else {
                            description
                        };
                        schema
                            .set(
                                "title",
                                target.title.as_deref().filter(|_| listed).map(Value::from),
                            )
                            .set("allOf", Some(Value::Sequence(vec![self.reference_to(id)])))
                            .prose("description", Some(&description))
                            .set("x-enumNames", listed.then(|| names(&enumeration.values)))
                            .set(
                                "x-enumDescriptions",
                                listed.then(|| descriptions(&enumeration.values, &target.page)),
                            )
                            .flag("x-extensible", listed && enumeration.extensible);
                    }
                    _ => {
                        if plain {
                            return self.reference_to(id);
                        }
                        schema
                            .set(
                                "title",
                                target
                                    .title
                                    .as_deref()
                                    .filter(|title| *title != target.name)
                                    .map(Value::from),
                            )
                            .number(
                                "maxLength",
                                property.max_length.filter(|_| is_update_value(target)),
                            )
                            .set("allOf", Some(Value::Sequence(vec![self.reference_to(id)])))
                            .prose("description", Some(&description))
                            .set("format", format.map(Value::from));
                    }
                }
            }
            Type::Array(items) => {
                schema
                    .number("maxItems", property.max_items)
                    .text("type", "array")
                    .set("items", Some(self.item(items)))
                    .prose("description", Some(&description));
            }
            other => {
                schema
                    .number("maxLength", property.max_length)
                    .number("minLength", min_length(property))
                    .prose("description", Some(&description));
                type_and_format(&mut schema, other);
            }
        }
        schema.build()
    }

    /// The schema of an array's items or a dictionary's values.
    fn item(&self, ty: &Type) -> Value {
        let mut schema = Schema::default();
        match ty {
            Type::Ref { id, .. } => {
                let target = self.component(id);
                return match &target.shape {
                    Shape::Coproduct(coproduct) => self.coproduct(target, coproduct, None),
                    Shape::Scalar(Type::String(format)) => schema
                        .text("type", "string")
                        .set("format", format.map(Value::from))
                        .text("x-schema-id", &target.name)
                        .build(),
                    _ => self.reference_to(id),
                };
            }
            Type::Array(items) => {
                schema
                    .text("type", "array")
                    .set("items", Some(self.item(items)));
            }
            other => type_and_format(&mut schema, other),
        }
        schema.build()
    }

    fn coproduct(
        &self,
        component: &Component,
        coproduct: &Coproduct,
        description: Option<&str>,
    ) -> Value {
        self.coproduct_schema(component, coproduct, description)
            .build()
    }

    /// A coproduct, written where it is used: the using property's description is the
    /// object's; `x-coproduct-mapping` says which discriminator value selects which case.
    fn coproduct_schema(
        &self,
        component: &Component,
        coproduct: &Coproduct,
        description: Option<&str>,
    ) -> Schema {
        let describe = |text: &str| absolute_links(text, &component.page);
        let discriminator = match coproduct.discriminator_description.as_deref() {
            Some(text) => Schema::default()
                .set(
                    "allOf",
                    Some(Value::Sequence(vec![
                        self.reference_to(&coproduct.discriminator)
                    ])),
                )
                .text("description", &describe(text))
                .build(),
            None => self.reference_to(&coproduct.discriminator),
        };
        let mut cases: Vec<&str> = Vec::new();
        for (_, id) in &coproduct.cases {
            if !cases.contains(&id.as_str()) {
                cases.push(id);
            }
        }
        let mut value = Schema::default();
        match &coproduct.value {
            Type::Object | Type::Ref { .. } if !cases.is_empty() => {
                value.set(
                    "oneOf",
                    Some(Value::Sequence(
                        cases.iter().map(|id| self.reference_to(id)).collect(),
                    )),
                );
            }
            other => type_and_format(&mut value, other),
        }
        value
            .prose(
                "description",
                coproduct
                    .value_description
                    .as_deref()
                    .map(describe)
                    .as_deref(),
            )
            .flag("nullable", coproduct.value_nullable);
        let properties: Mapping = [
            (Value::from("Discriminator"), discriminator),
            (Value::from("Value"), value.build()),
        ]
        .into_iter()
        .collect();
        let mapping: Mapping = coproduct
            .cases
            .iter()
            .map(|(value, id)| {
                (
                    Value::from(value.as_str()),
                    Value::from(format!("#/components/schemas/{}", self.component(id).name)),
                )
            })
            .collect();
        let mut schema = Schema::default();
        schema
            .set("title", component.title.as_deref().map(Value::from))
            .text("type", "object")
            .set("properties", Some(Value::Mapping(properties)))
            .prose("description", description.map(describe).as_deref())
            .flag("x-coproduct", true)
            .set(
                "x-coproduct-mapping",
                (!mapping.is_empty()).then_some(Value::Mapping(mapping)),
            )
            .text("x-schema-id", &component.name);
        schema
    }
}

/// The non-nullable properties, in ordinal order as Swashbuckle sorts them.
fn required(properties: &[Property]) -> Vec<Value> {
    let mut names: Vec<&str> = properties
        .iter()
        .filter(|p| !p.nullable)
        .map(|p| p.name.as_str())
        .collect();
    names.sort_unstable();
    names.into_iter().map(Value::from).collect()
}

/// Whether Swashbuckle's enumeration filter wrote the enumeration (values appended to the
/// descriptions, `x-enumNames`): its id ends in `Enum`, or the page shows its description
/// (`Title`).
fn listed_by_swashbuckle(component: &Component) -> bool {
    component.id.ends_with("enum")
        || matches!(&component.shape, Shape::Enumeration(enumeration) if enumeration.show_description)
}

/// A description followed by the enumeration's values, as Swashbuckle appends them.
fn with_values(description: &str, values: &[EnumValue], page: &str) -> String {
    let list: Vec<String> = values
        .iter()
        .map(|value| match &value.description {
            Some(text) => format!("{} ({})", value.value, absolute_links(text, page)),
            None => value.value.clone(),
        })
        .collect();
    format!("{description}\n\n{}", list.join("\n\n"))
}

fn names(values: &[EnumValue]) -> Value {
    Value::Sequence(
        values
            .iter()
            .map(|v| Value::from(v.value.as_str()))
            .collect(),
    )
}

fn descriptions(values: &[EnumValue], page: &str) -> Value {
    Value::Sequence(
        values
            .iter()
            .map(|v| {
                Value::from(
                    v.description
                        .as_deref()
                        .map(|d| absolute_links(d, page))
                        .unwrap_or_default(),
                )
            })
            .collect(),
    )
}

/// Sets the `type` and `format` of a primitive type.
/// `minLength: 1`, as the published description gives every string a value may not be empty
/// (a non-nullable string the server reads as text: not an identifier, a date or a time).
fn min_length(property: &Property) -> Option<u64> {
    match property.ty {
        Type::String(format) if !property.nullable => {
            (!matches!(format, Some("uuid" | "date" | "date-time"))).then_some(1)
        }
        _ => None,
    }
}

fn type_and_format(schema: &mut Schema, ty: &Type) {
    let (ty, format) = match ty {
        Type::String(format) => (Some("string"), *format),
        Type::Integer(format) => (Some("integer"), Some(*format)),
        Type::Number => (Some("number"), Some("double")),
        Type::Boolean => (Some("boolean"), None),
        Type::Object => (Some("object"), None),
        Type::Any | Type::Array(_) | Type::Ref { .. } => (None, None),
    };
    schema
        .set("type", ty.map(Value::from))
        .set("format", format.map(Value::from));
}
