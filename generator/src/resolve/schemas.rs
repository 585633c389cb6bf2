//! Schemas: named types, inline types, and what a schema says of a value.

use std::borrow::Borrow;
use std::collections::HashSet;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaData, SchemaKind, Type,
};

use super::shape::{flatten, Shape};
use super::values::{self, StringUnion};
use super::{text, Resolved, Resolver, SCHEMA_REF_PREFIX};
use crate::error::{join_pointer, Error};
use crate::ir::{
    Enum, Field, Limits, Struct, TypeDef, TypeKind, TypeRef, Union, UnionVariant, Variant,
    WireValue,
};
use crate::names::{self, Scope};

impl<'a> Resolver<'a> {
    pub(super) fn define_component(
        &mut self,
        name: &str,
        schema: &ReferenceOr<Schema>,
    ) -> Result<(), Error> {
        let pointer = join_pointer("#/components/schemas", name);
        let rust_name = self.type_names[name].clone();
        let (docs, kind) = match schema {
            ReferenceOr::Reference { reference } => {
                (None, TypeKind::Alias(self.reference(reference, &pointer)?))
            }
            ReferenceOr::Item(schema) => {
                let data = &schema.schema_data;
                let docs = description(data).or_else(|| text(&data.title));
                (docs, self.type_kind(&rust_name, schema, &pointer)?)
            }
        };
        self.types.push(TypeDef {
            name: rust_name,
            docs,
            kind,
            in_request: false,
            has_default: false,
            feature: None,
        });
        Ok(())
    }

    /// What a schema that gets a name of its own becomes: a struct, an enum, or an alias.
    fn type_kind(
        &mut self,
        rust_name: &str,
        schema: &Schema,
        pointer: &str,
    ) -> Result<TypeKind, Error> {
        let shape = flatten(&schema.schema_kind);
        if let Some(values) = string_enum(&shape) {
            return Ok(TypeKind::Enum(enumeration(values, &schema.schema_data)));
        }
        if let Some((members, integer)) = self.const_members(&shape) {
            return Ok(TypeKind::Enum(values::const_enumeration(members, integer)));
        }
        match self.string_union(&shape) {
            Some(StringUnion::Values(values)) => {
                let values = values.iter().map(String::as_str).collect();
                return Ok(TypeKind::Enum(enumeration(values, &schema.schema_data)));
            }
            Some(StringUnion::Reference(reference)) => {
                return Ok(TypeKind::Alias(self.reference(reference, pointer)?));
            }
            None => {}
        }
        if self.is_struct(&shape) {
            return Ok(TypeKind::Struct(
                self.structure(rust_name, schema, pointer)?,
            ));
        }
        if is_union(&shape) {
            return Ok(TypeKind::Union(
                self.union(rust_name, schema, &shape, pointer)?,
            ));
        }
        Ok(TypeKind::Alias(self.schema(schema, pointer, rust_name)?.ty))
    }

