//! Request bodies: the method's body argument and how the body is written (JSON, a form, a
//! multipart form, raw bytes), as the model decided.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::super::ident;
use super::super::models::rust_type;
use super::params::style_tokens;
use crate::ir::{BodyEncoding, CommonField, Operation, PartKind, RequestUnion};

/// The emitted pieces of a request body.
pub(super) struct Body {
    /// The method's argument (`request: &T`, `body: Vec<u8>`), if it takes a body.
    pub parameter: Option<TokenStream>,
    /// Statements that build the body before the call.
    pub prepare: TokenStream,
    /// The builder call that sets the body (`.body(..)`).
    pub call: TokenStream,
    /// For an optional body: the argument, which is bound to its value when set.
    pub optional: Option<Ident>,
}

pub(super) fn request_body(operation: &Operation, common_optional: &[&CommonField]) -> Body {
    let Some(request) = &operation.request else {
        return Body {
            parameter: None,
            prepare: quote!(),
            call: quote!(),
            optional: None,
        };
    };
    let media_type = operation
        .request_media_type
        .as_deref()
        .unwrap_or("application/octet-stream");
    let (name, ty) = match operation.request_encoding {
        BodyEncoding::Raw => (format_ident!("body"), quote!(Vec<u8>)),
        _ => {
            let ty = rust_type(request);
            (format_ident!("request"), quote!(&#ty))
        }
    };
    let parameter = if operation.request_optional {
        quote!(#name: Option<#ty>)
    } else {
        quote!(#name: #ty)
    };
    let validate = quote!(#name.validate().map_err(Error::Validation)?;);
    let (prepare, call) = match &operation.request_encoding {
        BodyEncoding::Raw => (quote!(), quote!(.body(body, #media_type))),
        BodyEncoding::Json => {
            let unset = common_optional
                .iter()
                .map(|field| unset_setting(operation.request_union.as_ref(), field));
            (
                quote!(),
                quote!(.body(self.json_body(request, self.inner.common.body(#(#unset),*))?, #media_type)),
            )
        }
        BodyEncoding::Form { fields } => {
            let styles = fields.iter().map(|field| {
                let wire_name = &field.wire_name;
                let style = style_tokens(field.style);
                quote!((#wire_name, #style))
            });
            (
                quote! {
                    #validate
                    let form = http::form_body(request, &[#(#styles),*]);
                },
                quote!(.body(form, #media_type)),
            )
        }
        BodyEncoding::Multipart { fields } => {
            let parts = fields.iter().map(|field| {
                let wire_name = &field.wire_name;
                let field_name = ident(&field.rust_name);
                let content_type = match &field.content_type {
                    Some(content_type) => quote!(Some(#content_type)),
                    None => quote!(None),
                };
                let method = match field.part {
                    PartKind::Text => format_ident!("text"),
                    PartKind::Json => format_ident!("json"),
                    PartKind::File => format_ident!("files"),
                };
                quote!(form.#method(#wire_name, &request.#field_name, #content_type);)
            });
            (
                quote! {
                    #validate
                    let mut form = http::Multipart::new();
                    #(#parts)*
                    let (form, content_type) = form.finish();
                },
                quote!(.body(form, content_type)),
            )
        }
    };
    Body {
        parameter: Some(parameter),
        prepare,
        call,
        optional: operation.request_optional.then_some(name),
    }
}

/// Whether the request leaves the client setting `field` unset, so that the client's default is
/// sent: read from its field, or from whichever variant a union body is.
fn unset_setting(union: Option<&RequestUnion>, field: &CommonField) -> TokenStream {
    let name = ident(&field.rust_name);
    let unset = if field.three_state {
        quote!(request.#name.is_absent())
    } else {
        quote!(request.#name.is_none())
    };
    let Some(union) = union else {
        return unset;
    };
    let ty = ident(&union.name);
    let variants = union.variants.iter().map(|variant| ident(variant));
    let fallback = ident(&union.fallback);
    let wire_name = &field.wire_name;
    quote! {
        match request {
            #(#ty::#variants(request) => #unset,)*
            #ty::#fallback(value) => value.get(#wire_name).is_none_or(serde_json::Value::is_null),
        }
    }
}

/// Whether requests are validated in the methods themselves (forms and multipart forms).
pub(super) fn validates_in_methods(operations: &[Operation]) -> bool {
    operations.iter().any(|operation| {
        operation.request.is_some()
            && matches!(
                operation.request_encoding,
                BodyEncoding::Form { .. } | BodyEncoding::Multipart { .. }
            )
    })
}

/// The argument passing a request to the one-call method: `&request`, or `Some(&request)`
/// for an optional body.
pub(crate) fn request_argument(operation: &Operation, request: TokenStream) -> TokenStream {
    if operation.request_optional {
        quote!(Some(&#request))
    } else {
        quote!(&#request)
    }
}
