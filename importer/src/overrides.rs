//! `spec/overrides.yaml`: the facts of the published description that no rule recovers from
//! the pages, each with its reason. Every entry must be used by the import: an entry that no
//! longer applies (the pages changed) is an error, so the file cannot silently rot.

use std::cell::Cell;

use serde::Deserialize;
use serde_json::Value;

use crate::Error;

/// The overrides, read from their file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// The file as errors name it.
    #[serde(skip)]
    path: String,
    /// Names whose case the words of the pages do not decide.
    #[serde(default)]
    names: Vec<Entry<NameFix>>,
    /// Sections whose heading several ids share and that no rule tells apart.
    #[serde(default)]
    sections: Vec<Entry<SectionFix>>,
    /// Roots of requests and responses that no rule assigns.
    #[serde(default)]
    roots: Vec<Entry<RootFix>>,
    /// Where schemas are defined whose links lead to no section.
    #[serde(default)]
    definitions: Vec<Entry<DefinitionFix>>,
    /// Links that several ids share and that no rule tells apart.
    #[serde(default)]
    links: Vec<Entry<LinkFix>>,
    /// Properties whose page row says less (or other) than the description.
    #[serde(default)]
    properties: Vec<Entry<PropertyFix>>,
    /// Coproduct cases whose schema no discriminator value names.
    #[serde(default)]
    cases: Vec<Entry<CaseFix>>,
    /// Documented examples that disagree with their tables.
    #[serde(default)]
    examples: Vec<Entry<ExampleFix>>,
}

/// One entry: the fact, why, and whether the import used it.
#[derive(Debug, Deserialize)]
pub struct Entry<T> {
    /// The fact.
    #[serde(flatten)]
    pub fix: T,
    /// Why no rule recovers it.
    pub reason: String,
    #[serde(skip)]
    used: Cell<bool>,
}

/// A schema name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameFix {
    /// The lower-cased id.
    pub id: String,
    /// The name.
    pub name: String,
}

/// The id of the sections at an anchor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFix {
    /// `file#anchor`, the file inside `operations/`.
    pub at: String,
    /// The id.
    pub id: String,
}

/// The root ids of an operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootFix {
    /// The path after `/api/connector/v1/`, e.g. `reservations/getAll/2023-06-06`.
    pub operation: String,
    /// The request root's id.
    pub request: Option<String>,
    /// The response root's id.
    pub response: Option<String>,
}

/// Where an id is defined.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitionFix {
    /// The lower-cased id.
    pub id: String,
    /// `file#anchor` of the section that defines it, the file as links print it; without it,
    /// the schema is any JSON object titled `title` (the pages print no definition at all).
    pub at: Option<String>,
    /// The title of a schema without a definition.
    pub title: Option<String>,
}

/// Where an override says an id is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefinedAt<'a> {
    /// The section at a file and anchor.
    Section(&'a str, &'a str),
    /// Nowhere: any JSON object with this title.
    Nowhere(Option<&'a str>),
}

/// The id behind one property's link.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkFix {
    /// The lower-cased id of the schema that has the property.
    pub schema: String,
    /// The property.
    pub property: String,
    /// The id it links to.
    pub id: String,
}

/// Facts of one property.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertyFix {
    /// The lower-cased id of the schema that has the property.
    pub schema: String,
    /// The property.
    pub property: String,
    /// Its JSON type (or, for an array, its items' type).
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// Its format (or, for an array, its items' format).
    pub format: Option<String>,
    /// Whether it is nullable.
    pub nullable: Option<bool>,
}

/// The case schema of a coproduct's discriminator value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFix {
    /// The lower-cased id of the coproduct.
    pub coproduct: String,
    /// The discriminator value.
    pub value: String,
    /// The lower-cased id of the case schema.
    pub id: String,
}

/// A correction of a documented example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleFix {
    /// The path after `/api/connector/v1/`.
    pub operation: String,
    /// `request` or `response`.
    pub side: String,
    /// A JSON pointer to the key or value to fix.
    pub pointer: String,
    /// The key's correct name, when the key is misspelt.
    pub rename: Option<String>,
    /// The correct value, when the value is wrong.
    pub value: Option<Value>,
    /// Whether the key is to be removed.
    #[serde(default)]
    pub remove: bool,
}

