//! Emits `tests/mock.rs`: per operation with a documented request, a test of code that uses
//! the client against the mock, written as a user of the crate writes one.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::examples::json_literal;
use super::super::features::{allow_without_all, gate};
use super::super::models::rust_type;
use super::super::{doc_attrs, ident, inner_doc_attrs};
use super::distinctive::distinctive;
use crate::ir::{Api, MockMessage, MockOperation, MockTest, Operation};

/// The test file, or `None` when no operation can be tested this way.
pub fn tests(api: &Api, crate_path: &str) -> Option<TokenStream> {
    let tests: Vec<TokenStream> = api
        .mocked_operations()
        .filter_map(|(mock, operation)| test(api, mock, mock.test.as_ref()?, operation))
        .collect();
    if tests.is_empty() {
        return None;
    }
    let crate_ident = ident(crate_path);
    let docs = inner_doc_attrs(
        "The mock of the API (feature `mock`), as the tests of code that uses this crate use it: \
         per operation with a documented request, the client gets what the mock returns, the \
         mock receives the request the client sent, and a documented error reaches the caller.",
    );
    let allow_unused =
        allow_without_all(api, quote!(unused_imports)).map(|allow| quote!(#![#allow]));
    Some(quote! {
        #docs
        #![cfg(feature = "mock")]
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #allow_unused

        use #crate_ident::*;

        #(#tests)*
    })
}

fn test(
    api: &Api,
    mock: &MockOperation,
    test: &MockTest,
    operation: &Operation,
) -> Option<TokenStream> {
    let name = ident(&test.name);
    let method = ident(&mock.method);
    let client_method = ident(&operation.name);
    let request_type = operation
        .request
        .as_ref()
        .map_or_else(|| quote!(()), rust_type);
    let example = operation
        .sent_example
        .as_ref()
        .map(|sent| sent.body.clone())
        .unwrap_or_default();
    let example = json_literal(&example)?;
    let (result, answer, call) = match &operation.result {
        None => (
            None,
            quote!(.succeeds()),
            quote! {
                client.#client_method(&request).await.expect("the mock answers");
            },
        ),
        Some(result) => {
            // A default result only when the type holds nothing else the mock could return.
            let value = distinctive(api, result).unwrap_or_else(|| {
                let result = rust_type(result);
                quote!(<#result as Default>::default())
            });
            let result = rust_type(result);
            (
                Some(quote!(let result: #result = #value;)),
                quote!(.returns(result.clone())),
                quote! {
                    let returned = client.#client_method(&request).await.expect("the mock answers");
                    assert_eq!(returned, result);
                },
            )
        }
    };
    let failure = test.error.as_ref().map(|variant| {
        // The client shows the message when the error body carries one.
        let carries_message = api.errors.statuses.iter().any(|status| {
            status.variant == *variant
                && *api.mock.error_message(status.status) != MockMessage::None
        });
        let message_shown = carries_message.then(
            || quote!(assert!(error.to_string().contains("Refused by the mock."), "{error}");),
        );
        let variant = ident(variant);
        (
            quote!(.fails(mock::ErrorStatus::#variant, "Refused by the mock.")),
            quote! {
                let error = client.#client_method(&request).await.expect_err("the mock refuses");
                assert_eq!(error.status(), Some(mock::ErrorStatus::#variant.status()));
                #message_shown
            },
        )
    });
    let (fails, refused) = failure.unzip();
    let received = if fails.is_some() {
        quote!([request.clone(), request])
    } else {
        quote!([request])
    };
    let docs = doc_attrs(&format!(
        "`{} {}`: the documented request reaches the mock as sent, and the client returns the \
         mock's answers.",
        operation.method, operation.path
    ));
    let allow_deprecated = operation
        .deprecated
        .is_some()
        .then(|| quote!(#[allow(deprecated)]));
    let gate = gate(operation.feature.as_deref());
    Some(quote! {
        #docs
        #gate
        #[tokio::test]
        #allow_deprecated
        async fn #name() {
            let server = mock::MockServer::start().await;
            let request: #request_type = serde_json::from_str(#example).expect("the documented request reads");
            #result
            let expectation = server.#method().with(request.clone()) #answer #fails;
            let client = server.client();

            #call
            #refused
            assert_eq!(expectation.received(), #received);
            server.verify();
        }
    })
}