    /// The variants of a `oneOf`/`anyOf` schema; `null` members are left out (they make the
    /// use site nullable instead).
    fn union(
        &mut self,
        owner: &str,
        schema: &Schema,
        shape: &Shape,
        pointer: &str,
    ) -> Result<Union, Error> {
        let (keyword, members) = union_members(shape);
        let discriminator = schema.schema_data.discriminator.as_ref();
        // Without a discriminator, members may still be told apart by a constant property;
        // inline members are then named after their tag.
        let implicit = match discriminator {
            Some(_) => None,
            None => {
                let non_null: Vec<&ReferenceOr<Schema>> = members
                    .iter()
                    .filter(|member| !is_null_only(member))
                    .collect();
                self.implicit_tags(&non_null)
            }
        };
        let mut tags = implicit.iter().flat_map(|(_, tags)| tags.iter());
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (index, member) in members.iter().enumerate() {
            if is_null_only(member) {
                continue;
            }
            let member_pointer = join_pointer(&join_pointer(pointer, keyword), &index.to_string());
            let named_by_tag = tags
                .next()
                .and_then(|tag| match tag {
                    WireValue::String(text) => Some(text),
                    WireValue::Integer(_) => None,
                })
                .filter(|tag| tag.starts_with(|c: char| c.is_ascii_alphabetic()))
                .filter(|_| matches!(member, ReferenceOr::Item(_)))
                .map(|tag| names::type_name(tag));
            let hint = match &named_by_tag {
                Some(tag) => format!("{owner}{tag}"),
                None => format!("{owner}Variant{}", index + 1),
            };
            let ty = self.schema_or_reference(member, &member_pointer, &hint)?.ty;
            let tag = match (discriminator, member) {
                (Some(discriminator), ReferenceOr::Reference { reference }) => {
                    Some(WireValue::String(
                        discriminator
                            .mapping
                            .iter()
                            .find(|(_, target)| {
                                *target == reference
                                    || reference.strip_prefix(SCHEMA_REF_PREFIX)
                                        == Some(target.as_str())
                            })
                            .map_or_else(
                                || reference.rsplit('/').next().unwrap_or_default().to_owned(),
                                |(value, _)| value.clone(),
                            ),
                    ))
                }
                _ => None,
            };
            variants.push(UnionVariant {
                rust_name: scope.claim(named_by_tag.unwrap_or_else(|| variant_name_for(&ty))),
                ty,
                tag,
            });
        }
        let mut discriminator = discriminator
            .filter(|_| variants.iter().all(|variant| variant.tag.is_some()))
            .map(|discriminator| discriminator.property_name.clone());
        if let Some((property, tags)) = implicit {
            values::tag_variants(&mut variants, tags);
            discriminator = Some(property);
        }
        Ok(Union {
            variants,
            discriminator,
            fallback: scope.claim("Other".to_owned()),
        })
    }

    /// The fields of an object schema, including those merged in through `allOf`.
    fn structure(&mut self, owner: &str, schema: &Schema, pointer: &str) -> Result<Struct, Error> {
        let mut properties = Vec::new();
        let mut required = HashSet::new();
        self.collect_properties(
            schema,
            pointer,
            &mut properties,
            &mut required,
            &mut Vec::new(),
        )?;
        let mut field_scope = Scope::default();
        let fields = properties
            .into_iter()
            .map(|(wire_name, property, property_pointer)| {
                let hint = format!("{owner}{}", names::type_name(&wire_name));
                let resolved = self.schema_or_reference(&property, &property_pointer, &hint)?;
                Ok(Field {
                    rust_name: field_scope.claim(names::field_name(&wire_name)),
                    required: required.contains(&wire_name),
                    wire_name,
                    docs: resolved.description,
                    ty: resolved.ty,
                    nullable: resolved.nullable,
                    deprecated: resolved.deprecated,
                    limits: resolved.limits,
                    page_size: None,
                    three_state: false,
                    interval: None,
                    setter: None,
                })
            })
            .collect::<Result<_, Error>>()?;
        Ok(Struct { fields })
    }

