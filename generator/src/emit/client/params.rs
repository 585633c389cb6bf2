//! Parameters: the structs of optional parameters, and objects sent as parameters.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::models::{rust_type, setter, Wrap};
use super::super::{doc_attrs, ident};
use crate::ir::{Operation, ParameterLocation, Style};

/// The transport's `Style` of a parameter or form field.
pub(super) fn style_tokens(style: Style) -> TokenStream {
    let style = match style {
        Style::Form => quote!(Form),
        Style::FormCompact => quote!(FormCompact),
        Style::SpaceDelimited => quote!(SpaceDelimited),
        Style::PipeDelimited => quote!(PipeDelimited),
        Style::DeepObject => quote!(DeepObject),
        Style::Simple => quote!(Simple),
        Style::SimpleExploded => quote!(SimpleExploded),
        Style::Label { explode } => quote!(Label { explode: #explode }),
        Style::Matrix { explode } => quote!(Matrix { explode: #explode }),
    };
    quote!(http::Style::#style)
}

/// The structs of optional parameters, one per operation that has any.
pub(super) fn params_structs(operations: &[&Operation]) -> TokenStream {
    let structs = operations.iter().filter_map(|operation| {
        let name = ident(operation.params_struct.as_ref()?);
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
        let setters = optional.iter().filter_map(|(parameter, text)| {
            Some(setter(
                &parameter.rust_name,
                parameter.setter.as_deref()?,
                &parameter.wire_name,
                text,
                &parameter.ty,
                Wrap::Some,
                None,
            ))
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
