//! Changes of the cargo features a split API has: features added or removed, and methods or
//! types that another feature compiles now.
//!
//! Every feature is on by default, so code built with default features sees none of these
//! changes; code that picks features with `default-features = false` does.

use crate::ir::Api;

use super::pairs::pair_by;
use super::Recorder;

/// Features added or removed, listed under the client.
pub(super) fn compare(old: &Api, new: &Api, recorder: &mut Recorder) {
    let pairs = pair_by(&old.features, &new.features, |feature| {
        feature.name.as_str()
    });
    for feature in pairs.added {
        recorder.compatible(
            format!("new feature `{}`: {}", feature.name, feature.docs),
            "it is on by default; nothing that exists changes",
        );
    }
    for feature in pairs.removed {
        recorder.breaking(
            format!("feature `{}` removed", feature.name),
            "a `Cargo.toml` that names it no longer builds",
        );
    }
    for (old_feature, new_feature) in pairs.both {
        recorder.text(
            &old_feature.docs,
            &new_feature.docs,
            format!("description of feature `{}`", new_feature.name),
        );
    }
}

/// A method or type (`item`) that another feature compiles now, or that is now compiled by a
/// feature or always. `was_split` tells whether the older crate had features: code built
/// against a crate without any builds with the default ones, which compile everything.
pub(super) fn moved(
    item: &str,
    old: Option<&str>,
    new: Option<&str>,
    was_split: bool,
    recorder: &mut Recorder,
) {
    match (old, new) {
        (None, Some(new)) if !was_split => recorder.compatible(
            format!("{item} is compiled by feature `{new}`"),
            "the crate had no features, so code is built with the default ones, which include it",
        ),
        (Some(old), Some(new)) if old != new => recorder.breaking(
            format!("{item} is compiled by feature `{new}` (was `{old}`)"),
            format!("code built with `{old}` and without `{new}` no longer has it"),
        ),
        (None, Some(new)) => recorder.breaking(
            format!("{item} is compiled by feature `{new}` only (was always)"),
            format!("code built without `{new}` no longer has it"),
        ),
        (Some(old), None) => recorder.compatible(
            format!("{item} is always compiled (was by feature `{old}`)"),
            "code built with any features still has it",
        ),
        _ => {}
    }
}
