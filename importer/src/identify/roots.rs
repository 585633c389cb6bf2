//! The id of each request's and response's root schema.
//!
//! The page never titles a body's root section, and `types.yaml` records a root only under
//! the page that last rendered it; so the roots of a page are among the page's ids that no
//! titled section claims. Rules, in order:
//!
//! 1. the overrides;
//! 2. a `oneOf` request is the generator's surrogate `<operationId>-request`;
//! 3. a root whose table is the table of a titled section is that section's schema (an
//!    operation that returns the object itself, as `customers/add` returns a Customer);
//! 4. the unclaimed ids of the page are scored against each root, and the best pairs taken
//!    first: an id ending in `Parameters` is a request, one ending in `Result` a response;
//!    the words of the action (`add` ~ `Addition`, `price` ~ `Pricing`), of a `By...`
//!    qualifier, of the resource and the version (`V20230606`) count for it, the words of
//!    other actions and words nothing explains against it, and the id that `types.yaml` lists
//!    just before the body's first section counts a little (the generator appends a root and
//!    then its sections). Pairs with evidence (above zero) go first; a root without any then
//!    shares the id of a root of its page with the same table, and only then takes a pair of
//!    zero;
//! 5. a root whose table is the table of a root named so far is that schema (a result shared
//!    by `add` and `update`; of other pages, the shortest such id: the credentials-only
//!    `Parameters`).
//!
//! Two roots with one id must have the same table.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sections::SectionIds;
use crate::docs::{BodyAt, Docs, Side};
use crate::names::{identifier_words, Vocabulary};
use crate::overrides::Overrides;
use crate::page::{Row, Section};
use crate::Error;

/// The root ids, by body (only bodies with a root).
pub type RootIds = BTreeMap<BodyAt, String>;

/// The words of actions, which count against an id when its operation's action lacks them.
const ACTION_WORDS: &[&str] = &[
    "add",
    "addition",
    "added",
    "update",
    "delete",
    "clear",
    "cancel",
    "cancellation",
    "merge",
    "set",
    "close",
    "search",
    "price",
    "pricing",
    "confirm",
    "confirmation",
    "start",
    "process",
    "processing",
    "charge",
    "refund",
    "disable",
    "file",
    "tokenized",
];

/// The words roots are made of besides those of their path (`write` and `modification` name
/// the results that `add` and `update` share).
const GENERIC_WORDS: &[&str] = &[
    "parameters",
    "result",
    "page",
    "multiple",
    "filter",
    "data",
    "write",
    "modification",
];

/// The points of the id `types.yaml` lists just before a body's first section.
const ADJACENT: i32 = 3;

