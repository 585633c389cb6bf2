//! Stage 2: turn the `openapiv3` document into the intermediate model ([`crate::ir`]).
//!
//! Every `$ref` is resolved here and every Rust name is chosen here, so the emitters never look
//! at the spec again. Patterns are detected from the shape of the spec: an object schema whose
//! only property is the update-wrapper property (`Value` for Mews) is an update value, whatever
//! its name.

mod bodies;
mod common_fields;
mod errors;
mod events;
mod example_walk;
mod examples;
mod features;
mod markdown;
mod methods;
mod mock;
mod newer_results;
mod operations;
mod pagination;
mod passes;
mod paths;
mod result_examples;
mod schemas;
mod sent_examples;
mod setters;
mod shape;
mod values;
mod wrappers;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::error::Error;
use crate::ir::{Api, BodyEncoding, Limits, Server, TypeDef, TypeRef};
use crate::names::{self, Scope};

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

pub use common_fields::ClientSetting;
pub use pagination::PaginationNames;

/// The names by which the resolver recognises Mews's patterns in any spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The only property of an update-value wrapper schema (`Value`).
    pub update_value_property: String,
    /// The properties of cursor pagination.
    pub pagination: PaginationNames,
    /// Optional body properties of every request that the client can set a default for,
    /// whether the spec declares them or not.
    pub client_settings: Vec<ClientSetting>,
    /// The actions (the last segment of a path, before a `/YYYY-MM-DD` version) of operations
    /// that only read, by their start (`get`): they are idempotent, so the client retries them
    /// after timeouts and server errors, whatever their HTTP method. `x-idempotent` in the spec
    /// decides first.
    pub read_only_actions: Vec<String>,
    /// The servers the API documents outside its spec (URL and description): they describe a
    /// spec server of the same URL that has no description, and the others are added after
    /// the spec's, so that the server constants do not depend on which spec is the input.
    pub known_servers: Vec<(String, String)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            update_value_property: "Value".to_owned(),
            pagination: PaginationNames::default(),
            client_settings: Vec::new(),
            read_only_actions: Vec::new(),
            known_servers: Vec::new(),
        }
    }
}

/// Resolves `doc` (read from `file`) into the intermediate model with the default settings,
/// except for `update_wrapper_property`, the only property of an update-value wrapper schema.
pub fn resolve(doc: &OpenAPI, file: &Path, update_wrapper_property: &str) -> Result<Api, Error> {
    let settings = Settings {
        update_value_property: update_wrapper_property.to_owned(),
        ..Settings::default()
    };
    resolve_with(doc, file, &settings)
}

/// Resolves `doc` (read from `file`) into the intermediate model.
pub fn resolve_with(doc: &OpenAPI, file: &Path, settings: &Settings) -> Result<Api, Error> {
    let update_wrapper_property = settings.update_value_property.as_str();
    let mut resolver = Resolver::new(doc, file, update_wrapper_property);
    resolver.read_only_actions = &settings.read_only_actions;
    for (name, schema) in resolver.schemas {
        if !resolver.is_wrapper(name) {
            resolver.define_component(name, schema)?;
        }
    }
    let mut methods = methods::client_methods();
    let mut operations = resolver.operations(&mut methods)?;
    examples::name(&mut operations);
    let mut types = resolver.types;
    passes::confine_base64(&mut types, &mut operations);
    passes::confine_files(&mut types, &mut operations);
    passes::confine_limits(&mut types);
    passes::check_alias_cycles(&types, &resolver.type_names, file)?;
    passes::box_recursive_types(&mut types);
    let mut common_fields =
        common_fields::hoist(&mut types, &operations, &settings.client_settings);
    passes::require_bodies_with_common_fields(&mut operations, &common_fields);
    common_fields::mark_union_bodies(&types, &mut operations, &common_fields);
    passes::mark_request_types(&mut types, &operations);
    result_examples::loosen(&mut types, &mut operations, update_wrapper_property);
    newer_results::derive(&types, &mut operations, update_wrapper_property);
    passes::mark_three_state_fields(&mut types, &mut common_fields);
    pagination::detect(
        &mut operations,
        &mut types,
        &settings.pagination,
        &mut methods,
    );
    setters::name_setters(&mut types, &mut operations);
    passes::mark_default_types(&mut types);
    sent_examples::fit(
        &types,
        &mut operations,
        &common_fields,
        update_wrapper_property,
    );
    let errors = errors::errors(&operations, &types);
    let mut api = Api {
        title: doc.info.title.clone(),
        description: text(&doc.info.description),
        types,
        operations,
        servers: servers(doc, &settings.known_servers),
        common_fields,
        update_value_property: update_wrapper_property.to_owned(),
        errors,
        mock: Default::default(),
        features: Vec::new(),
    };
    api.features = features::split(doc, &mut api);
    api.mock = mock::mock(&api);
    Ok(api)
}

