//! Walking cursor-paginated operations: every page, or every item of every page.
//!
//! Each paginated operation's request implements [`PageRequest`] and its result [`Page`]; the
//! client's `_pages` and `_items` methods are [`pages`] and [`items`] over them.

use std::collections::HashSet;
use std::future::Future;
use std::hash::Hash;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::client::Error;

/// The request of a paginated operation: the page size it asks for and the cursor it starts
/// after.
pub(crate) trait PageRequest: Send + 'static {
    /// The cursor: the identifier of the last item of a page.
    type Cursor: Clone + Eq + Hash + ToString + Send + 'static;

    /// The number of items a page holds unless it is the last.
    fn page_size(&mut self) -> i64;

    /// Asks for the page after `cursor`.
    fn start_after(&mut self, cursor: Self::Cursor);
}

/// One page of a paginated result: its items and the cursor of the last one.
pub(crate) trait Page: Send + 'static {
    /// One item.
    type Item: Send + 'static;
    /// The cursor, as the request takes it.
    type Cursor;

    /// How many items the page holds.
    fn item_count(&self) -> usize;

    /// The cursor of the page's last item, if the server returned one.
    fn cursor(&self) -> Option<Self::Cursor>;

    /// The items, in order.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Every page of `operation`, in order: `fetch` sends the request, then the same request after
/// the cursor of each page, until a page is shorter than the page size or empty (the server
/// returns a cursor on every page). An error is yielded and ends the walk; so does a cursor the
/// server already returned, rather than an endless loop. Dropping the stream stops the walk.
pub(crate) fn pages<R, P, F, Fut>(
    operation: &'static str,
    request: R,
    fetch: F,
) -> BoxStream<'static, Result<P, Error>>
where
    R: PageRequest,
    P: Page<Cursor = R::Cursor>,
    F: Fn(R) -> Fut + Send + 'static,
    Fut: Future<Output = (R, Result<P, Error>)> + Send + 'static,
{
    let walk = Some((request, HashSet::new()));
    stream::try_unfold(walk, move |walk| {
        let next_page = walk.map(|(request, seen)| (fetch(request), seen));
        async move {
            let Some((page, mut seen)) = next_page else {
                return Ok(None);
            };
            let (mut request, page) = page.await;
            let page = page?;
            let full = usize::try_from(request.page_size())
                .is_ok_and(|size| size > 0 && page.item_count() >= size);
            let next = match page.cursor() {
                Some(cursor) if full => {
                    if !seen.insert(cursor.clone()) {
                        return Err(Error::RepeatedCursor {
                            operation,
                            cursor: cursor.to_string(),
                        });
                    }
                    request.start_after(cursor);
                    Some((request, seen))
                }
                _ => None,
            };
            Ok(Some((page, next)))
        }
    })
    .boxed()
}

/// Every item of every page of a walk, in order.
pub(crate) fn items<P: Page>(
    pages: BoxStream<'static, Result<P, Error>>,
) -> BoxStream<'static, Result<P::Item, Error>> {
    pages
        .map_ok(|page| stream::iter(page.into_items().into_iter().map(Ok)))
        .try_flatten()
        .boxed()
}