    /// Gathers the properties of `schema` and of every `allOf` member, in spec order; a later
    /// property of the same name replaces an earlier one in place.
    #[allow(clippy::type_complexity)]
    pub(super) fn collect_properties(
        &self,
        schema: &Schema,
        pointer: &str,
        properties: &mut Vec<(String, ReferenceOr<Box<Schema>>, String)>,
        required: &mut HashSet<String>,
        visiting: &mut Vec<String>,
    ) -> Result<(), Error> {
        let (all_of, own_properties, own_required) = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => (all_of.as_slice(), None, None),
            SchemaKind::Type(Type::Object(object)) => {
                (&[][..], Some(&object.properties), Some(&object.required))
            }
            SchemaKind::Any(any) => (
                any.all_of.as_slice(),
                Some(&any.properties),
                Some(&any.required),
            ),
            _ => return Err(self.error(pointer, "expected an object schema here")),
        };
        for (index, member) in all_of.iter().enumerate() {
            let member_pointer = join_pointer(&join_pointer(pointer, "allOf"), &index.to_string());
            // The schemas being merged on the way here: a diamond (two members sharing a base)
            // is no cycle.
            let depth = visiting.len();
            let (member, member_pointer) = match member {
                ReferenceOr::Item(member) => (member, member_pointer),
                ReferenceOr::Reference { reference } => {
                    // An alias (`A: {$ref: B}`), possibly chained, stands for its target.
                    let mut reference = reference.as_str();
                    loop {
                        let name = self.schema_name(reference, &member_pointer)?;
                        if visiting.iter().any(|seen| seen == name) {
                            return Err(self.error(
                                &member_pointer,
                                format!("`allOf` cycle through `{reference}`"),
                            ));
                        }
                        visiting.push(name.to_owned());
                        match &self.schemas[name] {
                            ReferenceOr::Item(target) => {
                                break (target, join_pointer("#/components/schemas", name))
                            }
                            ReferenceOr::Reference { reference: next } => reference = next,
                        }
                    }
                }
            };
            self.collect_properties(member, &member_pointer, properties, required, visiting)?;
            visiting.truncate(depth);
        }
        for (name, property) in own_properties.into_iter().flatten() {
            let property_pointer = join_pointer(&join_pointer(pointer, "properties"), name);
            let entry = (name.clone(), property.clone(), property_pointer);
            match properties
                .iter_mut()
                .find(|(existing, _, _)| existing == name)
            {
                Some(slot) => *slot = entry,
                None => properties.push(entry),
            }
        }
        required.extend(own_required.into_iter().flatten().cloned());
        Ok(())
    }

    /// The type of a schema or of the component a `$ref` points to.
    pub(super) fn schema_or_reference<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        pointer: &str,
        hint: &str,
    ) -> Result<Resolved, Error> {
        match schema {
            ReferenceOr::Reference { reference } => {
                Ok(Resolved::plain(self.reference(reference, pointer)?))
            }
            ReferenceOr::Item(schema) => self.schema(schema.borrow(), pointer, hint),
        }
    }

    /// The type of an inline schema. Objects and enums defined inline become named types called
    /// `hint`.
    fn schema(&mut self, schema: &Schema, pointer: &str, hint: &str) -> Result<Resolved, Error> {
        let data = &schema.schema_data;
        let shape = flatten(&schema.schema_kind);
        let limits = Limits {
            max_interval_months: data
                .extensions
                .get("x-max-interval-in-months")
                .and_then(serde_json::Value::as_u64)
                .and_then(|months| u32::try_from(months).ok()),
            ..limits(&shape)
        };
        // Swashbuckle's way of giving a reference a description or nullability,
        // `allOf: [$ref]` with siblings, and `oneOf: [$ref, {type: "null"}]`, are the wrapped type.
        if let Some((single, single_pointer, null_member)) = single_member(&shape, pointer) {
            if shape.properties.is_empty() {
                let inner = self.schema_or_reference(single, &single_pointer, hint)?;
                return Ok(Resolved {
                    nullable: data.nullable || inner.nullable || null_member,
                    description: description(data).or(inner.description),
                    deprecated: deprecation(data).or(inner.deprecated),
                    limits: if limits.is_empty() {
                        inner.limits
                    } else {
                        limits
                    },
                    ty: refined(inner.ty, shape.format),
                });
            }
        }
        let ty = self.shape_type(schema, &shape, pointer, hint)?;
        Ok(Resolved {
            ty,
            nullable: data.nullable,
            description: description(data),
            deprecated: deprecation(data),
            limits,
        })
    }

    fn shape_type(
        &mut self,
        schema: &Schema,
        shape: &Shape,
        pointer: &str,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        if shape.not.is_some() {
            return Err(self.unsupported(
                &join_pointer(pointer, "not"),
                "`not` is not supported; describe the allowed values instead (an `enum`, or `oneOf` the allowed shapes)",
            ));
        }
        if let Some(StringUnion::Reference(reference)) = self.string_union(shape) {
            return self.reference(reference, pointer);
        }
        if string_enum(shape).is_some()
            || self.is_struct(shape)
            || is_union(shape)
            || self.const_members(shape).is_some()
        {
            return self.inline_type(schema, pointer, hint);
        }
        let format = shape.format;
        Ok(match shape.typ {
            None if shape.all_of.is_empty()
                || schema
                    .schema_data
                    .extensions
                    .contains_key(crate::load::NULL_ONLY) =>
            {
                TypeRef::Json
            }
            Some("string") => match format {
                Some("uuid") => TypeRef::Uuid,
                Some("date-time") => TypeRef::DateTime,
                Some("date") => TypeRef::Date,
                Some("byte") => TypeRef::Base64,
                Some("binary") => TypeRef::File,
                _ => TypeRef::String,
            },
            Some("boolean") => TypeRef::Bool,
            Some("integer") => match format {
                Some("int32") => TypeRef::I32,
                _ => TypeRef::I64,
            },
            Some("number") => match format {
                Some("float") => TypeRef::F32,
                _ => TypeRef::F64,
            },
            Some("array") => {
                let items_pointer = join_pointer(pointer, "items");
                match &shape.items {
                    None => TypeRef::Array(Box::new(TypeRef::Json)),
                    Some(items) => {
                        let item = self.schema_or_reference(
                            items,
                            &items_pointer,
                            &format!("{hint}Item"),
                        )?;
                        TypeRef::Array(Box::new(item.ty))
                    }
                }
            }
            Some("object") => match &shape.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let values_pointer = join_pointer(pointer, "additionalProperties");
                    let value =
                        self.schema_or_reference(values, &values_pointer, &format!("{hint}Value"))?;
                    TypeRef::Map(Box::new(value.ty))
                }
                _ => TypeRef::Json,
            },
            Some(other) => {
                return Err(self.error(
                    &join_pointer(pointer, "type"),
                    format!("unknown schema type `{other}`"),
                ));
            }
            // An `allOf` of several members that are not all objects: the members' one
            // primitive type if they agree (`[{type: string}, {minLength: 1}]`), or any JSON
            // value if they conflict (`[{type: string}, {type: integer}]`).
            None => {
                let typed: Vec<(usize, &ReferenceOr<Schema>)> = shape
                    .all_of
                    .iter()
                    .enumerate()
                    .filter(|(_, member)| {
                        self.member_shape(member).is_some_and(|m| m.typ.is_some())
                    })
                    .collect();
                let types: HashSet<Option<&str>> = typed
                    .iter()
                    .map(|(_, member)| self.member_shape(member).and_then(|m| m.typ))
                    .collect();
                match typed.first() {
                    Some((index, member)) if types.len() == 1 => {
                        let member_pointer =
                            join_pointer(&join_pointer(pointer, "allOf"), &index.to_string());
                        self.schema_or_reference(*member, &member_pointer, hint)?.ty
                    }
                    _ => TypeRef::Json,
                }
            }
        })
    }

    /// The shape of an `allOf` member, following references and aliases.
    pub(super) fn member_shape<'s>(&'s self, member: &'s ReferenceOr<Schema>) -> Option<Shape<'s>> {
        self.target(member)
            .map(|schema| flatten(&schema.schema_kind))
    }

    /// The schema a member is, following references and aliases (at most one step per
    /// component schema, so that an alias cycle ends).
    pub(super) fn target<'s>(&'s self, member: &'s ReferenceOr<Schema>) -> Option<&'s Schema> {
        let mut member = member;
        for _ in 0..=self.schemas.len() {
            match member {
                ReferenceOr::Item(schema) => return Some(schema),
                ReferenceOr::Reference { reference } => {
                    member = self
                        .schemas
                        .get(reference.strip_prefix(SCHEMA_REF_PREFIX)?)?;
                }
            }
        }
        None
    }

    /// Whether a schema describes an object with named properties, possibly merged from
    /// several `allOf` members that are all objects.
    fn is_struct(&self, shape: &Shape) -> bool {
        let object_like = |member: &Shape| {
            !member.properties.is_empty()
                || member.typ == Some("object")
                || !member.all_of.is_empty()
        };
        !shape.properties.is_empty()
            || (shape.all_of.len() > 1
                && shape
                    .all_of
                    .iter()
                    .all(|member| self.member_shape(member).is_some_and(|m| object_like(&m))))
    }

    /// Defines an inline object or enum as a named type, named stably after its parent and field.
    fn inline_type(
        &mut self,
        schema: &Schema,
        pointer: &str,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        let rust_name = self.type_scope.claim(names::type_name(hint));
        let kind = self.type_kind(&rust_name, schema, pointer)?;
        let data = &schema.schema_data;
        self.types.push(TypeDef {
            name: rust_name.clone(),
            docs: description(data).or_else(|| text(&data.title)),
            kind,
            in_request: false,
            has_default: false,
            feature: None,
        });
        Ok(TypeRef::Named(rust_name))
    }

    /// The type a `$ref` to a component schema stands for.
    fn reference(&mut self, reference: &str, pointer: &str) -> Result<TypeRef, Error> {
        let name = self.schema_name(reference, pointer)?;
        if !self.is_wrapper(name) {
            return Ok(TypeRef::Named(self.type_names[name].clone()));
        }
        if let Some(ty) = self.wrapper_types.get(name) {
            return Ok(ty.clone());
        }
        let ReferenceOr::Item(wrapper) = &self.schemas[name] else {
            unreachable!("is_wrapper only accepts inline schemas")
        };
        let value = flatten(&wrapper.schema_kind).properties[self.wrapper_property].clone();
        let value_pointer = join_pointer(
            &join_pointer(&join_pointer("#/components/schemas", name), "properties"),
            self.wrapper_property,
        );
        // Wrappers never refer to wrappers (see `update_wrappers`), so this cannot loop.
        let value = self.schema_or_reference(&value, &value_pointer, &names::type_name(name))?;
        let ty = TypeRef::Update {
            value: Box::new(value.ty),
            clearable: value.nullable,
        };
        self.wrapper_types.insert(name.to_owned(), ty.clone());
        Ok(ty)
    }

    /// The component schema name a `$ref` points to.
    fn schema_name(&self, reference: &str, pointer: &str) -> Result<&'a str, Error> {
        let Some(name) = reference.strip_prefix(SCHEMA_REF_PREFIX) else {
            return Err(self.unsupported(
                pointer,
                format!("reference `{reference}` is not to `{SCHEMA_REF_PREFIX}...`; references to other files or sections are not supported, bundle the spec first"),
            ));
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        self.schemas
            .get_key_value(name.as_str())
            .map(|(key, _)| key.as_str())
            .ok_or_else(|| {
                self.error(
                    pointer,
                    format!("reference `{reference}` points to no schema"),
                )
            })
    }
}