/// What an operation's request body is: its type, media type, encoding and documented
/// example.
#[derive(Default)]
struct RequestBodyShape {
    ty: Option<TypeRef>,
    media_type: Option<String>,
    encoding: BodyEncoding,
    optional: bool,
    example: Option<serde_json::Value>,
}

/// A type together with what the schema that produced it says about the value.
struct Resolved {
    ty: TypeRef,
    nullable: bool,
    description: Option<String>,
    deprecated: Option<String>,
    limits: Limits,
}

struct Resolver<'a> {
    doc: &'a OpenAPI,
    file: &'a Path,
    schemas: &'a IndexMap<String, ReferenceOr<Schema>>,
    wrapper_property: &'a str,
    /// What the actions of read-only operations start with ([`Settings::read_only_actions`]).
    read_only_actions: &'a [String],
    /// Rust name of every component schema that becomes a named type.
    type_names: HashMap<String, String>,
    /// Update types of the wrapper schemas resolved so far.
    wrapper_types: HashMap<String, TypeRef>,
    /// The component schemas that are update-value wrappers.
    wrappers: HashSet<String>,
    type_scope: Scope,
    types: Vec<TypeDef>,
}

impl<'a> Resolver<'a> {
    fn new(doc: &'a OpenAPI, file: &'a Path, wrapper_property: &'a str) -> Self {
        static NO_SCHEMAS: std::sync::OnceLock<IndexMap<String, ReferenceOr<Schema>>> =
            std::sync::OnceLock::new();
        let schemas = match &doc.components {
            Some(components) => &components.schemas,
            None => NO_SCHEMAS.get_or_init(IndexMap::new),
        };
        let mut resolver = Resolver {
            doc,
            file,
            schemas,
            wrapper_property,
            read_only_actions: &[],
            type_names: HashMap::new(),
            wrapper_types: HashMap::new(),
            wrappers: wrappers::update_wrappers(schemas, wrapper_property),
            type_scope: Scope::default(),
            types: Vec::new(),
        };
        // Names first, so that references can be resolved in any order.
        let spec_names: Vec<&str> = schemas.keys().map(String::as_str).collect();
        for (name, base) in schemas.keys().zip(names::schema_type_names(&spec_names)) {
            if !resolver.is_wrapper(name) {
                let rust_name = resolver.type_scope.claim(base);
                resolver.type_names.insert(name.clone(), rust_name);
            }
        }
        resolver
    }

    fn error(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::at(self.file, pointer, message)
    }

    fn unsupported(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::unsupported(self.file, pointer, message)
    }

    fn is_wrapper(&self, name: &str) -> bool {
        self.wrappers.contains(name)
    }
}

impl Resolved {
    fn plain(ty: TypeRef) -> Self {
        Resolved {
            ty,
            nullable: false,
            description: None,
            deprecated: None,
            limits: Limits::default(),
        }
    }
}

/// Documentation text as Markdown, trimmed, or `None` when the spec gives none or only white
/// space.
fn text(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(markdown::markdown)
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

fn servers(doc: &OpenAPI, known: &[(String, String)]) -> Vec<Server> {
    let same_url = |a: &str, b: &str| a.trim_end_matches('/') == b.trim_end_matches('/');
    let described = doc.servers.iter().map(|server| {
        let known = known.iter().find(|(url, _)| same_url(url, &server.url));
        let description = server
            .description
            .clone()
            .or_else(|| known.map(|(_, description)| description.clone()));
        (server.url.clone(), description)
    });
    let added = known
        .iter()
        .filter(|(url, _)| !doc.servers.iter().any(|server| same_url(url, &server.url)))
        .map(|(url, description)| (url.clone(), Some(description.clone())));
    let mut scope = Scope::default();
    described
        .chain(added)
        .enumerate()
        .map(|(index, (url, description))| {
            let first_word = description
                .as_deref()
                .and_then(|description| description.split_whitespace().next())
                .map(names::constant_name)
                .filter(|name| !name.is_empty());
            Server {
                name: scope.claim(first_word.unwrap_or_else(|| format!("SERVER_{}", index + 1))),
                url,
                description,
            }
        })
        .collect()
}
