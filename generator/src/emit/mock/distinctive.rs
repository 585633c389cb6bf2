//! A value of a result type other than its `Default`, as a Rust expression: what a generated
//! test tells the mock to return, so that a mock that ignored `.returns(..)` (and answered with
//! a default result) fails the test.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::ident;
use crate::ir::{Api, Field, FieldShape, TypeKind, TypeRef};

/// The text of every string the mock is told to return: recognisable in a failing test.
const TEXT: &str = "from the mock";

/// How many structs deep a value may set its one field: a recursive type would have no end,
/// and one field that differs from the default is all a test needs.
const MAX_DEPTH: usize = 4;

/// A value of `ty` that differs from `Default::default()`, or `None` when the type holds
/// nothing the mock can tell apart from a default (no field of a type this knows how to write).
pub fn distinctive(api: &Api, ty: &TypeRef) -> Option<TokenStream> {
    value(api, ty, 0)
}

fn value(api: &Api, ty: &TypeRef, depth: usize) -> Option<TokenStream> {
    Some(match ty {
        TypeRef::String => quote!(#TEXT.to_owned()),
        TypeRef::Bool => quote!(true),
        TypeRef::I32 | TypeRef::I64 => quote!(7),
        TypeRef::F32 | TypeRef::F64 => quote!(7.5),
        // "Mock" in hexadecimal.
        TypeRef::Uuid => parsed("4d6f636b-0000-4000-8000-000000000007"),
        TypeRef::Date => parsed("2031-07-14"),
        TypeRef::DateTime => parsed("2031-07-14T09:30:15Z"),
        TypeRef::Json => quote!(serde_json::Value::from(#TEXT)),
        TypeRef::Bytes | TypeRef::Base64 => quote!(#TEXT.as_bytes().to_vec()),
        TypeRef::Array(item) => {
            let item = value(api, item, depth)?;
            quote!(Vec::from([#item]))
        }
        TypeRef::Map(item) => {
            let item = value(api, item, depth)?;
            quote!(std::collections::BTreeMap::from([(#TEXT.to_owned(), #item)]))
        }
        TypeRef::Boxed(inner) => {
            let inner = value(api, inner, depth)?;
            quote!(Box::new(#inner))
        }
        TypeRef::Named(name) => named(api, name, depth)?,
        TypeRef::File | TypeRef::Update { .. } => return None,
    })
}

/// A value read from its text, of the type the place it is written to has.
fn parsed(text: &str) -> TokenStream {
    quote!(#text.parse().expect("the mock's value parses"))
}

fn named(api: &Api, name: &str, depth: usize) -> Option<TokenStream> {
    let def = api.types.iter().find(|def| def.name == name)?;
    let type_name = ident(name);
    match &def.kind {
        TypeKind::Alias(target) => value(api, target, depth),
        // A value the crate does not know, which it keeps as received.
        TypeKind::Enum(enumeration) if !enumeration.integer => {
            Some(quote!(#type_name::from(#TEXT)))
        }
        TypeKind::Struct(structure) if def.has_default && depth < MAX_DEPTH => {
            // A field of a type that holds no other first, so that the value stays shallow.
            let (flat, nested): (Vec<&Field>, Vec<&Field>) = structure
                .fields
                .iter()
                .filter(|field| field.deprecated.is_none())
                .partition(|field| !holds_others(&field.ty));
            let (field, field_value) = flat
                .into_iter()
                .chain(nested)
                .find_map(|field| Some((field, field_value(api, field, depth + 1)?)))?;
            let field = ident(&field.rust_name);
            Some(quote!({
                let mut value = <#type_name as Default>::default();
                value.#field = #field_value;
                value
            }))
        }
        _ => None,
    }
}

fn holds_others(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Named(_) | TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Boxed(_)
    )
}

fn field_value(api: &Api, field: &Field, depth: usize) -> Option<TokenStream> {
    let value = value(api, &field.ty, depth)?;
    match field.shape() {
        FieldShape::Plain => Some(value),
        FieldShape::Nullable | FieldShape::Omittable => Some(quote!(Some(#value))),
        FieldShape::Update | FieldShape::ThreeState => None,
    }
}
