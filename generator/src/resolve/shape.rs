//! One flat view of any schema kind, so that the resolver asks a schema the same questions
//! whichever way `openapiv3` happened to classify it. The view borrows the schema's members
//! (properties, items, `allOf`...) rather than copying them: copying whole subtrees of a large
//! spec was the resolver's largest cost.

use std::sync::LazyLock;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ArrayType, IntegerType, NumberType, ReferenceOr, Schema, SchemaKind,
    StringType, Type, VariantOrUnknownOrEmpty,
};

/// What a schema says, whatever its kind; members it does not have are empty.
#[derive(Debug, Clone)]
pub(super) struct Shape<'a> {
    /// The `type` keyword (`string`, `object`...), if any.
    pub typ: Option<&'a str>,
    pub format: Option<&'a str>,
    pub enumeration: Vec<serde_json::Value>,
    pub properties: Properties<'a>,
    pub additional_properties: Option<&'a AdditionalProperties>,
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    pub one_of: &'a [ReferenceOr<Schema>],
    pub all_of: &'a [ReferenceOr<Schema>],
    pub any_of: &'a [ReferenceOr<Schema>],
    pub not: Option<&'a ReferenceOr<Schema>>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<bool>,
    pub exclusive_maximum: Option<bool>,
}

/// The properties of an object schema, in spec order.
pub(super) type Properties<'a> = &'a IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The properties of a schema that has none.
static NO_PROPERTIES: LazyLock<IndexMap<String, ReferenceOr<Box<Schema>>>> =
    LazyLock::new(IndexMap::new);

impl Default for Shape<'_> {
    fn default() -> Self {
        Shape {
            typ: None,
            format: None,
            enumeration: Vec::new(),
            properties: &NO_PROPERTIES,
            additional_properties: None,
            items: None,
            one_of: &[],
            all_of: &[],
            any_of: &[],
            not: None,
            min_length: None,
            max_length: None,
            min_items: None,
            max_items: None,
            minimum: None,
            maximum: None,
            exclusive_minimum: None,
            exclusive_maximum: None,
        }
    }
}

/// The flat view of `kind`.
pub(super) fn flatten(kind: &SchemaKind) -> Shape<'_> {
    let typed = |typ: &'static str| Shape {
        typ: Some(typ),
        ..Shape::default()
    };
    match kind {
        SchemaKind::Type(Type::String(StringType {
            format: f,
            enumeration,
            min_length,
            max_length,
            ..
        })) => Shape {
            format: format(f, |f: &openapiv3::StringFormat| match f {
                openapiv3::StringFormat::Date => "date",
                openapiv3::StringFormat::DateTime => "date-time",
                openapiv3::StringFormat::Password => "password",
                openapiv3::StringFormat::Byte => "byte",
                openapiv3::StringFormat::Binary => "binary",
            }),
            enumeration: enumeration
                .iter()
                .flatten()
                .map(|value| value.as_str().into())
                .collect(),
            min_length: *min_length,
            max_length: *max_length,
            ..typed("string")
        },
        SchemaKind::Type(Type::Number(NumberType { format: f, .. })) => Shape {
            format: format(f, |f: &openapiv3::NumberFormat| match f {
                openapiv3::NumberFormat::Float => "float",
                openapiv3::NumberFormat::Double => "double",
            }),
            ..typed("number")
        },
        SchemaKind::Type(Type::Integer(IntegerType {
            format: f,
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            enumeration,
            ..
        })) => Shape {
            enumeration: enumeration
                .iter()
                .flatten()
                .map(|value| (*value).into())
                .collect(),
            format: format(f, |f: &openapiv3::IntegerFormat| match f {
                openapiv3::IntegerFormat::Int32 => "int32",
                openapiv3::IntegerFormat::Int64 => "int64",
            }),
            minimum: minimum.map(|minimum| minimum as f64),
            maximum: maximum.map(|maximum| maximum as f64),
            exclusive_minimum: Some(*exclusive_minimum),
            exclusive_maximum: Some(*exclusive_maximum),
            ..typed("integer")
        },
        SchemaKind::Type(Type::Boolean(_)) => typed("boolean"),
        SchemaKind::Type(Type::Object(object)) => Shape {
            properties: &object.properties,
            additional_properties: object.additional_properties.as_ref(),
            ..typed("object")
        },
        SchemaKind::Type(Type::Array(ArrayType {
            items,
            min_items,
            max_items,
            ..
        })) => Shape {
            items: items.as_ref(),
            min_items: *min_items,
            max_items: *max_items,
            ..typed("array")
        },
        SchemaKind::OneOf { one_of } => Shape {
            one_of,
            ..Shape::default()
        },
        SchemaKind::AllOf { all_of } => Shape {
            all_of,
            ..Shape::default()
        },
        SchemaKind::AnyOf { any_of } => Shape {
            any_of,
            ..Shape::default()
        },
        SchemaKind::Not { not } => Shape {
            not: Some(not),
            ..Shape::default()
        },
        SchemaKind::Any(any) => Shape {
            typ: any.typ.as_deref(),
            format: any.format.as_deref(),
            enumeration: any.enumeration.clone(),
            properties: &any.properties,
            additional_properties: any.additional_properties.as_ref(),
            items: any.items.as_ref(),
            one_of: &any.one_of,
            all_of: &any.all_of,
            any_of: &any.any_of,
            not: any.not.as_deref(),
            min_length: any.min_length,
            max_length: any.max_length,
            min_items: any.min_items,
            max_items: any.max_items,
            minimum: any.minimum,
            maximum: any.maximum,
            exclusive_minimum: any.exclusive_minimum,
            exclusive_maximum: any.exclusive_maximum,
        },
    }
}

fn format<T>(format: &VariantOrUnknownOrEmpty<T>, name: fn(&T) -> &'static str) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item)),
        VariantOrUnknownOrEmpty::Unknown(unknown) => Some(unknown),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
