//! Stage 1: read a spec file (YAML or JSON) into the `openapiv3` document model.

use std::path::Path;

use openapiv3::OpenAPI;
use serde_json::{Map, Value};

use crate::error::{join_pointer, Error};

/// Reads and parses the spec at `path`. Errors name the file and, for a node that is not valid
/// OpenAPI, its JSON pointer.
pub fn load(path: &Path) -> Result<OpenAPI, Error> {
    parse(path, &read(path)?)
}

/// The text of the spec file at `path`, unparsed.
pub fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|err| Error::io(path, format!("cannot read the spec: {err}")))
}

/// Parses spec text; `path` is only used to name the file in errors and to pick the syntax.
pub fn parse(path: &Path, text: &str) -> Result<OpenAPI, Error> {
    let is_json = path.extension().is_some_and(|ext| ext == "json");
    let document: Value = if is_json {
        serde_json::from_str(text)
            .map_err(|err| Error::invalid_file(path, format!("invalid JSON: {err}")))?
    } else {
        // YAML is a superset of JSON, so a JSON spec with another extension still loads.
        crate::yaml::from_str(text).map_err(|err| {
            Error::invalid_file(path, format!("invalid YAML: {err}{}", tab_hint(text, &err)))
        })?
    };
    let mut document = document;
    normalize(&mut document);
    check_version(path, &document)?;
    serde_path_to_error::deserialize(&document).map_err(|err| {
        let (pointer, message) = located("#", err);
        let (pointer, message) = refine_in_paths(&document, pointer, message);
        let pointer = node_at(&document, &pointer)
            .and_then(|node| innermost_invalid_schema(node, &pointer))
            .unwrap_or(pointer);
        Error::at(
            path,
            pointer,
            format!("not a valid OpenAPI 3.0 node: {message}"),
        )
    })
}

/// The pointer and message of a deserialization error of the node at `base`.
fn located(base: &str, err: serde_path_to_error::Error<serde_json::Error>) -> (String, String) {
    let pointer = err.path().iter().fold(base.to_owned(), |pointer, segment| {
        join_pointer(&pointer, &segment_token(segment))
    });
    (pointer, err.inner().to_string())
}

/// A part of an operation that can be deserialized on its own.
#[derive(Clone, Copy)]
enum Part {
    Parameter,
    RequestBody,
    Response,
    Operation,
}

impl Part {
    /// The error of reading `node` as this part, if it is not one.
    fn failure(self, node: &Value) -> Option<serde_path_to_error::Error<serde_json::Error>> {
        use openapiv3::{Operation, Parameter, ReferenceOr, RequestBody, Response};
        match self {
            Part::Parameter => {
                serde_path_to_error::deserialize::<_, ReferenceOr<Parameter>>(node).err()
            }
            Part::RequestBody => {
                serde_path_to_error::deserialize::<_, ReferenceOr<RequestBody>>(node).err()
            }
            Part::Response => {
                serde_path_to_error::deserialize::<_, ReferenceOr<Response>>(node).err()
            }
            Part::Operation => serde_path_to_error::deserialize::<_, Operation>(node).err(),
        }
    }
}

/// `openapiv3` flattens extensions into paths, path items and operations, which hides where
/// inside them an error is: reading the parts of every operation one by one finds the node.
fn refine_in_paths(document: &Value, pointer: String, message: String) -> (String, String) {
    if !pointer.starts_with("#/paths") {
        return (pointer, message);
    }
    operation_parts(document)
        .into_iter()
        .find_map(|(pointer, node, part)| Some(located(&pointer, part.failure(node)?)))
        .unwrap_or((pointer, message))
}

/// The node at a `#/…` pointer.
fn node_at<'a>(document: &'a Value, pointer: &str) -> Option<&'a Value> {
    document.pointer(pointer.strip_prefix('#')?)
}

/// `openapiv3` reads schemas through untagged enums, which hide where inside a schema an error
/// is (`required: true` is reported at the request body holding the schema): the innermost
/// object under `node` that does not read as a schema on its own is the node at fault.
/// Examples, defaults and extensions hold data rather than schemas and are not searched.
fn innermost_invalid_schema(node: &Value, pointer: &str) -> Option<String> {
    use openapiv3::{ReferenceOr, Schema};
    use serde::Deserialize;
    let children: Vec<(String, &Value)> = match node {
        Value::Object(properties) => properties
            .iter()
            .filter(|(key, _)| {
                !matches!(key.as_str(), "example" | "examples" | "default" | "enum")
                    && !key.starts_with("x-")
            })
            .map(|(key, child)| (key.clone(), child))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, child)| (index.to_string(), child))
            .collect(),
        _ => return None,
    };
    children
        .into_iter()
        .find_map(|(key, child)| innermost_invalid_schema(child, &join_pointer(pointer, &key)))
        .or_else(|| {
            (node.is_object() && ReferenceOr::<Schema>::deserialize(node).is_err())
                .then(|| pointer.to_owned())
        })
}

