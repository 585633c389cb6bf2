//! The intermediate model: what the spec means, with every reference resolved and every Rust
//! name chosen, before any code is emitted.

/// Everything the emitters need to know about one API.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Api {
    /// The API's title, from `info.title`.
    pub title: String,
    /// The API's description, from `info.description`.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    /// The only property of an update-value wrapper (`Value` for Mews), which `Update<T>`
    /// writes and reads.
    pub update_value_property: String,
    /// The variants of the client's `Error` type.
    pub errors: Errors,
    /// The names and answers of the mock server behind the generated crate's `mock` feature.
    /// A model written before the mock existed reads with an empty one.
    #[serde(default)]
    pub mock: Mock,
    /// The cargo features that split a large API by tag or resource, in name order; empty when
    /// the API has one group of operations only. Every feature is on by default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<Feature>,
}

impl Api {
    /// Whether some operation is paginated, so that the crate walks pages.
    pub fn is_paginated(&self) -> bool {
        self.operations
            .iter()
            .any(|operation| operation.pagination.is_some())
    }

    /// Whether some operation streams server-sent events.
    pub fn has_events(&self) -> bool {
        self.operations
            .iter()
            .any(|operation| operation.events.is_some())
    }

    /// Every operation with its mock, joined by the operation's name.
    pub fn mocked_operations(&self) -> impl Iterator<Item = (&MockOperation, &Operation)> {
        let by_name: std::collections::HashMap<&str, &Operation> = self
            .operations
            .iter()
            .map(|operation| (operation.name.as_str(), operation))
            .collect();
        self.mock.operations.iter().map(move |mock| {
            let operation = by_name
                .get(mock.operation.as_str())
                .expect("the mock of an operation names an operation of its API");
            (mock, *operation)
        })
    }

    /// Every common field with what the mock knows of it, joined by the field's wire name.
    pub fn mocked_common_fields(&self) -> impl Iterator<Item = (&CommonField, &MockCommonField)> {
        self.mock.common_fields.iter().map(|mock| {
            let field = self
                .common_fields
                .iter()
                .find(|field| field.wire_name == mock.wire_name)
                .expect("the mock of a common field names a common field of its API");
            (field, mock)
        })
    }

    /// The feature named `name`, which an operation or a type of this API names.
    pub fn feature(&self, name: &str) -> &Feature {
        self.features
            .iter()
            .find(|feature| feature.name == name)
            .expect("operations and types name features of their API")
    }
}

/// A cargo feature of the generated crate: the operations of one tag (or resource) and the
/// types only they use, in modules of their own, so that a user of a large API compiles only
/// what they call.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Feature {
    /// The feature's name in `Cargo.toml` (`identity-documents`).
    pub name: String,
    /// The module of its methods and of its types (`identity_documents`).
    pub module: String,
    /// What it holds: the tag or resource, and the tag's description.
    pub docs: String,
}

/// The client's error type: one variant per documented error status, across all operations.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Errors {
    /// In status order.
    pub statuses: Vec<StatusError>,
    /// Body type of statuses the spec does not document.
    pub fallback_body: TypeRef,
    /// The named error body types, which tell the error's message.
    pub bodies: Vec<ErrorBodyType>,
}

/// The variant of one documented error status.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StatusError {
    pub status: u16,
    /// `UpperCamelCase` variant name (`TooManyRequests`).
    pub variant: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    pub body: TypeRef,
    /// Whether some operation documents a `Retry-After` header with this status.
    pub retry_after: bool,
}

/// A named type used as an error body.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ErrorBodyType {
    pub name: String,
    /// Its `message` string field, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<MessageField>,
}

/// The field of an error body that carries the human-readable message.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MessageField {
    pub rust_name: String,
    /// `Option<String>` rather than `String`.
    pub optional: bool,
}

/// A base address the spec lists.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Server {
    /// `SCREAMING_SNAKE_CASE` constant name, from the first word of the description.
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A body property that every operation's request takes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CommonField {
    pub wire_name: String,
    pub rust_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    pub ty: TypeRef,
    /// Required by every operation: configured once per client. Otherwise the client's value
    /// is a default that a request can override.
    pub required: bool,
    /// A credential, never shown in `Debug` output, logs or errors.
    pub secret: bool,
    /// Whether the request types hold it as a `Nullable<T>` (optional and nullable), so that
    /// the client's default applies only while it is absent.
    #[serde(default)]
    pub three_state: bool,
    /// The environment variable the example programs read it from, after the crate's prefix
    /// (`ACCESS_TOKEN` for `MEWS_ACCESS_TOKEN`).
    #[serde(default)]
    pub env_name: String,
}

