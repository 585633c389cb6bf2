//! Emits the generated crate's `Cargo.toml`: what cargo needs to build it and crates.io to
//! publish it.

use super::{examples, features, EmitOptions};
use crate::ir::Api;

pub(super) fn cargo_toml(api: &Api, options: &EmitOptions) -> String {
    let (crate_name, version) = (options.crate_name, options.version);
    let features = features::cargo_features(api);
    let description = toml_string(&description(api));
    let publishing: String = [
        ("license", options.license),
        ("repository", options.repository),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some(format!("{key} = {}\n", toml_string(value?))))
    .collect();
    let required_features = examples::required_features(api);
    let examples = match api
        .operations
        .iter()
        .any(|operation| operation.example.is_some())
    {
        false => String::new(),
        true => format!(
            "\n[[example]]\nname = {:?}\nrequired-features = {required_features:?}\n",
            options.example_program
        ),
    };
    format!(
        r#"[package]
name = "{crate_name}"
version = "{version}"
edition = "2021"
description = {description}
{publishing}readme = "README.md"
# `Option::is_none_or`, the newest part of the standard library the crate uses.
rust-version = "1.82"

[lib]
# The library holds no unit tests (its tests are in `tests/` and its docs): `cargo test` and
# `cargo clippy --all-targets` need not compile it a second time as a test harness.
test = false

[dependencies]
base64 = "0.22"
bytes = "1"
chrono = {{ version = "0.4", default-features = false, features = ["clock", "std", "serde"] }}
fastrand = "2"
futures = {{ version = "0.3", default-features = false, features = ["std", "async-await"] }}
reqwest = {{ version = "0.12", default-features = false, features = ["rustls-tls", "http2"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
tokio = {{ version = "1", features = ["sync", "time"] }}
tracing = "0.1"
uuid = {{ version = "1", features = ["serde"] }}
# The mock server of the `mock` feature.
http-body-util = {{ version = "0.1", optional = true }}
hyper = {{ version = "1", features = ["server", "http1"], optional = true }}
hyper-util = {{ version = "0.1", features = ["tokio"], optional = true }}

[features]
# `mock`: a mock server of the API for the tests of code that uses this crate.
mock = ["dep:http-body-util", "dep:hyper", "dep:hyper-util", "tokio/net", "tokio/rt"]
{features}
[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}
{examples}"#
    )
}

/// The package's one-line description: the API's title and the first sentence of its
/// description.
fn description(api: &Api) -> String {
    let generated = format!(
        "Typed client of {}, generated from its OpenAPI description.",
        api.title
    );
    let Some(text) = api.description.as_deref() else {
        return generated;
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = text
        .match_indices(". ")
        .map(|(at, _)| at + 1)
        .next()
        .unwrap_or(text.len());
    let sentence = text[..end].trim_end_matches('.');
    format!("{generated} {sentence}.")
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
