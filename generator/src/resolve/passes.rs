//! Passes over the resolved types: recursion, alias cycles, request types.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{join_pointer, Error};
use crate::ir::{
    BodyEncoding, CommonField, Field, IntervalEnds, Operation, TypeDef, TypeKind, TypeRef,
};

/// A request body that carries the fields every request requires (the credentials) can never
/// be left out, whether or not the spec says `required: true`: the method takes it as it is,
/// not as an `Option`.
pub(super) fn require_bodies_with_common_fields(
    operations: &mut [Operation],
    common_fields: &[CommonField],
) {
    if common_fields.iter().any(|field| field.required) {
        for operation in operations {
            operation.request_optional = false;
        }
    }
}

/// The named type a type contains by value (not behind a `Vec` or map), so that a cycle
/// among such types would give a type of infinite size.
fn by_value_name(ty: &TypeRef) -> Option<&str> {
    ty.walk_by_value().find_map(|ty| match ty {
        TypeRef::Named(name) => Some(name.as_str()),
        _ => None,
    })
}

/// Boxes every field or union variant through which a type contains itself by value.
pub(super) fn box_recursive_types(types: &mut [TypeDef]) {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let contained: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            def.member_types()
                .into_iter()
                .filter_map(|ty| index.get(by_value_name(ty)?).copied())
                .collect()
        })
        .collect();
    // A member needs a box when its type reaches back to its owner: owner and member type are
    // then in the same strongly connected component.
    let component = strongly_connected_components(&contained);
    let mut to_box: Vec<(usize, usize)> = Vec::new();
    // Only fields and variants can be boxed; an alias cycle is an error of its own.
    for (owner, def) in types.iter().enumerate() {
        if matches!(def.kind, TypeKind::Alias(_)) {
            continue;
        }
        for (position, ty) in def.member_types().into_iter().enumerate() {
            let recursive = by_value_name(ty)
                .and_then(|name| index.get(name))
                .is_some_and(|&target| component[target] == component[owner]);
            if recursive {
                to_box.push((owner, position));
            }
        }
    }
    for (owner, position) in to_box {
        let ty = match &mut types[owner].kind {
            TypeKind::Struct(structure) => &mut structure.fields[position].ty,
            TypeKind::Union(union) => &mut union.variants[position].ty,
            _ => continue,
        };
        *ty = TypeRef::Boxed(Box::new(std::mem::replace(ty, TypeRef::Json)));
    }
}

/// The strongly connected component of every node of a graph given by adjacency lists
/// (Kosaraju's algorithm, iterative, so that deep specs cannot overflow the stack).
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    let count = edges.len();
    let mut order = Vec::with_capacity(count);
    let mut visited = vec![false; count];
    for start in 0..count {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            match edges[node].get(next) {
                Some(&target) => {
                    stack.push((node, next + 1));
                    if !visited[target] {
                        visited[target] = true;
                        stack.push((target, 0));
                    }
                }
                None => order.push(node),
            }
        }
    }
    let mut reversed = vec![Vec::new(); count];
    for (node, targets) in edges.iter().enumerate() {
        for &target in targets {
            reversed[target].push(node);
        }
    }
    let mut component = vec![usize::MAX; count];
    for (id, &root) in order.iter().rev().enumerate() {
        if component[root] != usize::MAX {
            continue;
        }
        component[root] = id;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &source in &reversed[node] {
                if component[source] == usize::MAX {
                    component[source] = id;
                    stack.push(source);
                }
            }
        }
    }
    component
}

/// Rejects aliases defined in terms of themselves (`A: {$ref: B}`, `B: {$ref: A}`, or an array
/// of itself): Rust type aliases cannot be recursive, and there is no structure to generate.
pub(super) fn check_alias_cycles(
    types: &[TypeDef],
    type_names: &HashMap<String, String>,
    file: &Path,
) -> Result<(), Error> {
    let aliases: HashMap<&str, &TypeRef> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(target) => Some((def.name.as_str(), target)),
            _ => None,
        })
        .collect();
    // In declaration order, so the same spec always reports the same schema.
    for def in types {
        let TypeKind::Alias(target) = &def.kind else {
            continue;
        };
        let start = def.name.as_str();
        let mut pending: Vec<&str> = target.named().into_iter().collect();
        let mut seen = HashSet::new();
        while let Some(name) = pending.pop() {
            if name == start {
                let schema = type_names
                    .iter()
                    .find(|(_, rust)| rust.as_str() == start)
                    .map_or(start, |(spec, _)| spec.as_str());
                return Err(Error::at(
                    file,
                    join_pointer("#/components/schemas", schema),
                    format!("`{schema}` is defined in terms of itself with no object in between; give it an object schema with a property for the nested value"),
                ));
            }
            if seen.insert(name) {
                if let Some(next) = aliases.get(name) {
                    pending.extend(next.named());
                }
            }
        }
    }
    Ok(())
}