/// A named type: one component schema.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TypeDef {
    /// The Rust name (`UpperCamelCase`).
    pub name: String,
    /// Documentation, from the schema's description or title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    pub kind: TypeKind,
    /// Whether the type is reachable from a request body, so it needs validation and a
    /// constructor.
    pub in_request: bool,
    /// Whether the type implements `Default`: results do, so that users can build them in
    /// their tests although they are `#[non_exhaustive]`; so do requests without required
    /// fields.
    pub has_default: bool,
    /// The feature that compiles the type, when only the operations of one feature use it;
    /// `None` when the type is always compiled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    /// `Some(message)` when the spec marks the field deprecated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    pub limits: Limits,
    /// For the limitation of a paginated request: the page size its constructor starts with,
    /// so that the limitation is not an argument of the request's `new`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    /// An optional, nullable field of a request type: absent, `null` or a value
    /// (`Nullable<T>`), so that a request can remove a value by sending `null`.
    #[serde(default)]
    pub three_state: bool,
    /// For a field whose value is an interval (a struct of a start and an end, both date-times
    /// or dates) of a limited length: the fields of its start and end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<IntervalEnds>,
    /// The `with_` method that sets the field, for a field of a request type that is not an
    /// argument of its `new`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setter: Option<String>,
}

/// How a field is represented, from its requiredness and nullability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldShape {
    /// Required and not nullable: `T`.
    Plain,
    /// Required but nullable: `Option<T>`, sent as `null` when `None`.
    Nullable,
    /// Optional: `Option<T>`, left out when `None`.
    Omittable,
    /// An update value: `Update<T>`, left out when `Keep`.
    Update,
    /// Optional and nullable in a request: `Nullable<T>`, left out when `Absent`, `null` when
    /// `Null`.
    ThreeState,
}

impl Field {
    /// How the field is represented in Rust and on the wire.
    pub fn shape(&self) -> FieldShape {
        match (&self.ty, self.required, self.nullable) {
            (TypeRef::Update { .. }, _, _) => FieldShape::Update,
            _ if self.three_state => FieldShape::ThreeState,
            (_, true, false) => FieldShape::Plain,
            (_, true, true) => FieldShape::Nullable,
            (_, false, _) => FieldShape::Omittable,
        }
    }
}

/// The fields of an interval struct that hold its start and its end.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IntervalEnds {
    pub start: String,
    pub end: String,
}

/// Size limits a request value must respect before it is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<usize>,
    /// The longest an interval value may be, in calendar months (`x-max-interval-in-months`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interval_months: Option<u32>,
    /// Bounds of an integer value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    /// Name of the catch-all variant that keeps values matching no variant.
    pub fallback: String,
}

impl Union {
    /// Whether the tags are integers (`"type": 2`) rather than strings.
    pub fn has_integer_tags(&self) -> bool {
        self.variants
            .iter()
            .any(|variant| matches!(variant.tag, Some(WireValue::Integer(_))))
    }
}

/// The variants of a request body that is a union of structs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RequestUnion {
    /// The union type's name.
    pub name: String,
    /// Its variants, each a struct with the request's fields.
    pub variants: Vec<String>,
    /// Its catch-all variant, which holds any JSON value.
    pub fallback: String,
}

/// A documented request example as it is sent: without the fields the client adds itself, and
/// fitted to the request type where the documentation departs from the spec (a required value
/// left out, a `null` the spec does not allow, a value beyond a documented limit).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SentExample {
    pub body: serde_json::Value,
    /// What was changed to fit the example to the spec, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<ExampleFix>,
}

/// One change that fits a documented example to its type.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExampleFix {
    /// The JSON pointer of the changed value in the example (`/Limitation`).
    pub pointer: String,
    /// What the documentation has there and what is sent instead.
    pub change: String,
}

/// A value on the wire that tells variants apart: a string, or an integer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum WireValue {
    String(String),
    Integer(i64),
}

impl std::fmt::Display for WireValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WireValue::String(text) => f.write_str(text),
            WireValue::Integer(number) => write!(f, "{number}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects this variant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<WireValue>,
}

