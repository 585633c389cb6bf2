//! Stands in for a generated `models.rs`: the request and result types of the `things` API,
//! written as the generator writes them.

use serde::{Deserialize, Serialize};

use crate::support::{self, NotClearable, Nullable, Update, Validate, Violations};

/// Which things to return, a page at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "PascalCase")]
pub struct ThingFilter {
    /// Only the things of these names; at most 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    /// The size of the page and the cursor it starts after.
    pub limitation: Limitation,
}

impl ThingFilter {
    /// A filter of every thing, in pages of 10.
    pub fn new() -> Self {
        Self {
            names: None,
            limitation: Limitation::new(10),
        }
    }

    /// Sets `Names`.
    pub fn with_names(mut self, names: Vec<String>) -> Self {
        self.names = Some(names);
        self
    }
}

impl Default for ThingFilter {
    fn default() -> Self {
        Self::new()
    }
}

impl Validate for ThingFilter {
    fn check(&self, path: &str, violations: &mut Violations) {
        if let Some(names) = &self.names {
            violations.items(path, "Names", names, ..=3);
        }
        violations.nested(path, "Limitation", &self.limitation);
    }
}

/// The size of a page and the cursor it starts after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "PascalCase")]
pub struct Limitation {
    /// How many things a page holds, from 1 to 100.
    #[serde(deserialize_with = "support::number::read")]
    pub count: i32,
    /// The thing after which the page starts.
    #[serde(default, skip_serializing_if = "Nullable::is_absent")]
    pub cursor: Nullable<uuid::Uuid>,
}

impl Limitation {
    /// A first page of `count` things.
    pub fn new(count: i32) -> Self {
        Self {
            count,
            cursor: Nullable::Absent,
        }
    }
}

impl Validate for Limitation {
    fn check(&self, path: &str, violations: &mut Violations) {
        violations.range(path, "Count", i64::from(self.count), 1..=100);
    }
}

/// One page of things.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "PascalCase")]
pub struct ThingResult {
    /// The things of the page.
    pub things: Vec<Thing>,
    /// The cursor of the page's last thing.
    pub cursor: Option<uuid::Uuid>,
}

/// A thing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "PascalCase")]
pub struct Thing {
    /// Its identifier.
    pub id: uuid::Uuid,
    /// Its name.
    pub name: String,
    /// Its colour, if it has one.
    pub colour: Option<Colour>,
    /// When it was made.
    pub made: Option<support::Date>,
}

/// The changes to one thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "PascalCase")]
pub struct ThingUpdate {
    /// The thing to change.
    pub id: uuid::Uuid,
    /// Its new name: it always has one.
    #[serde(default, skip_serializing_if = "Update::is_keep")]
    pub name: Update<String, NotClearable>,
    /// Its new colour, or none.
    #[serde(default, skip_serializing_if = "Update::is_keep")]
    pub colour: Update<Colour>,
}

impl ThingUpdate {
    /// Changes nothing of the thing `id` yet.
    pub fn new(id: uuid::Uuid) -> Self {
        Self {
            id,
            name: Update::Keep,
            colour: Update::Keep,
        }
    }
}

impl Validate for ThingUpdate {
    fn check(&self, path: &str, violations: &mut Violations) {
        if let Update::Set(name) = &self.name {
            violations.length(path, "Name", name, 1..=20);
        }
    }
}

/// A colour.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Colour {
    /// `Red`.
    Red,
    /// `Green`.
    Green,
    /// A value this version of the crate does not know, kept exactly as received.
    Unknown(String),
}

/// The first value the API lists, so that results holding one can be built with `Default` in
/// tests.
impl Default for Colour {
    fn default() -> Self {
        Self::Red
    }
}

impl Colour {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Red => "Red",
            Self::Green => "Green",
            Self::Unknown(value) => value,
        }
    }
}

impl From<&str> for Colour {
    fn from(value: &str) -> Self {
        match value {
            "Red" => Self::Red,
            "Green" => Self::Green,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

support::impl_open_enum!(Colour);

/// The body of an error response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "PascalCase")]
pub struct ErrorResult {
    /// What went wrong.
    pub message: Option<String>,
}
