//! The report as text: one line per change under a header line per group, the verdict last.

use super::{Change, ChangeReport, Impact};

/// Every change with its reason.
pub(super) fn full(report: &ChangeReport) -> String {
    lines(report, report.changes.iter(), |change| {
        format!("  {}: {} ({})", change.impact, change.what, change.why)
    })
}

/// The changes that affect code, without their reasons; documentation changes are counted
/// in one line.
pub(super) fn short(report: &ChangeReport) -> String {
    let (documentation, affecting_code): (Vec<&Change>, Vec<&Change>) = report
        .changes
        .iter()
        .partition(|change| change.impact == Impact::Documentation);
    let mut text = lines(report, affecting_code.into_iter(), |change| {
        format!("  {}: {}", change.impact, change.what)
    });
    if !documentation.is_empty() {
        let plural = if documentation.len() == 1 { "" } else { "s" };
        let verdict_line = text.len() - verdict(report).len();
        text.insert_str(
            verdict_line,
            &format!("{} documentation change{plural}\n", documentation.len()),
        );
    }
    text
}

/// The given changes, with a header line wherever the subject changes, then the verdict.
fn lines<'a>(
    report: &ChangeReport,
    changes: impl Iterator<Item = &'a Change>,
    line: impl Fn(&Change) -> String,
) -> String {
    let mut text = String::new();
    let mut subject = None;
    for change in changes {
        if subject != Some(&change.subject) {
            subject = Some(&change.subject);
            text.push_str(&format!("{}\n", change.subject));
        }
        text.push_str(&line(change));
        text.push('\n');
    }
    if report.is_empty() {
        text.push_str("no changes\n");
    }
    text.push_str(&verdict(report));
    text
}

/// The last line: `semver: major`.
fn verdict(report: &ChangeReport) -> String {
    format!("semver: {}\n", report.verdict())
}
