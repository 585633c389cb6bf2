//! Emits `client.rs`: the client builder, one async method per operation, and the error type
//! with one variant per documented status.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::models::{constructor_param, rust_type};
use super::{doc_attrs, ident};
use crate::ir::{
    Api, CommonField, Operation, Parameter, ParameterLocation, Response, TypeKind, TypeRef,
};

pub fn client(api: &Api) -> TokenStream {
    let errors = ErrorVariants::collect(api);
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
    let builder = builder(api);
    let common_optional: Vec<&CommonField> = api
        .common_fields
        .iter()
        .filter(|field| !field.required)
        .collect();
    let operations = api.operations.iter().map(|operation| {
        operation_method(operation, &common_optional, !api.common_fields.is_empty())
    });
    let error_mapping = errors.mapping();
    let error_enum = errors.error_enum();
    let error_bodies = error_body_impls(api, &errors);
    let params_structs = params_structs(api);
    let object_params = object_param_impls(api);
    let has_json_requests = api
        .operations
        .iter()
        .any(|op| op.request.as_ref().is_some_and(|ty| *ty != TypeRef::Bytes));
    let has_json_results = api.operations.iter().any(|op| {
        op.responses
            .iter()
            .any(|r| is_success(r) && r.body.as_ref().is_some_and(|ty| *ty != TypeRef::Bytes))
    });
    let has_path_parameters = api.operations.iter().any(|op| {
        op.parameters
            .iter()
            .any(|p| p.location == ParameterLocation::Path)
    });
    let json_imports = has_json_requests.then(|| {
        quote!(
            use serde::Serialize;
        )
    });
    let mut http_imports = vec!["ApiError", "BodyTooLarge", "DecodeError", "Endpoint"];
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
    if !object_params.is_empty() {
        http_imports.extend(["ParamValue", "json_param"]);
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
        .chain(has_json_requests.then_some("Validate"))
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
    quote! {
        //! The client: one method per operation of the API.

        use std::sync::Arc;
        use std::time::Duration;

        #json_imports
        use crate::http::{#(#http_imports),*};
        #models_import
        use crate::support::{#(#support_imports),*};

        #(#servers)*

        #builder

        impl Client {
            #(#operations)*

            #json_body

            #result

            #error_mapping
        }

        #error_enum

        #error_bodies

        #params_structs

        #object_params
    }
}

/// The builder and the common fields it collects.
fn builder(api: &Api) -> TokenStream {
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
            /// Starts configuring a client; see [`ClientBuilder::new`].
            pub fn builder(base_url: impl Into<String>, #(#params),*) -> ClientBuilder {
                ClientBuilder::new(base_url, #(#param_names),*)
            }
        }
    }
}

/// `common_optional` names the optional common fields, which a request may set itself.
fn operation_method(
    operation: &Operation,
    common_optional: &[&CommonField],
    has_common: bool,
) -> TokenStream {
    let name = ident(&operation.name);
    let mut docs = String::new();
    if let Some(summary) = &operation.summary {
        docs.push_str(&format!("{summary}.\n\n"));
    }
    if let Some(description) = &operation.docs {
        docs.push_str(&format!("{description}\n\n"));
    }
    docs.push_str(&format!("`{} {}`", operation.method, operation.path));
    if !operation.idempotent {
        docs.push_str(". Not idempotent: with the default retry policy it is retried only after `429 Too Many Requests`, never after a timeout or server error");
    }
    let docs = doc_attrs(&format!("{docs}."));
    let endpoint_name = &operation.name;
    let method = format_ident!("{}", operation.method);
    let path = &operation.path;
    let idempotent = operation.idempotent;
    let success = operation
        .responses
        .iter()
        .find(|response| is_success(response) && response.body.is_some());
    let success_body = success.and_then(|response| response.body.as_ref());
    let result_type = success_body.map_or_else(|| quote!(()), rust_type);

    let positional: Vec<&Parameter> = operation.parameters.iter().filter(|p| p.required).collect();
    let optional: Vec<&Parameter> = operation
        .parameters
        .iter()
        .filter(|p| !p.required)
        .collect();
    let mut params: Vec<TokenStream> = positional
        .iter()
        .map(|parameter| {
            let name = ident(&parameter.rust_name);
            let ty = match &parameter.ty {
                TypeRef::String => quote!(str),
                ty => rust_type(ty),
            };
            quote!(#name: &#ty)
        })
        .collect();
    if !optional.is_empty() {
        let params_type = format_ident!("{}", params_type_name(operation));
        params.push(quote!(params: &#params_type));
    }
    let body = match (&operation.request, operation.request_media_type.as_deref()) {
        (Some(TypeRef::Bytes), media_type) => {
            let media_type = media_type.unwrap_or("application/octet-stream");
            params.push(quote!(body: Vec<u8>));
            quote!(.body(body, #media_type))
        }
        (Some(request), _) => {
            let request_type = rust_type(request);
            params.push(quote!(request: &#request_type));
            let common = has_common.then(|| {
                let unset = common_optional.iter().map(|field| {
                    let name = ident(&field.rust_name);
                    quote!(request.#name.is_none())
                });
                quote!(, self.inner.common.body(#(#unset),*))
            });
            quote!(.body(self.json_body(request #common)?, "application/json"))
        }
        (None, _) => quote!(),
    };
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
            match parameter.location {
                ParameterLocation::Header => quote!(.header(#wire_name, #value)),
                ParameterLocation::Cookie => quote!(.cookie(#wire_name, #value)),
                _ => quote!(.query(#wire_name, #value)),
            }
        });
    let no_content: Vec<Literal> = operation
        .responses
        .iter()
        .filter(|response| is_success(response) && response.body.is_none() && success.is_some())
        .map(|response| Literal::u16_unsuffixed(response.status))
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
    quote! {
        #docs
        pub async fn #name(&self, #(#params),*) -> Result<#result_type, Error> {
            const ENDPOINT: Endpoint = Endpoint {
                name: #endpoint_name,
                method: reqwest::Method::#method,
                path: #path,
                idempotent: #idempotent,
            };
            let request = Request::new(#path_expr) #(#parameters)* #body;
            let response = self.inner.transport.send(&ENDPOINT, &request).await?;
            match response.status {
                #no_content_arm
                #success_arm
                _ => Err(self.error(response)),
            }
        }
    }
}

/// The path of a call: the template itself, or a `format!` that fills in the path parameters.
fn path_expression(operation: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut arguments = Vec::new();
    let mut rest = operation.path.as_str();
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        let placeholder = &rest[start + 1..start + length];
        let parameter = operation
            .parameters
            .iter()
            .find(|p| p.location == ParameterLocation::Path && p.wire_name == placeholder);
        template.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        match parameter {
            Some(parameter) => {
                template.push_str("{}");
                let name = ident(&parameter.rust_name);
                arguments.push(quote!(path_value(#name)));
            }
            None => template.push_str(
                &rest[start..start + length + 1]
                    .replace('{', "{{")
                    .replace('}', "}}"),
            ),
        }
        rest = &rest[start + length + 1..];
    }
    if arguments.is_empty() {
        return quote!(ENDPOINT.path);
    }
    template.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    quote!(format!(#template, #(#arguments),*))
}

/// `FindPetsParams` for `find_pets`: the optional query and header parameters.
fn params_type_name(operation: &Operation) -> String {
    format!("{}Params", crate::names::type_name(&operation.name))
}

/// `ParamValue` for the structs and unions used as parameters: they are sent as JSON text
/// (strings and numbers as themselves), since the `deepObject` and exploded `form` styles are
/// not implemented.
fn object_param_impls(api: &Api) -> TokenStream {
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
fn params_structs(api: &Api) -> TokenStream {
    let structs = api.operations.iter().filter_map(|operation| {
        let optional: Vec<&Parameter> = operation
            .parameters
            .iter()
            .filter(|p| !p.required)
            .collect();
        if optional.is_empty() {
            return None;
        }
        let name = format_ident!("{}", params_type_name(operation));
        let docs = doc_attrs(&format!(
            "The optional parameters of [`Client::{}`].",
            operation.name
        ));
        let fields = optional.iter().map(|parameter| {
            let field = ident(&parameter.rust_name);
            let ty = rust_type(&parameter.ty);
            let docs = doc_attrs(&format!(
                "`{}` ({}). {}",
                parameter.wire_name,
                if parameter.location == ParameterLocation::Header {
                    "header"
                } else {
                    "query"
                },
                parameter.docs.as_deref().unwrap_or_default()
            ));
            quote!(#docs pub #field: Option<#ty>,)
        });
        Some(quote! {
            #docs
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct #name {
                #(#fields)*
            }
        })
    });
    quote!(#(#structs)*)
}

/// The error variants of the API: one per documented error status, across all operations.
struct ErrorVariants {
    statuses: BTreeMap<u16, StatusVariant>,
    /// Body type for statuses the spec does not document.
    fallback_body: TypeRef,
    has_no_content: bool,
}

struct StatusVariant {
    name: String,
    docs: Option<String>,
    body: TypeRef,
    retry_after: bool,
}

impl ErrorVariants {
    fn collect(api: &Api) -> Self {
        let mut statuses: BTreeMap<u16, StatusVariant> = BTreeMap::new();
        let mut bodies: Vec<&TypeRef> = Vec::new();
        let mut has_no_content = false;
        for operation in &api.operations {
            let has_success_body = operation
                .responses
                .iter()
                .any(|r| is_success(r) && r.body.is_some());
            for response in &operation.responses {
                if is_success(response) {
                    has_no_content |= response.body.is_none() && has_success_body;
                    continue;
                }
                if let Some(body) = &response.body {
                    bodies.push(body);
                }
                let body = response.body.clone().unwrap_or(TypeRef::Json);
                let variant = statuses
                    .entry(response.status)
                    .or_insert_with(|| StatusVariant {
                        name: status_variant_name(response.status),
                        docs: response.docs.clone(),
                        body: body.clone(),
                        retry_after: false,
                    });
                // Operations that disagree on a status's body share it as any JSON.
                if variant.body != body {
                    variant.body = TypeRef::Json;
                }
                variant.retry_after |= response
                    .headers
                    .iter()
                    .any(|header| header.eq_ignore_ascii_case("Retry-After"));
            }
            bodies.extend(
                operation
                    .fallback_responses
                    .iter()
                    .filter_map(|r| r.body.as_ref()),
            );
        }
        let fallback_body = match bodies.split_first() {
            Some((first, rest)) if rest.iter().all(|body| body == first) => (*first).clone(),
            _ => TypeRef::Json,
        };
        ErrorVariants {
            statuses,
            fallback_body,
            has_no_content,
        }
    }

    /// `Client::error`: the variant for a non-success response.
    fn mapping(&self) -> TokenStream {
        let arms = self.statuses.iter().map(|(status, variant)| {
            let status = Literal::u16_unsuffixed(*status);
            let name = format_ident!("{}", variant.name);
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
        let fallback_decoded = decode_error_body(&self.fallback_body);
        quote! {
            /// The error for a response that is not a success.
            fn error(&self, response: RawResponse) -> Error {
                let transport = &self.inner.transport;
                let error = match response.status {
                    #(#arms)*
                    _ => #fallback_decoded.map(|error| Error::UnexpectedStatus(Box::new(error))),
                };
                error.unwrap_or_else(Error::Decode)
            }
        }
    }

    fn error_enum(&self) -> TokenStream {
        let variants = self.statuses.iter().map(|(status, variant)| {
            let name = format_ident!("{}", variant.name);
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
        let fallback_body = rust_type(&self.fallback_body);
        let no_content = self.has_no_content.then(|| {
            quote! {
                /// A success status the operation documents without a body (such as `204 No
                /// Content`), so there is no result to return.
                NoContent {
                    /// The HTTP status.
                    status: u16,
                    /// The `Request-Id` header of the response.
                    request_id: Option<String>,
                },
            }
        });
        let api_patterns: Vec<TokenStream> = self
            .statuses
            .values()
            .map(|variant| {
                let name = format_ident!("{}", variant.name);
                if variant.retry_after {
                    quote!(Error::#name { error, .. })
                } else {
                    quote!(Error::#name(error))
                }
            })
            .chain(std::iter::once(quote!(Error::UnexpectedStatus(error))))
            .collect();
        let display_arms = api_patterns
            .iter()
            .map(|pattern| quote!(#pattern => error.fmt(formatter),));
        let status_arms = api_patterns
            .iter()
            .map(|pattern| quote!(#pattern => Some(error.status),));
        let request_id_arms = api_patterns
            .iter()
            .map(|pattern| quote!(#pattern => error.request_id.as_deref(),));
        let no_content_display = self.has_no_content.then(|| {
            quote! {
                Error::NoContent { status, .. } => write!(formatter, "HTTP {status}: no content, but the operation returns a result"),
            }
        });
        let no_content_status = self
            .has_no_content
            .then(|| quote!(Error::NoContent { status, .. } => Some(*status),));
        let no_content_request_id = self
            .has_no_content
            .then(|| quote!(Error::NoContent { request_id, .. } => request_id.as_deref(),));
        let retry_after_arms = self
            .statuses
            .values()
            .filter(|variant| variant.retry_after)
            .map(|variant| {
                let name = format_ident!("{}", variant.name);
                quote!(Error::#name { retry_after, .. } => *retry_after,)
            });
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
                #no_content
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
            }

            impl Error {
                /// The HTTP status of the response, if one arrived.
                pub fn status(&self) -> Option<u16> {
                    match self {
                        #(#status_arms)*
                        #no_content_status
                        Error::Decode(error) => Some(error.status),
                        Error::BodyTooLarge(error) => Some(error.status),
                        _ => None,
                    }
                }

                /// The `Request-Id` of the response, if one arrived with it: quote it when
                /// reporting a problem.
                pub fn request_id(&self) -> Option<&str> {
                    match self {
                        #(#request_id_arms)*
                        #no_content_request_id
                        Error::Decode(error) => error.request_id.as_deref(),
                        Error::BodyTooLarge(error) => error.request_id.as_deref(),
                        _ => None,
                    }
                }

                /// How long the server asked to wait before the next request.
                pub fn retry_after(&self) -> Option<Duration> {
                    match self {
                        #(#retry_after_arms)*
                        _ => None,
                    }
                }
            }

            impl std::fmt::Display for Error {
                fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        #(#display_arms)*
                        #no_content_display
                        Error::Timeout => formatter.write_str("no response within the timeout"),
                        Error::Transport(error) => write!(formatter, "transport error: {error}"),
                        Error::Decode(error) => error.fmt(formatter),
                        Error::BodyTooLarge(error) => error.fmt(formatter),
                        Error::Encode(error) => write!(formatter, "cannot serialize the request: {error}"),
                        Error::Validation(error) => write!(formatter, "invalid request, not sent: {error}"),
                    }
                }
            }

            impl std::error::Error for Error {
                fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                    match self {
                        Error::Transport(error) => Some(error),
                        Error::Decode(error) => Some(error),
                        Error::BodyTooLarge(error) => Some(error),
                        Error::Encode(error) => Some(error),
                        Error::Validation(error) => Some(error),
                        _ => None,
                    }
                }
            }

            impl From<TransportError> for Error {
                fn from(error: TransportError) -> Self {
                    match error {
                        TransportError::Timeout => Error::Timeout,
                        TransportError::Failed(error) => Error::Transport(error),
                        TransportError::BodyTooLarge(error) => Error::BodyTooLarge(error),
                    }
                }
            }
        }
    }
}

fn mentions_date(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Date => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => mentions_date(inner),
        _ => false,
    }
}

/// Reads an error body of type `body` from `response`, as a `Result<ApiError<_>, DecodeError>`.
fn decode_error_body(body: &TypeRef) -> TokenStream {
    match body {
        TypeRef::Bytes => quote!(Ok::<_, DecodeError>(response.raw_api_error(transport))),
        _ => quote!(response.api_error(transport)),
    }
}

fn is_success(response: &Response) -> bool {
    (200..300).contains(&response.status)
}

/// `ErrorBody` for every error body struct: its message is the field called `message`, if any.
fn error_body_impls(api: &Api, errors: &ErrorVariants) -> TokenStream {
    let names: Vec<&str> = errors
        .statuses
        .values()
        .map(|variant| &variant.body)
        .chain(std::iter::once(&errors.fallback_body))
        .filter_map(|body| match body {
            TypeRef::Named(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    // An alias is its target: the impl goes on the type it names, if that is a named type
    // (the transport implements `ErrorBody` for strings, bytes and JSON values).
    let mut names: Vec<&str> = names
        .into_iter()
        .filter_map(|mut name| loop {
            match &api.types.iter().find(|def| def.name == name)?.kind {
                TypeKind::Alias(TypeRef::Named(target)) => name = target.as_str(),
                TypeKind::Alias(_) => return None,
                _ => return Some(name),
            }
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    let impls = names.into_iter().filter_map(|name| {
        let def = api.types.iter().find(|def| def.name == name)?;
        let message_field = match &def.kind {
            TypeKind::Struct(structure) => structure
                .fields
                .iter()
                .find(|field| field.rust_name == "message" && field.ty == TypeRef::String),
            _ => None,
        };
        let message = message_field
            .map(|field| {
                let required = field.required && !field.nullable;
                if required {
                    quote!(Some(&self.message))
                } else {
                    quote!(self.message.as_deref())
                }
            })
            .unwrap_or_else(|| quote!(None));
        let name = ident(name);
        Some(quote! {
            impl ErrorBody for #name {
                fn message(&self) -> Option<&str> {
                    #message
                }
            }
        })
    });
    quote!(#(#impls)*)
}

/// A readable variant name for a status code.
fn status_variant_name(status: u16) -> String {
    let name = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        423 => "Locked",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{status}"),
    };
    name.to_owned()
}