fn deprecation(data: &SchemaData) -> Option<String> {
    data.deprecated
        .then(|| deprecation_message(&data.extensions))
}

/// What the spec says instead of a deprecated item (Swashbuckle's `x-deprecatedMessage`).
pub(super) fn deprecation_message(extensions: &IndexMap<String, serde_json::Value>) -> String {
    extensions
        .get("x-deprecatedMessage")
        .and_then(|message| message.as_str())
        .map_or_else(|| "Deprecated by the API.".to_owned(), str::to_owned)
}

/// The enum values of a string enumeration schema.
pub(super) fn string_enum<'s>(shape: &'s Shape) -> Option<Vec<&'s str>> {
    if shape.enumeration.is_empty() || shape.typ.is_some_and(|typ| typ != "string") {
        return None;
    }
    shape
        .enumeration
        .iter()
        .map(|value| value.as_str())
        .collect()
}

/// An enum of `values`, each documented by Swashbuckle's `x-enumDescriptions`, or by the
/// schema's description in Mews's older style, one `` - `Value` - meaning `` line per value.
fn enumeration(values: Vec<&str>, data: &SchemaData) -> Enum {
    let mut scope = Scope::default();
    let description = data.description.as_deref();
    let described = enum_value_docs(data, &values);
    // A value listed twice is one variant.
    let mut seen = HashSet::new();
    let variants = values
        .into_iter()
        .zip(described)
        .filter(|(value, _)| seen.insert(*value))
        .map(|(value, described)| {
            let docs = described
                .or_else(|| description.and_then(|description| value_docs(description, value)));
            Variant {
                wire_name: value.to_owned(),
                integer: None,
                rust_name: scope.claim(names::variant_name(value)),
                deprecated: docs
                    .as_deref()
                    .is_some_and(|docs| docs.to_ascii_lowercase().starts_with("deprecated")),
                docs,
            }
        })
        .collect();
    Enum {
        fallback: scope.claim("Unknown".to_owned()),
        variants,
        integer: false,
    }
}

