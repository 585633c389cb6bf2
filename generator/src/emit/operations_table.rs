//! Emits `OPERATIONS.md`: one row per operation, which a list of hundreds reads better in than
//! the crate's rustdoc or README.

use crate::ir::{Api, Operation};

/// The file's path in the crate.
pub const FILE: &str = "OPERATIONS.md";

/// The file, with `preamble` as a comment at its top.
pub fn file(api: &Api, preamble: &str) -> String {
    let mut text = format!(
        "<!-- {preamble} -->\n\n# Operations of {}\n\n\
         Every operation of the API, by its path (how `cargo run --example` names it), with the \
         method of `Client` that calls it and the feature that compiles the method. A paginated \
         operation also has the methods that stream every page and every item.\n\n\
         | operation | method | feature | paginated | deprecated | restricted |\n\
         | --- | --- | --- | --- | --- | --- |\n",
        api.title
    );
    for operation in &api.operations {
        text.push_str(&row(operation));
    }
    text
}

fn row(operation: &Operation) -> String {
    let yes = |on: bool| if on { "yes" } else { "" };
    let paginated = match &operation.pagination {
        Some(pagination) => format!(
            "yes: `{}`, `{}`",
            pagination.pages_method, pagination.items_method
        ),
        None => String::new(),
    };
    let feature = operation
        .feature
        .as_deref()
        .map(|feature| format!("`{feature}`"))
        .unwrap_or_default();
    format!(
        "| `{}` | `{}` | {feature} | {paginated} | {} | {} |\n",
        operation.example_path,
        operation.name,
        yes(operation.deprecated.is_some()),
        yes(operation.restricted),
    )
}