/// Marks every type reachable from a request body, so emitters give those types validation
/// and constructors.
pub(super) fn mark_request_types(types: &mut [TypeDef], operations: &[Operation]) {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, ty)| (ty.name.as_str(), i))
        .collect();
    let mut pending: Vec<&TypeRef> = operations
        .iter()
        .filter_map(|op| op.request.as_ref())
        .collect();
    let mut reached = HashSet::new();
    while let Some(ty) = pending.pop() {
        if let Some(&i) = ty.named().and_then(|name| index.get(name)) {
            if reached.insert(i) {
                pending.extend(types[i].member_types());
            }
        }
    }
    for i in reached {
        types[i].in_request = true;
    }
}

/// Decides which types implement `Default`: enums and unions (their first value, their
/// catch-all), and structs whose required fields all have a default, except requests with
/// required fields, which are built by `new` so that none is forgotten (a paginated request's
/// limitation, which `new` fills in, does not count).
pub(super) fn mark_default_types(types: &mut [TypeDef]) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.clone(), i))
        .collect();
    for def in types.iter_mut() {
        def.has_default = match &def.kind {
            TypeKind::Struct(structure) => {
                !(def.in_request
                    && structure
                        .fields
                        .iter()
                        .any(|field| field.is_constructor_argument()))
            }
            _ => true,
        };
    }
    // A struct or alias whose required value has no default has none either; repeat until
    // nothing changes, since that can travel up through several types.
    loop {
        let lacks_default = |ty: &TypeRef, types: &[TypeDef]| {
            ty.walk_by_value()
                .find_map(|ty| match ty {
                    TypeRef::Named(name) => index.get(name),
                    _ => None,
                })
                .is_some_and(|&i| !types[i].has_default)
        };
        let mut changed = false;
        for i in 0..types.len() {
            if !types[i].has_default {
                continue;
            }
            let lost = match &types[i].kind {
                TypeKind::Struct(structure) => structure
                    .fields
                    .iter()
                    .filter(|field| field.is_constructor_argument())
                    .any(|field| lacks_default(&field.ty, types)),
                TypeKind::Alias(target) => lacks_default(target, types),
                TypeKind::Enum(_) | TypeKind::Union(_) => false,
            };
            if lost {
                types[i].has_default = false;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Keeps only the limits a field's type can be checked against: lengths of strings, item
/// counts of arrays, bounds of integers (a `maxLength` on a `date-time`, or on an enum, says
/// nothing a Rust value could break), looking through aliases.
pub(super) fn confine_limits(types: &mut [TypeDef]) {
    let aliases: HashMap<String, TypeRef> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(target) => Some((def.name.clone(), target.clone())),
            _ => None,
        })
        .collect();
    let underlying = |ty: &TypeRef| {
        let mut ty = ty.clone();
        for _ in 0..=aliases.len() {
            match &ty {
                TypeRef::Named(name) => match aliases.get(name) {
                    Some(target) => ty = target.clone(),
                    None => break,
                },
                _ => break,
            }
        }
        ty
    };
    let intervals: HashMap<String, IntervalEnds> = types
        .iter()
        .filter_map(|def| Some((def.name.clone(), interval_ends(def)?)))
        .collect();
    for def in types.iter_mut() {
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        for field in &mut structure.fields {
            let ty = match &field.ty {
                TypeRef::Update { value, .. } => underlying(value),
                ty => underlying(ty),
            };
            // A length of an interval is one of a struct of a start and an end.
            field.interval = field
                .limits
                .max_interval_months
                .and_then(|_| intervals.get(ty.named()?).cloned());
            if field.interval.is_none() {
                field.limits.max_interval_months = None;
            }
            let limits = &mut field.limits;
            if ty != TypeRef::String {
                limits.min_length = None;
                limits.max_length = None;
            }
            if !matches!(ty, TypeRef::Array(_)) {
                limits.min_items = None;
                limits.max_items = None;
            }
            if !matches!(ty, TypeRef::I32 | TypeRef::I64) {
                limits.minimum = None;
                limits.maximum = None;
            }
        }
    }
}

/// The start and end of an interval struct: two required fields, both date-times or both dates
/// (Mews's `StartUtc` and `EndUtc`, `Start` and `End`), in this order.
fn interval_ends(def: &TypeDef) -> Option<IntervalEnds> {
    let TypeKind::Struct(structure) = &def.kind else {
        return None;
    };
    let [start, end] = structure.fields.as_slice() else {
        return None;
    };
    let is_end = |field: &Field, ty: &TypeRef| field.ty == *ty && field.required && !field.nullable;
    [TypeRef::DateTime, TypeRef::Date]
        .iter()
        .any(|ty| is_end(start, ty) && is_end(end, ty))
        .then(|| IntervalEnds {
            start: start.rust_name.clone(),
            end: end.rust_name.clone(),
        })
}

/// Base64 bytes are only supported as the type of a struct field (where a serde attribute
/// encodes them); anywhere else they stay the Base64 text.
pub(super) fn confine_base64(types: &mut [TypeDef], operations: &mut [Operation]) {
    as_text_except(types, operations, &TypeRef::Base64, |_, field| {
        field.ty == TypeRef::Base64
    });
}

/// Files (`format: binary`) are only sent as the parts of a multipart body: a property of a
/// multipart request that is a file or an array of files stays one; anywhere else the value is
/// the string it is in JSON.
pub(super) fn confine_files(types: &mut [TypeDef], operations: &mut [Operation]) {
    let multipart: HashSet<String> = operations
        .iter()
        .filter(|operation| matches!(operation.request_encoding, BodyEncoding::Multipart { .. }))
        .filter_map(|operation| operation.request.as_ref()?.named().map(str::to_owned))
        .collect();
    as_text_except(types, operations, &TypeRef::File, |def, field| {
        multipart.contains(&def.name)
            && match &field.ty {
                TypeRef::Array(item) => **item == TypeRef::File,
                ty => *ty == TypeRef::File,
            }
    });
}

/// Replaces `special` with `String` everywhere but in the struct fields `keep` accepts.
fn as_text_except(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    special: &TypeRef,
    keep: impl Fn(&TypeDef, &Field) -> bool,
) {
    fn as_text(ty: &mut TypeRef, special: &TypeRef) {
        match ty {
            ty if ty == special => *ty = TypeRef::String,
            TypeRef::Array(inner)
            | TypeRef::Map(inner)
            | TypeRef::Boxed(inner)
            | TypeRef::Update { value: inner, .. } => as_text(inner, special),
            _ => {}
        }
    }
    for def in types.iter_mut() {
        let kept: Vec<bool> = match &def.kind {
            TypeKind::Struct(structure) => structure
                .fields
                .iter()
                .map(|field| keep(def, field))
                .collect(),
            _ => Vec::new(),
        };
        match &mut def.kind {
            TypeKind::Struct(structure) => structure
                .fields
                .iter_mut()
                .zip(kept)
                .filter(|(_, kept)| !kept)
                .for_each(|(field, _)| as_text(&mut field.ty, special)),
            TypeKind::Union(union) => union
                .variants
                .iter_mut()
                .for_each(|variant| as_text(&mut variant.ty, special)),
            TypeKind::Alias(target) => as_text(target, special),
            TypeKind::Enum(_) => {}
        }
    }
    for operation in operations {
        let parameters = operation.parameters.iter_mut().map(|p| &mut p.ty);
        let bodies = operation
            .request
            .iter_mut()
            .chain(operation.result.iter_mut());
        let responses = operation
            .responses
            .iter_mut()
            .chain(operation.fallback_responses.iter_mut())
            .filter_map(|response| response.body.as_mut());
        parameters
            .chain(bodies)
            .chain(responses)
            .for_each(|ty| as_text(ty, special));
    }
}

/// Makes every optional, nullable field of a request type a `Nullable<T>` (absent, `null` or a
/// value), so that a request can remove a value by sending `null` (`Update` values already
/// can; Base64 bytes and files stay `Option`s). Common fields follow their request fields.
pub(super) fn mark_three_state_fields(types: &mut [TypeDef], common_fields: &mut [CommonField]) {
    for def in types.iter_mut().filter(|def| def.in_request) {
        let TypeKind::Struct(structure) = &mut def.kind else {
            continue;
        };
        for field in &mut structure.fields {
            field.three_state = !field.required
                && field.nullable
                && !matches!(
                    field.ty,
                    TypeRef::Update { .. } | TypeRef::Base64 | TypeRef::File
                );
            if field.three_state {
                for common in common_fields
                    .iter_mut()
                    .filter(|common| common.wire_name == field.wire_name)
                {
                    common.three_state = true;
                }
            }
        }
    }
}
