//! The whole description: info, servers, one tag per page, one `POST` path per operation with
//! its examples and the responses every published operation documents, and the components.

use serde_json::Value as Json;
use serde_yaml::{Mapping, Value};

use crate::build::Components;
use crate::docs::{BodyAt, Docs, Side};
use crate::emit::{reference, Emitter};
use crate::identify::roots::{operation_id, operation_path, RootIds};
use crate::markdown::absolute_links;

/// The error schema every operation documents.
pub const ERROR_SCHEMA: &str = "ConnectorApiExceptionResult";
/// The empty result.
pub const UNIT: &str = "Unit";

/// The responses besides `200`, with their descriptions, as published.
const ERROR_RESPONSES: [(&str, &str); 7] = [
    ("400", "Error caused by the client app, e.g. in case of malformed request or invalid identifier of a resource. In most cases, such an error signifies a bug in the client app (consumer of the API)."),
    ("401", "Error caused by usage of invalid ClientToken, AccessToken, or you may not have the necessary permission to use the endpoint."),
    ("403", "Server error that should be reported to the end user of the client app. Happens for example when the server-side validation fails or when a business-logic check is violated."),
    ("408", "Error caused by heavy request that takes too long to process (typically tens of seconds). To get around this, request data in smaller batches. For more information, see [Request timeouts](https://mews-systems.gitbook.io/connector-api/guidelines/requests#request-timeouts)"),
    ("204", "Server has successfully fulfilled the request and there is no additional information to send back."),
    ("429", "Error caused by too many requests sent in a given amount of time. Response contains `Retry-After` header indicating how long the user agent should wait before making a follow-up request. For more information, see [Request limits](https://mews-systems.gitbook.io/connector-api/guidelines/requests#request-limits)."),
    ("500", "Unexpected error on the Mews side. This may be due to a software fault. If such a situation occurs, the error will be logged and the development team notified, however you can raise an issue through GitHub on our [documentation repository](https://github.com/MewsSystems/gitbook-connector-api)."),
];

fn map<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Mapping(
        entries
            .into_iter()
            .map(|(key, value)| (Value::from(key), value))
            .collect(),
    )
}

fn text(value: &str) -> Value {
    Value::from(value)
}

/// A documented example, as YAML.
fn example(json: &Json) -> Value {
    serde_yaml::to_value(json).expect("JSON is YAML")
}

/// Builds the description; `examples` are the operations' examples after the overrides' fixes.
pub fn document(
    docs: &Docs,
    components: &Components,
    roots: &RootIds,
    examples: &dyn Fn(BodyAt) -> Option<Json>,
) -> Value {
    let emitter = Emitter::new(components);
    let tags: Vec<Value> = docs
        .pages
        .iter()
        .map(|page| map([("name", text(&page.title))]))
        .collect();
    let mut paths = Mapping::new();
    for page in 0..docs.pages.len() {
        for operation in 0..docs.pages[page].operations.len() {
            let request = BodyAt {
                page,
                operation,
                side: Side::Request,
            };
            let path = docs.operation(request).path.clone();
            paths.insert(
                Value::from(path),
                map([(
                    "post",
                    self::operation(docs, &emitter, roots, request, examples),
                )]),
            );
        }
    }
    let mut schemas: Vec<(String, Value)> = components
        .values()
        .filter(|component| !Emitter::inlined(component))
        .map(|component| (component.name.clone(), emitter.schema(component)))
        .collect();
    schemas.push((ERROR_SCHEMA.to_owned(), error_schema()));
    let empty_result = docs.pages.iter().enumerate().any(|(page, printed)| {
        (0..printed.operations.len()).any(|operation| {
            !roots.contains_key(&BodyAt {
                page,
                operation,
                side: Side::Response,
            })
        })
    });
    if empty_result {
        schemas.push((
            UNIT.to_owned(),
            map([
                ("type", text("object")),
                ("additionalProperties", Value::Bool(false)),
            ]),
        ));
    }
    schemas.sort_by(|a, b| a.0.cmp(&b.0));
    let schemas: Mapping = schemas
        .into_iter()
        .map(|(name, schema)| (Value::from(name), schema))
        .collect();
    map([
        ("openapi", text("3.0.4")),
        (
            "info",
            map([
                ("title", text("Mews Connector API")),
                ("description", text("General-purpose API that enables partners of Mews to access data and services in Mews Operations")),
                ("termsOfService", text("https://www.mews.com/en/terms-conditions/partners")),
                ("contact", map([("name", text("Partner success")), ("email", text("partnersuccess@mews.com"))])),
                ("version", text("v1")),
            ]),
        ),
        (
            "servers",
            Value::Sequence(vec![
                map([("url", text("https://api.mews.com")), ("description", text("Production environment"))]),
                map([("url", text("https://api.mews-demo.com")), ("description", text("Demo environment (tokens differ from production)"))]),
            ]),
        ),
        ("tags", Value::Sequence(tags)),
        ("paths", Value::Mapping(paths)),
        ("components", map([("schemas", Value::Mapping(schemas))])),
    ])
}

