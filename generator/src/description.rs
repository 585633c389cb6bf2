//! `api.json` of the generated crate: the model it was generated from, kept beside the code so
//! that the next regeneration can tell what changed for the crate's users.

use crate::ir::Api;

/// The description's path in the generated crate.
pub(crate) const FILE: &str = "api.json";

/// The version of the description's format: raised whenever the model changes in a way that
/// would make comparing an older description with a newer one report changes that are not
/// changes of the API (a name now spelled `r#type` where it was `type`, say).
const FORMAT: u32 = 2;

/// The format of descriptions written before formats were numbered.
const FIRST_FORMAT: u32 = 1;

/// The model as pretty JSON whose first line carries the generator's preamble under the key
/// `@generated`, and whose second the version of the format under `@format`, so that the
/// output stage treats the file as generated like the others.
pub(crate) fn to_json(api: &Api, preamble: &str) -> Result<String, String> {
    let model = serde_json::to_string_pretty(api).map_err(|err| err.to_string())?;
    let marker = serde_json::to_string(preamble).map_err(|err| err.to_string())?;
    let fields = model
        .strip_prefix('{')
        .ok_or("the model is not serialized as a JSON object")?;
    Ok(format!(
        "{{\"@generated\": {marker},\n  \"@format\": {FORMAT},{fields}\n"
    ))
}

/// The model in a description of this version of the format; the `@generated` key is ignored.
pub(crate) fn parse(text: &str) -> Result<Api, String> {
    #[derive(serde::Deserialize)]
    struct Header {
        #[serde(rename = "@format", default = "first_format")]
        format: u32,
    }
    fn first_format() -> u32 {
        FIRST_FORMAT
    }
    let header: Header = serde_json::from_str(text).map_err(|err| err.to_string())?;
    if header.format != FORMAT {
        return Err(format!(
            "it was written by another version of the generator (format {}, this one reads format {FORMAT})",
            header.format
        ));
    }
    serde_json::from_str(text).map_err(|err| err.to_string())
}
