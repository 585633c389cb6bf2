//! Parameters: the structs of optional parameters, and objects sent as parameters.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::models::{rust_type, setter};
use super::super::{doc_attrs, ident};
use crate::ir::{Api, ParameterLocation, TypeKind, TypeRef};

/// `ParamValue` for the structs and unions used as parameters: they are sent as JSON text
/// (strings and numbers as themselves), since the `deepObject` and exploded `form` styles are
/// not implemented.
pub(super) fn object_param_impls(api: &Api) -> TokenStream {
    let mut names: Vec<&str> = api
        .operations
        .iter()
        .flat_map(|operation| &operation.parameters)
        .filter_map(|parameter| match &parameter.ty {
            TypeRef::Named(name) => Some(name.as_str()),
            TypeRef::Array(item) => match item.as_ref() {
                TypeRef::Named(name) => Some(name.as_str()),
                _ => None,
            },
            _ => None,
        })
        .filter(|name| {
            api.types.iter().any(|def| {
                def.name == *name && matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_))
            })
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    let impls = names.into_iter().map(|name| {
        let name = ident(name);
        quote! {
            impl ParamValue for #name {
                fn write(&self, out: &mut Vec<String>) {
                    json_param(self, out);
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// The structs of optional parameters, one per operation that has any.
pub(super) fn params_structs(api: &Api) -> TokenStream {
    let structs = api.operations.iter().filter_map(|operation| {
        let name = format_ident!("{}", operation.params_struct.as_ref()?);
        let docs = doc_attrs(&format!(
            "The optional parameters of [`Client::{}`].",
            operation.name
        ));
        let optional: Vec<_> = operation
            .parameters
            .iter()
            .filter(|p| !p.required)
            .map(|parameter| {
                let text = format!(
                    "`{}` ({}). {}",
                    parameter.wire_name,
                    match parameter.location {
                        ParameterLocation::Header => "header",
                        ParameterLocation::Cookie => "cookie",
                        _ => "query",
                    },
                    parameter.docs.as_deref().unwrap_or_default()
                );
                (parameter, text)
            })
            .collect();
        let fields = optional.iter().map(|(parameter, text)| {
            let field = ident(&parameter.rust_name);
            let ty = rust_type(&parameter.ty);
            let docs = doc_attrs(text);
            quote!(#docs pub #field: Option<#ty>,)
        });
        let setters = optional.iter().map(|(parameter, text)| {
            let name = &parameter.rust_name;
            setter(name, &parameter.wire_name, text, &parameter.ty, true, None)
        });
        Some(quote! {
            #docs
            #[derive(Debug, Clone, Default, PartialEq)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }

            impl #name {
                #(#setters)*
            }
        })
    });
    quote!(#(#structs)*)
}