fn operation(
    docs: &Docs,
    emitter: &Emitter<'_>,
    roots: &RootIds,
    request: BodyAt,
    examples: &dyn Fn(BodyAt) -> Option<Json>,
) -> Value {
    let page = &docs.pages[request.page];
    let printed = docs.operation(request);
    let response = BodyAt {
        side: Side::Response,
        ..request
    };
    // The page blanks a description that is the deprecation message.
    let description = match (&printed.deprecated, printed.description.is_empty()) {
        (Some(message), true) => message.clone(),
        _ => printed.description.clone(),
    };
    let mut operation = Mapping::new();
    let mut set = |key: &str, value: Value| {
        operation.insert(Value::from(key), value);
    };
    set("tags", Value::Sequence(vec![text(&page.title)]));
    set("summary", text(&printed.summary));
    if !description.is_empty() {
        set(
            "description",
            text(&absolute_links(&description, &page.file)),
        );
    }
    set(
        "operationId",
        text(&operation_id(&operation_path(&printed.path))),
    );
    let request_schema = roots
        .get(&request)
        .map_or_else(|| reference(UNIT), |id| emitter.reference_to(id));
    let body = |schema: Value, at: BodyAt| {
        let mut content = Mapping::new();
        content.insert(Value::from("schema"), schema);
        if let Some(json) = examples(at) {
            content.insert(Value::from("example"), example(&json));
        }
        map([("application/json", Value::Mapping(content))])
    };
    set(
        "requestBody",
        map([("content", body(request_schema, request))]),
    );
    // An empty result has no example: the page's `{}` is the Unit it documents.
    let ok = match roots.get(&response) {
        Some(id) => body(emitter.reference_to(id), response),
        None => map([("application/json", map([("schema", reference(UNIT))]))]),
    };
    let mut responses = Mapping::new();
    responses.insert(
        Value::from("200"),
        map([("description", text("OK")), ("content", ok)]),
    );
    for (status, description) in ERROR_RESPONSES {
        let content = map([(
            "application/json",
            map([("schema", reference(ERROR_SCHEMA))]),
        )]);
        responses.insert(
            Value::from(status),
            map([("description", text(description)), ("content", content)]),
        );
    }
    set("responses", Value::Mapping(responses));
    if let Some(message) = &printed.deprecated {
        set("deprecated", Value::Bool(true));
        if !message.is_empty() {
            set(
                "x-deprecatedMessage",
                text(&absolute_links(message, &page.file)),
            );
        }
    }
    if printed.restricted {
        set("x-restricted", Value::Bool(true));
    }
    Value::Mapping(operation)
}

/// The error schema, as published.
fn error_schema() -> Value {
    let nullable_string = || map([("type", text("string")), ("nullable", Value::Bool(true))]);
    map([
        ("title", text(ERROR_SCHEMA)),
        ("type", text("object")),
        (
            "properties",
            map([
                ("Message", nullable_string()),
                ("RequestId", nullable_string()),
                ("Details", map([("nullable", Value::Bool(true))])),
            ]),
        ),
        ("additionalProperties", Value::Bool(false)),
        ("x-schema-id", text(ERROR_SCHEMA)),
    ])
}
