//! Emits the example program `examples/<program>/main.rs`, which sends the documented
//! example request of the operation it is given, and beside it one module per operation with
//! a documented request (`examples/<program>/customers_add.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::imports::{use_items, Use};
use super::models::rust_type;
use super::{doc_attrs, ident, inner_doc_attrs};
use crate::ir::{Api, CommonField, Operation, SentExample, TypeRef};

/// What the example program is named after and configured by.
pub struct ExampleProgram<'a> {
    /// The program's name, which `cargo run --example` takes (`mews`).
    pub name: &'a str,
    /// The crate's name in Rust paths (`mews_connector`).
    pub crate_path: &'a str,
    /// Names the environment variables (`MEWS` gives `MEWS_BASE_URL`, ...).
    pub env_prefix: &'a str,
}

/// The files of the example program, `(path, code)`, the root first; none when no operation
/// has a documented request to send.
pub fn files(api: &Api, program: &ExampleProgram) -> Vec<(String, TokenStream)> {
    let modules: Vec<(&Operation, &str, TokenStream)> = api
        .operations
        .iter()
        .filter_map(|operation| {
            let module = operation.example.as_deref()?;
            Some((operation, module, module_file(operation, program)?))
        })
        .collect();
    if modules.is_empty() {
        return Vec::new();
    }
    let operations: Vec<&Operation> = modules.iter().map(|(operation, ..)| *operation).collect();
    let root = (
        format!("examples/{}/main.rs", program.name),
        main_file(api, &operations, program),
    );
    let modules = modules
        .into_iter()
        .map(|(_, module, code)| (format!("examples/{}/{module}.rs", program.name), code));
    std::iter::once(root).chain(modules).collect()
}

/// The features the example program needs: those of the operations it sends.
pub fn required_features(api: &Api) -> Vec<&str> {
    let mut features: Vec<&str> = api
        .operations
        .iter()
        .filter(|operation| operation.example.is_some())
        .filter_map(|operation| operation.feature.as_deref())
        .collect();
    features.dedup();
    features.sort_unstable();
    features.dedup();
    features
}

