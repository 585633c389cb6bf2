//! Known values in unions: `oneOf` lists of `{title, const}` members are enums, a union of an
//! enum and a plain string is that (open) enum, and union members told apart by a property
//! with one constant value (a `type` tag) are chosen by that property.

use std::collections::HashSet;

use openapiv3::{ReferenceOr, Schema};

use super::schemas::{is_null_only, union_members};
use super::shape::{flatten, Shape};
use super::{Resolver, SCHEMA_REF_PREFIX};
use crate::ir::{Enum, UnionVariant, Variant, WireValue};
use crate::names::{self, Scope};

/// One value of a `oneOf` of constants: the value, and the member's title and description.
pub(super) struct ConstMember {
    value: serde_json::Value,
    title: Option<String>,
    description: Option<String>,
}

/// What a union of strings stands for.
pub(super) enum StringUnion<'s> {
    /// One enum component, with plain strings beside it: that enum, which keeps any other
    /// string as its catch-all.
    Reference(&'s str),
    /// Inline enums (and perhaps enum components), with plain strings: one enum of all their
    /// values.
    Values(Vec<String>),
}

impl<'a> Resolver<'a> {
    /// The members of a `oneOf`/`anyOf` whose every non-null member is one constant (`const`,
    /// or an `enum` of one value) of the same kind, strings or integers: an enumeration with
    /// the members' titles as names.
    pub(super) fn const_members(&self, shape: &Shape) -> Option<(Vec<ConstMember>, bool)> {
        let (_, members) = union_members(shape);
        let mut constants = Vec::new();
        for member in members.iter().filter(|member| !is_null_only(member)) {
            let ReferenceOr::Item(schema) = member else {
                return None;
            };
            let member_shape = flatten(&schema.schema_kind);
            let [value] = member_shape.enumeration.as_slice() else {
                return None;
            };
            if !member_shape.properties.is_empty() {
                return None;
            }
            constants.push(ConstMember {
                value: value.clone(),
                title: schema.schema_data.title.clone(),
                description: schema.schema_data.description.clone(),
            });
        }
        let strings = constants.iter().all(|member| member.value.is_string());
        let integers = constants.iter().all(|member| member.value.is_i64());
        (constants.len() >= 2 && (strings || integers)).then_some((constants, integers))
    }

