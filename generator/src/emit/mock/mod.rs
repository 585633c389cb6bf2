//! Emits `src/mock.rs` (feature `mock`): per operation, the method of `MockServer` that sets an
//! expectation and the type that stands for the operation; the documented error statuses;
//! what the generic machinery (the runtime's `mock/server.rs`, shipped as `src/mock/server.rs`) needs
//! to know of the API.

mod distinctive;
mod pages;
mod tests;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::features::gate;
use super::models::rust_type;
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::ir::{Api, MockMessage, MockOperation, Operation, TypeRef};

pub use tests::tests;

/// `src/mock.rs`: the public surface. `crate_path` is the generated crate's name in Rust, which the
/// documentation's example imports.
pub fn mock(api: &Api, crate_path: &str) -> TokenStream {
    let docs = module_docs(api, crate_path);
    let markers = api
        .mocked_operations()
        .map(|(mock, operation)| marker(mock, operation));
    let error_status = error_status(api);
    let error_body = error_body(api);
    let shape = api_shape(api);
    quote! {
        #docs

        #[rustfmt::skip]
        mod server;
        #[rustfmt::skip]
        mod typed;

        pub use server::{Expectation, MockServer, MockServerBuilder, Operation};

        #error_status

        /// One type per operation of the API, which names the operation in
        /// [`Expectation`]'s type.
        pub mod operations {
            #(#markers)*
        }

        #shape

        #error_body
    }
}

