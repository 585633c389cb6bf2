//! Emits `client.rs`: the client builder, one async method per operation, and the error type
//! with one variant per documented status.

mod bodies;
mod builder;
mod errors;
mod methods;
mod pagination;
mod params;

pub(super) use bodies::request_argument;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, features, inner_doc_attrs};
use crate::ir::{Api, CommonField, Feature, Operation, ParameterLocation, TypeRef};

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

/// The path and tokens of one of the [`files`]. `crate_name` is the generated crate, which
/// documentation examples import; `usage_example` shows how to configure a client.
pub fn file(
    api: &Api,
    feature: Option<&Feature>,
    crate_name: &str,
    usage_example: Option<&str>,
) -> (String, TokenStream) {
    let operations = operations_of(api, feature);
    let common_optional: Vec<&CommonField> = api
        .common_fields
        .iter()
        .filter(|field| !field.required)
        .collect();
    let has_common = !api.common_fields.is_empty();
    let methods = operations.iter().map(|operation| {
        methods::operation_method(operation, &common_optional, has_common, crate_name)
    });
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
        let name = format_ident!("{}", server.name);
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
        let module = format_ident!("{}", feature.module);
        let gate = features::gate(Some(&feature.name));
        let params_names: Vec<_> = operations_of(api, Some(feature))
            .into_iter()
            .filter_map(|operation| operation.params_struct.as_deref())
            .map(|name| format_ident!("{}", name))
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
    let has_json_requests = bodies::has_json_requests(&api.operations);
    let validates = has_json_requests || bodies::validates_in_methods(&api.operations);
    let has_json_results = api.operations.iter().any(|op| {
        op.responses
            .iter()
            .any(|r| r.is_success() && r.body.as_ref().is_some_and(|ty| *ty != TypeRef::Bytes))
    });
    let has_path_parameters = api.operations.iter().any(|op| {
        op.parameters
            .iter()
            .any(|p| p.location == ParameterLocation::Path)
    });
    let stream_imports = api.errors.repeated_cursor.then(|| {
        quote! {
            use futures::stream::BoxStream;
            use crate::pagination::{self, Page, PageRequest};
        }
    });
    let page_impls = pagination::page_impls(api);
    let json_imports = has_json_requests.then(|| {
        quote!(
            use serde::Serialize;
        )
    });
    // Styles, forms and multipart bodies are named through the module.
    let has_events = api.operations.iter().any(|op| op.events.is_some());
    let names_http = api.operations.iter().any(|op| !op.parameters.is_empty())
        || bodies::validates_in_methods(&api.operations)
        || has_events;
    let mut http_imports = names_http.then_some("self").into_iter().collect::<Vec<_>>();
    http_imports.extend(["ApiError", "BodyTooLarge", "DecodeError", "Endpoint"]);
    if !error_bodies.is_empty() {
        http_imports.push("ErrorBody");
    }
    http_imports.extend(["RateLimit", "RawResponse", "Request", "RetryPolicy"]);
    if api.common_fields.iter().any(|field| field.secret) {
        http_imports.push("Secret");
    }
    http_imports.extend(["Settings", "Transport", "TransportError"]);
    if has_path_parameters {
        http_imports.push("path_value");
    }
    let http_imports = http_imports
        .into_iter()
        .map(|name| format_ident!("{}", name));
    let models_import = (!api.types.is_empty()).then(|| {
        quote!(
            use crate::models::*;
        )
    });
    let uses_date = api
        .operations
        .iter()
        .flat_map(|op| op.parameters.iter().map(|p| &p.ty))
        .chain(api.common_fields.iter().map(|field| &field.ty))
        .any(mentions_date);
    let support_imports = uses_date
        .then_some("Date")
        .into_iter()
        .chain(validates.then_some("Validate"))
        .chain(["ValidationError"])
        .map(|name| format_ident!("{}", name));
    let json_body = match (has_json_requests, api.common_fields.is_empty()) {
        (false, _) => None,
        (true, true) => Some(quote! {
            /// Validates a request and serializes it.
            fn json_body(&self, request: &(impl Serialize + Validate)) -> Result<Vec<u8>, Error> {
                request.validate().map_err(Error::Validation)?;
                serde_json::to_vec(request).map_err(Error::Encode)
            }
        }),
        (true, false) => Some(quote! {
            /// Validates a request and serializes it after the common fields, as one object.
            fn json_body(&self, request: &(impl Serialize + Validate), common: CommonBody<'_>) -> Result<Vec<u8>, Error> {
                request.validate().map_err(Error::Validation)?;
                let mut body = serde_json::to_vec(&common).map_err(Error::Encode)?;
                let request = serde_json::to_vec(request).map_err(Error::Encode)?;
                // Both are JSON objects (`{...}`); splicing the bytes avoids building a tree.
                match (body.len(), request.len()) {
                    (_, 0..=2) => Ok(body),
                    (0..=2, _) => Ok(request),
                    _ => {
                        body.pop();
                        body.push(b',');
                        body.extend_from_slice(&request[1..]);
                        Ok(body)
                    }
                }
            }
        }),
    };
    let result = has_json_results.then(|| {
        quote! {
            /// Reads the result of a successful response.
            fn result<T: serde::de::DeserializeOwned>(&self, response: &RawResponse) -> Result<T, Error> {
                response.json(&self.inner.transport).map_err(Error::Decode)
            }
        }
    });
    let events = has_events.then(|| {
        quote! {
            /// Opens a stream of server-sent events, or reads the error response.
            async fn events<T: serde::de::DeserializeOwned + Send + 'static>(
                &self,
                endpoint: &Endpoint,
                request: &Request,
            ) -> Result<futures::stream::BoxStream<'static, Result<http::sse::Event<T>, Error>>, Error> {
                match self.inner.transport.open_events::<T>(endpoint, request).await? {
                    http::sse::Opened::Events(events) => {
                        let events = futures::TryStreamExt::map_err(events, |error| match error {
                            http::sse::EventError::Transport(error) => Error::from(error),
                            http::sse::EventError::Decode(error) => Error::Decode(error),
                        });
                        Ok(futures::StreamExt::boxed(events))
                    }
                    http::sse::Opened::Response(response) => Err(self.error(response)),
                }
            }
        }
    });
    let allow_unused = features::allow_without_all(api, quote!(unused_imports, dead_code))
        .map(|allow| quote!(#![#allow]));
    quote! {
        //! The client: one method per operation of the API.
        #allow_unused

        use std::sync::Arc;
        use std::time::Duration;

        #stream_imports
        #json_imports
        use crate::http::{#(#http_imports),*};
        #models_import
        use crate::support::{#(#support_imports),*};

        #(#modules)*

        #(#servers)*

        #builder

        impl Client {
            #(#operations)*

            #json_body

            #result

            #events

            #error_mapping
        }

        #error_enum

        #error_bodies

        #params_structs

        #page_impls
    }
}

fn mentions_date(ty: &TypeRef) -> bool {
    ty.walk().any(|ty| *ty == TypeRef::Date)
}
