//! A walk of a documented example along the type it is read into: each object read as a
//! struct, and each plain value, with its JSON pointer. The examples are fitted to their request
//! types ([`super::sent_examples`]) and tell which result fields Mews leaves out
//! ([`super::result_examples`]) by the same walk.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::join_pointer;
use crate::ir::{FieldShape, Struct, TypeDef, TypeKind, TypeRef, Union, WireValue};

/// What a walk does at the values it reaches.
pub(super) trait Visitor {
    /// An object read as the struct named `name`, before its fields are walked.
    fn object(&mut self, name: &str, structure: &Struct, fields: &mut Map<String, Value>, at: &str);

    /// A value read as `ty`: a string, number, boolean or enum.
    fn plain(&mut self, _ty: &TypeRef, _value: &mut Value, _at: &str) {}
}

/// The named types of an API, and how an update value writes its value.
pub(super) struct Walk<'a> {
    pub types: HashMap<&'a str, &'a TypeDef>,
    pub update_value_property: &'a str,
}

impl<'a> Walk<'a> {
    pub fn new(types: &'a [TypeDef], update_value_property: &'a str) -> Self {
        Walk {
            types: types.iter().map(|ty| (ty.name.as_str(), ty)).collect(),
            update_value_property,
        }
    }

    /// The struct `ty` names, if it names one.
    pub fn structure(&self, ty: &TypeRef) -> Option<&'a Struct> {
        match &self.types.get(ty.named()?)?.kind {
            TypeKind::Struct(structure) => Some(structure),
            _ => None,
        }
    }

    /// The type of the variant of `union` that reads `value`: the one its tag names, or else
    /// (as an untagged enum reads) the first struct whose required fields `value` all has.
    fn variant_read(&self, union: &'a Union, value: &Value) -> Option<&'a TypeRef> {
        let fields = value.as_object()?;
        if let Some(discriminator) = &union.discriminator {
            let tag = fields.get(discriminator)?;
            return union
                .variants
                .iter()
                .find(|variant| match &variant.tag {
                    Some(WireValue::String(text)) => tag.as_str() == Some(text.as_str()),
                    Some(WireValue::Integer(number)) => tag.as_i64() == Some(*number),
                    None => false,
                })
                .map(|variant| &variant.ty);
        }
        union
            .variants
            .iter()
            .find(|variant| {
                self.structure(&variant.ty).is_some_and(|structure| {
                    structure
                        .fields
                        .iter()
                        .filter(|field| field.shape() == FieldShape::Plain)
                        .all(|field| fields.get(&field.wire_name).is_some_and(|v| !v.is_null()))
                })
            })
            .map(|variant| &variant.ty)
    }

    /// Walks `value`, read as `ty`, calling `visitor` at every object and plain value.
    pub fn walk(&self, ty: &TypeRef, value: &mut Value, at: &str, visitor: &mut impl Visitor) {
        match ty {
            TypeRef::Named(name) => match self.types.get(name.as_str()).map(|ty| &ty.kind) {
                Some(TypeKind::Struct(structure)) => {
                    let Value::Object(fields) = value else {
                        // Not an object: a value of another kind, which the visitor judges.
                        if !value.is_null() {
                            visitor.plain(ty, value, at);
                        }
                        return;
                    };
                    visitor.object(name, structure, fields, at);
                    for field in &structure.fields {
                        if let Some(value) = fields.get_mut(&field.wire_name) {
                            let at = join_pointer(at, &field.wire_name);
                            self.walk(&field.ty, value, &at, visitor);
                        }
                    }
                }
                Some(TypeKind::Alias(target)) => self.walk(target, value, at, visitor),
                Some(TypeKind::Enum(_)) => visitor.plain(ty, value, at),
                Some(TypeKind::Union(union)) => {
                    if let Some(variant) = self.variant_read(union, value) {
                        self.walk(variant, value, at, visitor);
                    }
                }
                None => {}
            },
            TypeRef::Array(item) => {
                if let Value::Array(items) = value {
                    for (index, value) in items.iter_mut().enumerate() {
                        self.walk(item, value, &join_pointer(at, &index.to_string()), visitor);
                    }
                }
            }
            TypeRef::Map(item) => {
                if let Value::Object(entries) = value {
                    for (key, value) in entries.iter_mut() {
                        self.walk(item, value, &join_pointer(at, key), visitor);
                    }
                }
            }
            TypeRef::Boxed(inner) => self.walk(inner, value, at, visitor),
            TypeRef::Update { value: inner, .. } => {
                let property = self.update_value_property;
                if let Some(set) = value.get_mut(property).filter(|set| !set.is_null()) {
                    self.walk(inner, set, &join_pointer(at, property), visitor);
                }
            }
            // Any JSON value reads as `Json`, and bodies that are not JSON have no example.
            TypeRef::Json | TypeRef::Bytes | TypeRef::File => {}
            _ => visitor.plain(ty, value, at),
        }
    }
}