/// The text after `` - `value` `` in a description's list of values, if there is one.
fn value_docs(description: &str, value: &str) -> Option<String> {
    let marker = format!("`{value}`");
    description.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix(['-', '*'])?
            .trim_start()
            .strip_prefix(&marker)?;
        let text = rest.trim_start().trim_start_matches(['-', ':', '–']).trim();
        (!text.is_empty()).then(|| text.to_owned())
    })
}

/// Whether a schema is a `oneOf`/`anyOf` of at least two non-null members.
fn is_union(shape: &Shape) -> bool {
    let (_, members) = union_members(shape);
    members
        .iter()
        .filter(|member| !is_null_only(member))
        .count()
        >= 2
        && shape.properties.is_empty()
}

pub(super) fn union_members<'s>(shape: &Shape<'s>) -> (&'static str, &'s [ReferenceOr<Schema>]) {
    if shape.one_of.is_empty() {
        ("anyOf", shape.any_of)
    } else {
        ("oneOf", shape.one_of)
    }
}

/// A schema's description, as Markdown, without the list of values Swashbuckle appends to the
/// description of an enumeration (a paragraph per value, `Mister (Mr.)`): each value has its
/// own documentation ([`enum_value_docs`]).
fn description(data: &SchemaData) -> Option<String> {
    let names = enum_names(data);
    if names.is_empty() {
        return text(&data.description);
    }
    let normalized = data.description.as_deref()?.replace("\r\n", "\n");
    let mut paragraphs: Vec<&str> = normalized.split("\n\n").collect();
    while let Some(last) = paragraphs.last() {
        let last = last.trim();
        let lists_a_value = names.iter().any(|name| {
            last == name.as_str()
                || last
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.starts_with(" ("))
        });
        if !lists_a_value {
            break;
        }
        paragraphs.pop();
    }
    text(&Some(paragraphs.join("\n\n")))
}

