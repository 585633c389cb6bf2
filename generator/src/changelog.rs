//! `CHANGELOG.md` of the generated crate: one section per regeneration that changed the API,
//! newest first. Earlier sections are carried over as they are, hand edits included.

use crate::diff::ChangeReport;
use crate::Version;

/// The changelog's path in the generated crate.
pub(crate) const FILE: &str = "CHANGELOG.md";

/// The section of one release: its version, then the full report, whose last line is the
/// verdict.
pub(crate) fn section(version: Version, report: &ChangeReport) -> String {
    format!("## {version}\n\n```text\n{}```\n", report.full())
}

/// `section` before the `earlier` sections.
pub(crate) fn prepend(section: String, earlier: Option<&str>) -> String {
    match earlier {
        Some(earlier) if !earlier.trim().is_empty() => format!("{section}\n{earlier}"),
        _ => section,
    }
}

/// The whole file for the given sections.
pub(crate) fn file(preamble: &str, sections: &str) -> String {
    format!("<!-- {preamble} -->\n\n# Changelog\n\n{sections}")
}

/// The sections of a changelog: everything from the first `## ` heading on.
pub(crate) fn sections(changelog: &str) -> String {
    let start = if changelog.starts_with("## ") {
        Some(0)
    } else {
        changelog.find("\n## ").map(|newline| newline + 1)
    };
    start.map_or_else(String::new, |start| changelog[start..].to_owned())
}
