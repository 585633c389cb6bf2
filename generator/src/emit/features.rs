//! The cargo features of an API split by tag or resource: their `Cargo.toml` entries, the
//! attribute that compiles an item only with its feature, and their list in the crate's docs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

/// `#[cfg(feature = "...")]` for an item of a feature; nothing for an item always compiled.
pub(super) fn gate(feature: Option<&str>) -> TokenStream {
    match feature {
        Some(feature) => quote!(#[cfg(feature = #feature)]),
        None => TokenStream::new(),
    }
}

/// The body of an attribute that allows `lints` unless every feature is on (imports and
/// helpers that only the methods or types of some features use are unused without them),
/// or `None` for an API without features. Written `#![...]` or `#[...]` where it goes.
pub(super) fn allow_without_all(api: &Api, lints: TokenStream) -> Option<TokenStream> {
    if api.features.is_empty() {
        return None;
    }
    let features = api.features.iter().map(|feature| &feature.name);
    Some(quote!(cfg_attr(not(all(#(feature = #features),*)), allow(#lints))))
}

/// The `[features]` entries of the API's features, all on by default.
pub(super) fn cargo_features(api: &Api) -> String {
    if api.features.is_empty() {
        return String::new();
    }
    let names: Vec<String> = api
        .features
        .iter()
        .map(|feature| format!("{:?}", feature.name))
        .collect();
    let mut toml = format!(
        "# Every group of operations is on by default; to compile only those you call, depend on\n\
         # the crate with `default-features = false` and name their features.\n\
         default = [{}]\n",
        names.join(", ")
    );
    for feature in &api.features {
        let docs = feature.docs.replace('\n', " ");
        toml.push_str(&format!("# {docs}\n{} = []\n", feature.name));
    }
    toml
}

/// The section of the crate's docs that lists the features.
pub(super) fn docs_section(api: &Api) -> Option<String> {
    if api.features.is_empty() {
        return None;
    }
    let mut text =
        "## Features\n\nThe operations are grouped into cargo features, all on by default. \
                    A feature compiles the methods of its operations and the types only they use; \
                    to compile less, depend on the crate with `default-features = false` and the \
                    features of the operations you call.\n\n"
            .to_owned();
    for feature in &api.features {
        text.push_str(&format!("- `{}`: {}\n", feature.name, feature.docs));
    }
    Some(text)
}
