//! The common body fields the client builder collects: what of the builder varies per API.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::models::{constructor_param, rust_type};
use super::super::{doc_attrs, ident};
use crate::ir::{Api, BodyEncoding, CommonField, TypeRef};

/// The fields every request carries (`CommonFields`), how the client's builder starts with
/// them, and the setters of their defaults; the rest of the builder is the runtime's.
pub(super) fn builder(api: &Api, usage_example: Option<&str>) -> TokenStream {
    let required: Vec<&CommonField> = api
        .common_fields
        .iter()
        .filter(|field| field.required)
        .collect();
    let optional: Vec<&CommonField> = api
        .common_fields
        .iter()
        .filter(|field| !field.required)
        .collect();
    let field_type = |field: &CommonField| match (field.secret, &field.ty) {
        (true, _) => quote!(Secret),
        (false, ty) => rust_type(ty),
    };
    let stored = api.common_fields.iter().map(|field| {
        let name = ident(&field.rust_name);
        let ty = field_type(field);
        if field.required {
            quote!(#name: #ty,)
        } else {
            quote!(#name: Option<#ty>,)
        }
    });
    let params: Vec<TokenStream> = required
        .iter()
        .map(|field| constructor_param(&field.rust_name, &field.ty))
        .collect();
    let param_names: Vec<_> = required
        .iter()
        .map(|field| ident(&field.rust_name))
        .collect();
    let initializers = api.common_fields.iter().map(|field| {
        let name = ident(&field.rust_name);
        match (field.required, field.secret, &field.ty) {
            (false, _, _) => quote!(#name: None),
            (true, true, _) => quote!(#name: Secret::new(#name)),
            (true, false, TypeRef::String) => quote!(#name: #name.into()),
            (true, false, _) => quote!(#name),
        }
    });
    let setters = optional.iter().map(|field| {
        let name = ident(&field.rust_name);
        let docs = doc_attrs(&format!(
            "Sends `{}` with every request that does not set it itself.\n\n{}",
            field.wire_name,
            field.docs.as_deref().unwrap_or_default()
        ));
        let (param, value) = match (&field.ty, field.secret) {
            (TypeRef::String, true) => (quote!(impl Into<String>), quote!(Secret::new(#name))),
            (TypeRef::String, false) => (quote!(impl Into<String>), quote!(#name.into())),
            (ty, _) => (rust_type(ty), quote!(#name)),
        };
        quote! {
            #docs
            pub fn #name(mut self, #name: #param) -> Self {
                self.common.#name = Some(#value);
                self
            }
        }
    });
    let body_fields = api.common_fields.iter().map(|field| {
        let name = ident(&field.rust_name);
        let wire_name = &field.wire_name;
        let ty = match (field.secret, &field.ty) {
            (true, _) | (false, TypeRef::String) => quote!(&'a str),
            (false, ty) => {
                let ty = rust_type(ty);
                quote!(&'a #ty)
            }
        };
        if field.required {
            quote!(#[serde(rename = #wire_name)] #name: #ty,)
        } else {
            quote!(#[serde(rename = #wire_name, skip_serializing_if = "Option::is_none")] #name: Option<#ty>,)
        }
    });
    let optional_names: Vec<_> = optional
        .iter()
        .map(|field| ident(&field.rust_name))
        .collect();
    let body_values = api.common_fields.iter().map(|field| {
        let name = ident(&field.rust_name);
        match (field.required, field.secret, &field.ty) {
            (true, true, _) => quote!(#name: self.#name.expose()),
            (true, false, _) => quote!(#name: &self.#name),
            (false, true, _) => {
                quote!(#name: self.#name.as_ref().map(Secret::expose).filter(|_| #name))
            }
            (false, false, TypeRef::String) => {
                quote!(#name: self.#name.as_deref().filter(|_| #name))
            }
            (false, false, _) => quote!(#name: self.#name.as_ref().filter(|_| #name)),
        }
    });
    let secrets_of = |required: bool| {
        api.common_fields
            .iter()
            .filter(move |field| field.secret && field.required == required)
            .map(|field| ident(&field.rust_name))
    };
    let required_secrets = secrets_of(true);
    let optional_secrets: Vec<_> = secrets_of(false).collect();
    let required_docs = required
        .iter()
        .map(|field| {
            format!(
                "- `{}`: {}",
                field.rust_name,
                field.docs.as_deref().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let new_docs = doc_attrs(&format!(
        "Starts configuring a client of the server at `base_url` (one of the server constants of this module, or any address), with the fields every request carries:\n\n{required_docs}"
    ));
    let builder_docs = doc_attrs(&format!(
        "Starts configuring a client; see [`ClientBuilder::new`].\n\n{}",
        usage_example.unwrap_or_default()
    ));
    let secrets_body = if !api.common_fields.iter().any(|field| field.secret) {
        quote!(Vec::new())
    } else if optional_secrets.is_empty() {
        quote!(vec![#(self.#required_secrets.clone()),*])
    } else {
        quote! {
            let mut secrets = vec![#(self.#required_secrets.clone()),*];
            #(secrets.extend(self.#optional_secrets.clone());)*
            secrets
        }
    };
    // Only JSON requests carry the common fields.
    let sends_json = api.operations.iter().any(|operation| {
        operation.request.is_some() && operation.request_encoding == BodyEncoding::Json
    });
    let allow_unused = (!sends_json).then(|| quote!(#[allow(dead_code)]));
    // Without fields, the body borrows nothing.
    let lifetime = (!api.common_fields.is_empty()).then(|| quote!(<'a>));
    let elided = (!api.common_fields.is_empty()).then(|| quote!(<'_>));
    quote! {
        /// The body fields the client adds to every request.
        #[derive(Debug, Clone)]
        struct CommonFields {
            #(#stored)*
        }

        impl CommonFields {
            /// The fields as sent with one request: the required ones, and each default for
            /// which the request leaves its own field unset (the flag of the same name).
            #allow_unused
            fn body(&self, #(#optional_names: bool),*) -> CommonBody #elided {
                CommonBody {
                    #(#body_values),*
                }
            }

            /// The credentials among them, which nothing the client shows may contain.
            fn secrets(&self) -> Vec<Secret> {
                #secrets_body
            }
        }

        /// The common fields of one request body, sent before the request's own fields.
        #allow_unused
        #[derive(Serialize)]
        struct CommonBody #lifetime {
            #(#body_fields)*
        }

        impl ClientBuilder {
            #new_docs
            pub fn new(base_url: impl Into<String>, #(#params),*) -> Self {
                ClientBuilder::with_common_fields(base_url, CommonFields { #(#initializers),* })
            }

            #(#setters)*
        }

        impl Client {
            #builder_docs
            pub fn builder(base_url: impl Into<String>, #(#params),*) -> ClientBuilder {
                ClientBuilder::new(base_url, #(#param_names),*)
            }
        }
    }
}