impl Overrides {
    /// Reads the overrides file; every entry needs a reason.
    pub fn parse(path: &str, text: &str) -> Result<Self, Error> {
        let mut overrides: Self = serde_yaml::from_str(text).map_err(|err| {
            let line = err.location().map_or(1, |location| location.line());
            Error::at_line(path, line, format!("not an overrides file: {err}"))
        })?;
        overrides.path = path.to_owned();
        let reasons = overrides
            .names
            .iter()
            .map(|e| (&e.reason, e.fix.id.as_str()))
            .chain(
                overrides
                    .sections
                    .iter()
                    .map(|e| (&e.reason, e.fix.at.as_str())),
            )
            .chain(
                overrides
                    .roots
                    .iter()
                    .map(|e| (&e.reason, e.fix.operation.as_str())),
            )
            .chain(
                overrides
                    .definitions
                    .iter()
                    .map(|e| (&e.reason, e.fix.id.as_str())),
            )
            .chain(
                overrides
                    .links
                    .iter()
                    .map(|e| (&e.reason, e.fix.property.as_str())),
            )
            .chain(
                overrides
                    .properties
                    .iter()
                    .map(|e| (&e.reason, e.fix.property.as_str())),
            )
            .chain(
                overrides
                    .cases
                    .iter()
                    .map(|e| (&e.reason, e.fix.value.as_str())),
            )
            .chain(
                overrides
                    .examples
                    .iter()
                    .map(|e| (&e.reason, e.fix.pointer.as_str())),
            );
        for (reason, what) in reasons {
            if reason.trim().is_empty() {
                return Err(Error::in_section(
                    path,
                    what,
                    "an override without a reason",
                ));
            }
        }
        Ok(overrides)
    }

    /// The file the overrides were read from.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The name of an id.
    pub fn name(&self, id: &str) -> Option<&str> {
        used(&self.names, |fix| fix.id == id).map(|fix| fix.name.as_str())
    }

    /// The id of the sections at `file#anchor`.
    pub fn section(&self, file: &str, anchor: &str) -> Option<&str> {
        let at = format!("{file}#{anchor}");
        used(&self.sections, |fix| fix.at == at).map(|fix| fix.id.as_str())
    }

    /// The root id of an operation's side (`path` after `/api/connector/v1/`).
    pub fn root(&self, operation: &str, request: bool) -> Option<&str> {
        fn side(fix: &RootFix, request: bool) -> Option<&str> {
            if request {
                fix.request.as_deref()
            } else {
                fix.response.as_deref()
            }
        }
        used(&self.roots, |fix| {
            fix.operation == operation && side(fix, request).is_some()
        })
        .and_then(|fix| side(fix, request))
    }

    /// Where an id is defined.
    pub fn definition(&self, id: &str) -> Option<DefinedAt<'_>> {
        let fix = used(&self.definitions, |fix| fix.id == id)?;
        Some(match fix.at.as_deref().and_then(|at| at.split_once('#')) {
            Some((file, anchor)) => DefinedAt::Section(file, anchor),
            None => DefinedAt::Nowhere(fix.title.as_deref()),
        })
    }

    /// The id a property's link stands for.
    pub fn link(&self, schema: &str, property: &str) -> Option<&str> {
        used(&self.links, |fix| {
            fix.schema == schema && fix.property == property
        })
        .map(|fix| fix.id.as_str())
    }

    /// The facts of a property.
    pub fn property(&self, schema: &str, property: &str) -> Option<&PropertyFix> {
        used(&self.properties, |fix| {
            fix.schema == schema && fix.property == property
        })
    }

    /// The case schema of a coproduct's value.
    pub fn case(&self, coproduct: &str, value: &str) -> Option<&str> {
        used(&self.cases, |fix| {
            fix.coproduct == coproduct && fix.value == value
        })
        .map(|fix| fix.id.as_str())
    }

    /// The fixes of an operation's example.
    pub fn examples(&self, operation: &str, side: &str) -> Vec<&ExampleFix> {
        self.examples
            .iter()
            .filter(|entry| entry.fix.operation == operation && entry.fix.side == side)
            .map(|entry| {
                entry.used.set(true);
                &entry.fix
            })
            .collect()
    }

    /// Fails on the first entry the import did not use.
    pub fn check_all_used(&self) -> Result<(), Error> {
        let lists: [(&str, Option<usize>); 8] = [
            ("names", unused_index(&self.names)),
            ("sections", unused_index(&self.sections)),
            ("roots", unused_index(&self.roots)),
            ("definitions", unused_index(&self.definitions)),
            ("links", unused_index(&self.links)),
            ("properties", unused_index(&self.properties)),
            ("cases", unused_index(&self.cases)),
            ("examples", unused_index(&self.examples)),
        ];
        for (list, index) in lists {
            if let Some(index) = index {
                return Err(Error::in_section(
                    &self.path,
                    &format!("{list}[{index}]"),
                    "this override is not used: the pages no longer need it",
                ));
            }
        }
        Ok(())
    }
}

fn unused_index<T>(entries: &[Entry<T>]) -> Option<usize> {
    entries.iter().position(|entry| !entry.used.get())
}

/// The first entry whose fact matches, marked used.
fn used<T>(entries: &[Entry<T>], matches: impl Fn(&T) -> bool) -> Option<&T> {
    let entry = entries.iter().find(|entry| matches(&entry.fix))?;
    entry.used.set(true);
    Some(&entry.fix)
}
