//! One async method per operation.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::super::models::rust_type;
use super::super::{doc_attrs, ident};
use super::bodies::request_body;
use super::pagination;
use super::params::style_tokens;
use crate::ir::{CommonField, Operation, ParameterLocation, PathSegment, TypeRef};

/// `common_optional` names the optional common fields, which a request may set itself.
pub(super) fn operation_method(
    operation: &Operation,
    common_optional: &[&CommonField],
    crate_path: &str,
) -> TokenStream {
    let name = ident(&operation.name);
    let mut docs = String::new();
    if let Some(summary) = &operation.summary {
        let stop = if summary.ends_with(['.', '!', '?', ':']) {
            ""
        } else {
            "."
        };
        docs.push_str(&format!("{summary}{stop}\n\n"));
    }
    if operation.restricted {
        docs.push_str(
            "**Restricted**: the API offers this operation as a beta test, subject to change \
             (ask the API's provider for access before relying on it).\n\n",
        );
    }
    if let Some(description) = &operation.docs {
        docs.push_str(&format!("{description}\n\n"));
    }
    docs.push_str(&format!("`{} {}`", operation.method, operation.path));
    if !operation.idempotent {
        docs.push_str(". Not idempotent: with the default retry policy it is retried only after `429 Too Many Requests`, never after a timeout or server error");
    }
    if let Some(feature) = &operation.feature {
        docs.push_str(&format!(". Compiled with the `{feature}` feature"));
    }
    let docs_text = format!("{docs}.");
    let docs = doc_attrs(&docs_text);
    let endpoint_name = &operation.name;
    let method = ident(&operation.method);
    let path = &operation.path;
    let idempotent = operation.idempotent;
    let success_body = operation.result.as_ref();
    let result_type = success_body.map_or_else(|| quote!(()), rust_type);

    let mut params: Vec<TokenStream> = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.required)
        .map(|parameter| {
            let name = ident(&parameter.rust_name);
            let ty = match &parameter.ty {
                TypeRef::String => quote!(str),
                ty => rust_type(ty),
            };
            quote!(#name: &#ty)
        })
        .collect();
    if let Some(params_struct) = &operation.params_struct {
        let params_type = ident(params_struct);
        params.push(quote!(params: &#params_type));
    }
    let body = request_body(operation, common_optional);
    if let Some(parameter) = &body.parameter {
        params.push(parameter.clone());
    }
    let path_expr = path_expression(operation);
    let parameters = operation
        .parameters
        .iter()
        .filter(|parameter| parameter.location != ParameterLocation::Path)
        .map(|parameter| {
            let wire_name = &parameter.wire_name;
            let name = ident(&parameter.rust_name);
            let value = if parameter.required {
                quote!(#name)
            } else {
                quote!(&params.#name)
            };
            let style = style_tokens(parameter.style);
            match parameter.location {
                ParameterLocation::Header => quote!(.header(#wire_name, #value, #style)),
                ParameterLocation::Cookie => quote!(.cookie(#wire_name, #value, #style)),
                _ => quote!(.query(#wire_name, #value, #style)),
            }
        });
    let prepare = &body.prepare;
    let call = &body.call;
    let request = match &body.optional {
        None => quote! {
            #prepare
            let request = Request::new(#path_expr) #(#parameters)* #call;
        },
        Some(binding) => quote! {
            let mut call = Request::new(#path_expr) #(#parameters)*;
            if let Some(#binding) = #binding {
                #prepare
                call = call #call;
            }
            let request = call;
        },
    };
    let no_content: Vec<Literal> = operation
        .no_content_statuses
        .iter()
        .map(|&status| Literal::u16_unsuffixed(status))
        .collect();
    let no_content_arm = (!no_content.is_empty()).then(|| {
        quote! {
            #(#no_content)|* => Err(Error::NoContent {
                status: response.status,
                request_id: response.request_id,
            }),
        }
    });
    let success_arm = match success_body {
        Some(TypeRef::Bytes) => quote!(200..=299 => Ok(response.body.to_vec()),),
        Some(_) => quote!(200..=299 => self.result(&response),),
        None => quote!(200..=299 => Ok(()),),
    };
    let deprecated = operation
        .deprecated
        .as_deref()
        .map(|note| quote!(#[deprecated = #note]));
    let pagination = pagination::pagination_methods(operation, crate_path);
    let endpoint = quote! {
        const ENDPOINT: Endpoint = Endpoint {
            name: #endpoint_name,
            method: reqwest::Method::#method,
            path: #path,
            idempotent: #idempotent,
        };
    };
    // The statuses without a body come before the range of successes they are part of; clippy
    // calls one at the range's bound (`200 =>` before `200..=299 =>`) an overlap.
    let overlapping = operation
        .no_content_statuses
        .iter()
        .any(|status| matches!(status, 200 | 299))
        .then(|| quote!(#[allow(clippy::match_overlapping_arm)]));
    let one_result = quote! {
        #docs
        #deprecated
        #overlapping
        pub async fn #name(&self, #(#params),*) -> Result<#result_type, Error> {
            #endpoint
            #request
            let response = self.inner.transport.send(&ENDPOINT, &request).await?;
            match response.status {
                #no_content_arm
                #success_arm
                _ => Err(self.error(response)),
            }
        }
    };
    let Some(events) = &operation.events else {
        return quote!(#one_result #pagination);
    };
    let events_method = ident(&events.method);
    let data = rust_type(&events.data);
    let stream = "The response is a stream of server-sent events: the method returns once the API \
         answers, and the stream yields each event as it arrives, and ends with the response (or \
         at a `data: [DONE]` event). An error response is returned as the method's error.";
    let events_docs = if events.separate {
        doc_attrs(&format!(
            "[`Client::{}`] as a stream of server-sent events (`text/event-stream`), each event's \
             data a `{}`. The request must ask the API for a stream where it has such a setting \
             (`stream: true`).\n\n{stream}",
            operation.name, events.data
        ))
    } else {
        doc_attrs(&format!("{}\n\n{stream}", docs_text))
    };
    let events_method = quote! {
        #events_docs
        #deprecated
        pub async fn #events_method(&self, #(#params),*) -> Result<futures::stream::BoxStream<'static, Result<crate::sse::Event<#data>, Error>>, Error> {
            #endpoint
            #request
            self.events(&ENDPOINT, &request).await
        }
    };
    if events.separate {
        quote!(#one_result #events_method #pagination)
    } else {
        quote!(#events_method #pagination)
    }
}

/// The path of a call: the template itself, or a `format!` that fills in the path parameters.
fn path_expression(operation: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut arguments = Vec::new();
    for segment in &operation.path_segments {
        match segment {
            PathSegment::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"));
            }
            PathSegment::Parameter(wire_name) => {
                let parameter = operation
                    .parameters
                    .iter()
                    .find(|p| p.location == ParameterLocation::Path && p.wire_name == *wire_name)
                    .expect("resolve checks that every placeholder names a path parameter");
                template.push_str("{}");
                let name = ident(&parameter.rust_name);
                let style = style_tokens(parameter.style);
                arguments.push(quote!(path_value(#name, #style)));
            }
        }
    }
    if arguments.is_empty() {
        return quote!(ENDPOINT.path);
    }
    quote!(format!(#template, #(#arguments),*))
}
