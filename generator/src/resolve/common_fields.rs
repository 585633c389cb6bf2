//! The body fields every request carries: client configuration rather than fields of each
//! request type.
//!
//! By shape: a required, non-nullable scalar property of every operation's body (Mews's
//! `ClientToken`, `AccessToken` and `Client`) is configured once per client, and the request
//! types lose it. By configuration ([`ClientSetting`]): optional properties every request may
//! carry (Mews's `LanguageCode` and `CultureCode`, which its guidelines define for every
//! operation while its description declares them nowhere) are defaults of the client that a
//! request may override; the request types get them whatever the spec says, so that the crate
//! is the same whether the spec declares them or not. An optional property is never taken for
//! client configuration by its shape alone: two operations that share an optional filter
//! (`OrderItemIds`) share a filter, not a setting.

use crate::ir::{CommonField, Field, Limits, Operation, RequestUnion, TypeDef, TypeKind, TypeRef};
use crate::names::{self, Scope};

/// An optional body property of every request that the client can set a default for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSetting {
    /// The property's name on the wire (`LanguageCode`).
    pub wire_name: String,
    /// Its description, where the spec has none.
    pub description: String,
}

impl ClientSetting {
    /// The setting `wire_name`, described as `description`.
    pub fn new(wire_name: impl Into<String>, description: impl Into<String>) -> Self {
        ClientSetting {
            wire_name: wire_name.into(),
            description: description.into(),
        }
    }
}

/// The common fields of `operations`: the required strings of every body, which leave the
/// request types, then the `settings`, which every request type holds (added where the spec
/// lacks them). Only an API of at least two operations, each with a struct body, has any.
pub(super) fn hoist(
    types: &mut [TypeDef],
    operations: &[Operation],
    settings: &[ClientSetting],
) -> Vec<CommonField> {
    let Some(bodies) = struct_bodies(types, operations) else {
        return Vec::new();
    };
    // A list or an object every operation requires is a filter of the resource, not client
    // configuration.
    let is_credential_like = |field: &Field| {
        field.required
            && !field.nullable
            && matches!(
                field.ty,
                TypeRef::String | TypeRef::Uuid | TypeRef::I32 | TypeRef::I64 | TypeRef::Bool
            )
    };
    let mut common: Vec<CommonField> = fields_of(types, bodies[0])
        .iter()
        .filter(|field| is_credential_like(field))
        .filter(|field| {
            bodies.iter().all(|&index| {
                fields_of(types, index)
                    .iter()
                    .any(|other| other.wire_name == field.wire_name && is_credential_like(other))
            })
        })
        .map(|field| common_field(field, true))
        .collect();
    for &index in &bodies {
        if let TypeKind::Struct(structure) = &mut types[index].kind {
            structure
                .fields
                .retain(|field| !common.iter().any(|c| c.wire_name == field.wire_name));
        }
    }
    for (position, setting) in settings.iter().enumerate() {
        let declared = bodies.iter().find_map(|&index| {
            fields_of(types, index)
                .iter()
                .find(|field| field.wire_name == setting.wire_name)
                .cloned()
        });
        let field = declared.unwrap_or_else(|| setting_field(setting));
        for &index in &bodies {
            if let TypeKind::Struct(structure) = &mut types[index].kind {
                if !structure
                    .fields
                    .iter()
                    .any(|f| f.wire_name == field.wire_name)
                {
                    let mut scope =
                        Scope::with_taken(structure.fields.iter().map(|f| f.rust_name.as_str()));
                    let added = Field {
                        rust_name: scope.claim(field.rust_name.clone()),
                        ..field.clone()
                    };
                    structure
                        .fields
                        .insert(position.min(structure.fields.len()), added);
                }
            }
        }
        common.push(common_field(&field, false));
    }
    common
}

/// Marks the operations whose body is a union of structs, where the request's own values of
/// the client settings are read from whichever variant it is.
pub(super) fn mark_union_bodies(
    types: &[TypeDef],
    operations: &mut [Operation],
    common: &[CommonField],
) {
    if common.iter().all(|field| field.required) {
        return;
    }
    for operation in operations {
        let Some(TypeRef::Named(name)) = &operation.request else {
            continue;
        };
        let Some(TypeKind::Union(union)) = types
            .iter()
            .find(|def| def.name == *name)
            .map(|def| &def.kind)
        else {
            continue;
        };
        operation.request_union = Some(RequestUnion {
            name: name.clone(),
            variants: union
                .variants
                .iter()
                .map(|variant| variant.rust_name.clone())
                .collect(),
            fallback: union.fallback.clone(),
        });
    }
}

fn fields_of(types: &[TypeDef], index: usize) -> &[Field] {
    match &types[index].kind {
        TypeKind::Struct(structure) => &structure.fields,
        _ => &[],
    }
}

/// The struct types of every operation's body (each member of a body that is one of several
/// structs, as Mews's `fiscalMachineCommands/getAll` takes), each once, or `None` when an
/// operation has no such body (or there is only one operation).
fn struct_bodies(types: &[TypeDef], operations: &[Operation]) -> Option<Vec<usize>> {
    if operations.len() < 2 {
        return None;
    }
    let struct_index = |ty: &TypeRef| {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        types
            .iter()
            .position(|def| def.name == *name && matches!(def.kind, TypeKind::Struct(_)))
    };
    let mut bodies = Vec::new();
    for operation in operations {
        let request = operation.request.as_ref()?;
        let members: Vec<usize> = match struct_index(request) {
            Some(index) => vec![index],
            None => {
                let name = request.named()?;
                let TypeKind::Union(union) = &types.iter().find(|def| def.name == name)?.kind
                else {
                    return None;
                };
                union
                    .variants
                    .iter()
                    .map(|variant| struct_index(&variant.ty))
                    .collect::<Option<_>>()?
            }
        };
        for index in members {
            if !bodies.contains(&index) {
                bodies.push(index);
            }
        }
    }
    Some(bodies)
}

/// The field of a setting that the spec does not declare: an optional, nullable string.
fn setting_field(setting: &ClientSetting) -> Field {
    Field {
        wire_name: setting.wire_name.clone(),
        rust_name: names::field_name(&setting.wire_name),
        docs: Some(setting.description.clone()),
        ty: TypeRef::String,
        required: false,
        nullable: true,
        deprecated: None,
        limits: Limits::default(),
        page_size: None,
        three_state: false,
        interval: None,
        setter: None,
    }
}

fn common_field(field: &Field, required: bool) -> CommonField {
    CommonField {
        wire_name: field.wire_name.clone(),
        rust_name: field.rust_name.clone(),
        docs: field.docs.clone(),
        ty: field.ty.clone(),
        required,
        secret: is_secret(&field.wire_name),
        three_state: false,
        env_name: names::constant_name(&field.wire_name),
    }
}

/// Credentials by their conventional names.
fn is_secret(wire_name: &str) -> bool {
    let name = wire_name.to_ascii_lowercase();
    ["token", "secret", "password", "apikey", "api_key"]
        .iter()
        .any(|marker| name.contains(marker))
}