/// `src/mock/typed.rs`: what depends on the types of the API. The models are named as
/// `models` names them, everything else by its path, so that no model's name can hide another.
pub fn typed(api: &Api) -> TokenStream {
    let operations = || api.mocked_operations();
    let operation_impls = operations().map(|(mock, operation)| {
        let gate = gate(operation.feature.as_deref());
        let implementation = operation_impl(mock, operation);
        quote!(#gate #implementation)
    });
    let expectation_methods = operations().map(|(mock, operation)| {
        let gate = gate(operation.feature.as_deref());
        let method = expectation_method(mock, operation);
        quote!(#gate #method)
    });
    let pages = operations().filter_map(|(mock, operation)| {
        let gate = gate(operation.feature.as_deref());
        let pages = pages::returns_pages(mock, operation)?;
        Some(quote!(#gate #pages))
    });
    let client = client_methods(api);
    let setters = builder_setters(api);
    quote! {
        //! The operations' request and result types, the methods of `MockServer` and
        //! `MockServerBuilder` that depend on them, and `returns_pages`.
        #![allow(unused_imports)]

        use crate::models::*;
        use crate::support::{Date, NotClearable, Update};

        #(#operation_impls)*

        impl super::MockServer {
            #(#expectation_methods)*

            #client
        }

        impl super::MockServerBuilder {
            #(#setters)*
        }

        #(#pages)*
    }
}

fn module_docs(api: &Api, crate_path: &str) -> TokenStream {
    let mut text = "A mock of the API for the tests of code that uses this crate (feature `mock`, \
        off by default).\n\n\
        [`MockServer::start`] listens on loopback; point the client under test at \
        [`MockServer::url`], or take [`MockServer::client`]. Each operation has a method of \
        `MockServer` named like the client's, which sets an [`Expectation`]: which requests it \
        matches (any, those for which [`Expectation::when`] holds, those that send the fields \
        given to [`Expectation::with`]) and what it answers, in order: a result \
        ([`Expectation::returns`]), a documented error ([`Expectation::fails`] with an \
        [`ErrorStatus`]), any status and body ([`Expectation::responds`]), after a delay or \
        with headers such as `Retry-After`. Paginated operations can serve a list of items page \
        by page (`returns_pages`).\n\n\
        The mock checks the fields every request carries (credentials too, which it never \
        shows), records the requests each expectation answered, typed \
        ([`Expectation::received`]), and fails the test when it is dropped if an expectation \
        was not met or a request matched none ([`MockServer::verify`] checks earlier)."
        .to_owned();
    if api
        .operations
        .iter()
        .any(|operation| !operation.parameters.is_empty())
    {
        text.push_str(
            "\n\nAn expectation matches and records request bodies: path, query, header and \
             cookie parameters are neither checked nor recorded, and any value of a path \
             parameter reaches the operation.",
        );
    }
    // An operation that returns one result and is not deprecated, if there is one.
    let testable = || {
        api.mocked_operations()
            .filter(|(mock, _)| mock.test.is_some())
    };
    let example = testable()
        .find(|(_, operation)| operation.pagination.is_none() && operation.deprecated.is_none())
        .or_else(|| testable().next());
    if let Some((mock, operation)) = example {
        let answer = match operation.result {
            None => "succeeds()",
            Some(_) => "returns(Default::default())",
        };
        text.push_str(&format!(
            "\n\n```no_run\n\
             # async fn example() {{\n\
             use {crate_path}::mock::MockServer;\n\n\
             let server = MockServer::start().await;\n\
             let expectation = server.{method}().{answer};\n\
             let client = server.client();\n\
             // ... the code under test calls `client.{operation}(..)` ...\n\
             assert_eq!(expectation.calls(), 1);\n\
             # }}\n\
             ```",
            method = mock.method,
            operation = operation.name,
        ));
    }
    inner_doc_attrs(&text)
}

/// The type that stands for an operation, compiled with the operation's method.
fn marker(mock: &MockOperation, operation: &Operation) -> TokenStream {
    let gate = gate(operation.feature.as_deref());
    let name = ident(&mock.marker);
    let docs = doc_attrs(&format!(
        "`{} {}`, which [`Client::{client}`](crate::Client::{client}) sends.",
        operation.method,
        operation.path,
        client = operation.name,
    ));
    quote! {
        #docs
        #gate
        #[derive(Debug, Clone, Copy)]
        pub struct #name;
    }
}

fn request_type(operation: &Operation) -> TokenStream {
    operation
        .request
        .as_ref()
        .map_or_else(|| quote!(()), rust_type)
}

fn result_type(operation: &Operation) -> TokenStream {
    operation
        .result
        .as_ref()
        .map_or_else(|| quote!(()), rust_type)
}

fn operation_impl(mock: &MockOperation, operation: &Operation) -> TokenStream {
    let marker = ident(&mock.marker);
    let request = request_type(operation);
    let result = result_type(operation);
    let name = &operation.name;
    quote! {
        impl super::Operation for super::operations::#marker {
            type Request = #request;
            type Result = #result;
            const NAME: &'static str = #name;
        }
    }
}

/// The method of `MockServer` that sets an expectation of the operation.
fn expectation_method(mock: &MockOperation, operation: &Operation) -> TokenStream {
    let method = ident(&mock.method);
    let marker = ident(&mock.marker);
    let decode = match &operation.request {
        None => quote!(no_request),
        Some(TypeRef::Bytes) => quote!(bytes_request),
        Some(_) => quote!(json_request),
    };
    let encode = match &operation.result {
        None => quote!(no_result),
        Some(TypeRef::Bytes) => quote!(bytes_result),
        Some(_) => quote!(json_result),
    };
    let received = match &operation.request {
        None => "the operation has no body, so they are `()`".to_owned(),
        Some(request) => format!("the requests are `{request}`"),
    };
    let docs = doc_attrs(&format!(
        "Expects requests of `{} {}`, as [`Client::{client}`](crate::Client::{client}) sends \
         them ({received}), and tells what to answer them with.",
        operation.method,
        operation.path,
        client = operation.name,
    ));
    quote! {
        #docs
        #[track_caller]
        #[must_use = "an expectation answers nothing until told what: `.returns(..)`, `.fails(..)` or `.responds(..)`"]
        pub fn #method(&self) -> super::Expectation<super::operations::#marker> {
            self.expectation(super::server::#decode, super::server::#encode)
        }
    }
}

/// `ErrorStatus`: the documented error statuses, named like the variants of `Error`.
fn error_status(api: &Api) -> TokenStream {
    let variants = api.errors.statuses.iter().map(|status| {
        let name = ident(&status.variant);
        let docs = doc_attrs(&format!(
            "`{}`: {}",
            status.status,
            status
                .docs
                .as_deref()
                .unwrap_or("a documented error status.")
        ));
        quote!(#docs #name,)
    });
    let arms = api.errors.statuses.iter().map(|status| {
        let name = ident(&status.variant);
        let code = Literal::u16_unsuffixed(status.status);
        quote!(ErrorStatus::#name => #code,)
    });
    quote! {
        /// The error statuses the API documents, for [`Expectation::fails`]; each is the
        /// variant of the same name of [`Error`](crate::Error) on the client's side.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorStatus {
            #(#variants)*
        }

        impl ErrorStatus {
            /// The HTTP status.
            pub fn status(self) -> u16 {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// `error_body`: the documented body of an error status, with a message.
fn error_body(api: &Api) -> TokenStream {
    let body = |message: &MockMessage| match message {
        MockMessage::Member(member) => quote!(server::member_body(#member, message)),
        MockMessage::Text => quote!(server::text_body(message)),
        MockMessage::Raw => quote!(message.as_bytes().to_vec()),
        MockMessage::None => quote!(b"{}".to_vec()),
    };
    let fallback = &api.mock.fallback_message;
    // Statuses whose body differs from the fallback's, grouped by body in status order.
    let mut groups: Vec<(&MockMessage, Vec<Literal>)> = Vec::new();
    for status in &api.errors.statuses {
        let message = api.mock.error_message(status.status);
        if message == fallback {
            continue;
        }
        let code = Literal::u16_unsuffixed(status.status);
        match groups.iter_mut().find(|(other, _)| *other == message) {
            Some((_, codes)) => codes.push(code),
            None => groups.push((message, vec![code])),
        }
    }
    let uses_message = groups
        .iter()
        .map(|(message, _)| *message)
        .chain([fallback])
        .any(|message| *message != MockMessage::None);
    let message_param = if uses_message {
        quote!(message)
    } else {
        quote!(_message)
    };
    let fallback_body = body(fallback);
    let code = if groups.is_empty() {
        quote!(#fallback_body)
    } else {
        let arms = groups.iter().map(|(message, codes)| {
            let body = body(message);
            quote!(#(#codes)|* => #body,)
        });
        quote! {
            match status {
                #(#arms)*
                _ => #fallback_body,
            }
        }
    };
    let status_param = if groups.is_empty() {
        quote!(_status)
    } else {
        quote!(status)
    };
    quote! {
        /// The body of an error response of `status`, as the API documents it, with `message`.
        fn error_body(#status_param: u16, #message_param: &str) -> Vec<u8> {
            #code
        }
    }
}

/// `API`: the routes and common fields the machinery serves and checks.
fn api_shape(api: &Api) -> TokenStream {
    let routes = api.operations.iter().map(|operation| {
        let name = &operation.name;
        let method = &operation.method;
        let path = &operation.path;
        quote!(server::Route { operation: #name, method: #method, path: #path },)
    });
    let common_fields = api.mocked_common_fields().map(|(field, mock)| {
        let wire_name = &field.wire_name;
        let setter = &mock.setter;
        let required = field.required;
        let secret = field.secret;
        let test_value = match &mock.test_value {
            Some(value) => quote!(Some(#value)),
            None => quote!(None),
        };
        quote! {
            server::CommonField {
                wire_name: #wire_name,
                setter: #setter,
                required: #required,
                secret: #secret,
                test_value: #test_value,
            },
        }
    });
    quote! {
        /// The operations and the fields every request carries, as the mock serves and checks
        /// them.
        static API: server::ApiShape = server::ApiShape {
            routes: &[#(#routes)*],
            common_fields: &[#(#common_fields)*],
            error_body,
        };
    }
}

/// `MockServer::client` and `MockServer::client_builder`.
fn client_methods(api: &Api) -> TokenStream {
    let fields = || api.mocked_common_fields();
    let required = fields().filter(|(field, _)| field.required).map(|(field, mock)| {
        let wire_name = &field.wire_name;
        let ty = rust_type(&field.ty);
        let missing = format!(
            "the mock expects no value of `{wire_name}`: set one with `MockServer::builder().{}(..)`",
            mock.setter
        );
        quote! {
            self.expected_value::<#ty>(#wire_name).expect(#missing)
        }
    });
    let optional: Vec<TokenStream> = fields()
        .filter(|(field, _)| !field.required)
        .map(|(field, _)| {
            let wire_name = &field.wire_name;
            let ty = rust_type(&field.ty);
            let setter = ident(&field.rust_name);
            quote! {
                if let Some(value) = self.expected_value::<#ty>(#wire_name) {
                    builder = builder.#setter(value);
                }
            }
        })
        .collect();
    let new_builder = quote!(crate::Client::builder(self.url() #(, #required)*));
    let body = if optional.is_empty() {
        new_builder
    } else {
        quote! {
            let mut builder = #new_builder;
            #(#optional)*
            builder
        }
    };
    quote! {
        /// A builder of a client of the mock: its address, and the values the mock expects
        /// of the fields every request carries; set timeouts or a retry policy on it.
        pub fn client_builder(&self) -> crate::ClientBuilder {
            #body
        }

        /// A client of the mock: [`Self::client_builder`], built.
        pub fn client(&self) -> crate::Client {
            self.client_builder().build().expect("a client of the mock builds")
        }
    }
}

/// The setters of `MockServerBuilder`, one per common field.
fn builder_setters(api: &Api) -> Vec<TokenStream> {
    api.mocked_common_fields()
        .map(|(field, mock)| {
            let setter = ident(&mock.setter);
            let wire_name = &field.wire_name;
            let (param, value) = match &field.ty {
                TypeRef::String => (quote!(impl Into<String>), quote!(value.into())),
                ty => (rust_type(ty), quote!(value)),
            };
            let default = match (&mock.test_value, field.required) {
                (Some(value), _) => format!("`{value}`, which [`MockServer::client`](super::MockServer::client) sends"),
                (None, true) => "no value: set one to use [`MockServer::client`](super::MockServer::client)".to_owned(),
                (None, false) => "none: any value, or none, is accepted".to_owned(),
            };
            let secret = if field.secret {
                " A credential: a request with another value is answered with `401`, and \
                 neither value is shown."
            } else {
                ""
            };
            let docs = doc_attrs(&format!(
                "Expects every request to send `{wire_name}` with `value` (default: {default}).{secret}"
            ));
            quote! {
                #docs
                pub fn #setter(self, value: #param) -> Self {
                    self.expect_field(#wire_name, #value)
                }
            }
        })
        .collect()
}