/// The names Swashbuckle gives the values of an enumeration (`x-enumNames`).
fn enum_names(data: &SchemaData) -> Vec<String> {
    string_list(data, "x-enumNames")
}

/// What Swashbuckle says of each value of an enumeration (`x-enumDescriptions`), by value.
fn enum_value_docs(data: &SchemaData, values: &[&str]) -> Vec<Option<String>> {
    let descriptions = string_list(data, "x-enumDescriptions");
    values
        .iter()
        .enumerate()
        .map(|(index, _)| {
            descriptions
                .get(index)
                .map(|text| text.trim().to_owned())
                .filter(|text| !text.is_empty())
        })
        .collect()
}

fn string_list(data: &SchemaData, extension: &str) -> Vec<String> {
    data.extensions
        .get(extension)
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// A string type (or the string of an update value) refined by a `format` written beside its
/// reference: Swashbuckle writes `allOf: [$ref: StringUpdateValue], format: date` for an update
/// of a date.
fn refined(ty: TypeRef, format: Option<&str>) -> TypeRef {
    let formatted = match format {
        Some("uuid") => TypeRef::Uuid,
        Some("date-time") => TypeRef::DateTime,
        Some("date") => TypeRef::Date,
        _ => return ty,
    };
    match ty {
        TypeRef::String => formatted,
        TypeRef::Update { value, clearable } if *value == TypeRef::String => TypeRef::Update {
            value: Box::new(formatted),
            clearable,
        },
        other => other,
    }
}

/// The one member of a single-member `allOf`, or of a `oneOf`/`anyOf` whose other members only
/// allow `null` (then the third value is true), with its JSON pointer.
fn single_member<'s>(
    shape: &'s Shape,
    pointer: &str,
) -> Option<(&'s ReferenceOr<Schema>, String, bool)> {
    if let [single] = shape.all_of {
        return Some((
            single,
            join_pointer(&join_pointer(pointer, "allOf"), "0"),
            false,
        ));
    }
    let (keyword, members) = union_members(shape);
    let mut non_null = members
        .iter()
        .enumerate()
        .filter(|(_, member)| !is_null_only(member));
    match (non_null.next(), non_null.next()) {
        (Some((index, single)), None) => Some((
            single,
            join_pointer(&join_pointer(pointer, keyword), &index.to_string()),
            members.len() > 1,
        )),
        _ => None,
    }
}

