//! What changes for a Rust caller of the generated crate between two versions of an API.
//!
//! [`diff`] compares two models ([`crate::ir::Api`]), never two specs, and judges every
//! change by what it does to code written against the crate the older model produced:
//! whether that code still compiles ([`Impact::Breaking`] or not), whether it behaves
//! differently ([`Impact::Behaviour`]), or whether only the documentation changed. The verdict
//! is the semver bump the generated crate needs ([`Semver`]).
//!
//! The judgement assumes the design of the generated API: structs and enums are
//! `#[non_exhaustive]`, result types have `Default`, request types are built with
//! `new(required fields)` and a setter per optional field, enums are open (`Unknown(String)`),
//! optional parameters are fields of a `#[non_exhaustive]` `<Operation>Params` struct, and every
//! documented error status is a variant of the `#[non_exhaustive]` `Error` enum.

mod client;
mod features;
mod limits;
mod operations;
mod pairs;
mod render;
mod types;

use std::fmt;

use crate::ir::Api;

/// The changes from one version of an API to the next, grouped by what they concern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeReport {
    /// Every change, operations first, then types, then the client; consecutive changes of
    /// one subject form a group.
    pub changes: Vec<Change>,
}

/// One change, as a caller of the generated crate experiences it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The operation, type or client setting the change belongs to.
    pub subject: Subject,
    /// What the change does to code written against the older crate.
    pub impact: Impact,
    /// What changed, naming the Rust item and its name on the wire.
    pub what: String,
    /// Why the change has this impact.
    pub why: String,
}

/// What a change belongs to: the group it is listed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A method of the client, by its Rust name.
    Operation(String),
    /// A named type of the models, by its Rust name.
    Type(String),
    /// The client as a whole: its builder, its servers, its `Error` enum, the crate's docs.
    Client,
}

/// What a change does to code written against the older crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Only documentation changed.
    Documentation,
    /// Code still compiles and behaves as before; there is something new to use.
    Compatible,
    /// Code still compiles but behaves differently (what is sent, retried or rejected).
    Behaviour,
    /// Some code that compiled no longer does.
    Breaking,
}

/// The version bump a set of changes needs, by semver's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Semver {
    /// Only documentation changed, or nothing.
    Patch,
    /// Additions and behaviour changes that no caller's code has to follow.
    Minor,
    /// Breaking changes.
    Major,
}

/// The changes from `old` to `new`, judged for a Rust caller of the crates they generate.
pub fn diff(old: &Api, new: &Api) -> ChangeReport {
    let mut changes = Vec::new();
    operations::compare(old, new, &mut changes);
    types::compare(old, new, &mut changes);
    client::compare(old, new, &mut changes);
    ChangeReport { changes }
}

impl ChangeReport {
    /// Whether the two versions generate the same API, documentation included.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The bump the changes need: the largest of their impacts.
    pub fn verdict(&self) -> Semver {
        self.changes
            .iter()
            .map(|change| change.impact.semver())
            .max()
            .unwrap_or(Semver::Patch)
    }

    /// Every change with its reason, under a header line per group; the last line is the
    /// verdict (`semver: major`).
    pub fn full(&self) -> String {
        render::full(self)
    }

    /// The changes without their reasons, documentation changes counted in one line; the last
    /// line is the verdict.
    pub fn short(&self) -> String {
        render::short(self)
    }
}

impl Impact {
    /// The bump a change of this impact needs on its own.
    pub fn semver(self) -> Semver {
        match self {
            Impact::Documentation => Semver::Patch,
            Impact::Compatible | Impact::Behaviour => Semver::Minor,
            Impact::Breaking => Semver::Major,
        }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Documentation => "documentation",
            Impact::Compatible => "compatible",
            Impact::Behaviour => "behaviour",
            Impact::Breaking => "breaking",
        })
    }
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        })
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Operation(name) => write!(f, "operation `{name}`"),
            Subject::Type(name) => write!(f, "type `{name}`"),
            Subject::Client => f.write_str("client"),
        }
    }
}

/// Why positional arguments in a new order are breaking.
const REORDERED: &str =
    "arguments of different types no longer compile, and of the same type silently swap";

/// Records the changes of one subject.
struct Recorder<'a> {
    subject: Subject,
    changes: &'a mut Vec<Change>,
}

impl<'a> Recorder<'a> {
    fn new(subject: Subject, changes: &'a mut Vec<Change>) -> Self {
        Recorder { subject, changes }
    }

    fn record(&mut self, impact: Impact, what: impl Into<String>, why: impl Into<String>) {
        self.changes.push(Change {
            subject: self.subject.clone(),
            impact,
            what: what.into(),
            why: why.into(),
        });
    }

    fn breaking(&mut self, what: impl Into<String>, why: impl Into<String>) {
        self.record(Impact::Breaking, what, why);
    }

    fn compatible(&mut self, what: impl Into<String>, why: impl Into<String>) {
        self.record(Impact::Compatible, what, why);
    }

    fn behaviour(&mut self, what: impl Into<String>, why: impl Into<String>) {
        self.record(Impact::Behaviour, what, why);
    }

    fn documentation(&mut self, what: impl Into<String>, why: impl Into<String>) {
        self.record(Impact::Documentation, what, why);
    }

    /// A change of text (a description, an example) that only shows in the documentation.
    fn text<T: PartialEq>(&mut self, old: &T, new: &T, what: impl Into<String>) {
        if old != new {
            self.documentation(what, "documentation only; no code changes");
        }
    }

    /// A change of deprecation: becoming deprecated adds a warning, which is compatible; no
    /// longer being deprecated removes one, which is documentation.
    fn deprecation(&mut self, item: &str, old: bool, new: bool, note: Option<&str>) {
        match (old, new) {
            (false, true) => self.compatible(
                match note {
                    Some(note) => format!("{item} is now deprecated: {note}"),
                    None => format!("{item} is now deprecated"),
                },
                "code that uses it compiles with a deprecation warning",
            ),
            (true, false) => self.documentation(
                format!("{item} is no longer deprecated"),
                "its deprecation warning goes away; no code changes",
            ),
            _ => {}
        }
    }
}
