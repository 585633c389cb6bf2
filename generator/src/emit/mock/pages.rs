//! `returns_pages`: a paginated operation's expectation serving a list of items page by page,
//! with cursors, as the API does.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::super::models::rust_type;
use super::super::{doc_attrs, ident};
use crate::ir::{MockOperation, Operation};

/// The method, for an operation whose expectation serves pages.
pub(super) fn returns_pages(mock: &MockOperation, operation: &Operation) -> Option<TokenStream> {
    let pagination = operation.pagination.as_ref().filter(|_| mock.pages)?;
    let marker = ident(&mock.marker);
    let result = rust_type(operation.result.as_ref()?);
    let item = rust_type(&pagination.item_type);
    let cursor = rust_type(&pagination.cursor_type);
    let limitation = ident(&pagination.limitation_field);
    let count = ident(&pagination.count_field);
    let request_cursor = ident(&pagination.cursor_field);
    let items_field = ident(&pagination.items_field);
    let result_cursor = ident(&pagination.result_cursor_field);
    let page_size = Literal::i64_unsuffixed(pagination.default_page_size);
    // A three-state cursor (`Nullable<T>`) is read with `value()`, an `Option` with `as_ref()`.
    let read_cursor = if pagination.cursor_three_state {
        quote!(value())
    } else {
        quote!(as_ref())
    };
    let (count_value, after) = if pagination.limitation_optional {
        (
            quote! {
                request.#limitation.as_ref().map_or(#page_size, |limitation| limitation.#count)
            },
            quote! {
                request.#limitation.as_ref().and_then(|limitation| limitation.#request_cursor.#read_cursor)
            },
        )
    } else {
        (
            quote!(request.#limitation.#count),
            quote!(request.#limitation.#request_cursor.#read_cursor),
        )
    };
    let set_items = if pagination.items_optional {
        quote!(result.#items_field = Some(items);)
    } else {
        quote!(result.#items_field = items;)
    };
    let set_cursor = if pagination.result_cursor_optional {
        quote!(result.#result_cursor = cursor;)
    } else {
        quote! {
            if let Some(cursor) = cursor {
                result.#result_cursor = cursor;
            }
        }
    };
    let without_limitation = if pagination.limitation_optional {
        format!(
            "; {page_size} items when the request has no `{}`",
            pagination.limitation_field
        )
    } else {
        String::new()
    };
    let docs = doc_attrs(&format!(
        "Answers with pages of `items`, as the API pages them: a request gets the `{count}` \
         of its `{limitation}` items after the item whose cursor is the request's `{cursor}` \
         (from the first item when it has none{without_limitation}), and the page's `{cursor}` \
         is the cursor of its last item. \
         `cursor_of` gives an item's cursor, typically its id (`|item| item.id`). A cursor \
         that is no item's is answered with `400`.\n\n\
         The items go into `{items}`; the page's other fields keep their default values.",
        count = pagination.count_field,
        limitation = pagination.limitation_field,
        cursor = pagination.cursor_field,
        items = pagination.items_field,
    ));
    Some(quote! {
        impl super::Expectation<super::operations::#marker> {
            #docs
            #[allow(clippy::field_reassign_with_default)]
            pub fn returns_pages(
                self,
                items: Vec<#item>,
                cursor_of: impl Fn(&#item) -> #cursor + Send + Sync + 'static,
            ) -> Self {
                self.reply_with(move |request| {
                    let count = usize::try_from(#count_value).unwrap_or(0);
                    let (items, cursor) = super::server::page(&items, count, #after, &cursor_of)?;
                    let mut result = <#result as Default>::default();
                    #set_items
                    #set_cursor
                    Ok(result)
                })
            }
        }
    })
}