/// A member that only allows `null`: 3.1's `type: "null"` (normalized on load) or 3.0's
/// `{nullable: true}` with nothing else.
pub(super) fn is_null_only(member: &ReferenceOr<Schema>) -> bool {
    match member {
        ReferenceOr::Item(schema) => {
            schema
                .schema_data
                .extensions
                .contains_key(crate::load::NULL_ONLY)
                || matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == AnySchema::default() && schema.schema_data.nullable)
        }
        ReferenceOr::Reference { .. } => false,
    }
}

/// The name of a union variant holding `ty`.
fn variant_name_for(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "Bool".to_owned(),
        TypeRef::I32 | TypeRef::I64 => "Integer".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "Number".to_owned(),
        TypeRef::Uuid => "Uuid".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Json => "Json".to_owned(),
        TypeRef::Array(_) => "Array".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Update { .. } => "Update".to_owned(),
        TypeRef::Boxed(inner) => variant_name_for(inner),
        TypeRef::Bytes | TypeRef::Base64 => "Bytes".to_owned(),
        TypeRef::File => "File".to_owned(),
    }
}

/// The limits a request value must respect: lengths of strings and arrays, bounds of integers
/// (an exclusive bound is the next integer inside it).
fn limits(shape: &Shape) -> Limits {
    let integer = shape.typ == Some("integer");
    // Bounds at or beyond the range of `i64` (`-9223372036854776000`) say nothing more than
    // the type does.
    let bound = |value: Option<f64>, exclusive: Option<bool>, step: i64| {
        value
            .filter(|value| integer && value.is_finite() && value.fract() == 0.0)
            .filter(|value| *value > i64::MIN as f64 && *value < i64::MAX as f64)
            .map(|value| value as i64)
            .map(|value| {
                if exclusive == Some(true) {
                    value.saturating_add(step)
                } else {
                    value
                }
            })
    };
    Limits {
        min_length: shape.min_length,
        max_length: shape.max_length,
        min_items: shape.min_items,
        max_items: shape.max_items,
        minimum: bound(shape.minimum, shape.exclusive_minimum, 1),
        maximum: bound(shape.maximum, shape.exclusive_maximum, -1),
        max_interval_months: None,
    }
}
