//! Emits `models.rs`: one Rust type per named type of the API.

use std::collections::{BTreeSet, HashSet};

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::imports::{support_names, use_items, Use};
use super::{doc_attrs, ident, inner_doc_attrs, RustFile};
use crate::ir::{
    Api, Enum, Feature, Field, FieldShape, Struct, TypeDef, TypeKind, TypeRef, Union, WireValue,
};

/// The files of the models: `models.rs` (`None`), and when the API is split into features one
/// module per feature with types (`models/<module>.rs`), with the types only that feature uses.
pub fn files(api: &Api) -> Vec<Option<&Feature>> {
    let mut files = vec![None];
    files.extend(
        api.features
            .iter()
            .filter(|feature| !types_of(api, Some(feature)).is_empty())
            .map(Some),
    );
    files
}

/// One of the [`files`]. Each type's items are emitted when the file's formatting reaches
/// them.
pub fn file<'a>(api: &'a Api, feature: Option<&'a Feature>) -> RustFile<'a> {
    let request_structs: HashSet<&str> = api
        .types
        .iter()
        .filter(|def| {
            def.in_request && matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_))
        })
        .map(|def| def.name.as_str())
        .collect();
    let types = types_of(api, feature);
    let Some(feature) = feature else {
        let modules = files(api).into_iter().flatten().map(|feature| {
            let module = ident(&feature.module);
            let gate = super::features::gate(Some(&feature.name));
            quote! {
                #gate
                mod #module;
                #gate
                pub use #module::*;
            }
        });
        let docs = inner_doc_attrs(if api.features.is_empty() {
            "The request and result types of the API, in the order the spec declares them."
        } else {
            "The request and result types of the API, in the order the spec declares them: here \
             those that the client or several features use, in a module per feature those that \
             only that feature uses."
        });
        let header = header(&types, false, quote!(#(#modules)*));
        return types_file(
            "src/models.rs".to_owned(),
            quote!(#docs #header),
            types,
            request_structs,
        );
    };
    let docs = inner_doc_attrs(&format!(
        "The types only the `{}` feature uses. {}",
        feature.name, feature.docs
    ));
    // Other types a feature's types refer to are the shared ones, in the parent module.
    let own: HashSet<&str> = types.iter().map(|def| def.name.as_str()).collect();
    let refers_to_shared = types.iter().any(|def| {
        def.member_types()
            .iter()
            .any(|ty| ty.named().is_some_and(|name| !own.contains(name)))
    });
    let header = header(&types, refers_to_shared, TokenStream::new());
    types_file(
        format!("src/models/{}.rs", feature.module),
        quote!(#docs #header),
        types,
        request_structs,
    )
}

/// The types of a feature, or those always compiled.
fn types_of<'a>(api: &'a Api, feature: Option<&Feature>) -> Vec<&'a TypeDef> {
    let name = feature.map(|feature| feature.name.as_str());
    api.types
        .iter()
        .filter(|def| def.feature.as_deref() == name)
        .collect()
}

/// A file of `types`, whose items are emitted one type at a time.
fn types_file<'a>(
    path: String,
    header: TokenStream,
    types: Vec<&'a TypeDef>,
    request_structs: HashSet<&'a str>,
) -> RustFile<'a> {
    RustFile {
        path,
        header,
        items: Box::new(
            types
                .into_iter()
                .map(move |def| type_def(def, &request_structs)),
        ),
    }
}

/// The attributes and imports of a file of `types` (the shared types of the parent module too,
/// with `uses_shared`), then `more` (modules).
fn header(types: &[&TypeDef], uses_shared: bool, more: TokenStream) -> TokenStream {
    let has_structs = types
        .iter()
        .any(|def| matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)));
    let imports = use_items([
        Use::new(
            "serde",
            has_structs
                .then_some(["Deserialize", "Serialize"])
                .into_iter()
                .flatten(),
        ),
        Use::new("crate::support", used_support_names(types)),
        Use::new("super", uses_shared.then_some("*")),
    ]);
    quote! {
        // The types nest as deeply, and a union's variants differ in size as much, as the
        // spec's schemas do.
        #![allow(clippy::type_complexity, clippy::large_enum_variant)]

        #imports
        #more
    }
}