/// `main.rs`: reads the operation's path from the command line, configures the client from the
/// environment and runs the operation's module.
fn main_file(api: &Api, operations: &[&Operation], program: &ExampleProgram) -> TokenStream {
    let crate_ident = ident(program.crate_path);
    let base_url_var = format!("{}_BASE_URL", program.env_prefix);
    let default_server = default_server(api);
    let default_url = default_server.map_or("http://localhost:8080", |server| server.url.as_str());
    let default_url_expr = match default_server {
        Some(server) => {
            let constant = ident(&server.name);
            quote!(#crate_ident::client::#constant)
        }
        None => quote!(#default_url),
    };
    let required_fields: Vec<&CommonField> = api
        .common_fields
        .iter()
        .filter(|field| field.required)
        .collect();
    let env_vars: Vec<String> = required_fields
        .iter()
        .map(|field| env_var(program.env_prefix, field))
        .collect();
    // A field that is not a string is parsed from the variable: by `FromStr` where the type
    // has it, else as JSON.
    let env_values = required_fields
        .iter()
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
    let first_path = operations[0].example_path.as_str();
    let docs = inner_doc_attrs(&format!(
        "Sends the documented example request of one operation of {} and prints the result, or \
         the error: `cargo run --example {name} -- {first_path}`. Without an operation, lists \
         them all, one per line.\n\n\
         Configured by environment variables: `{base_url_var}` (default: <{default_url}>){}.\n\n\
         Each operation's request is in the file named after its path (`{}.rs` for \
         `{first_path}`).",
        api.title,
        env_vars
            .iter()
            .map(|var| format!(", `{var}`"))
            .collect::<String>(),
        operations[0].example.as_deref().unwrap_or_default(),
        name = program.name,
    ));
    let module_idents: Vec<_> = operations
        .iter()
        .filter_map(|operation| operation.example.as_deref())
        .map(ident)
        .collect();
    let paths = operations.iter().map(|operation| &operation.example_path);
    let uses = use_items([
        Use::new("std::process", ["ExitCode"]),
        Use::new("futures::future", ["FutureExt", "LocalBoxFuture"]),
        Use::new(program.crate_path, ["Client", "Error"]),
    ]);
    let required_env = (!env_vars.is_empty()).then(|| {
        quote! {
            /// The value of an environment variable the client needs.
            fn required_env(name: &str) -> Result<String, String> {
                std::env::var(name).map_err(|_| format!("set the environment variable {name}"))
            }
        }
    });
    quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #(mod #module_idents;)*

        #uses

        /// What sending an example ends in: the module printed the result, or this error.
        type Outcome = Result<(), Box<dyn std::error::Error>>;

        /// Sends an operation's example with the client.
        type SendExample = for<'a> fn(&'a Client) -> LocalBoxFuture<'a, Outcome>;

        /// Every operation by its path, with what sends its example.
        const OPERATIONS: &[(&str, SendExample)] = &[
            #((#paths, |client| #module_idents::run(client).boxed_local()),)*
        ];

        #[tokio::main]
        async fn main() -> ExitCode {
            let Some(path) = std::env::args().nth(1) else {
                for (path, _) in OPERATIONS {
                    println!("{path}");
                }
                return ExitCode::SUCCESS;
            };
            let Some((_, send)) = OPERATIONS.iter().find(|(known, _)| *known == path) else {
                eprintln!("error: no operation `{path}`; run without arguments to list them");
                return ExitCode::from(2);
            };
            let outcome = match client() {
                Ok(client) => send(&client).await,
                Err(error) => Err(error),
            };
            let Err(error) = outcome else {
                return ExitCode::SUCCESS;
            };
            eprintln!("error: {error}");
            if let Some(request_id) = error.downcast_ref::<Error>().and_then(Error::request_id) {
                eprintln!("request id: {request_id}");
            }
            ExitCode::FAILURE
        }

        /// The client, configured from the environment.
        fn client() -> Result<Client, Box<dyn std::error::Error>> {
            let base_url = std::env::var(#base_url_var).unwrap_or_else(|_| #default_url_expr.to_owned());
            Ok(Client::builder(base_url, #(#env_values),*).build()?)
        }

        #required_env
    }
}

/// The module of one operation: its documented request, and `run`, which sends it and prints
/// the result (every item of every page, for a paginated operation). `None` when the request
/// cannot be written as a literal.
fn module_file(operation: &Operation, program: &ExampleProgram) -> Option<TokenStream> {
    let request = operation.request.as_ref()?;
    let request_type = rust_type(request);
    let optional_params = operation
        .parameters
        .iter()
        .any(|parameter| !parameter.required)
        .then(|| quote!(&Default::default(),));
    let mut crate_names = vec!["Client".to_owned()];
    if let TypeRef::Named(name) = request {
        crate_names.push(name.clone());
    }
    let sent = operation.sent_example.as_ref()?;
    let request_literal = json_literal(&sent.body)?;
    let method = ident(&operation.name);
    let title = operation
        .summary
        .clone()
        .unwrap_or_else(|| operation.name.clone());
    let docs = inner_doc_attrs(&format!(
        "{title}: `{} {}`, with its documented example request.\n\n\
         Run it with `cargo run --example {} -- {}`.",
        operation.method, operation.path, program.name, operation.example_path,
    ));
    let mut uses = vec![
        Use::new(program.crate_path, crate_names),
        Use::new("super", ["Outcome"]),
    ];
    // A paginated operation walks every page; any other prints its one result.
    let call = match &operation.pagination {
        Some(pagination) => {
            uses.push(Use::new("futures", ["StreamExt"]));
            let items = ident(&pagination.items_method);
            quote! {
                let mut items = client.#items(request);
                while let Some(item) = items.next().await {
                    let item = item?;
                    println!("{item:#?}");
                }
            }
        }
        None => {
            let argument = super::client::request_argument(operation, quote!(request));
            let call = quote!(client.#method(#optional_params #argument).await?);
            match operation.result {
                Some(_) => quote! {
                    let result = #call;
                    println!("{result:#?}");
                },
                None => quote! {
                    #call;
                    println!("done");
                },
            }
        }
    };
    let uses = use_items(uses);
    let request_docs = doc_attrs(&sent_example_docs(sent));
    let allow_deprecated = operation
        .deprecated
        .is_some()
        .then(|| quote!(#[allow(deprecated)]));
    let run_docs = doc_attrs(if operation.pagination.is_some() {
        "Sends the documented request and prints every item of every page."
    } else {
        "Sends the documented request and prints the result."
    });
    Some(quote! {
        #docs
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #uses

        #request_docs
        const REQUEST: &str = #request_literal;

        #run_docs
        #allow_deprecated
        pub async fn run(client: &Client) -> Outcome {
            let request: #request_type = serde_json::from_str(REQUEST)?;
            #call
            Ok(())
        }
    })
}

/// What the example program sends: the documented request, and where it departs from the
/// documentation to fit the spec.
fn sent_example_docs(sent: &SentExample) -> String {
    let mut docs =
        "The documented example request, without the fields the client adds itself.".to_owned();
    if !sent.fixes.is_empty() {
        docs.push_str(" Fitted to the spec where the documentation departs from it:\n");
        for fix in &sent.fixes {
            docs.push_str(&format!("\n- `{}`: {}", fix.pointer, fix.change));
        }
    }
    docs
}

/// A rustdoc example that configures a client from the environment, for the crate's and the
/// builder's documentation; `None` when a required client field has a type without a default
/// to show.
pub fn usage_example(api: &Api, crate_path: &str, env_prefix: &str) -> Option<String> {
    Some(format!(
        "```no_run\n\
         # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         {}\n\
         # Ok(())\n\
         # }}\n\
         ```",
        client_setup(api, crate_path, env_prefix)?
    ))
}

/// The code that configures a client from the environment, with its import and a blank line
/// after it, for a function that returns a `Result` of a boxed error.
pub fn client_setup(api: &Api, crate_path: &str, env_prefix: &str) -> Option<String> {
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
        "use {crate_path}::{{client, Client}};\n\
         \n\
         let client = Client::builder(\n{}\n)\n\
         .timeout(std::time::Duration::from_secs(30))\n\
         .build()?;",
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