/// Every operation of the document and its parameters, request body and responses, innermost
/// first, with their pointers.
fn operation_parts(document: &Value) -> Vec<(String, &Value, Part)> {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let mut parts = Vec::new();
    for (path, item) in entries(document.get("paths")) {
        let item_pointer = join_pointer("#/paths", path);
        for (index, parameter) in parameters(item) {
            let pointer = join_pointer(
                &join_pointer(&item_pointer, "parameters"),
                &index.to_string(),
            );
            parts.push((pointer, parameter, Part::Parameter));
        }
        for (method, operation) in
            entries(Some(item)).filter(|(method, _)| METHODS.contains(&method.as_str()))
        {
            let operation_pointer = join_pointer(&item_pointer, method);
            for (index, parameter) in parameters(operation) {
                let pointer = join_pointer(
                    &join_pointer(&operation_pointer, "parameters"),
                    &index.to_string(),
                );
                parts.push((pointer, parameter, Part::Parameter));
            }
            if let Some(body) = operation.get("requestBody") {
                parts.push((
                    join_pointer(&operation_pointer, "requestBody"),
                    body,
                    Part::RequestBody,
                ));
            }
            for (status, response) in entries(operation.get("responses")) {
                let pointer = join_pointer(&join_pointer(&operation_pointer, "responses"), status);
                parts.push((pointer, response, Part::Response));
            }
            parts.push((operation_pointer, operation, Part::Operation));
        }
    }
    parts
}

/// The properties of an object node, if it is one.
fn entries(node: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    node.and_then(Value::as_object).into_iter().flatten()
}

/// The `parameters` of a path item or an operation, numbered.
fn parameters(node: &Value) -> impl Iterator<Item = (usize, &Value)> {
    node.get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
}

/// A hint for the YAML error YAML gives at a tab, which it does not allow for indentation.
fn tab_hint(text: &str, err: &serde_yaml::Error) -> &'static str {
    let at_tab = err.location().is_some_and(|location| {
        text.lines()
            .nth(location.line().saturating_sub(1))
            .and_then(|line| line.chars().nth(location.column().saturating_sub(1)))
            == Some('\t')
    });
    if at_tab {
        " (a tab: YAML indents with spaces only)"
    } else {
        ""
    }
}

fn segment_token(segment: &serde_path_to_error::Segment) -> String {
    use serde_path_to_error::Segment;
    match segment {
        Segment::Seq { index } => index.to_string(),
        Segment::Map { key } => key.clone(),
        Segment::Enum { variant } => variant.clone(),
        Segment::Unknown => "?".to_owned(),
    }
}

/// Rejects documents that are not OpenAPI 3.0 up front, with a clearer message than a
/// deserialization error deep inside the document would give.
fn check_version(path: &Path, document: &Value) -> Result<(), Error> {
    match document.get("openapi").and_then(|version| version.as_str()) {
        Some(version) if version.starts_with("3.0") => Ok(()),
        Some(version) => Err(Error::unsupported(
            path,
            "#/openapi",
            format!("OpenAPI version {version} is not supported; use an OpenAPI 3.0.x or 3.1.x document"),
        )),
        None if document.get("swagger").is_some() => Err(Error::unsupported(
            path,
            "#/swagger",
            "Swagger 2.0 is not supported; convert the document to OpenAPI 3.0 first",
        )),
        None => Err(Error::at(
            path,
            "#",
            "not an OpenAPI document: the top-level `openapi` version field is missing",
        )),
    }
}

