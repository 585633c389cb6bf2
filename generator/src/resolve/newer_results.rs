//! Each documented result as a newer server could send it: a member this version does not know
//! in every object, and a value this version does not know in every string enum. The IR keeps
//! where they go (JSON pointers into the documented result), and the generated test makes the
//! newer result from the documented one, reads it, and writes back the same values with the
//! newer enum values kept: what keeps our users' code working when Mews adds a field or an enum
//! value, the changes it makes most.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::example_walk::{Visitor, Walk};
use crate::error::join_pointer;
use crate::ir::{NewerResult, Operation, Struct, TypeDef, TypeKind, TypeRef};

/// The member added to every object: no Mews property is named so.
const ADDED_MEMBER: &str = "AddedByANewerServer";
/// The value of the added members, and the one that replaces every enum value.
const NEWER_VALUE: &str = "ValueOfANewerServer";

/// Sets `newer_result` of every success response whose documented example reads.
pub(super) fn derive(types: &[TypeDef], operations: &mut [Operation], update_value_property: &str) {
    let walk = Walk::new(types, update_value_property);
    // A union reads its variant from its discriminator: a newer value there picks no variant.
    let discriminators: BTreeSet<&str> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Union(union) => union.discriminator.as_deref(),
            _ => None,
        })
        .collect();
    for operation in operations.iter_mut() {
        let Some(result) = &operation.result else {
            continue;
        };
        let Some(response) = operation
            .responses
            .iter_mut()
            .find(|response| response.is_success() && response.body.is_some())
        else {
            continue;
        };
        let Some(example) = response
            .example
            .as_ref()
            .filter(|_| response.example_unreadable.is_empty())
        else {
            continue;
        };
        let mut newer = Newer {
            walk: &walk,
            discriminators: &discriminators,
            changes: NewerResult {
                value: NEWER_VALUE.to_owned(),
                ..NewerResult::default()
            },
        };
        walk.walk(result, &mut example.clone(), "", &mut newer);
        if !newer.changes.added_members.is_empty() || !newer.changes.newer_values.is_empty() {
            response.newer_result = Some(newer.changes);
        }
    }
}

struct Newer<'a> {
    walk: &'a Walk<'a>,
    discriminators: &'a BTreeSet<&'a str>,
    changes: NewerResult,
}

impl Visitor for Newer<'_> {
    fn object(
        &mut self,
        _name: &str,
        structure: &Struct,
        _fields: &mut Map<String, Value>,
        at: &str,
    ) {
        if structure
            .fields
            .iter()
            .any(|field| field.wire_name == ADDED_MEMBER)
        {
            return;
        }
        self.changes
            .added_members
            .push(join_pointer(at, ADDED_MEMBER));
    }

    fn plain(&mut self, ty: &TypeRef, value: &mut Value, at: &str) {
        let Some(TypeKind::Enum(values)) = ty
            .named()
            .and_then(|name| self.walk.types.get(name))
            .map(|def| &def.kind)
        else {
            return;
        };
        let member = at.rsplit('/').next().unwrap_or_default();
        if values.integer || !value.is_string() || self.discriminators.contains(member) {
            return;
        }
        self.changes.newer_values.push(at.to_owned());
    }
}
