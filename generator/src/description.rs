//! `api.json` of the generated crate: the model it was generated from, kept beside the code so
//! that the next regeneration can tell what changed for the crate's users.

use crate::ir::Api;

/// The description's path in the generated crate.
pub(crate) const FILE: &str = "api.json";

/// The model as pretty JSON whose first line carries the generator's preamble under the key
/// `@generated`, so that the output stage treats the file as generated like the others.
pub(crate) fn to_json(api: &Api, preamble: &str) -> Result<String, String> {
    let model = serde_json::to_string_pretty(api).map_err(|err| err.to_string())?;
    let marker = serde_json::to_string(preamble).map_err(|err| err.to_string())?;
    let fields = model
        .strip_prefix('{')
        .ok_or("the model is not serialized as a JSON object")?;
    Ok(format!("{{\"@generated\": {marker},{fields}\n"))
}

/// The model in a description; the `@generated` key is ignored.
pub(crate) fn parse(text: &str) -> Result<Api, String> {
    serde_json::from_str(text).map_err(|err| err.to_string())
}
