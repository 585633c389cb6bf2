//! Emits the generated crate's `README.md`, which crates.io shows: what the crate is, how to
//! depend on it, a client configured from the environment, and where the operations and the
//! example program are. The crate's doctests compile its code.

use super::{examples, features, operations_table, EmitOptions};
use crate::ir::Api;

/// The file's path in the crate.
pub const FILE: &str = "README.md";

/// The file, with `preamble` as a comment at its top.
pub fn file(api: &Api, options: &EmitOptions, preamble: &str) -> String {
    let crate_name = options.crate_name;
    let mut text = format!(
        "<!-- {preamble} -->\n\n# {crate_name}\n\n\
         A typed Rust client of {}, generated from its OpenAPI description by mews-codegen.\n",
        api.title
    );
    if let Some(description) = &api.description {
        text.push_str(&format!("\n{description}\n"));
    }
    text.push_str(&format!(
        "\n## Usage\n\n```toml\n[dependencies]\n{crate_name} = \"{}\"\n\
         tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n```\n",
        options.version
    ));
    if let Some(setup) = examples::client_setup(api, options.crate_path, options.env_prefix) {
        let body: String = setup
            .lines()
            .map(|line| match line {
                "" => "\n".to_owned(),
                line => format!("    {line}\n"),
            })
            .collect();
        text.push_str(&format!(
            "\n```rust,no_run\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n\
             {body}    Ok(())\n}}\n```\n"
        ));
    }
    if !api.operations.is_empty() {
        text.push_str(&format!(
            "\nThe client has one async method per operation; [{0}]({0}) lists them all.\n",
            operations_table::FILE
        ));
    }
    if api
        .operations
        .iter()
        .any(|operation| operation.example.is_some())
    {
        text.push_str(&format!(
            "\n`cargo run --example {0} -- <operation>` sends an operation's documented example \
             request; `cargo run --example {0}` lists the operations.\n",
            options.example_program
        ));
    }
    if let Some(section) = features::docs_section(api) {
        text.push_str(&format!("\n{section}"));
    }
    text
}
