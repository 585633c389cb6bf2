//! Rust names for spec names: predictable, compiling, and unique where they must be.

use std::collections::HashSet;

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Names the generated modules import, define or rely on; a schema with one of these names gets
/// a `Model` suffix so that it cannot shadow them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "ApiError",
    "Arc",
    "Box",
    "BoxStream",
    "Clearable",
    "Client",
    "ClientBuilder",
    "CommonBody",
    "CommonFields",
    "Date",
    "DateTime",
    "DecodeError",
    "Deserialize",
    "Duration",
    "Endpoint",
    "Error",
    "ErrorBody",
    "ErrorResponse",
    "FilePart",
    "Inner",
    "NotClearable",
    "Nullable",
    "Option",
    "Page",
    "PageRequest",
    "RateLimit",
    "RawResponse",
    "Request",
    "Result",
    "RetryPolicy",
    "Secret",
    "Self",
    "Serialize",
    "Settings",
    "String",
    "Transport",
    "TransportError",
    "Update",
    "Utc",
    "Uuid",
    "Validate",
    "ValidationError",
    "Vec",
    "Violations",
];

/// `UpperCamelCase` name of a type or enum variant.
pub fn type_name(spec_name: &str) -> String {
    let name = with_ascii_start(ascii_words(spec_name).to_upper_camel_case(), "T");
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

/// The base name of every schema of a spec (`type_name` of the name), where a dotted name
/// (`api.v2010.account.call.call_notification`, the namespaces of its generator) is named by
/// the fewest last segments that no other schema also ends in (`CallNotification`), so that
/// its types and the inline types named after it stay readable.
pub fn schema_type_names(schema_names: &[&str]) -> Vec<String> {
    fn suffixes(name: &str) -> Vec<String> {
        let segments: Vec<&str> = name.split('.').collect();
        if segments.len() < 2 {
            return Vec::new();
        }
        (1..segments.len())
            .map(|count| segments[segments.len() - count..].join("_"))
            .filter(|suffix| suffix.starts_with(|c: char| c.is_ascii_alphabetic()))
            .map(|suffix| type_name(&suffix))
            .collect()
    }
    let mut uses: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for name in schema_names {
        let mut own: Vec<String> = suffixes(name);
        own.push(type_name(name));
        own.sort_unstable();
        own.dedup();
        for candidate in own {
            *uses.entry(candidate).or_default() += 1;
        }
    }
    schema_names
        .iter()
        .map(|name| {
            suffixes(name)
                .into_iter()
                .find(|candidate| uses.get(candidate) == Some(&1))
                .unwrap_or_else(|| type_name(name))
        })
        .collect()
}

/// `UpperCamelCase` name of an enum variant.
pub fn variant_name(wire_value: &str) -> String {
    not_unrawable(with_ascii_start(
        ascii_words(wire_value).to_upper_camel_case(),
        "V",
    ))
}

/// `snake_case` name of a field, parameter or method, as it is written in Rust: keywords are
/// raw identifiers (`r#type`, which serde reads and writes as `type`), except those that
/// cannot be (`self_`).
pub fn field_name(spec_name: &str) -> String {
    escape_keyword(not_unrawable(with_ascii_start(
        ascii_words(spec_name).to_snake_case(),
        "field_",
    )))
}

/// The name of the `with_` setter of a field or parameter named `rust_name`.
pub fn setter_name(rust_name: &str) -> String {
    format!("with_{}", unraw(rust_name))
}

/// A name as serde and readers see it: without the `r#` of a raw identifier.
pub fn unraw(rust_name: &str) -> &str {
    rust_name.strip_prefix("r#").unwrap_or(rust_name)
}

/// A keyword as a raw identifier (`r#type`); any other name as it is.
fn escape_keyword(name: String) -> String {
    if is_keyword(&name) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Names a module of the generated crate cannot take: those its modules use unqualified (the
/// crate's dependencies, its own modules, `std`), which a module of that name would shadow.
const RESERVED_MODULE_NAMES: &[&str] = &[
    "base64",
    "bytes",
    "chrono",
    "client",
    "core",
    "fastrand",
    "futures",
    "http",
    "hyper",
    "mock",
    "models",
    "operations",
    "pagination",
    "reqwest",
    "serde",
    "serde_json",
    "server",
    "sse",
    "std",
    "support",
    "tokio",
    "tracing",
    "typed",
    "uuid",
];

/// `snake_case` name of a module; keywords and reserved names get an `_api` suffix.
pub fn module_name(spec_name: &str) -> String {
    let name = with_ascii_start(ascii_words(spec_name).to_snake_case(), "m_");
    if is_keyword(&name) || RESERVED_MODULE_NAMES.contains(&name.as_str()) {
        format!("{name}_api")
    } else {
        name
    }
}

/// `kebab-case` name of a cargo feature, which names may start with a digit.
pub fn feature_name(spec_name: &str) -> String {
    match ascii_words(spec_name).to_kebab_case() {
        name if name.is_empty() => "operations".to_owned(),
        name => name,
    }
}

/// Whether `name` is a Rust keyword, strict or reserved, in the 2021 edition or later.
fn is_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
        "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
        "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
        "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try",
        "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while",
        "yield",
    ];
    KEYWORDS.contains(&name)
}

/// `SCREAMING_SNAKE_CASE` name of a constant.
pub fn constant_name(spec_name: &str) -> String {
    with_ascii_start(ascii_words(spec_name).to_shouty_snake_case(), "C_")
}

/// Renames the keywords that cannot be raw identifiers.
fn not_unrawable(name: String) -> String {
    match name.as_str() {
        "self" | "Self" | "super" | "crate" | "_" => format!("{name}_"),
        _ => name,
    }
}

/// Turns every character that cannot be part of an ASCII identifier into a word break, so that
/// `Größe` becomes the words `Gr` and `e`, and `e-mail` the words `e` and `mail`.
fn ascii_words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Keeps names valid identifiers: a name that is empty or starts with a digit gets `prefix`.
fn with_ascii_start(name: String, prefix: &str) -> String {
    match name.chars().next() {
        None => prefix.trim_end_matches('_').to_owned(),
        Some(c) if c.is_ascii_digit() => format!("{prefix}{name}"),
        Some(_) => name,
    }
}

/// Hands out names that are unique within one scope (the fields of a struct, the variants of an
/// enum, the types of an API), suffixing a counter on collision.
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope in which `names` are already taken.
    pub fn with_taken<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Scope {
            taken: names.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Returns `name`, or `name` with the smallest suffix from 2 up that is still free. A name
    /// that ends in `_` (`Self_`, for the keyword) takes the number in place of the `_`
    /// (`Self2`), which keeps it a camel-case or snake-case name.
    pub fn claim(&mut self, name: String) -> String {
        let unique = if self.taken.contains(&name) {
            // A numbered keyword (`type2`) is no keyword.
            let name = unraw(&name);
            let stem = match name.trim_end_matches('_') {
                "" => name,
                stem => stem,
            };
            (2..)
                .map(|n| format!("{stem}{n}"))
                .find(|candidate| !self.taken.contains(candidate))
                .expect("an unbounded range always yields a free name")
        } else {
            name
        };
        self.taken.insert(unique.clone());
        unique
    }
}
