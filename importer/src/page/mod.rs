//! The reference pages as they are printed: a page model that keeps every fact the templates
//! of Mews's page generator (`_generator/templates/*.edge`) put on a page, and nothing else.
//!
//! `parse` reads a generated operations page, `objects` the hand-written pages that define
//! shared objects (`_objects.md`, the pagination guideline); `cells` reads a table row's type
//! and contract columns, `table` splits the rows.

pub mod cells;
pub mod objects;
pub mod parse;
pub mod table;

pub use cells::{Contract, Link, TypeCell};

/// One generated page: one tag of the API and its operations, in page order.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file name inside `operations/`, e.g. `customers.md`.
    pub file: String,
    /// The `# ` title: the tag.
    pub title: String,
    /// The operations, in the order the page prints them.
    pub operations: Vec<Operation>,
}

/// One `## ` operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Line of the `## ` heading.
    pub line: usize,
    /// The heading text, HTML entities decoded, strike-through removed.
    pub summary: String,
    /// `Some(message)` when the operation is deprecated (the message may be empty).
    pub deprecated: Option<String>,
    /// Whether the page marks the operation restricted (beta).
    pub restricted: bool,
    /// The text between the heading (and its notices) and `### Request`.
    pub description: String,
    /// The path after `[PlatformAddress]`, e.g. `/api/connector/v1/customers/getAll`.
    pub path: String,
    /// The request: its example and schema sections.
    pub request: Body,
    /// The response: its example and schema sections (none for an empty result).
    pub response: Body,
}

/// A request or response: the JSON example and the schema sections printed after it.
#[derive(Debug, Clone)]
pub struct Body {
    /// Line of the `### Request` or `### Response` heading.
    pub line: usize,
    /// The example, parsed.
    pub example: serde_json::Value,
    /// Whether the body is "one of the following mutually exclusive parameter sets".
    pub one_of: bool,
    /// The sections: the untitled root first (when there is one), then the titled ones.
    pub sections: Vec<Section>,
}

impl Body {
    /// The untitled section that describes the body's own schema, if printed.
    pub fn root(&self) -> Option<&Section> {
        self.sections
            .first()
            .filter(|section| section.title.is_none())
    }

    /// The titled sections: the schemas first reached from this body on this page.
    pub fn titled(&self) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(|section| section.title.is_some())
    }
}

/// One schema section: an optional `#### ` title, a description, and a property table or an
/// enumeration.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Line of the heading, or of the first line of an untitled section.
    pub line: usize,
    /// The heading text, HTML entities decoded; `None` for a body's root section.
    pub title: Option<String>,
    /// The text between the heading and the table or list, lines joined by `\n`.
    pub description: String,
    /// The property rows, in page order.
    pub rows: Vec<Row>,
    /// The values, when the section is an enumeration.
    pub enumeration: Option<Enumeration>,
}

impl Section {
    /// The row of a property, by name.
    pub fn row(&self, name: &str) -> Option<&Row> {
        self.rows.iter().find(|row| row.name == name)
    }

    /// Whether the section is a coproduct: exactly a `Discriminator` and a `Value`.
    pub fn is_coproduct(&self) -> bool {
        let names: Vec<&str> = self.rows.iter().map(|row| row.name.as_str()).collect();
        names == ["Discriminator", "Value"]
    }
}

/// The values of an enumeration section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enumeration {
    /// The values in page order.
    pub values: Vec<EnumValue>,
    /// Whether the page says the list is not exhaustive.
    pub extensible: bool,
}

/// One enumeration value and its description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The value, HTML entities decoded.
    pub value: String,
    /// The text after ` - `, if any.
    pub description: Option<String>,
}

/// One property row of a table.
#[derive(Debug, Clone)]
pub struct Row {
    /// Line of the row.
    pub line: usize,
    /// The property name (`?Key?` for a dictionary's key row).
    pub name: String,
    /// The type column.
    pub ty: TypeCell,
    /// The contract column.
    pub contract: Contract,
    /// The description column, without the deprecation note.
    pub description: String,
    /// `Some(message)` when the row is struck through as deprecated (the message may be empty).
    pub deprecated: Option<String>,
}