/// Assigns the root id of every body that has a root section.
pub fn identify(
    docs: &Docs,
    sections: &SectionIds,
    vocabulary: &Vocabulary,
    overrides: &Overrides,
) -> Result<RootIds, Error> {
    let claimed: BTreeSet<&str> = sections.values().map(String::as_str).collect();
    let mut titled_tables: HashMap<Vec<RowKey>, &str> = HashMap::new();
    for (at, id) in sections {
        titled_tables.entry(table(docs.section(*at))).or_insert(id);
    }
    let mut roots = RootIds::new();
    let mut overridden: BTreeSet<BodyAt> = BTreeSet::new();
    let mut open: Vec<(BodyAt, String)> = Vec::new();
    for page in 0..docs.pages.len() {
        let mut slots = Vec::new();
        for body in docs.bodies(page) {
            let Some(root) = root_of(docs, body) else {
                continue;
            };
            let operation = operation_path(&docs.operation(body).path);
            let surrogate = format!("{}-request", operation_id(&operation));
            if let Some(id) = overrides.root(&operation, body.side == Side::Request) {
                overridden.insert(body);
                roots.insert(body, id.to_owned());
            } else if docs.body(body).one_of && docs.types.get(&surrogate).is_some() {
                roots.insert(body, surrogate);
            } else if let Some(id) = titled_tables
                .get(&table(root))
                .filter(|_| !root.rows.is_empty())
            {
                roots.insert(body, (*id).to_owned());
            } else {
                slots.push(body);
            }
        }
        // An id the overrides give one root may still be another's.
        let assigned: BTreeSet<&str> = roots
            .iter()
            .filter(|(at, _)| !overridden.contains(at))
            .map(|(_, id)| id.as_str())
            .collect();
        let candidates: Vec<&str> = docs
            .types
            .on(&docs.pages[page].file)
            .into_iter()
            .filter(|id| !claimed.contains(id) && !assigned.contains(id))
            .collect();
        let mut pairs = Vec::new();
        for (slot_index, &slot) in slots.iter().enumerate() {
            let adjacent = adjacent_id(docs, sections, slot);
            for &candidate in &candidates {
                let words = words(vocabulary, candidate);
                let bonus = if adjacent == Some(candidate) {
                    ADJACENT
                } else {
                    0
                };
                if let Some(points) =
                    score(candidate, &words, &docs.operation(slot).path, slot.side)
                {
                    let position = docs.types.position(candidate).unwrap_or(usize::MAX);
                    pairs.push((points + bonus, slot_index, position, candidate));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut taken: BTreeSet<&str> = BTreeSet::new();
        // Pairs with evidence first; a root without any then shares the id of a root of the
        // page with its table before it takes an id that nothing speaks for.
        for positive in [true, false] {
            if !positive {
                for &slot in &slots {
                    if !roots.contains_key(&slot) {
                        if let Some(id) = same_table_root(docs, &roots, slot, true) {
                            roots.insert(slot, id);
                        }
                    }
                }
            }
            for &(points, slot_index, _, candidate) in &pairs {
                let slot = slots[slot_index];
                if points < 0
                    || (positive && points == 0)
                    || roots.contains_key(&slot)
                    || taken.contains(candidate)
                {
                    continue;
                }
                taken.insert(candidate);
                roots.insert(slot, candidate.to_owned());
            }
        }
        let left: Vec<&str> = candidates
            .iter()
            .copied()
            .filter(|id| !taken.contains(id))
            .collect();
        open.extend(
            slots
                .into_iter()
                .filter(|slot| !roots.contains_key(slot))
                .map(|slot| (slot, left.join(", "))),
        );
    }
    for (slot, left) in open {
        let found = same_table_root(docs, &roots, slot, true)
            .or_else(|| same_table_root(docs, &roots, slot, false));
        let operation = docs.operation(slot);
        let id = found.ok_or_else(|| {
            Error::at_line(
                &docs.path(slot.page),
                docs.body(slot).line,
                format!(
                    "no schema id for the {} of `{}` (unassigned ids of the page: {}); name it in the overrides' `roots`",
                    slot.side.name(),
                    operation.summary,
                    if left.is_empty() { "none" } else { &left }
                ),
            )
        })?;
        roots.insert(slot, id);
    }
    check_shared(docs, &roots, &overridden)?;
    Ok(roots)
}

/// The id of a root named so far whose table is the slot's: of its page, or of any page (then
/// the shortest such id: a generic schema such as the credentials-only `Parameters`).
fn same_table_root(docs: &Docs, roots: &RootIds, slot: BodyAt, same_page: bool) -> Option<String> {
    let wanted = table(root_of(docs, slot)?);
    let mut found: Vec<&String> = roots
        .iter()
        .filter(|(at, _)| !same_page || at.page == slot.page)
        .filter(|(at, _)| root_of(docs, **at).is_some_and(|root| table(root) == wanted))
        .map(|(_, id)| id)
        .collect();
    found.sort_by_key(|id| (id.len(), id.as_str()));
    found.first().map(|id| (*id).clone())
}

/// Fails when one id is the root of bodies with different tables (the overrides' aside).
fn check_shared(docs: &Docs, roots: &RootIds, overridden: &BTreeSet<BodyAt>) -> Result<(), Error> {
    let mut first: HashMap<&str, (BodyAt, Vec<RowKey>)> = HashMap::new();
    for (at, id) in roots.iter().filter(|(at, _)| !overridden.contains(at)) {
        let Some(root) = root_of(docs, *at) else {
            continue;
        };
        let rows = table(root);
        match first.get(id.as_str()) {
            Some((other, other_rows)) if *other_rows != rows && !docs.body(*at).one_of => {
                return Err(Error::at_line(
                    &docs.path(at.page),
                    docs.body(*at).line,
                    format!(
                        "`{id}` is the root of this {} and of the {} of `{}`, whose tables differ; name one in the overrides' `roots`",
                        at.side.name(),
                        other.side.name(),
                        docs.operation(*other).summary
                    ),
                ));
            }
            Some(_) => {}
            None => {
                first.insert(id, (*at, rows));
            }
        }
    }
    Ok(())
}

/// The root section of a body: its untitled section, or for a `oneOf` request the (empty)
/// surrogate the page prints before the alternatives.
fn root_of(docs: &Docs, body: BodyAt) -> Option<&Section> {
    let printed = docs.body(body);
    printed
        .root()
        .or_else(|| printed.one_of.then(|| printed.sections.first()).flatten())
}

/// A row as far as sameness of tables goes: everything but its line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RowKey(String, String, String, String, Option<String>);

fn table(section: &Section) -> Vec<RowKey> {
    section
        .rows
        .iter()
        .map(|row: &Row| {
            RowKey(
                row.name.clone(),
                format!("{:?}", row.ty),
                format!("{:?}", row.contract),
                row.description.clone(),
                row.deprecated.clone(),
            )
        })
        .collect()
}

/// The id `types.yaml` lists just before the body's first titled section's id.
fn adjacent_id<'a>(docs: &'a Docs, sections: &SectionIds, body: BodyAt) -> Option<&'a str> {
    let printed = docs.body(body);
    let first = (0..printed.sections.len())
        .map(|index| crate::docs::SectionAt { body, index })
        .find_map(|at| sections.get(&at))?;
    let position = docs.types.position(first)?;
    docs.types.id_at(position.checked_sub(1)?)
}

/// The lower-cased words of an id, as its recovered case splits it.
fn words(vocabulary: &Vocabulary, id: &str) -> Vec<String> {
    identifier_words(&vocabulary.case(id).name)
        .into_iter()
        .map(|word| word.to_ascii_lowercase())
        .collect()
}

/// The points of an id as the root of a body, `None` when its name says it is the other side's.
fn score(id: &str, words: &[String], path: &str, side: Side) -> Option<i32> {
    let unversioned = id.trim_end_matches(|c: char| c.is_ascii_digit());
    let unversioned = unversioned
        .strip_suffix('v')
        .filter(|_| unversioned.len() < id.len())
        .unwrap_or(id);
    let request = unversioned.ends_with("parameters");
    let response = unversioned.ends_with("result") || unversioned.ends_with("resultpage");
    if (request && side == Side::Response) || (response && side == Side::Request) {
        return None;
    }
    // Roots are nearly always `...Parameters` or `...Result`.
    let mut points = if request || response { 0 } else { -2 };
    let operation = operation_path(path);
    let segments: Vec<&str> = operation.split('/').collect();
    let resource = segments.first().copied().unwrap_or_default();
    let action = segments.get(1).copied().unwrap_or_default();
    let version = segments.get(2).map(|v| v.replace('-', ""));
    let id_version = words
        .iter()
        .find(|w| w.len() > 1 && w.starts_with('v') && w[1..].chars().all(|c| c.is_ascii_digit()));
    match (&version, id_version) {
        (Some(version), Some(word)) if word[1..] == *version => points += 6,
        (Some(_), Some(_)) => points -= 6,
        (Some(_), None) | (None, Some(_)) => points -= 3,
        (None, None) => {}
    }
    // `getAllByIds`: the words after `By` qualify the action; they count only for an id.
    let all_words: Vec<String> = identifier_words(action)
        .into_iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let by = all_words
        .iter()
        .position(|w| w == "by")
        .unwrap_or(all_words.len());
    let action_words: Vec<&String> = all_words[..by]
        .iter()
        .filter(|w| *w != "get" && *w != "all")
        .collect();
    for word in &action_words {
        points += if words.iter().any(|w| same_stem(w, word)) {
            3
        } else {
            -1
        };
    }
    for word in all_words.iter().skip(by + 1) {
        if words
            .iter()
            .any(|w| same_stem(&singular(w), &singular(word)))
        {
            points += 3;
        }
    }
    if action.starts_with("get") && words.iter().any(|w| w == "filter") {
        points += 1;
    }
    for word in words.iter().filter(|w| ACTION_WORDS.contains(&w.as_str())) {
        if !action_words.iter().any(|a| same_stem(a, word)) {
            points -= 2;
        }
    }
    let resource_words: Vec<String> = identifier_words(resource)
        .iter()
        .map(|w| singular(&w.to_ascii_lowercase()))
        .collect();
    for word in &resource_words {
        if words.iter().any(|w| singular(w) == *word) {
            points += 1;
        }
    }
    // A word that neither the path nor the usual make-up of a root explains counts against.
    let explained = |w: &String| {
        GENERIC_WORDS.contains(&w.as_str())
            || resource_words.iter().any(|r| same_stem(&singular(w), r))
            || all_words.iter().any(|a| same_stem(w, a))
            || id_version == Some(w)
    };
    points -= words.iter().filter(|w| !explained(w)).count() as i32;
    Some(points)
}

/// Whether two words share a stem (`add` ~ `addition`, `price` ~ `pricing`, not `add` ~
/// `address`): one stem starts the other, which goes on for at most two more letters.
fn same_stem(a: &str, b: &str) -> bool {
    let (a, b) = (stem(a), stem(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 3 && long.starts_with(&short) && long.len() - short.len() <= 2
}

fn stem(word: &str) -> String {
    for suffix in ["ation", "ing", "ion", "ed", "es", "s", "e"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 3 {
                return stem.to_owned();
            }
        }
    }
    word.to_owned()
}

fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if word.ends_with("sses") || word.ends_with("xes") {
        return word[..word.len() - 2].to_owned();
    }
    word.strip_suffix('s')
        .filter(|stem| !stem.ends_with('s'))
        .unwrap_or(word)
        .to_owned()
}

/// The path after `/api/connector/v1/`: `resource/action[/version]`.
pub fn operation_path(path: &str) -> String {
    path.strip_prefix("/api/connector/v1/")
        .unwrap_or(path)
        .to_owned()
}

/// The operation id of a path as published: `resource_action`, and for a versioned path the
/// version with underscores (`reservations_getAll_2023_06_06`).
pub fn operation_id(operation: &str) -> String {
    operation.replace(['/', '-'], "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_singulars() {
        assert!(same_stem("add", "addition"));
        assert!(same_stem("price", "pricing"));
        assert!(same_stem("cancel", "cancellation"));
        assert!(same_stem("process", "processing"));
        assert!(!same_stem("add", "address"));
        assert_eq!(singular("companies"), "company");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("taxes"), "tax");
        assert_eq!(singular("customers"), "customer");
        assert_eq!(singular("access"), "access");
    }

    #[test]
    fn operation_ids_as_published() {
        assert_eq!(
            operation_id("identityDocuments/getAll"),
            "identityDocuments_getAll"
        );
        assert_eq!(
            operation_id("reservations/getAll/2023-06-06"),
            "reservations_getAll_2023_06_06"
        );
    }

    #[test]
    fn scores_prefer_the_action_the_side_and_the_version() {
        let w = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let delete = score(
            "identitydocumentdeleteparameters",
            &w(&["identity", "document", "delete", "parameters"]),
            "/api/connector/v1/identityDocuments/delete",
            Side::Request,
        );
        let clear = score(
            "identitydocumentclearparameters",
            &w(&["identity", "document", "clear", "parameters"]),
            "/api/connector/v1/identityDocuments/delete",
            Side::Request,
        );
        assert!(delete > clear);
        assert_eq!(
            score(
                "identitydocumentresult",
                &w(&["identity", "document", "result"]),
                "/api/connector/v1/identityDocuments/getAll",
                Side::Request
            ),
            None
        );
        let versioned = score(
            "sourceassignmentresultv20240920",
            &w(&["source", "assignment", "result", "v20240920"]),
            "/api/connector/v1/sourceAssignments/getAll/2024-09-20",
            Side::Response,
        );
        let plain = score(
            "sourceassignmentresult",
            &w(&["source", "assignment", "result"]),
            "/api/connector/v1/sourceAssignments/getAll/2024-09-20",
            Side::Response,
        );
        assert!(versioned > plain);
    }
}
