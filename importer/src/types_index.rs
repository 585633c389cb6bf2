//! `_generator/types.yaml`: the page generator's memory of where each schema is shown. It maps
//! every lower-cased schema id to `{file, anchor[, titleOverride]}`, and the page prints exactly
//! that file and anchor in every link to the schema; so a link, or a section's heading, leads
//! back to the ids that can stand behind it.
//!
//! The file is only ever appended to, in the order the generator first rendered each schema
//! (per operation: the response's root and sections, then the request's); ids that no longer
//! exist stay in it. The order is kept: it is evidence for the roots (`identify::roots`).

use indexmap::IndexMap;
use serde::Deserialize;

use crate::Error;

/// The file as errors name it.
pub const PATH: &str = "_generator/types.yaml";

/// One entry of `types.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Entry {
    /// The file the schema is shown on, as links print it (relative to `operations/`).
    pub file: String,
    /// The anchor of its section.
    pub anchor: String,
    /// The title links print instead of the schema's own.
    #[serde(rename = "titleOverride")]
    pub title_override: Option<String>,
}

/// `types.yaml`, in file order.
#[derive(Debug, Clone)]
pub struct TypesIndex {
    entries: IndexMap<String, Entry>,
}

#[derive(Deserialize)]
struct File {
    types: IndexMap<String, Entry>,
}

impl TypesIndex {
    /// Reads `types.yaml`.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let file: File = serde_yaml::from_str(text).map_err(|err| {
            let line = err.location().map_or(1, |location| location.line());
            Error::at_line(PATH, line, format!("not a types file: {err}"))
        })?;
        Ok(Self {
            entries: file.types,
        })
    }

    /// The entry of an id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id)
    }

    /// The ids shown at a file and anchor, in file order.
    pub fn at(&self, file: &str, anchor: &str) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|(_, entry)| entry.file == file && entry.anchor == anchor)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// The ids shown on a file, in file order.
    pub fn on(&self, file: &str) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|(_, entry)| entry.file == file)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// The position of an id in the file.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.entries.get_index_of(id)
    }

    /// The id at a position.
    pub fn id_at(&self, position: usize) -> Option<&str> {
        self.entries.get_index(position).map(|(id, _)| id.as_str())
    }

    /// Every id, in file order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}
