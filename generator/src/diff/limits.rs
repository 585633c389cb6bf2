//! Changes of the size limits a request field is checked against before sending.

use crate::ir::Limits;

use super::Recorder;

/// Records a change of limits of the request field named `item`. The code still compiles
/// either way, but what the client accepts to send changes.
pub(super) fn compare(recorder: &mut Recorder, item: &str, old: &Limits, new: &Limits) {
    let bounds = [
        Bound::lower("min length", old.min_length, new.min_length),
        Bound::upper("max length", old.max_length, new.max_length),
        Bound::lower("min items", old.min_items, new.min_items),
        Bound::upper("max items", old.max_items, new.max_items),
        Bound::upper(
            "max interval in months",
            old.max_interval_months.map(|months| months as usize),
            new.max_interval_months.map(|months| months as usize),
        ),
    ];
    let changed: Vec<&Bound> = bounds
        .iter()
        .filter(|bound| bound.old != bound.new)
        .collect();
    if changed.is_empty() {
        return;
    }
    let tightened = changed.iter().any(|bound| bound.tightens());
    let loosened = changed.iter().any(|bound| !bound.tightens());
    let why = match (tightened, loosened) {
        (true, false) => "requests that were valid are now rejected before sending",
        (false, true) => "requests that were rejected before sending are now sent",
        _ => "some requests that were valid are now rejected before sending, and some that were rejected are now sent",
    };
    let verb = match (tightened, loosened) {
        (true, false) => "tightened",
        (false, true) => "loosened",
        _ => "changed",
    };
    let list: Vec<String> = changed.iter().map(|bound| bound.describe()).collect();
    recorder.behaviour(format!("limits of {item} {verb}: {}", list.join(", ")), why);
}

/// One bound of a limit in both versions; `None` is no bound.
struct Bound {
    name: &'static str,
    upper: bool,
    old: Option<usize>,
    new: Option<usize>,
}

impl Bound {
    fn lower(name: &'static str, old: Option<usize>, new: Option<usize>) -> Self {
        Bound {
            name,
            upper: false,
            old,
            new,
        }
    }

    fn upper(name: &'static str, old: Option<usize>, new: Option<usize>) -> Self {
        Bound {
            name,
            upper: true,
            old,
            new,
        }
    }

    /// Whether the new bound rejects values the old one accepted.
    fn tightens(&self) -> bool {
        if self.upper {
            self.new.unwrap_or(usize::MAX) < self.old.unwrap_or(usize::MAX)
        } else {
            self.new.unwrap_or(0) > self.old.unwrap_or(0)
        }
    }

    /// `max items 10 (was 20)`.
    fn describe(&self) -> String {
        let value =
            |bound: Option<usize>| bound.map_or_else(|| "none".to_owned(), |n| n.to_string());
        format!(
            "{} {} (was {})",
            self.name,
            value(self.new),
            value(self.old)
        )
    }
}