/// Rewrites what OpenAPI 3.1 (and JSON Schema) allows into the OpenAPI 3.0 form the rest of the
/// pipeline reads, so that both versions end up in the same model:
/// `type: [T, "null"]` becomes `type: T` with `nullable: true`, `type: "null"` a null-only
/// schema, `const` a one-value `enum`, a `$ref` with siblings an `allOf` wrapper, numeric
/// `exclusiveMinimum`/`exclusiveMaximum` the boolean form.
fn normalize(document: &mut Value) {
    let Some(root) = document.as_object_mut() else {
        return;
    };
    if root
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|version| version.starts_with("3.1"))
    {
        root.insert("openapi".into(), "3.0.3".into());
        for key in ["webhooks", "jsonSchemaDialect"] {
            root.remove(key);
        }
        let paths = root
            .entry("paths")
            .or_insert_with(|| Value::Object(Map::new()));
        // 3.1 makes `responses` optional.
        for item in paths
            .as_object_mut()
            .into_iter()
            .flat_map(|paths| paths.values_mut())
        {
            for method in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                if let Some(operation) = item.get_mut(method).and_then(Value::as_object_mut) {
                    operation
                        .entry("responses")
                        .or_insert_with(|| Value::Object(Map::new()));
                }
            }
        }
        if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
            components.remove("pathItems");
        }
        if let Some(license) = root
            .get_mut("info")
            .and_then(|info| info.get_mut("license"))
            .and_then(Value::as_object_mut)
        {
            license.remove("identifier");
        }
    }
    if let Some(schemas) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_object_mut)
    {
        schemas.values_mut().for_each(normalize_schema);
    }
    normalize_schema_positions(document);
    normalize_encodings(document);
}

/// Writes out the default `explode` of every `encoding` entry of a media type (true for the
/// `form` style), which `openapiv3` would read as false.
fn normalize_encodings(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Object(encodings)) = object.get_mut("encoding") {
                for encoding in encodings.values_mut().filter_map(Value::as_object_mut) {
                    if !encoding.contains_key("explode") {
                        let form = encoding.get("style").is_none_or(|style| style == "form");
                        encoding.insert("explode".into(), form.into());
                    }
                }
            }
            object.values_mut().for_each(normalize_encodings);
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_encodings),
        _ => {}
    }
}

/// Normalizes every value of a `schema` key (media types, parameters, headers).
fn normalize_schema_positions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, child) in object.iter_mut() {
                if key == "schema" {
                    normalize_schema(child);
                } else if key != "components" || !child.is_object() {
                    normalize_schema_positions(child);
                } else if let Some(components) = child.as_object_mut() {
                    // Component schemas are done; the other sections may hold `schema` keys.
                    for (section, items) in components.iter_mut() {
                        if section != "schemas" {
                            normalize_schema_positions(items);
                        }
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_schema_positions),
        _ => {}
    }
}

fn normalize_schema(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if object.contains_key("$ref") && object.len() > 1 {
        let reference = object.remove("$ref").unwrap_or_default();
        object.insert(
            "allOf".into(),
            Value::Array(vec![Value::Object(Map::from_iter([(
                "$ref".into(),
                reference,
            )]))]),
        );
    }
    if let Some(types) = object.get("type").and_then(Value::as_array).cloned() {
        let nullable = types.iter().any(|t| t == "null");
        let others: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
        object.remove("type");
        match others.as_slice() {
            [] => {}
            [single] => {
                object.insert("type".into(), single.clone());
            }
            several => {
                let members = several
                    .iter()
                    .map(|t| Value::Object(Map::from_iter([("type".into(), t.clone())])))
                    .collect();
                object.insert("anyOf".into(), Value::Array(members));
            }
        }
        if nullable {
            object.insert("nullable".into(), true.into());
            if others.is_empty() {
                object.insert(NULL_ONLY.into(), true.into());
            }
        }
    }
    if object.get("type").is_some_and(|t| t == "null") {
        object.remove("type");
        object.insert("nullable".into(), true.into());
        object.insert(NULL_ONLY.into(), true.into());
    }
    if let Some(constant) = object.remove("const") {
        object.insert("enum".into(), Value::Array(vec![constant]));
    }
    if let Some(Value::Array(examples)) = object.remove("examples") {
        if let Some(first) = examples.into_iter().next() {
            object.entry("example").or_insert(first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(limit) = object
            .get(exclusive)
            .filter(|value| value.is_number())
            .cloned()
        {
            object.insert(bound.into(), limit);
            object.insert(exclusive.into(), true.into());
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = object.get_mut(key) {
            normalize_schema(child);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            members.iter_mut().for_each(normalize_schema);
        }
    }
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        properties.values_mut().for_each(normalize_schema);
    }
}

/// Marks a schema that only allows `null` (3.1's `type: "null"`), which OpenAPI 3.0 cannot say.
pub const NULL_ONLY: &str = "x-null-only";
