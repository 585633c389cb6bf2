//! How items of the model look in the generated Rust API: which fields are `Option`s, which
//! are constructor arguments, how a type is spelled. The change report judges changes by
//! these answers, so the emitters are meant to ask the same questions here.

use std::fmt;

use crate::ir::{Field, FieldShape, Operation, Response, TypeRef};

impl Field {
    /// Whether the field is an argument of a request type's `new`: a plain `T` (required, not
    /// nullable, not an update value) other than a paginated request's limitation, which `new`
    /// fills in. Every other field starts unset.
    pub fn is_constructor_argument(&self) -> bool {
        self.shape() == FieldShape::Plain && self.page_size.is_none()
    }

    /// Whether the field is an `Option<T>`.
    pub fn is_option(&self) -> bool {
        matches!(self.shape(), FieldShape::Nullable | FieldShape::Omittable)
    }

    /// The field's type as the generated struct spells it (`Option<String>`, `Update<Date>`,
    /// `Nullable<String>`).
    pub fn rust_type(&self) -> String {
        match self.shape() {
            FieldShape::Nullable | FieldShape::Omittable => format!("Option<{}>", self.ty),
            FieldShape::ThreeState => format!("Nullable<{}>", self.ty),
            FieldShape::Plain | FieldShape::Update => self.ty.to_string(),
        }
    }
}

/// The Rust spelling of a type, exactly as the generated crate writes it: the emitters print
/// this, and the change report quotes it.
impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::String => f.write_str("String"),
            TypeRef::Bool => f.write_str("bool"),
            TypeRef::I32 => f.write_str("i32"),
            TypeRef::I64 => f.write_str("i64"),
            TypeRef::F32 => f.write_str("f32"),
            TypeRef::F64 => f.write_str("f64"),
            TypeRef::Uuid => f.write_str("uuid::Uuid"),
            TypeRef::DateTime => f.write_str("chrono::DateTime<chrono::Utc>"),
            TypeRef::Date => f.write_str("Date"),
            TypeRef::Json => f.write_str("serde_json::Value"),
            TypeRef::Array(item) => write!(f, "Vec<{item}>"),
            TypeRef::Map(value) => write!(f, "std::collections::BTreeMap<String, {value}>"),
            TypeRef::Named(name) => f.write_str(name),
            TypeRef::Boxed(inner) => write!(f, "Box<{inner}>"),
            TypeRef::Bytes | TypeRef::Base64 => f.write_str("Vec<u8>"),
            TypeRef::File => f.write_str("FilePart"),
            TypeRef::Update { value, clearable } if *clearable => write!(f, "Update<{value}>"),
            TypeRef::Update { value, .. } => write!(f, "Update<{value}, NotClearable>"),
        }
    }
}

impl Operation {
    /// The documented responses of error statuses: each status is a variant of the client's
    /// `Error`.
    pub fn error_responses(&self) -> impl Iterator<Item = &Response> {
        self.responses
            .iter()
            .filter(|response| !response.is_success())
    }
}
