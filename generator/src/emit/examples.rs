//! Emits `examples/*.rs`: one runnable program per operation with a documented request
//! example, configured from the environment.

use proc_macro2::TokenStream;
use quote::quote;

use super::models::rust_type;
use super::{ident, inner_doc_attrs};
use crate::ir::{Api, CommonField, Operation, TypeRef};

/// A generated example program.
pub struct Example {
    /// File name without extension (`add_customer`).
    pub name: String,
    pub code: TokenStream,
}

/// `env_prefix` names the environment variables (`MEWS` gives `MEWS_BASE_URL`, ...).
pub fn examples(api: &Api, crate_path: &str, env_prefix: &str) -> Vec<Example> {
    api.operations
        .iter()
        .filter_map(|operation| example(api, operation, crate_path, env_prefix))
        .collect()
}

fn example(
    api: &Api,
    operation: &Operation,
    crate_path: &str,
    env_prefix: &str,
) -> Option<Example> {
    let name = operation.example.clone()?;
    let request = operation.request.as_ref()?;
    let request_type = rust_type(request);
    let optional_params = operation
        .parameters
        .iter()
        .any(|parameter| !parameter.required)
        .then(|| quote!(&Default::default(),));
    let request_import = match request {
        TypeRef::Named(_) => quote!(, #request_type),
        _ => quote!(),
    };
    let mut request = operation.request_example.clone()?;
    // The client adds the common fields itself.
    if let Some(fields) = request.as_object_mut() {
        for field in api.common_fields.iter().filter(|field| field.required) {
            fields.shift_remove(&field.wire_name);
        }
    }
    let request_literal = json_literal(&request)?;
    let crate_ident = ident(crate_path);
    let method = ident(&operation.name);
    let base_url_var = format!("{env_prefix}_BASE_URL");
    let default_server = default_server(api);
    let default_url = default_server.map_or("http://localhost:8080", |server| server.url.as_str());
    let default_url_expr = match default_server {
        Some(server) => {
            let constant = ident(&server.name);
            quote!(#crate_ident::client::#constant)
        }
        None => quote!(#default_url),
    };
    let env_vars: Vec<String> = api
        .common_fields
        .iter()
        .filter(|field| field.required)
        .map(|field| env_var(env_prefix, field))
        .collect();
    // A field that is not a string is parsed from the variable: by `FromStr` where the type
    // has it, else as JSON.
    let env_values = api
        .common_fields
        .iter()
        .filter(|field| field.required)
        .zip(&env_vars)
        .map(|(field, var)| match field.ty {
            TypeRef::String => quote!(required_env(#var)?),
            TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::Uuid
            | TypeRef::DateTime
            | TypeRef::Date => quote!(required_env(#var)?.parse()?),
            _ => quote!(serde_json::from_str(&required_env(#var)?)?),
        });
    let title = operation
        .summary
        .clone()
        .unwrap_or_else(|| operation.name.clone());
    let docs = inner_doc_attrs(&format!(
        "{title}: sends the documented example request to `{} {}` and prints the result, or the error.\n\n\
         Configured by environment variables: `{base_url_var}` (default: {default_url}), {}.\n\n\
         Run it with `cargo run --example {name}`.",
        operation.method,
        operation.path,
        env_vars.iter().map(|var| format!("`{var}`")).collect::<Vec<_>>().join(", "),
    ));
    let report_error = quote! {
        eprintln!("error: {error}");
        if let Some(request_id) = error.request_id() {
            eprintln!("request id: {request_id}");
        }
        std::process::exit(1);
    };
    // A paginated operation walks every page; any other prints its one result.
    let call = match &operation.pagination {
        Some(pagination) => {
            let items = ident(&pagination.items_method);
            quote! {
                let mut items = client.#items(request);
                while let Some(item) = items.next().await {
                    match item {
                        Ok(item) => println!("{item:#?}"),
                        Err(error) => {
                            #report_error
                        }
                    }
                }
            }
        }
        None => {
            let argument = super::client::request_argument(operation, quote!(request));
            quote! {
            match client.#method(#optional_params #argument).await {
                Ok(result) => println!("{result:#?}"),
                Err(error) => {
                    #report_error
                }
            }
            }
        }
    };
    let stream_import = operation.pagination.is_some().then(|| {
        quote!(
            use futures::StreamExt;
        )
    });
    let allow_deprecated = operation
        .deprecated
        .is_some()
        .then(|| quote!(#[allow(deprecated)]));
    let required_env = (!env_vars.is_empty()).then(|| {
        quote! {
            fn required_env(name: &str) -> Result<String, String> {
                std::env::var(name).map_err(|_| format!("set the environment variable {name}"))
            }
        }
    });
    let code = quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #stream_import
        use #crate_ident::{Client #request_import};

        /// The documented example request, without the fields the client adds itself.
        const REQUEST: &str = #request_literal;

        #[tokio::main]
        #allow_deprecated
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let base_url = std::env::var(#base_url_var).unwrap_or_else(|_| #default_url_expr.to_owned());
            let client = Client::builder(base_url, #(#env_values),*).build()?;
            let request: #request_type = serde_json::from_str(REQUEST)?;
            #call
            Ok(())
        }

        #required_env
    };
    Some(Example { name, code })
}

/// A rustdoc example that configures a client from the environment, for the crate's and the
/// builder's documentation; `None` when a required client field has a type without a default
/// to show.
pub fn usage_example(api: &Api, crate_path: &str, env_prefix: &str) -> Option<String> {
    let server = default_server(api).map_or_else(
        || "\"https://api.example.com\"".to_owned(),
        |server| format!("client::{}", server.name),
    );
    let mut arguments = vec![format!("    {server},")];
    for field in api.common_fields.iter().filter(|field| field.required) {
        arguments.push(match field.ty {
            TypeRef::String => format!("    std::env::var(\"{}\")?,", env_var(env_prefix, field)),
            TypeRef::Uuid | TypeRef::Bool | TypeRef::I32 | TypeRef::I64 => {
                format!("    Default::default(), // {}", field.wire_name)
            }
            _ => return None,
        });
    }
    Some(format!(
        "```no_run\n\
         # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         use {crate_path}::{{client, Client}};\n\
         \n\
         let client = Client::builder(\n{}\n)\n\
         .timeout(std::time::Duration::from_secs(30))\n\
         .build()?;\n\
         # Ok(())\n\
         # }}\n\
         ```",
        arguments.join("\n")
    ))
}

/// The environment variable that holds a client field (`MEWS_ACCESS_TOKEN` for `AccessToken`).
fn env_var(env_prefix: &str, field: &CommonField) -> String {
    format!("{env_prefix}_{}", field.env_name)
}

/// The server to use when none is configured: a demo or sandbox server if the spec lists one,
/// so that trying an example never touches production.
fn default_server(api: &Api) -> Option<&crate::ir::Server> {
    let is_sandbox = |server: &&crate::ir::Server| {
        let text = format!(
            "{} {}",
            server.url,
            server.description.as_deref().unwrap_or_default()
        )
        .to_lowercase();
        ["demo", "sandbox", "test", "staging"]
            .iter()
            .any(|word| text.contains(word))
    };
    api.servers.iter().find(is_sandbox).or(api.servers.first())
}

/// A JSON value as a pretty-printed raw string literal, as a person would paste it.
pub(super) fn json_literal(value: &serde_json::Value) -> Option<TokenStream> {
    let json = serde_json::to_string_pretty(value).ok()?;
    // Enough `#`s that no `"#...` inside the JSON ends the raw string early.
    let hashes = "#".repeat((1..).find(|n| !json.contains(&format!("\"{}", "#".repeat(*n))))?);
    format!("r{hashes}\"{json}\"{hashes}").parse().ok()
}
