//! The `Error` enum: one variant per documented error status, and how responses map to it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::super::models::rust_type;
use super::super::{doc_attrs, ident};
use crate::ir::{Errors, TypeRef};

/// `Client::error`: the variant for a non-success response.
pub(super) fn mapping(errors: &Errors) -> TokenStream {
    let arms = errors.statuses.iter().map(|variant| {
        let status = &variant.status;
        let status = Literal::u16_unsuffixed(*status);
        let name = ident(&variant.variant);
        let decoded = decode_error_body(&variant.body);
        if variant.retry_after {
            quote! {
                #status => #decoded.map(|error| Error::#name {
                    retry_after: response.retry_after,
                    error: Box::new(error),
                }),
            }
        } else {
            quote!(#status => #decoded.map(|error| Error::#name(Box::new(error))),)
        }
    });
    let fallback_decoded = decode_error_body(&errors.fallback_body);
    let fallback = quote!(#fallback_decoded.map(|error| Error::UnexpectedStatus(Box::new(error))));
    // Without documented statuses a `match` would have the fallback arm alone.
    let decoded = if errors.statuses.is_empty() {
        fallback
    } else {
        quote! {
            match response.status {
                #(#arms)*
                _ => #fallback,
            }
        }
    };
    quote! {
        /// The error for a response that is not a success.
        pub(crate) fn error(&self, response: RawResponse) -> Error {
            let transport = &self.inner.transport;
            let error = #decoded;
            error.unwrap_or_else(Error::Decode)
        }
    }
}

/// The `Error` enum: a variant per documented status beside the failures every client has,
/// `Error::response`, which the runtime's `client/error.rs` reads the status, request id and
/// message of those variants from, and `Error::retry_after`.
pub(super) fn error_enum(errors: &Errors) -> TokenStream {
    let variants = errors.statuses.iter().map(|variant| {
        let status = &variant.status;
        let name = ident(&variant.variant);
        let body = rust_type(&variant.body);
        let docs = doc_attrs(&format!(
            "`{status}`: {}",
            variant
                .docs
                .as_deref()
                .unwrap_or("documented error status.")
        ));
        if variant.retry_after {
            quote! {
                #docs
                #name {
                    /// The status, request id and error body.
                    error: Box<ApiError<#body>>,
                    /// How long the server asks to wait before the next request (`Retry-After`).
                    retry_after: Option<Duration>,
                },
            }
        } else {
            quote!(#docs #name(Box<ApiError<#body>>),)
        }
    });
    let fallback_body = rust_type(&errors.fallback_body);
    let response_arms = errors.statuses.iter().map(|variant| {
        let name = ident(&variant.variant);
        if variant.retry_after {
            quote!(Error::#name { error, .. } => Some(&**error),)
        } else {
            quote!(Error::#name(error) => Some(&**error),)
        }
    });
    let retry_after_arms: Vec<TokenStream> = errors
        .statuses
        .iter()
        .filter(|variant| variant.retry_after)
        .map(|variant| {
            let name = ident(&variant.variant);
            quote!(Error::#name { retry_after, .. } => *retry_after,)
        })
        .collect();
    // Without a status that documents `Retry-After` there is nothing to match.
    let retry_after_body = if retry_after_arms.is_empty() {
        quote!(None)
    } else {
        quote! {
            match self {
                #(#retry_after_arms)*
                _ => None,
            }
        }
    };
    quote! {
        /// Everything a call can fail with. Nothing in the client panics on a response:
        /// whatever the server sends ends up here. Error responses are boxed to keep
        /// `Result`s small.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Error {
            #(#variants)*
            /// A status the spec does not document for any operation.
            UnexpectedStatus(Box<ApiError<#fallback_body>>),
            /// A success status the operation documents without a body (such as `204 No
            /// Content`), so there is no result to return.
            NoContent {
                /// The HTTP status.
                status: u16,
                /// The `Request-Id` header of the response.
                request_id: Option<String>,
            },
            /// No response arrived within the timeout.
            Timeout,
            /// The request could not be sent or the response not received.
            Transport(reqwest::Error),
            /// The response body is not the documented JSON.
            Decode(DecodeError),
            /// The response body is longer than the client accepts
            /// ([`ClientBuilder::max_response_body`]); it was not read further.
            BodyTooLarge(BodyTooLarge),
            /// The request could not be serialized.
            Encode(serde_json::Error),
            /// The request breaks a limit of the spec; nothing was sent.
            Validation(ValidationError),
            /// While walking the pages of `operation`, the server returned a cursor it had
            /// already returned; the walk stopped rather than loop.
            RepeatedCursor {
                /// The paginated operation.
                operation: &'static str,
                /// The cursor that came back.
                cursor: String,
            },
        }

        impl Error {
            /// The error response of the variants of a status.
            fn response(&self) -> Option<&dyn ErrorResponse> {
                match self {
                    #(#response_arms)*
                    Error::UnexpectedStatus(error) => Some(&**error),
                    _ => None,
                }
            }

            /// How long the server asked to wait before the next request.
            pub fn retry_after(&self) -> Option<Duration> {
                #retry_after_body
            }
        }
    }
}

/// Reads an error body of type `body` from `response`, as a `Result<ApiError<_>, DecodeError>`.
fn decode_error_body(body: &TypeRef) -> TokenStream {
    match body {
        TypeRef::Bytes => quote!(Ok::<_, DecodeError>(response.raw_api_error(transport))),
        _ => quote!(response.api_error(transport)),
    }
}

/// `ErrorBody` for every named error body type: the message is its `message` field, if any.
pub(super) fn error_body_impls(errors: &Errors) -> TokenStream {
    let impls = errors.bodies.iter().map(|body| {
        let message = match &body.message {
            Some(field) => {
                let name = ident(&field.rust_name);
                if field.optional {
                    quote!(self.#name.as_deref())
                } else {
                    quote!(Some(&self.#name))
                }
            }
            None => quote!(None),
        };
        let name = ident(&body.name);
        quote! {
            impl ErrorBody for #name {
                fn message(&self) -> Option<&str> {
                    #message
                }
            }
        }
    });
    quote!(#(#impls)*)
}