/// The items of the support module that the models refer to, so that exactly those are
/// imported.
fn used_support_names(types: &[&TypeDef]) -> BTreeSet<&'static str> {
    let visit = support_names;
    let mut used = BTreeSet::new();
    for def in types {
        match &def.kind {
            TypeKind::Struct(structure) => {
                structure
                    .fields
                    .iter()
                    .for_each(|field| visit(&field.ty, &mut used));
                if structure
                    .fields
                    .iter()
                    .any(|field| field.shape() == FieldShape::ThreeState)
                {
                    used.insert("Nullable");
                }
                if structure
                    .fields
                    .iter()
                    .any(|field| number_reader(field).is_some())
                {
                    used.insert("self");
                }
                if def.in_request {
                    used.extend(["Validate", "Violations"]);
                    if structure
                        .fields
                        .iter()
                        .any(|field| field.shape() == FieldShape::Update)
                    {
                        used.insert("Update");
                    }
                }
            }
            TypeKind::Union(union) => {
                union
                    .variants
                    .iter()
                    .for_each(|variant| visit(&variant.ty, &mut used));
                if union.discriminator.is_some() {
                    used.insert("self");
                }
                if def.in_request {
                    used.extend(["Validate", "Violations"]);
                }
            }
            TypeKind::Enum(_) => {
                used.insert("self");
            }
            TypeKind::Alias(target) => visit(target, &mut used),
        }
    }
    used
}

