//! Streams over paginated operations: every page, or every item of every page, walked by the
//! crate's `pagination` module over the `PageRequest` and `Page` implementations of each
//! operation's request and result.

use std::collections::{BTreeMap, HashMap};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::super::features::gate;
use super::super::models::rust_type;
use super::super::{doc_attrs, ident};
use crate::ir::{Api, Operation, TypeRef};

/// The `_pages` and `_items` methods of a paginated operation, or nothing.
/// `crate_path` is the generated crate's name in Rust, which the documentation's example imports.
pub(super) fn pagination_methods(operation: &Operation, crate_path: &str) -> Option<TokenStream> {
    let pagination = operation.pagination.as_ref()?;
    let request_type = rust_type(operation.request.as_ref()?);
    let result_type = rust_type(operation.result.as_ref()?);
    let item_type = rust_type(&pagination.item_type);
    let one_page = ident(&operation.name);
    let pages = ident(&pagination.pages_method);
    let items = ident(&pagination.items_method);
    let page_size = pagination.default_page_size;
    let endpoint = &operation.name;
    let (deprecated, allow_deprecated) = match &operation.deprecated {
        Some(note) => (
            Some(quote!(#[deprecated = #note])),
            Some(quote!(#[allow(deprecated)])),
        ),
        None => (None, None),
    };
    let pages_docs = doc_attrs(&format!(
        "Every page of [`Client::{one_page}`], in order: sends the request, then again after \
         the cursor of each page, until a page is shorter than the page size or empty (Mews \
         returns a cursor on every page). Without a page size of its own the request asks for \
         {page_size}, the largest the API allows.\n\n\
         Each page goes through the same validation, retries, rate limit and errors as a single \
         call. An error is yielded and ends the walk; so does a cursor the server already \
         returned ([`Error::RepeatedCursor`]) rather than an endless loop. Dropping the stream \
         stops the walk. The stream holds a clone of the client, so it may outlive this borrow."
    ));
    let items_docs = doc_attrs(&format!(
        "Every item of every page of [`Client::{one_page}`]: [`Client::{pages}`] with the pages \
         flattened.\n\n\
         ```no_run\n\
         # use {crate_path}::*;\n\
         # async fn walk(client: &Client, request: {request_type}) -> Result<(), Error> {{\n\
         use futures::TryStreamExt;\n\
         let mut items = client.{items}(request);\n\
         while let Some(item) = items.try_next().await? {{\n\
         \u{20}   println!(\"{{item:?}}\");\n\
         }}\n\
         # Ok(())\n\
         # }}\n\
         ```",
    ));
    let argument = super::bodies::request_argument(operation, quote!(request));
    Some(quote! {
        #pages_docs
        #deprecated
        #allow_deprecated
        pub fn #pages(&self, request: #request_type) -> BoxStream<'static, Result<#result_type, Error>> {
            let client = self.clone();
            pagination::pages(#endpoint, request, move |request| {
                let client = client.clone();
                async move {
                    let page = client.#one_page(#argument).await;
                    (request, page)
                }
            })
        }

        #items_docs
        #deprecated
        #allow_deprecated
        pub fn #items(&self, request: #request_type) -> BoxStream<'static, Result<#item_type, Error>> {
            pagination::items(self.#pages(request))
        }
    })
}

/// `PageRequest` for the request and `Page` for the result of every paginated operation, once
/// per type, each compiled with its type.
pub(super) fn page_impls(api: &Api) -> TokenStream {
    let type_features: HashMap<&str, Option<&str>> = api
        .types
        .iter()
        .map(|def| (def.name.as_str(), def.feature.as_deref()))
        .collect();
    let gate = |name: &str| gate(type_features.get(name).copied().flatten());
    let mut impls: BTreeMap<String, TokenStream> = BTreeMap::new();
    for operation in &api.operations {
        let (Some(pagination), Some(TypeRef::Named(request)), Some(TypeRef::Named(result))) =
            (&operation.pagination, &operation.request, &operation.result)
        else {
            continue;
        };
        let cursor_type = rust_type(&pagination.cursor_type);
        let limitation = ident(&pagination.limitation_field);
        let count = ident(&pagination.count_field);
        let cursor = ident(&pagination.cursor_field);
        let limitation_of_request = if pagination.limitation_optional {
            let limitation_type = ident(&pagination.limitation_type);
            let page_size = Literal::i64_unsuffixed(pagination.default_page_size);
            quote!(self.#limitation.get_or_insert_with(|| #limitation_type::new(#page_size)))
        } else {
            quote!(self.#limitation)
        };
        let page_size = quote!(#limitation_of_request.#count);
        let page_size = match pagination.count_type {
            TypeRef::I64 => page_size,
            _ => quote!(i64::from(#page_size)),
        };
        let set_cursor = if pagination.cursor_three_state {
            quote!(crate::support::Nullable::Value(cursor))
        } else {
            quote!(Some(cursor))
        };
        let request_name = ident(request);
        let request_gate = gate(request);
        impls.entry(request.clone()).or_insert_with(|| {
            quote! {
                #request_gate
                impl PageRequest for #request_name {
                    type Cursor = #cursor_type;

                    fn page_size(&mut self) -> i64 {
                        #page_size
                    }

                    fn start_after(&mut self, cursor: Self::Cursor) {
                        #limitation_of_request.#cursor = #set_cursor;
                    }
                }
            }
        });
        let items = ident(&pagination.items_field);
        let result_cursor = ident(&pagination.result_cursor_field);
        let item_type = rust_type(&pagination.item_type);
        let (item_count, into_items) = if pagination.items_optional {
            (
                quote!(self.#items.as_ref().map_or(0, Vec::len)),
                quote!(self.#items.unwrap_or_default()),
            )
        } else {
            (quote!(self.#items.len()), quote!(self.#items))
        };
        let page_cursor = match (&pagination.cursor_type, pagination.result_cursor_optional) {
            (TypeRef::Uuid, true) => quote!(self.#result_cursor),
            (TypeRef::Uuid, false) => quote!(Some(self.#result_cursor)),
            (_, true) => quote!(self.#result_cursor.clone()),
            (_, false) => quote!(Some(self.#result_cursor.clone())),
        };
        let result_name = ident(result);
        let result_gate = gate(result);
        impls.entry(result.clone()).or_insert_with(|| {
            quote! {
                #result_gate
                impl Page for #result_name {
                    type Item = #item_type;
                    type Cursor = #cursor_type;

                    fn item_count(&self) -> usize {
                        #item_count
                    }

                    fn cursor(&self) -> Option<Self::Cursor> {
                        #page_cursor
                    }

                    fn into_items(self) -> Vec<Self::Item> {
                        #into_items
                    }
                }
            }
        });
    }
    let impls = impls.into_values();
    quote!(#(#impls)*)
}
