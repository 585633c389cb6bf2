//! Streams over paginated operations: every page, or every item of every page.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::models::rust_type;
use super::super::{doc_attrs, ident};
use crate::ir::{Operation, TypeRef};

/// The `_pages` and `_items` methods of a paginated operation, or nothing.
/// `crate_name` is the generated crate, which the documentation's example imports.
pub(super) fn pagination_methods(
    operation: &Operation,
    request: &TypeRef,
    crate_name: &str,
) -> Option<TokenStream> {
    let pagination = operation.pagination.as_ref()?;
    let request_type = rust_type(request);
    let result_type = rust_type(operation.result.as_ref()?);
    let item_type = rust_type(&pagination.item_type);
    let one_page = ident(&operation.name);
    let pages = ident(&pagination.pages_method);
    let items = ident(&pagination.items_method);
    let cursor_type = rust_type(&pagination.cursor_type);
    let limitation = ident(&pagination.limitation_field);
    let limitation_type = ident(&pagination.limitation_type);
    let count = ident(&pagination.count_field);
    let cursor = ident(&pagination.cursor_field);
    let result_cursor = ident(&pagination.result_cursor_field);
    let items_field = ident(&pagination.items_field);
    let page_size = proc_macro2::Literal::i64_unsuffixed(pagination.default_page_size);
    let limitation_of_request = if pagination.limitation_optional {
        quote!(request.#limitation.get_or_insert_with(|| #limitation_type::new(#page_size)))
    } else {
        quote!(&mut request.#limitation)
    };
    let item_count = if pagination.items_optional {
        quote!(page.#items_field.as_ref().map_or(0, Vec::len))
    } else {
        quote!(page.#items_field.len())
    };
    // A `Uuid` cursor is `Copy`, a `String` one is cloned.
    let copy = |value: TokenStream| match pagination.cursor_type {
        TypeRef::Uuid => value,
        _ => quote!(#value.clone()),
    };
    let next_cursor = copy(quote!(page.#result_cursor));
    let next_cursor = if pagination.result_cursor_optional {
        next_cursor
    } else {
        quote!(Some(#next_cursor))
    };
    let seen_cursor = copy(quote!(next));
    let set_cursor = if pagination.cursor_three_state {
        quote!(crate::support::Nullable::Value(next))
    } else {
        quote!(Some(next))
    };
    let page_items = if pagination.items_optional {
        quote!(page.#items_field.unwrap_or_default())
    } else {
        quote!(page.#items_field)
    };
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
         # async fn walk(client: &Client, request: {request}) -> Result<(), Error> {{\n\
         use futures::TryStreamExt;\n\
         let mut items = client.{items}(request);\n\
         while let Some(item) = items.try_next().await? {{\n\
         \u{20}   println!(\"{{item:?}}\");\n\
         }}\n\
         # Ok(())\n\
         # }}\n\
         ```",
        request = request_type,
        crate_path = crate_name.replace('-', "_"),
    ));
    let argument = super::bodies::request_argument(operation, quote!(request));
    Some(quote! {
        #pages_docs
        #deprecated
        #allow_deprecated
        pub fn #pages(&self, request: #request_type) -> futures::stream::BoxStream<'static, Result<#result_type, Error>> {
            let client = self.clone();
            let walk = (request, std::collections::HashSet::<#cursor_type>::new());
            futures::stream::try_unfold(Some(walk), move |walk| {
                let client = client.clone();
                async move {
                let Some((mut request, mut seen)) = walk else {
                    return Ok(None);
                };
                let page = client.#one_page(#argument).await?;
                let limitation = #limitation_of_request;
                let full = usize::try_from(limitation.#count).is_ok_and(|size| size > 0 && #item_count >= size);
                let next = match #next_cursor {
                    Some(next) if full => {
                        if !seen.insert(#seen_cursor) {
                            return Err(Error::RepeatedCursor {
                                operation: #endpoint,
                                cursor: next.to_string(),
                            });
                        }
                        limitation.#cursor = #set_cursor;
                        Some((request, seen))
                    }
                    _ => None,
                };
                Ok(Some((page, next)))
                }
            })
            .boxed()
        }

        #items_docs
        #deprecated
        #allow_deprecated
        pub fn #items(&self, request: #request_type) -> futures::stream::BoxStream<'static, Result<#item_type, Error>> {
            self.#pages(request)
                .map_ok(|page| futures::stream::iter(#page_items.into_iter().map(Ok)))
                .try_flatten()
                .boxed()
        }
    })
}