/// `request_structs` names the structs that implement `Validate`.
fn type_def(def: &TypeDef, request_structs: &HashSet<&str>) -> TokenStream {
    let fallback_docs = format!("The `{}` type of the API.", def.name);
    let docs = doc_attrs(def.docs.as_deref().unwrap_or(&fallback_docs));
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct(structure) => {
            // A paginated request's limitation has no `Default`: `new` fills it in.
            let starts_a_walk = structure.fields.iter().any(|f| f.page_size.is_some());
            let derive_default = def.has_default && !starts_a_walk;
            let definition = struct_def(&docs, &name, structure, derive_default);
            let default_from_new = (def.has_default && starts_a_walk).then(|| {
                quote! {
                    impl Default for #name {
                        fn default() -> Self {
                            Self::new()
                        }
                    }
                }
            });
            let request_impls = def.in_request.then(|| {
                let constructor = constructor(&name, structure);
                let validation = validation(&name, structure, request_structs);
                quote!(#constructor #validation)
            });
            quote!(#definition #request_impls #default_from_new)
        }
        TypeKind::Enum(enumeration) => enum_def(&docs, &name, enumeration),
        TypeKind::Union(union) => {
            let definition = union_def(&docs, &name, union);
            let validation = def
                .in_request
                .then(|| union_validation(&name, union, request_structs));
            quote!(#definition #validation)
        }
        TypeKind::Alias(target) => {
            let target = rust_type(target);
            quote! {
                #docs
                pub type #name = #target;
            }
        }
    }
}

/// The serde arguments that read a number field from a string too (some servers write numbers
/// so); `None` for other fields, and for update values and three-state fields, which hold their
/// number inside a wrapper.
fn number_reader(field: &Field) -> Option<TokenStream> {
    if !matches!(
        field.ty,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
    ) {
        return None;
    }
    match field.shape() {
        FieldShape::Plain => Some(quote!(deserialize_with = "support::number::read")),
        FieldShape::Nullable | FieldShape::Omittable => Some(quote!(
            default,
            deserialize_with = "support::number::read_option"
        )),
        FieldShape::Update | FieldShape::ThreeState => None,
    }
}

/// A struct, `#[non_exhaustive]` so that fields the API adds later are not a breaking change;
/// `default` derives `Default` too (results, and requests without required fields).
fn struct_def(
    docs: &TokenStream,
    name: &proc_macro2::Ident,
    structure: &Struct,
    default: bool,
) -> TokenStream {
    let rule = RenameRule::best_for(&structure.fields);
    let rename_all = rule.attribute();
    let fields = structure.fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let docs = doc_attrs(&field_docs(field));
        let deprecated = field
            .deprecated
            .as_deref()
            .map(|note| quote!(#[deprecated = #note]));
        let mut serde_args = Vec::new();
        if rule.apply(&field.rust_name) != field.wire_name {
            let wire_name = &field.wire_name;
            serde_args.push(quote!(rename = #wire_name));
        }
        match field.shape() {
            FieldShape::Update => {
                serde_args.push(quote!(default, skip_serializing_if = "Update::is_keep"))
            }
            FieldShape::Omittable => {
                serde_args.push(quote!(skip_serializing_if = "Option::is_none"))
            }
            FieldShape::ThreeState => {
                serde_args.push(quote!(default, skip_serializing_if = "Nullable::is_absent"))
            }
            FieldShape::Plain | FieldShape::Nullable => {}
        }
        serde_args.extend(number_reader(field));
        if field.ty == TypeRef::Base64 {
            serde_args.push(match field.shape() {
                FieldShape::Plain => quote!(with = "support::base64"),
                _ => quote!(default, with = "support::base64::option"),
            });
        }
        let serde_attr = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
        let ty = field_type(field);
        quote! {
            #docs
            #deprecated
            #serde_attr
            pub #field_name: #ty,
        }
    });
    let derive_default = default.then(|| quote!(Default,));
    quote! {
        #docs
        #[derive(Debug, Clone, #derive_default PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        #rename_all
        pub struct #name {
            #(#fields)*
        }
    }
}

/// `new(required...)` for request types, and a `with_` setter per other field, so that optional
/// fields are never spelled out and new ones do not break callers:
/// `Parameters::new(..).with_first_name("Thea")`.
fn constructor(name: &proc_macro2::Ident, structure: &Struct) -> TokenStream {
    let required: Vec<&Field> = structure
        .fields
        .iter()
        .filter(|field| field.is_constructor_argument())
        .collect();
    let params = required
        .iter()
        .map(|field| constructor_param(&field.rust_name, &field.ty));
    let initializers = structure.fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        match (field.shape(), &field.ty) {
            (FieldShape::Plain, ty) if field.page_size.is_some() => {
                let ty = rust_type(ty);
                let page_size = Literal::i64_unsuffixed(field.page_size.unwrap_or_default());
                quote!(#field_name: #ty::new(#page_size))
            }
            (FieldShape::Plain, TypeRef::String) => quote!(#field_name: #field_name.into()),
            (FieldShape::Plain, _) => quote!(#field_name),
            (FieldShape::Update, _) => quote!(#field_name: Update::Keep),
            (FieldShape::ThreeState, _) => quote!(#field_name: Nullable::Absent),
            (FieldShape::Nullable | FieldShape::Omittable, _) => quote!(#field_name: None),
        }
    });
    let deprecated_fields = structure
        .fields
        .iter()
        .any(|field| field.deprecated.is_some());
    let allow_deprecated = deprecated_fields.then(|| quote!(#[allow(deprecated)]));
    let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let setters = structure.fields.iter().filter_map(|field| {
        let method = field.setter.as_deref()?;
        let wrap = match field.shape() {
            FieldShape::Plain | FieldShape::Update => Wrap::None,
            FieldShape::Nullable | FieldShape::Omittable => Wrap::Some,
            FieldShape::ThreeState => Wrap::Nullable,
        };
        Some(setter(
            &field.rust_name,
            method,
            &field.wire_name,
            &field_docs(field),
            &field.ty,
            wrap,
            field.deprecated.as_deref(),
        ))
    });
    let page_size_docs = structure
        .fields
        .iter()
        .find_map(|field| Some((&field.wire_name, field.page_size?)))
        .map(|(wire_name, page_size)| {
            let text = format!(
                " `{wire_name}` starts with a page size of {page_size}, the largest the API allows."
            );
            quote!(#[doc = ""] #[doc = #text])
        });
    quote! {
        impl #name {
            /// Creates the value from its required fields; every optional field is left unset.
            #page_size_docs
            #allow_deprecated
            #too_many
            pub fn new(#(#params),*) -> Self {
                Self {
                    #(#initializers),*
                }
            }

            #(#setters)*
        }
    }
}

/// How a setter stores the value it takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Wrap {
    /// As it is.
    None,
    /// As `Some(value)`.
    Some,
    /// As a `Nullable`: the setter takes the value, `Nullable::Null` or an `Option`.
    Nullable,
}

/// A `with_` setter that consumes and returns the value, for building it in one expression.
/// Optional fields take the value itself and store it as `Some` (or `Nullable::Value`).
pub(super) fn setter(
    rust_name: &str,
    method: &str,
    wire_name: &str,
    docs: &str,
    ty: &TypeRef,
    wrap: Wrap,
    deprecated: Option<&str>,
) -> TokenStream {
    let field = ident(rust_name);
    let method = ident(method);
    let (parameter, value) = match (ty, wrap) {
        (ty, Wrap::Nullable) => {
            let ty = rust_type(ty);
            (quote!(impl Into<Nullable<#ty>>), quote!(value.into()))
        }
        (TypeRef::String, _) => (quote!(impl Into<String>), quote!(value.into())),
        (ty, _) => (rust_type(ty), quote!(value)),
    };
    let value = if wrap == Wrap::Some {
        quote!(Some(#value))
    } else {
        value
    };
    let docs = doc_attrs(&format!("Sets `{wire_name}`: {docs}"));
    let deprecated = deprecated.map(|note| quote!(#[deprecated = #note] #[allow(deprecated)]));
    quote! {
        #docs
        #deprecated
        #[must_use]
        pub fn #method(mut self, value: #parameter) -> Self {
            self.#field = #value;
            self
        }
    }
}

/// `Validate` for request types: the length and item limits of the spec, and nested values.
fn validation(
    name: &proc_macro2::Ident,
    structure: &Struct,
    request_structs: &HashSet<&str>,
) -> TokenStream {
    let checks: Vec<TokenStream> = structure
        .fields
        .iter()
        .filter_map(|field| field_checks(field, request_structs))
        .collect();
    let deprecated_fields = structure
        .fields
        .iter()
        .any(|field| field.deprecated.is_some());
    let allow_deprecated = deprecated_fields.then(|| quote!(#[allow(deprecated)]));
    validate_impl(name, allow_deprecated, quote!(#(#checks)*))
}

/// `impl Validate` with the given checks; the parameters are unused when there are none.
fn validate_impl(
    name: &proc_macro2::Ident,
    attributes: Option<TokenStream>,
    checks: TokenStream,
) -> TokenStream {
    let (path, violations) = if checks.is_empty() {
        (format_ident!("_path"), format_ident!("_violations"))
    } else {
        (format_ident!("path"), format_ident!("violations"))
    };
    quote! {
        impl Validate for #name {
            #attributes
            fn check(&self, #path: &str, #violations: &mut Violations) {
                #checks
            }
        }
    }
}

fn field_checks(field: &Field, request_structs: &HashSet<&str>) -> Option<TokenStream> {
    let field_name = ident(&field.rust_name);
    let shape = field.shape();
    let value = match shape {
        FieldShape::Plain => quote!(&self.#field_name),
        _ => quote!(value),
    };
    let wire_name = &field.wire_name;
    let limits = &field.limits;
    let mut checks = Vec::new();
    let size = |bound: Option<usize>| bound.map(Literal::usize_unsuffixed);
    if let Some(range) = range(size(limits.min_length), size(limits.max_length)) {
        checks.push(quote!(violations.length(path, #wire_name, #value, #range);));
    }
    if let Some(range) = range(size(limits.min_items), size(limits.max_items)) {
        checks.push(quote!(violations.items(path, #wire_name, #value, #range);));
    }
    if matches!(field.ty, TypeRef::I32 | TypeRef::I64) {
        let bound = |bound: Option<i64>| bound.map(Literal::i64_unsuffixed);
        let number = match shape {
            FieldShape::Plain => quote!(self.#field_name),
            _ => quote!(*value),
        };
        let number = match field.ty {
            TypeRef::I32 => quote!(i64::from(#number)),
            _ => number,
        };
        if let Some(bounds) = range(bound(limits.minimum), bound(limits.maximum)) {
            checks.push(quote!(violations.range(path, #wire_name, #number, #bounds);));
        }
    }
    if let (Some(months), Some(ends)) = (limits.max_interval_months, &field.interval) {
        let months = Literal::u32_unsuffixed(months);
        let (start, end) = (ident(&ends.start), ident(&ends.end));
        let interval = match shape {
            FieldShape::Plain => quote!(self.#field_name),
            _ => quote!(value),
        };
        checks.push(quote!(violations.interval(path, #wire_name, &#interval.#start, &#interval.#end, #months);));
    }
    if has_nested_request(&field.ty, request_structs) {
        checks.push(quote!(violations.nested(path, #wire_name, #value);));
    }
    if checks.is_empty() {
        return None;
    }
    Some(match shape {
        FieldShape::Plain => quote!(#(#checks)*),
        FieldShape::Nullable | FieldShape::Omittable => quote! {
            if let Some(value) = &self.#field_name {
                #(#checks)*
            }
        },
        FieldShape::Update => quote! {
            if let Update::Set(value) = &self.#field_name {
                #(#checks)*
            }
        },
        FieldShape::ThreeState => quote! {
            if let Nullable::Value(value) = &self.#field_name {
                #(#checks)*
            }
        },
    })
}

/// A range expression from optional bounds (`1..=10`, `..=10`, `1..`).
fn range(min: Option<Literal>, max: Option<Literal>) -> Option<TokenStream> {
    match (min, max) {
        (None, None) => None,
        (Some(min), None) => Some(quote!(#min..)),
        (None, Some(max)) => Some(quote!(..=#max)),
        (Some(min), Some(max)) => Some(quote!(#min..=#max)),
    }
}

/// Whether a value of this type is or holds (in a `Vec` or a box) a request struct, which has
/// limits of its own.
fn has_nested_request(ty: &TypeRef, request_structs: &HashSet<&str>) -> bool {
    ty.walk()
        .take_while(|ty| !matches!(ty, TypeRef::Map(_) | TypeRef::Update { .. }))
        .any(|ty| matches!(ty, TypeRef::Named(name) if request_structs.contains(name.as_str())))
}

fn enum_def(docs: &TokenStream, name: &proc_macro2::Ident, enumeration: &Enum) -> TokenStream {
    if enumeration.integer {
        return integer_enum_def(docs, name, enumeration);
    }
    let fallback = ident(&enumeration.fallback);
    let variants = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let docs = doc_attrs(&match &variant.docs {
            Some(docs) => format!("`{}`: {docs}", variant.wire_name),
            None => format!("`{}`.", variant.wire_name),
        });
        let deprecated = variant.deprecated.then(|| {
            let note = variant.docs.as_deref().unwrap_or_default();
            quote!(#[deprecated = #note])
        });
        quote!(#docs #deprecated #variant_name,)
    });
    let allow_deprecated = enumeration
        .variants
        .iter()
        .any(|variant| variant.deprecated)
        .then(|| quote!(#[allow(deprecated)]));
    let to_str = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let wire_name = &variant.wire_name;
        quote!(Self::#variant_name => #wire_name,)
    });
    let from_str = enumeration.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let wire_name = &variant.wire_name;
        quote!(#wire_name => Self::#variant_name,)
    });
    let default = match enumeration.variants.first() {
        Some(first) => {
            let first = ident(&first.rust_name);
            quote!(Self::#first)
        }
        None => quote!(Self::#fallback(String::new())),
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept exactly as received.
            #fallback(String),
        }

        /// The first value the API lists, so that results holding one can be built with
        /// `Default` in tests.
        #allow_deprecated
        impl Default for #name {
            fn default() -> Self {
                #default
            }
        }

        #allow_deprecated
        impl #name {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#fallback(value) => value,
                }
            }
        }

        #allow_deprecated
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::#fallback(other.to_owned()),
                }
            }
        }

        support::impl_open_enum!(#name);
    }
}

/// An open enumeration of integers, like one of strings with `as_i64` and `From<i64>`.
fn integer_enum_def(
    docs: &TokenStream,
    name: &proc_macro2::Ident,
    enumeration: &Enum,
) -> TokenStream {
    let fallback = ident(&enumeration.fallback);
    let values: Vec<(proc_macro2::Ident, Literal, TokenStream)> = enumeration
        .variants
        .iter()
        .map(|variant| {
            let docs = doc_attrs(&match &variant.docs {
                Some(docs) => format!("`{}`: {docs}", variant.wire_name),
                None => format!("`{}`.", variant.wire_name),
            });
            let value = Literal::i64_unsuffixed(
                variant
                    .integer
                    .expect("resolve gives every value of an integer enum its integer"),
            );
            (ident(&variant.rust_name), value, docs)
        })
        .collect();
    let variants = values
        .iter()
        .map(|(variant, _, docs)| quote!(#docs #variant,));
    let to_number = values
        .iter()
        .map(|(variant, value, _)| quote!(Self::#variant => #value,));
    let from_number = values
        .iter()
        .map(|(variant, value, _)| quote!(#value => Self::#variant,));
    let default = match values.first() {
        Some((first, _, _)) => quote!(Self::#first),
        None => quote!(Self::#fallback(0)),
    };
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept exactly as received.
            #fallback(i64),
        }

        /// The first value the API lists, so that results holding one can be built with
        /// `Default` in tests.
        impl Default for #name {
            fn default() -> Self {
                #default
            }
        }

        impl #name {
            /// The value as it is written on the wire.
            pub fn as_i64(&self) -> i64 {
                match self {
                    #(#to_number)*
                    Self::#fallback(value) => *value,
                }
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #(#from_number)*
                    other => Self::#fallback(other),
                }
            }
        }

        support::impl_open_integer_enum!(#name);
    }
}

/// An enum with one variant per member, and a catch-all that keeps any other value. With a
/// discriminator the variant is chosen by the tag property; otherwise serde tries the variants
/// in order.
fn union_def(docs: &TokenStream, name: &proc_macro2::Ident, union: &Union) -> TokenStream {
    let fallback = ident(&union.fallback);
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let ty = rust_type(&variant.ty);
        let docs = doc_attrs(&match &variant.tag {
            Some(tag) => format!("The variant tagged `{tag}`."),
            None => format!("A `{}` value.", variant.rust_name),
        });
        quote!(#docs #variant_name(#ty),)
    });
    let fallback_variant = quote! {
        /// A value that matches none of the documented variants, kept as received.
        #fallback(serde_json::Value),
    };
    let default_impl = quote! {
        /// The catch-all holding `null`, so that results holding one can be built with
        /// `Default` in tests.
        impl Default for #name {
            fn default() -> Self {
                Self::#fallback(serde_json::Value::Null)
            }
        }
    };
    let Some(property) = &union.discriminator else {
        return quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #fallback_variant
            }

            #default_impl
        };
    };
    // A number is written with its type where the serializer takes any value.
    let tag = |variant: &crate::ir::UnionVariant, typed: bool| match variant
        .tag
        .as_ref()
        .expect("resolve tags every variant of a union with a discriminator")
    {
        WireValue::Integer(number) if typed => {
            let number = Literal::i64_suffixed(*number);
            quote!(#number)
        }
        WireValue::Integer(number) => {
            let number = Literal::i64_unsuffixed(*number);
            quote!(#number)
        }
        WireValue::String(text) => quote!(#text),
    };
    let serialize_arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let tag = tag(variant, true);
        quote!(Self::#variant_name(value) => support::serialize_tagged(serializer, #property, #tag, value),)
    });
    let deserialize_arms = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let tag = tag(variant, false);
        quote!(Some(#tag) => serde_json::from_value(value).map(Self::#variant_name),)
    });
    let read_tag = if union.has_integer_tags() {
        quote!(serde_json::Value::as_i64)
    } else {
        quote!(serde_json::Value::as_str)
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #fallback_variant
        }

        #default_impl

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                    Self::#fallback(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let variant = match value.get(#property).and_then(#read_tag) {
                    #(#deserialize_arms)*
                    _ => return Ok(Self::#fallback(value)),
                };
                variant.map_err(serde::de::Error::custom)
            }
        }
    }
}

/// `Validate` for a union in a request: the variants that are request types are checked.
fn union_validation(
    name: &proc_macro2::Ident,
    union: &Union,
    request_structs: &HashSet<&str>,
) -> TokenStream {
    let checked: Vec<_> = union
        .variants
        .iter()
        .filter(|variant| has_nested_request(&variant.ty, request_structs))
        .map(|variant| ident(&variant.rust_name))
        .collect();
    let body = match checked.as_slice() {
        [] => quote!(),
        [single] => quote! {
            if let Self::#single(value) = self {
                value.check(path, violations);
            }
        },
        several => quote! {
            match self {
                #(Self::#several(value) => value.check(path, violations),)*
                _ => {}
            }
        },
    };
    validate_impl(name, None, body)
}

fn field_docs(field: &Field) -> String {
    let mut docs = field
        .docs
        .clone()
        .unwrap_or_else(|| format!("The `{}` field.", field.wire_name));
    if let Some(note) = &field.deprecated {
        docs.push_str(&format!("\n\nDeprecated: {note}"));
    }
    docs
}

/// A constructor parameter: strings are taken as `impl Into<String>`.
pub(super) fn constructor_param(name: &str, ty: &TypeRef) -> TokenStream {
    let name = ident(name);
    match ty {
        TypeRef::String => quote!(#name: impl Into<String>),
        _ => {
            let ty = rust_type(ty);
            quote!(#name: #ty)
        }
    }
}

/// The tokens of a type, as [`TypeRef`]'s `Display` spells it for the change report too.
pub(super) fn rust_type(ty: &TypeRef) -> TokenStream {
    spelled(&ty.to_string())
}

/// The tokens of a field's type (`Option<T>`, `Nullable<T>`, ...), as [`Field::rust_type`]
/// spells it.
fn field_type(field: &Field) -> TokenStream {
    spelled(&field.rust_type())
}

fn spelled(spelling: &str) -> TokenStream {
    spelling
        .parse()
        .expect("the spelling of a type is Rust tokens")
}

/// The serde `rename_all` rule that reproduces most wire names from the Rust field names, so
/// that only the exceptions need a `rename` of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RenameRule {
    None,
    PascalCase,
    CamelCase,
}

impl RenameRule {
    fn best_for(fields: &[Field]) -> RenameRule {
        [
            RenameRule::None,
            RenameRule::PascalCase,
            RenameRule::CamelCase,
        ]
        .into_iter()
        .max_by_key(|rule| {
            let matches = fields
                .iter()
                .filter(|f| rule.apply(&f.rust_name) == f.wire_name)
                .count();
            // On a tie, prefer the earlier rule (no attribute at all).
            (matches, std::cmp::Reverse(*rule as u8))
        })
        .unwrap_or(RenameRule::None)
    }

    fn attribute(self) -> Option<TokenStream> {
        match self {
            RenameRule::None => None,
            RenameRule::PascalCase => Some(quote!(#[serde(rename_all = "PascalCase")])),
            RenameRule::CamelCase => Some(quote!(#[serde(rename_all = "camelCase")])),
        }
    }

    /// The wire name serde derives from a `snake_case` field name under this rule.
    fn apply(self, field: &str) -> String {
        let field = crate::names::unraw(field);
        match self {
            RenameRule::None => field.to_owned(),
            RenameRule::PascalCase | RenameRule::CamelCase => {
                let mut name = String::with_capacity(field.len());
                let mut capitalize = self == RenameRule::PascalCase;
                for c in field.chars() {
                    if c == '_' {
                        capitalize = true;
                    } else if capitalize {
                        name.extend(c.to_uppercase());
                        capitalize = false;
                    } else {
                        name.push(c);
                    }
                }
                name
            }
        }
    }
}