    /// A union whose members are all strings, at least one of them with known values.
    pub(super) fn string_union<'s>(&self, shape: &'s Shape) -> Option<StringUnion<'s>> {
        let (_, members) = union_members(shape);
        let mut references = Vec::new();
        let mut values: Vec<String> = Vec::new();
        let mut inline_values = false;
        for member in members.iter().filter(|member| !is_null_only(member)) {
            let member_shape = self.member_shape(member)?;
            let plain_string = member_shape.typ == Some("string")
                && member_shape.enumeration.is_empty()
                && member_shape.format.is_none();
            if plain_string {
                continue;
            }
            let known = super::schemas::string_enum(&member_shape)?;
            values.extend(known.into_iter().map(str::to_owned));
            match member {
                ReferenceOr::Reference { reference } => references.push(reference.as_str()),
                ReferenceOr::Item(_) => inline_values = true,
            }
        }
        if values.is_empty() || members.len() < 2 {
            return None;
        }
        match references.as_slice() {
            [reference] if !inline_values => Some(StringUnion::Reference(reference)),
            _ => {
                let mut seen = HashSet::new();
                values.retain(|value| seen.insert(value.clone()));
                Some(StringUnion::Values(values))
            }
        }
    }

    /// The property that tells the members of a union without a discriminator apart: one
    /// every member has with one constant value of its own (`type: {const: text}`), and each
    /// member's value. Integer tags are marked.
    pub(super) fn implicit_tags(
        &self,
        members: &[&ReferenceOr<Schema>],
    ) -> Option<(String, Vec<WireValue>)> {
        let mut candidates: Option<Vec<String>> = None;
        let mut constants: Vec<Vec<(String, serde_json::Value)>> = Vec::new();
        for member in members {
            let own = self.constant_properties(member)?;
            let names: Vec<String> = own.iter().map(|(name, _)| name.clone()).collect();
            candidates = Some(match candidates {
                None => names,
                Some(previous) => previous.into_iter().filter(|n| names.contains(n)).collect(),
            });
            constants.push(own);
        }
        let mut candidates = candidates?;
        // The conventional names first.
        candidates
            .sort_by_key(|name| !["type", "object", "kind", "event"].contains(&name.as_str()));
        candidates.into_iter().find_map(|property| {
            let values: Vec<&serde_json::Value> = constants
                .iter()
                .filter_map(|own| {
                    own.iter()
                        .find(|(name, _)| *name == property)
                        .map(|(_, v)| v)
                })
                .collect();
            let strings = values.iter().all(|value| value.is_string());
            let integers = values.iter().all(|value| value.is_i64());
            let tags: Vec<WireValue> = values
                .iter()
                .filter_map(|value| match value.as_i64() {
                    Some(number) if integers => Some(WireValue::Integer(number)),
                    _ => value
                        .as_str()
                        .map(|text| WireValue::String(text.to_owned())),
                })
                .collect();
            let distinct = tags.iter().collect::<HashSet<_>>().len() == values.len();
            (distinct && (strings || integers)).then_some((property, tags))
        })
    }

    /// The properties of an object member whose schema is one constant, with that constant.
    fn constant_properties(
        &self,
        member: &ReferenceOr<Schema>,
    ) -> Option<Vec<(String, serde_json::Value)>> {
        let schema = self.target(member)?;
        let mut properties = Vec::new();
        self.collect_properties(
            schema,
            "#",
            &mut properties,
            &mut HashSet::new(),
            &mut Vec::new(),
        )
        .ok()?;
        Some(
            properties
                .into_iter()
                .filter_map(|(name, property, _)| {
                    let shape = match &property {
                        ReferenceOr::Item(schema) => flatten(&schema.schema_kind),
                        ReferenceOr::Reference { reference } => {
                            match self
                                .schemas
                                .get(reference.strip_prefix(SCHEMA_REF_PREFIX)?)?
                            {
                                ReferenceOr::Item(schema) => flatten(&schema.schema_kind),
                                ReferenceOr::Reference { .. } => return None,
                            }
                        }
                    };
                    match shape.enumeration.as_slice() {
                        [value] => Some((name, value.clone())),
                        _ => None,
                    }
                })
                .collect(),
        )
    }
}

/// The enumeration of a `oneOf` of constants: variants named by the members' titles (or
/// values), documented by their descriptions.
pub(super) fn const_enumeration(members: Vec<ConstMember>, integer: bool) -> Enum {
    let mut scope = Scope::default();
    // A value listed twice is one variant.
    let mut seen = HashSet::new();
    let variants = members
        .into_iter()
        .filter(|member| seen.insert(member.value.to_string()))
        .map(|member| {
            let wire_name = member
                .value
                .as_str()
                .map_or_else(|| member.value.to_string(), str::to_owned);
            let name = member
                .title
                .as_deref()
                .filter(|title| title.chars().any(|c| c.is_ascii_alphabetic()))
                .unwrap_or(&wire_name);
            let docs = super::text(&member.description);
            Variant {
                integer: member.value.as_i64().filter(|_| integer),
                rust_name: scope.claim(names::variant_name(name)),
                deprecated: docs
                    .as_deref()
                    .is_some_and(|docs| docs.to_ascii_lowercase().starts_with("deprecated")),
                docs,
                wire_name,
            }
        })
        .collect();
    Enum {
        fallback: scope.claim("Unknown".to_owned()),
        variants,
        integer,
    }
}

/// Gives the variants of a union their implicit tags.
pub(super) fn tag_variants(variants: &mut [UnionVariant], tags: Vec<WireValue>) {
    for (variant, tag) in variants.iter_mut().zip(tags) {
        variant.tag = Some(tag);
    }
}
