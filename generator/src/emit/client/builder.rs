//! The client builder and the common body fields it collects.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::models::{constructor_param, rust_type};
use super::super::{doc_attrs, ident};
use crate::ir::{Api, CommonField, TypeRef};

/// The builder and the common fields it collects.
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
    let secret_fields = |required: bool| {
        api.common_fields
            .iter()
            .filter(move |field| field.secret && field.required == required)
            .map(|field| ident(&field.rust_name))
    };
    let required_secrets = secret_fields(true);
    let optional_secrets: Vec<_> = secret_fields(false).collect();
    let mut_secrets = (!optional_secrets.is_empty()).then(|| quote!(mut));
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
    // An API without common fields has no `CommonFields` at all, rather than an unused one.
    let has_common = !api.common_fields.is_empty();
    let common_field = has_common.then(|| quote!(common: CommonFields,));
    let common_definition = has_common.then(|| {
        quote! {
            /// The body fields the client adds to every request.
            #[derive(Debug, Clone)]
            struct CommonFields {
                #(#stored)*
            }

            impl CommonFields {
                /// The fields as sent with one request: the required ones, and each default for
                /// which the request leaves its own field unset (the flag of the same name).
                fn body(&self, #(#optional_names: bool),*) -> CommonBody<'_> {
                    CommonBody {
                        #(#body_values),*
                    }
                }
            }

            /// The common fields of one request body, sent before the request's own fields.
            #[derive(Serialize)]
            struct CommonBody<'a> {
                #(#body_fields)*
            }
        }
    });
    let common_init = has_common.then(|| quote!(common: CommonFields { #(#initializers),* },));
    let common_move = has_common.then(|| quote!(common: self.common,));
    quote! {
        /// Configures a [`Client`]: the fields every request carries, and how requests are sent.
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            settings: Settings,
            #common_field
        }

        #common_definition

        /// A client of the API. Cloning it is cheap: clones share the connection pool, the
        /// settings and the rate limit.
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: Arc<Inner>,
        }

        #[derive(Debug)]
        struct Inner {
            transport: Transport,
            #common_field
        }

        impl ClientBuilder {
            #new_docs
            pub fn new(base_url: impl Into<String>, #(#params),*) -> Self {
                ClientBuilder {
                    settings: Settings::new(base_url.into()),
                    #common_init
                }
            }

            #(#setters)*

            /// How long one attempt may take, from sending to the end of the response body
            /// (default 60 seconds).
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.settings.timeout = timeout;
                self
            }

            /// When failed requests are retried (default: [`RetryPolicy::default`]).
            pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
                self.settings.retry = policy;
                self
            }

            /// Keeps the client under a request rate, waiting before a request would exceed it
            /// (default: no client-side limit).
            pub fn rate_limit(mut self, limit: RateLimit) -> Self {
                self.settings.rate_limit = Some(limit);
                self
            }

            /// The longest response body read, in bytes (default
            /// [`DEFAULT_MAX_RESPONSE_BODY`](crate::http::DEFAULT_MAX_RESPONSE_BODY), 64 MiB): a
            /// longer body ends the call with [`Error::BodyTooLarge`] as soon as it is known to be
            /// longer, without reading the rest.
            pub fn max_response_body(mut self, bytes: usize) -> Self {
                self.settings.max_response_body = bytes;
                self
            }

            /// Sends requests through this `reqwest` client (proxies, TLS settings, a shared pool)
            /// instead of a new one.
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.settings.http = Some(client);
                self
            }

            /// Builds the client.
            pub fn build(self) -> Result<Client, Error> {
                let #mut_secrets secrets = vec![#(self.common.#required_secrets.clone()),*];
                #(secrets.extend(self.common.#optional_secrets.clone());)*
                let transport = Transport::new(self.settings, secrets).map_err(Error::Transport)?;
                Ok(Client {
                    inner: Arc::new(Inner {
                        transport,
                        #common_move
                    }),
                })
            }
        }

        impl Client {
            #builder_docs
            pub fn builder(base_url: impl Into<String>, #(#params),*) -> ClientBuilder {
                ClientBuilder::new(base_url, #(#param_names),*)
            }
        }
    }
}