/// An open enumeration of strings, or of integers.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Enum {
    pub variants: Vec<Variant>,
    /// Name of the catch-all variant that keeps values unknown to this version.
    pub fallback: String,
    /// Whether the values are integers (`wire_name` is then the number's text).
    #[serde(default)]
    pub integer: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Variant {
    /// The value as written on the wire; for an integer enum, the number's text.
    pub wire_name: String,
    /// For an integer enum, the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integer: Option<i64>,
    pub rust_name: String,
    /// What the enum's description says of this value (`- \`Value\` - meaning` lines).
    #[serde(skip_serializing_if = "Option::is_none")]
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
    /// Bytes sent as a Base64 string (`format: byte`); only ever the type of a struct field.
    Base64,
    /// A file sent as a part of a `multipart/form-data` body (`format: binary` there): its
    /// bytes, file name and content type. Elsewhere `format: binary` stays a string.
    File,
    /// A keep / set / clear update of a value, from a wrapper schema whose only property is
    /// `Value`. `clearable` is false when the wrapped value is not nullable.
    Update {
        value: Box<TypeRef>,
        clearable: bool,
    },
}

impl TypeRef {
    /// The one type directly inside this one: an array's items, a map's values, a box's or an
    /// update's value.
    pub fn inner(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Boxed(inner)
            | TypeRef::Update { value: inner, .. } => Some(inner),
            _ => None,
        }
    }

    /// This type and every type nested in it, outermost first.
    pub fn walk(&self) -> impl Iterator<Item = &TypeRef> {
        std::iter::successors(Some(self), |ty| ty.inner())
    }

    /// This type and the types it holds by value (through a box or an update, not through a
    /// `Vec` or map): those whose size is part of this type's size.
    pub fn walk_by_value(&self) -> impl Iterator<Item = &TypeRef> {
        std::iter::successors(Some(self), |ty| match ty {
            TypeRef::Boxed(_) | TypeRef::Update { .. } => ty.inner(),
            _ => None,
        })
    }

    /// The named type this type is or contains, if any.
    pub fn named(&self) -> Option<&str> {
        self.walk().find_map(|ty| match ty {
            TypeRef::Named(name) => Some(name.as_str()),
            _ => None,
        })
    }
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Operation {
    /// The Rust method name (`snake_case`).
    pub name: String,
    pub method: String,
    /// The path template, as the spec writes it (`/things/{thingId}`).
    pub path: String,
    /// The template parsed: literal text and placeholders, each the wire name of a path
    /// parameter of the operation.
    pub path_segments: Vec<PathSegment>,
    /// The operation's tags, in spec order; the first names its feature.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// Path, query and header parameters, in spec order.
    pub parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<TypeRef>,
    /// The media type the request body is sent as (`application/json` unless the spec says
    /// otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_media_type: Option<String>,
    /// How the request body is written: JSON, a form, a multipart form, or raw bytes.
    #[serde(default)]
    pub request_encoding: BodyEncoding,
    /// Whether the spec lets the request body be left out (`required: false`): the method then
    /// takes an `Option`.
    #[serde(default)]
    pub request_optional: bool,
    /// For a JSON body that is a union of structs, each holding the client settings: where the
    /// request's own values of the settings are read (the client sends a default only where
    /// the request leaves its value unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_union: Option<RequestUnion>,
    /// The documented request example, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_example: Option<serde_json::Value>,
    /// The documented request example as the example program and the mock's test send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_example: Option<SentExample>,
    /// Responses documented for one status code.
    pub responses: Vec<Response>,
    /// The type of a successful result, `None` when success has no body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<TypeRef>,
    /// Success statuses documented without a body beside a status with a result: they end in
    /// `Error::NoContent`.
    pub no_content_statuses: Vec<u16>,
    /// The struct of the optional parameters (`FindPetsParams`), when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params_struct: Option<String>,
    /// The module of the example program that sends the documented request (`customers_add`),
    /// if the program can send it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// The path without the prefix every path shares (`customers/add`), with the method where
    /// several operations share the path (`pets:get`): the name by which the example program
    /// and `OPERATIONS.md` know the operation.
    #[serde(default)]
    pub example_path: String,
    /// `Some(message)` when the spec marks the operation deprecated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    /// Whether the API offers the operation as a restricted beta (`x-restricted`), subject to
    /// change.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restricted: bool,
    /// How to walk the results page by page, for an operation with cursor pagination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// `default` and status-range (`4XX`) responses: what other statuses carry.
    pub fallback_responses: Vec<Response>,
    /// Whether repeating the operation is harmless: `GET`, `PUT`, `DELETE`, ... or
    /// `x-idempotent: true`. Other operations are not retried after a timeout or server error.
    pub idempotent: bool,
    /// A success documented as `text/event-stream`: the method that streams its events.
    #[serde(default)]
    pub events: Option<Events>,
    /// The feature that compiles the method, when the API is split into features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

impl Operation {
    /// The types its method takes and returns: parameters, request body, successful results
    /// and streamed events. Error bodies are the client's `Error`'s, not the method's.
    pub fn types(&self) -> impl Iterator<Item = &TypeRef> {
        self.parameters
            .iter()
            .map(|parameter| &parameter.ty)
            .chain(&self.request)
            .chain(&self.result)
            .chain(
                self.responses
                    .iter()
                    .filter(|response| response.is_success())
                    .filter_map(|response| response.body.as_ref()),
            )
            .chain(self.events.as_ref().map(|events| &events.data))
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PathSegment {
    /// Text sent as it is.
    Literal(String),
    /// The value of the path parameter of this wire name.
    Parameter(String),
}

/// A response of server-sent events, read as a stream of events as they arrive.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Events {
    /// The method that returns the stream: the operation's own method when events are its only
    /// success, otherwise a second one (`create_chat_completion_events`) beside the method that
    /// returns the JSON result.
    pub method: String,
    /// Whether `method` is a second method beside the operation's own.
    pub separate: bool,
    /// The type of each event's `data`: the documented schema, or the text itself.
    pub data: TypeRef,
}

/// Cursor pagination: the request carries a limitation (a page size and the cursor to start
/// after), the result the cursor of its last item and one array of items.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pagination {
    /// The method that returns a stream of whole pages (`customers_get_all_pages`).
    pub pages_method: String,
    /// The method that returns a stream of items (`customers_get_all_items`).
    pub items_method: String,
    /// The limitation field of the request, its type and whether it is optional.
    pub limitation_field: String,
    pub limitation_type: String,
    pub limitation_optional: bool,
    /// The page size and cursor fields of the limitation, and their types.
    pub count_field: String,
    pub count_type: TypeRef,
    pub cursor_field: String,
    pub cursor_type: TypeRef,
    /// Whether the request's cursor is a `Nullable<T>` rather than an `Option<T>`.
    #[serde(default)]
    pub cursor_three_state: bool,
    /// The cursor field of the result, and whether it is an `Option`.
    pub result_cursor_field: String,
    pub result_cursor_optional: bool,
    /// The items field of the result, and the type of one item.
    pub items_field: String,
    pub item_type: TypeRef,
    /// Whether the items field is `Option<Vec<_>>` rather than `Vec<_>`.
    pub items_optional: bool,
    /// The page size used when the caller sets none: the largest the spec allows.
    pub default_page_size: i64,
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Parameter {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParameterLocation,
    pub ty: TypeRef,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// How the value is written (the spec's `style` and `explode`, or their defaults for the
    /// location).
    #[serde(default)]
    pub style: Style,
    /// The `with_` method of the operation's optional parameters that sets it, for an
    /// optional parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setter: Option<String>,
}

/// How a parameter or a form field is written, from OpenAPI's `style` and `explode`: the
/// transport's `Style` of the same name writes each (its documentation shows the wire forms).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Style {
    /// `form`, exploded: the default of query parameters and form fields.
    #[default]
    Form,
    /// `form` with `explode: false`.
    FormCompact,
    SpaceDelimited,
    PipeDelimited,
    /// `deepObject`, for maps, objects and arrays.
    DeepObject,
    /// `simple`: the default of path and header parameters.
    Simple,
    /// `simple` with `explode: true`.
    SimpleExploded,
    Label {
        explode: bool,
    },
    Matrix {
        explode: bool,
    },
}

/// How a request body is written.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum BodyEncoding {
    /// JSON, from the typed request.
    #[default]
    Json,
    /// Bytes the caller gives, sent with the media type.
    Raw,
    /// `application/x-www-form-urlencoded`, from the typed request: every property as a field,
    /// written by its style (`Form` unless listed here).
    Form { fields: Vec<EncodedField> },
    /// `multipart/form-data` with a generated boundary, from the typed request: one part per
    /// property (one per item of an array of files or primitives).
    Multipart { fields: Vec<EncodedField> },
}

