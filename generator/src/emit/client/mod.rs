//! Emits `client.rs`: the client builder, one async method per operation, and the error type
//! with one variant per documented status.

mod bodies;
mod builder;
mod errors;
mod methods;
mod pagination;
mod params;

pub(super) use bodies::request_argument;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::imports::{self, use_items, Use};
use super::{doc_attrs, features, ident, inner_doc_attrs};
use crate::ir::{Api, CommonField, Feature, Operation, ParameterLocation};

/// The files of the client: `client.rs` (`None`), and when the API is split into features one
/// module per feature with operations (`client/<module>.rs`), with the methods of its
/// operations.
pub fn files(api: &Api) -> Vec<Option<&Feature>> {
    let mut files = vec![None];
    files.extend(
        api.features
            .iter()
            .filter(|feature| !operations_of(api, Some(feature)).is_empty())
            .map(Some),
    );
    files
}

/// The path and tokens of one of the [`files`]. `crate_path` is the generated crate's name in Rust, which
/// documentation examples import; `usage_example` shows how to configure a client.
pub fn file(
    api: &Api,
    feature: Option<&Feature>,
    crate_path: &str,
    usage_example: Option<&str>,
) -> (String, TokenStream) {
    let operations = operations_of(api, feature);
    let common_optional: Vec<&CommonField> = api
        .common_fields
        .iter()
        .filter(|field| !field.required)
        .collect();
    let methods = operations
        .iter()
        .map(|operation| methods::operation_method(operation, &common_optional, crate_path));
    let params_structs = params::params_structs(&operations);
    let Some(feature) = feature else {
        return (
            "src/client.rs".to_owned(),
            client_rs(api, methods, params_structs, usage_example),
        );
    };
    let docs = inner_doc_attrs(&format!(
        "The methods of the `{}` feature. {}",
        feature.name, feature.docs
    ));
    (
        format!("src/client/{}.rs", feature.module),
        quote! {
            #docs

            use super::*;

            impl Client {
                #(#methods)*
            }

            #params_structs
        },
    )
}

/// The operations of a feature, or those always compiled.
fn operations_of<'a>(api: &'a Api, feature: Option<&Feature>) -> Vec<&'a Operation> {
    let name = feature.map(|feature| feature.name.as_str());
    api.operations
        .iter()
        .filter(|operation| operation.feature.as_deref() == name)
        .collect()
}

/// `client.rs`: the builder, the `Error` type, the helpers of the methods, the modules of the
/// features, and `operations`, the methods of the operations always compiled.
fn client_rs(
    api: &Api,
    operations: impl Iterator<Item = TokenStream>,
    params_structs: TokenStream,
    usage_example: Option<&str>,
) -> TokenStream {
    let servers = api.servers.iter().map(|server| {
        let name = ident(&server.name);
        let url = &server.url;
        let docs = doc_attrs(
            server
                .description
                .as_deref()
                .unwrap_or("A server of the API."),
        );
        quote!(#docs pub const #name: &str = #url;)
    });
    let builder = builder::builder(api, usage_example);
    let modules = files(api).into_iter().flatten().map(|feature| {
        let module = ident(&feature.module);
        let gate = features::gate(Some(&feature.name));
        let params_names: Vec<_> = operations_of(api, Some(feature))
            .into_iter()
            .filter_map(|operation| operation.params_struct.as_deref())
            .map(ident)
            .collect();
        let reexport = (!params_names.is_empty()).then(|| {
            quote! {
                #gate
                pub use #module::{#(#params_names),*};
            }
        });
        quote! {
            #gate
            mod #module;
            #reexport
        }
    });
    let error_mapping = errors::mapping(&api.errors);
    let error_enum = errors::error_enum(&api.errors);
    let error_bodies = errors::error_body_impls(&api.errors);
    let has_path_parameters = api.operations.iter().any(|op| {
        op.parameters
            .iter()
            .any(|p| p.location == ParameterLocation::Path)
    });
    let page_impls = pagination::page_impls(api);
    // Styles, forms and multipart bodies are named through the module.
    let names_http = api.operations.iter().any(|op| !op.parameters.is_empty())
        || bodies::validates_in_methods(&api.operations);
    let mut http_imports = names_http.then_some("self").into_iter().collect::<Vec<_>>();
    http_imports.extend(["ApiError", "BodyTooLarge", "DecodeError", "Endpoint"]);
    if !error_bodies.is_empty() {
        http_imports.push("ErrorBody");
    }
    http_imports.extend(["ErrorResponse", "RawResponse", "Request", "Secret"]);
    if has_path_parameters {
        http_imports.push("path_value");
    }
    // The types the methods spell (those of the features too, which import these), and those
    // of the common fields.
    let mut support = BTreeSet::from(["ValidationError"]);
    if bodies::validates_in_methods(&api.operations) {
        support.insert("Validate");
    }
    for ty in api
        .operations
        .iter()
        .flat_map(Operation::types)
        .chain(api.common_fields.iter().map(|field| &field.ty))
    {
        imports::support_names(ty, &mut support);
    }
    let paginated = api.is_paginated();
    let imports = use_items([
        Use::new("std::time", ["Duration"]),
        Use::new("futures::stream", paginated.then_some("BoxStream")),
        Use::new(
            "crate::pagination",
            paginated
                .then_some(["self", "Page", "PageRequest"])
                .into_iter()
                .flatten(),
        ),
        Use::new("serde", ["Serialize"]),
        Use::new("crate::http", http_imports),
        Use::new("crate::models", (!api.types.is_empty()).then_some("*")),
        Use::new("crate::support", support),
        Use::public("base", ["Client", "ClientBuilder"]),
    ]);
    let allow_unused = features::allow_without_all(api, quote!(unused_imports, dead_code))
        .map(|allow| quote!(#![#allow]));
    quote! {
        //! The client: one method per operation of the API.
        #allow_unused

        mod base;
        mod error;

        #imports

        #(#modules)*

        #(#servers)*

        #builder

        impl Client {
            #(#operations)*

            #error_mapping
        }

        #error_enum

        #error_bodies

        #params_structs

        #page_impls
    }
}
