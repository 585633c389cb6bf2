//! The `use` items of a generated file, in the order rustfmt gives them, and the names of the
//! support module that the types of a file spell, so that exactly those are imported.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::TypeRef;

/// One `use` item: `use path::{names};`, or `use path::*;` with the name `*`.
pub(super) struct Use {
    pub public: bool,
    /// The path, `::`-separated (`crate::support`).
    pub path: String,
    pub names: Vec<String>,
}

impl Use {
    /// `use path::{names}` (not public).
    pub(super) fn new(path: &str, names: impl IntoIterator<Item = impl Into<String>>) -> Use {
        Use {
            public: false,
            path: path.to_owned(),
            names: names.into_iter().map(Into::into).collect(),
        }
    }

    /// `pub use path::{names}`.
    pub(super) fn public(path: &str, names: impl IntoIterator<Item = impl Into<String>>) -> Use {
        Use {
            public: true,
            ..Use::new(path, names)
        }
    }
}

/// The items of `uses`, sorted as rustfmt sorts a group of them (by path, then the names inside
/// the braces), a use of one name without braces; uses without names are left out.
pub(super) fn use_items(uses: impl IntoIterator<Item = Use>) -> TokenStream {
    let mut uses: Vec<Use> = uses.into_iter().filter(|u| !u.names.is_empty()).collect();
    for item in &mut uses {
        item.names.sort_by(|a, b| compare_segments(a, b));
        item.names.dedup();
    }
    uses.sort_by(|a, b| compare_paths(&a.path, &b.path).then_with(|| a.names.cmp(&b.names)));
    let items = uses.iter().map(|item| {
        let visibility = item.public.then(|| quote!(pub));
        let path: TokenStream = item.path.parse().expect("a use path is Rust tokens");
        let names: Vec<TokenStream> = item
            .names
            .iter()
            .map(|name| name.parse().expect("an imported name is Rust tokens"))
            .collect();
        match names.as_slice() {
            // `self` alone is the module itself.
            [single] if single.to_string() == "self" => quote!(#visibility use #path;),
            [single] => quote!(#visibility use #path::#single;),
            several => quote!(#visibility use #path::{#(#several),*};),
        }
    });
    quote!(#(#items)*)
}

/// rustfmt's order of paths: segment by segment, a path before the longer ones it starts.
fn compare_paths(a: &str, b: &str) -> Ordering {
    let a: Vec<&str> = a.split("::").collect();
    let b: Vec<&str> = b.split("::").collect();
    a.iter()
        .zip(&b)
        .map(|(a, b)| compare_segments(a, b))
        .find(|order| order.is_ne())
        .unwrap_or_else(|| a.len().cmp(&b.len()))
}

/// rustfmt's order of the segments of a path and of the names in braces: `self`, `super` and
/// `crate` first, then `snake_case` before `CamelCase` before `UPPER_SNAKE_CASE`, each in
/// the order of their characters.
fn compare_segments(a: &str, b: &str) -> Ordering {
    let special = |segment: &str| {
        ["self", "super", "crate"]
            .iter()
            .position(|s| *s == segment)
    };
    match (special(a), special(b)) {
        (Some(a), Some(b)) => return a.cmp(&b),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => {}
    }
    let class = |name: &str| {
        if name.starts_with(char::is_lowercase) {
            0
        } else if name
            .chars()
            .all(|c| c.is_uppercase() || c == '_' || c.is_numeric())
        {
            2
        } else if name.starts_with(char::is_uppercase) {
            1
        } else {
            // Neither (`_name`, `*`): ordered by its characters alone.
            -1
        }
    };
    match (class(a), class(b)) {
        (-1, _) | (_, -1) => a.cmp(b),
        (a_class, b_class) => a_class.cmp(&b_class).then_with(|| a.cmp(b)),
    }
}

/// Adds to `used` the names of the support module that `ty` is spelled with.
pub(super) fn support_names(ty: &TypeRef, used: &mut BTreeSet<&'static str>) {
    for ty in ty.walk() {
        match ty {
            TypeRef::Date => {
                used.insert("Date");
            }
            TypeRef::File => {
                used.insert("FilePart");
            }
            TypeRef::Update { clearable, .. } => {
                used.insert("Update");
                if !clearable {
                    used.insert("NotClearable");
                }
            }
            _ => {}
        }
    }
}
