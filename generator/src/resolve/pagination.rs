//! Cursor pagination, found by the shape of an operation: its request has a limitation object
//! (a required page size, an optional cursor) and its result a cursor and one array of items.
//! The property names are settings (`Limitation`, `Count` and `Cursor` for Mews).

use std::collections::HashMap;

use crate::ir::{FieldShape, Operation, Pagination, Struct, TypeDef, TypeKind, TypeRef};
use crate::names::{self, Scope};

/// The wire names of the properties that make up cursor pagination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginationNames {
    /// The request's limitation object (`Limitation`).
    pub limitation: String,
    /// The page size inside it (`Count`).
    pub count: String,
    /// The cursor, inside the limitation and in the result (`Cursor`).
    pub cursor: String,
    /// The largest page size, where the spec gives the page size no maximum.
    pub max_page_size: Option<i64>,
}

impl Default for PaginationNames {
    fn default() -> Self {
        PaginationNames {
            limitation: "Limitation".to_owned(),
            count: "Count".to_owned(),
            cursor: "Cursor".to_owned(),
            max_page_size: None,
        }
    }
}

/// The page size of a walk when the spec sets no maximum.
const UNBOUNDED_PAGE_SIZE: i64 = 100;

/// Marks every paginated operation, names its `_pages` and `_items` methods in `methods`, the
/// scope of the client's methods, and gives the limitation field of its request the page size
/// its constructor starts with.
pub(super) fn detect(
    operations: &mut [Operation],
    types: &mut [TypeDef],
    names: &PaginationNames,
    methods: &mut Scope,
) {
    let index: HashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.clone(), i))
        .collect();
    for operation in operations.iter_mut() {
        let Some((pagination, request_index)) = pagination(operation, types, &index, names) else {
            continue;
        };
        let pagination = Pagination {
            pages_method: methods.claim(format!("{}_pages", names::unraw(&operation.name))),
            items_method: methods.claim(format!("{}_items", names::unraw(&operation.name))),
            ..pagination
        };
        bound_page_size(types, &index, &pagination, names);
        if !pagination.limitation_optional {
            if let TypeKind::Struct(request) = &mut types[request_index].kind {
                for field in &mut request.fields {
                    if field.rust_name == pagination.limitation_field {
                        field.page_size = Some(pagination.default_page_size);
                    }
                }
            }
        }
        operation.pagination = Some(pagination);
    }
}

/// Gives the page size of a limitation the bounds the settings know when the spec gives none:
/// at least one item, at most [`PaginationNames::max_page_size`].
fn bound_page_size(
    types: &mut [TypeDef],
    index: &HashMap<String, usize>,
    pagination: &Pagination,
    names: &PaginationNames,
) {
    let Some(max) = names.max_page_size else {
        return;
    };
    let Some(&position) = index.get(&pagination.limitation_type) else {
        return;
    };
    if let TypeKind::Struct(limitation) = &mut types[position].kind {
        for count in limitation
            .fields
            .iter_mut()
            .filter(|f| f.wire_name == names.count)
        {
            if count.limits.maximum.is_none() {
                count.limits.maximum = Some(max);
                count.limits.minimum.get_or_insert(1);
            }
        }
    }
}

/// The pagination of one operation (method names still empty), and the index of its request
/// type.
fn pagination(
    operation: &Operation,
    types: &[TypeDef],
    index: &HashMap<String, usize>,
    names: &PaginationNames,
) -> Option<(Pagination, usize)> {
    let structure = |ty: &TypeRef| -> Option<(usize, &Struct)> {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        let position = *index.get(name)?;
        match &types[position].kind {
            TypeKind::Struct(structure) => Some((position, structure)),
            _ => None,
        }
    };
    // The walk sends the request alone.
    if operation
        .parameters
        .iter()
        .any(|parameter| parameter.required)
    {
        return None;
    }
    let (request_index, request) = structure(operation.request.as_ref()?)?;
    let limitation = request
        .fields
        .iter()
        .find(|field| field.wire_name == names.limitation)?;
    // A limitation that may be `null` would be a `Nullable`, which the walk does not fill in.
    if limitation.shape() == FieldShape::ThreeState {
        return None;
    }
    let (_, limitation_struct) = structure(&limitation.ty)?;
    let count = limitation_struct
        .fields
        .iter()
        .find(|field| field.wire_name == names.count)?;
    let cursor = limitation_struct
        .fields
        .iter()
        .find(|field| field.wire_name == names.cursor)?;
    // `Limitation::new(count)` must build a limitation: the count is its only required field.
    let only_count_required = limitation_struct
        .fields
        .iter()
        .all(|field| field.shape() != FieldShape::Plain || field.wire_name == names.count);
    let is_cursor = |ty: &TypeRef| matches!(ty, TypeRef::String | TypeRef::Uuid);
    if !(only_count_required
        && count.shape() == FieldShape::Plain
        && matches!(count.ty, TypeRef::I32 | TypeRef::I64)
        && matches!(
            cursor.shape(),
            FieldShape::Nullable | FieldShape::Omittable | FieldShape::ThreeState
        )
        && is_cursor(&cursor.ty))
    {
        return None;
    }
    let (_, result) = structure(operation.result.as_ref()?)?;
    let result_cursor = result
        .fields
        .iter()
        .find(|field| field.wire_name == names.cursor && field.ty == cursor.ty)?;
    // The one array of items; deprecated arrays beside it (`Documents`) do not count.
    let mut arrays = result
        .fields
        .iter()
        .filter(|field| matches!(field.ty, TypeRef::Array(_)) && field.deprecated.is_none());
    let items = match (arrays.next(), arrays.next()) {
        (Some(items), None) => items,
        _ => return None,
    };
    let TypeRef::Array(item_type) = &items.ty else {
        return None;
    };
    let limitation_type = limitation.ty.named()?.to_owned();
    Some((
        Pagination {
            pages_method: String::new(),
            items_method: String::new(),
            limitation_field: limitation.rust_name.clone(),
            limitation_type,
            limitation_optional: limitation.shape() != FieldShape::Plain,
            count_field: count.rust_name.clone(),
            count_type: count.ty.clone(),
            cursor_field: cursor.rust_name.clone(),
            cursor_type: cursor.ty.clone(),
            cursor_three_state: cursor.shape() == FieldShape::ThreeState,
            result_cursor_field: result_cursor.rust_name.clone(),
            result_cursor_optional: result_cursor.shape() != FieldShape::Plain,
            items_field: items.rust_name.clone(),
            item_type: (**item_type).clone(),
            items_optional: items.shape() != FieldShape::Plain,
            default_page_size: count
                .limits
                .maximum
                .or(names.max_page_size)
                .unwrap_or(UNBOUNDED_PAGE_SIZE),
        },
        request_index,
    ))
}