/// How one property of a form or multipart body is written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EncodedField {
    pub wire_name: String,
    pub rust_name: String,
    /// For a form: the property's style, from the spec's `encoding`.
    pub style: Style,
    /// For a multipart body: what the part holds.
    pub part: PartKind,
    /// For a multipart body: the part's content type from the spec's `encoding`, instead of
    /// the default of its kind.
    pub content_type: Option<String>,
}

/// What a part of a multipart body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PartKind {
    /// A primitive (or an array of them, one part per item) as text: `text/plain`.
    Text,
    /// An object or array as JSON: `application/json`.
    Json,
    /// A file (or an array of files, one part per file): its bytes, file name and content type.
    File,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// The JSON body, if the response documents one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<TypeRef>,
    /// Names of the documented headers.
    pub headers: Vec<String>,
    /// The documented example of the JSON body, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
    /// The members of the example that its type does not describe (JSON pointers), which
    /// reading it leaves out, as it leaves out what a newer server adds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub example_unknown_members: Vec<String>,
    /// What keeps the example from reading into its type, where something does: the
    /// documentation departs from the spec where a rule cannot follow it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub example_unreadable: Vec<String>,
    /// How a newer server could send the example, where it reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer_result: Option<NewerResult>,
}

/// A documented result as a newer server could send it, as JSON pointers into the example.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NewerResult {
    /// The value of every added member, and the one that replaces every enum value.
    pub value: String,
    /// Members this version does not know, one in every object read as a struct.
    pub added_members: Vec<String>,
    /// The string enum values, each replaced by a value this version does not know.
    pub newer_values: Vec<String>,
}

