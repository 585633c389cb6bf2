//! The schemas the importer writes: one model between the pages and the YAML.

use crate::page::EnumValue;

/// A schema with an id: a component of the output, or a coproduct that is written inline
/// where it is used (as the published description does).
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// The lower-cased id, as `types.yaml` keeps it.
    pub id: String,
    /// The name: the id with its case recovered; the component's key and `x-schema-id`.
    pub name: String,
    /// `title`, when the schema has one of its own.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// What the schema is.
    pub shape: Shape,
    /// Where it is defined, for messages: the file and the section or line.
    pub origin: String,
    /// The page its descriptions are written on, as links name files (`customers.md`,
    /// `_objects.md`, `../guidelines/pagination.md`): their relative links start there.
    pub page: String,
}

/// What a schema is.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An object with properties (`additionalProperties: false`).
    Object(Object),
    /// A string enumeration.
    Enumeration(Enumeration),
    /// A `Discriminator` + `Value` coproduct, written inline where used.
    Coproduct(Coproduct),
    /// A dictionary: `additionalProperties` of this type.
    Dictionary(Type),
    /// A value that is not an object (Hybrid identifier: a string).
    Scalar(Type),
    /// Exactly one of these objects (the mutually exclusive parameter sets of a request).
    OneOf(Vec<String>),
    /// The empty result: an object without properties.
    Unit,
}

/// An object's properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object {
    /// The properties, in the specification's order as far as it can be restored.
    pub properties: Vec<Property>,
    /// For a discriminator with one property per case: discriminator value -> property.
    pub cases: Vec<(String, String)>,
}

/// A string enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    /// The values.
    pub values: Vec<EnumValue>,
    /// `x-extensible`: the list is not exhaustive.
    pub extensible: bool,
    /// `x-showDescription`: the page prints the enumeration's description.
    pub show_description: bool,
    /// The schema has no title (its section is headed by its id): no `x-enumNames` either.
    pub bare: bool,
}

/// A `Discriminator` + `Value` coproduct.
#[derive(Debug, Clone, PartialEq)]
pub struct Coproduct {
    /// The id of the discriminator's enumeration.
    pub discriminator: String,
    /// The `Discriminator` property's own description, when it is not the page's default.
    pub discriminator_description: Option<String>,
    /// The `Value` property: its type when it is not an object of the cases.
    pub value: Type,
    /// The `Value` property's description, when it is not the page's default.
    pub value_description: Option<String>,
    /// Whether `Value` is nullable.
    pub value_nullable: bool,
    /// Discriminator value -> id of the case schema.
    pub cases: Vec<(String, String)>,
}

/// One property.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The name.
    pub name: String,
    /// The type.
    pub ty: Type,
    /// `description`.
    pub description: String,
    /// `nullable: true`.
    pub nullable: bool,
    /// `Some(message)`: `deprecated: true` (and `x-deprecatedMessage` when not empty).
    pub deprecated: Option<String>,
    /// `maxLength` (for an update value, of its value).
    pub max_length: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `x-max-interval-in-months`.
    pub max_months: Option<u64>,
}

/// A property's (or an item's, or a dictionary value's) type.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// `type: string` with an optional format.
    String(Option<&'static str>),
    /// `type: integer` with its format.
    Integer(&'static str),
    /// `type: number, format: double`.
    Number,
    /// `type: boolean`.
    Boolean,
    /// No type: any JSON value.
    Any,
    /// `type: object` without properties: any JSON object.
    Object,
    /// `type: array`.
    Array(Box<Type>),
    /// A schema with an id; `format` is written beside the reference (an update value of a
    /// date, say).
    Ref {
        /// The lower-cased id.
        id: String,
        /// The format of the wrapped value.
        format: Option<&'static str>,
    },
}

impl Type {
    /// A reference without a format.
    pub fn reference(id: &str) -> Self {
        Type::Ref {
            id: id.to_owned(),
            format: None,
        }
    }

    /// The id the type refers to, at any depth of arrays.
    pub fn id(&self) -> Option<&str> {
        match self {
            Type::Ref { id, .. } => Some(id),
            Type::Array(items) => items.id(),
            _ => None,
        }
    }
}
