//! What a regeneration releases: the next version of the generated crate and its changelog,
//! from what the previous generation left behind and the change report against it.

use crate::diff::{self, ChangeReport};
use crate::ir::Api;
use crate::{changelog, GeneratedFile, Version};

/// What an earlier generation left in the crate folder ([`crate::output::previous`] reads it).
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    /// The model the crate was generated from, or why it is not known (a first generation, an
    /// unreadable file): then there is no change report.
    pub api: Result<Api, String>,
    /// The version in the crate's `Cargo.toml`, if it has one that can be read.
    pub version: Option<Version>,
    /// The sections of the crate's `CHANGELOG.md`, newest first, if it has one.
    pub changelog: Option<String>,
}

impl Previous {
    /// No earlier generation: version 0.1.0, no changelog.
    pub fn none() -> Previous {
        Previous {
            api: Err("no earlier generation".to_owned()),
            version: None,
            changelog: None,
        }
    }
}

/// The outcome of [`crate::Generator::regenerate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Regeneration {
    /// Every file of the crate, `Cargo.toml` with the new version and `CHANGELOG.md` included.
    pub files: Vec<GeneratedFile>,
    /// The crate's new version: the previous one bumped by the report's verdict, the same
    /// when nothing changed, `0.1.0` when there was none.
    pub version: Version,
    /// What changed since the previous generation, when its model was known.
    pub report: Option<ChangeReport>,
}

/// The version, changelog sections and report of a generation of `api` over `previous`.
pub(crate) struct Release {
    pub version: Version,
    pub changelog: Option<String>,
    pub report: Option<ChangeReport>,
}

impl Release {
    pub(crate) fn after(previous: &Previous, api: &Api) -> Release {
        let version = previous.version.unwrap_or(Version::INITIAL);
        let report = previous.api.as_ref().ok().map(|old| diff::diff(old, api));
        match &report {
            Some(changes) if !changes.is_empty() => {
                let version = version.bump(changes.verdict());
                let section = changelog::section(version, changes);
                Release {
                    version,
                    changelog: Some(changelog::prepend(section, previous.changelog.as_deref())),
                    report,
                }
            }
            _ => Release {
                version,
                changelog: previous.changelog.clone(),
                report,
            },
        }
    }
}
