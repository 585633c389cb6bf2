//! The intermediate model: what the spec means, with every reference resolved and every Rust
//! name chosen, before any code is emitted.

/// Everything the emitters need to know about one API.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Api {
    /// The API's title, from `info.title`.
    pub title: String,
    /// The API's description, from `info.description`.
    pub description: Option<String>,
    /// Named types, in the order the spec declares them.
    pub types: Vec<TypeDef>,
    /// Operations, in the order the spec declares them.
    pub operations: Vec<Operation>,
    /// Servers from the spec, as presets for the client's base address.
    pub servers: Vec<Server>,
    /// Body properties every operation takes (the authentication fields of Mews); the client
    /// sends them, so request types leave out the required ones.
    pub common_fields: Vec<CommonField>,
}

/// A base address the spec lists.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Server {
    /// `SCREAMING_SNAKE_CASE` constant name, from the first word of the description.
    pub name: String,
    pub url: String,
    pub description: Option<String>,
}

/// A body property that every operation's request takes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CommonField {
    pub wire_name: String,
    pub rust_name: String,
    pub docs: Option<String>,
    pub ty: TypeRef,
    /// Required by every operation: configured once per client. Otherwise the client's value
    /// is a default that a request can override.
    pub required: bool,
    /// A credential, never shown in `Debug` output, logs or errors.
    pub secret: bool,
}

/// A named type: one component schema.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TypeDef {
    /// The Rust name (`UpperCamelCase`).
    pub name: String,
    /// Documentation, from the schema's description or title.
    pub docs: Option<String>,
    pub kind: TypeKind,
    /// Whether the type is reachable from a request body, so it needs validation and a
    /// constructor.
    pub in_request: bool,
}

impl TypeDef {
    /// The types this type is made of: its fields, its variants, or the type it aliases.
    pub fn member_types(&self) -> Vec<&TypeRef> {
        match &self.kind {
            TypeKind::Struct(structure) => structure.fields.iter().map(|field| &field.ty).collect(),
            TypeKind::Union(union) => union.variants.iter().map(|variant| &variant.ty).collect(),
            TypeKind::Alias(target) => vec![target],
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    /// One of several types (`oneOf`/`anyOf`).
    Union(Union),
    /// A named schema that is just another type (`type: string` with a format, an array, ...).
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Struct {
    /// Fields in spec order.
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// The name on the wire, exactly as the spec spells it.
    pub wire_name: String,
    /// The Rust name (`snake_case`, not yet escaped for keywords).
    pub rust_name: String,
    pub docs: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    /// `Some(message)` when the spec marks the field deprecated.
    pub deprecated: Option<String>,
    pub limits: Limits,
}

/// Size limits a request value must respect before it is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
}

impl Limits {
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }
}

/// A value of one of several types, from `oneOf` or `anyOf`, with a catch-all for values that
/// match none of them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// The discriminator property, when every variant has a tag value: the enum is then chosen
    /// by that property instead of by trying each variant in turn.
    pub discriminator: Option<String>,
    /// Name of the catch-all variant that keeps values matching no variant.
    pub fallback: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects this variant.
    pub tag: Option<String>,
}

/// An open string enumeration.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// Name of the catch-all variant that keeps values unknown to this version.
    pub fallback: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Variant {
    pub wire_name: String,
    pub rust_name: String,
    /// What the enum's description says of this value (`- \`Value\` - meaning` lines).
    pub docs: Option<String>,
    /// Whether that text starts with "Deprecated".
    pub deprecated: bool,
}

/// The type of a field, an array item or an alias.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    Uuid,
    DateTime,
    Date,
    /// Any JSON value.
    Json,
    Array(Box<TypeRef>),
    /// A string-keyed map (`additionalProperties: <schema>`).
    Map(Box<TypeRef>),
    /// A named type, by its Rust name.
    Named(String),
    /// A value on the heap, to break a recursive type (`Box<T>`).
    Boxed(Box<TypeRef>),
    /// A body that is not JSON, as raw bytes.
    Bytes,
    /// A keep / set / clear update of a value, from a wrapper schema whose only property is
    /// `Value`. `clearable` is false when the wrapped value is not nullable.
    Update {
        value: Box<TypeRef>,
        clearable: bool,
    },
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Operation {
    /// The Rust method name (`snake_case`).
    pub name: String,
    pub method: String,
    pub path: String,
    pub summary: Option<String>,
    pub docs: Option<String>,
    /// Path, query and header parameters, in spec order.
    pub parameters: Vec<Parameter>,
    pub request: Option<TypeRef>,
    /// The media type the request body is sent as (`application/json` unless the spec says
    /// otherwise; then the body is raw bytes).
    pub request_media_type: Option<String>,
    /// The documented request example, if any.
    pub request_example: Option<serde_json::Value>,
    /// Responses documented for one status code.
    pub responses: Vec<Response>,
    /// `default` and status-range (`4XX`) responses: what other statuses carry.
    pub fallback_responses: Vec<Response>,
    /// Whether repeating the operation is harmless: `GET`, `PUT`, `DELETE`, ... or
    /// `x-idempotent: true`. Other operations are not retried after a timeout or server error.
    pub idempotent: bool,
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Parameter {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParameterLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// One documented response of an operation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Response {
    pub status: u16,
    pub docs: Option<String>,
    /// The JSON body, if the response documents one.
    pub body: Option<TypeRef>,
    /// Names of the documented headers.
    pub headers: Vec<String>,
}
