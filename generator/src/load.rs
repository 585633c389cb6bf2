//! Stage 1: read a spec file (YAML or JSON) into the `openapiv3` document model.

use std::path::Path;

use openapiv3::OpenAPI;

use crate::error::{join_pointer, Error};

/// Reads and parses the spec at `path`. Errors name the file and, for a node that is not valid
/// OpenAPI, its JSON pointer.
pub fn load(path: &Path) -> Result<OpenAPI, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| Error::file(path, format!("cannot read the spec: {err}")))?;
    parse(path, &text)
}

/// Parses spec text; `path` is only used to name the file in errors and to pick the syntax.
pub fn parse(path: &Path, text: &str) -> Result<OpenAPI, Error> {
    let is_json = path.extension().is_some_and(|ext| ext == "json");
    let document: serde_json::Value = if is_json {
        serde_json::from_str(text)
            .map_err(|err| Error::file(path, format!("invalid JSON: {err}")))?
    } else {
        // YAML is a superset of JSON, so a JSON spec with another extension still loads.
        serde_yaml::from_str(text)
            .map_err(|err| Error::file(path, format!("invalid YAML: {err}")))?
    };
    check_version(path, &document)?;
    serde_path_to_error::deserialize(&document).map_err(|err| {
        let pointer = err
            .path()
            .iter()
            .fold(String::from("#"), |pointer, segment| {
                join_pointer(&pointer, &segment_token(segment))
            });
        Error::at(
            path,
            pointer,
            format!("not a valid OpenAPI 3.0 node: {}", err.inner()),
        )
    })
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
fn check_version(path: &Path, document: &serde_json::Value) -> Result<(), Error> {
    match document.get("openapi").and_then(|version| version.as_str()) {
        Some(version) if version.starts_with("3.0") => Ok(()),
        Some(version) => Err(Error::at(
            path,
            "#/openapi",
            format!("OpenAPI version {version} is not supported; use an OpenAPI 3.0.x document"),
        )),
        None if document.get("swagger").is_some() => Err(Error::at(
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