impl Response {
    /// Whether the status is a `2XX` success.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The mock server of the generated crate (`mock` feature): what a test calls to set
/// expectations, and how the mock writes what it answers.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mock {
    /// One per operation, which names it.
    pub operations: Vec<MockOperation>,
    /// One per common field, which names it.
    pub common_fields: Vec<MockCommonField>,
    /// How the error body of each documented error status carries a message.
    pub error_messages: Vec<MockErrorMessage>,
    /// How the body of a status the spec does not document carries a message.
    pub fallback_message: MockMessage,
    /// Whether `MockServer::client` can configure a client by itself: every required common
    /// field has a test value.
    pub has_client: bool,
}

/// How the mock serves one operation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MockOperation {
    /// The operation, by its [`Operation::name`].
    pub operation: String,
    /// The method of `MockServer` that sets an expectation (`customers_add`).
    pub method: String,
    /// The type in the `mock::operations` module that stands for the operation
    /// (`CustomersAdd`).
    pub marker: String,
    /// Whether the expectation can serve a list of items page by page (`returns_pages`): the
    /// operation is paginated and its result type has a default to fill in.
    pub pages: bool,
    /// The test of the mock emitted for this operation in the generated crate's
    /// `tests/mock.rs`, when the operation has a documented request to send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<MockTest>,
}

/// A generated test of one operation against the mock, as a user of the crate writes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MockTest {
    /// The test function's name.
    pub name: String,
    /// The documented error status the test makes the mock fail with, by its
    /// [`StatusError::variant`]: one that the client does not retry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// How a test tells the mock which value of a common field to expect.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MockCommonField {
    pub wire_name: String,
    /// The setter of `MockServerBuilder` (`access_token`).
    pub setter: String,
    /// The value a mock expects unless told otherwise, and that `MockServer::client` sends:
    /// for required string fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_value: Option<String>,
}

/// How the error body of one documented status carries a message.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MockErrorMessage {
    /// The status, as in [`StatusError::status`].
    pub status: u16,
    pub message: MockMessage,
}

impl Mock {
    /// How the error body of `status` carries a message; the fallback's for a status the API
    /// does not document.
    pub fn error_message(&self, status: u16) -> &MockMessage {
        self.error_messages
            .iter()
            .find(|error| error.status == status)
            .map_or(&self.fallback_message, |error| &error.message)
    }
}

/// How the mock puts a message into an error body, so that the client reads it back as the
/// error's message.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MockMessage {
    /// A JSON object with the message in this member (`{"Message": "..."}`).
    Member(String),
    /// The body is a JSON string.
    Text,
    /// The body is not JSON: the message as plain text.
    Raw,
    /// The body cannot carry a message: `{}`.
    #[default]
    None,
}
