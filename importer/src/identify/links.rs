//! The id behind a link in a type column.
//!
//! The page prints `[title](file#anchor)` with the file and anchor `types.yaml` gives the
//! linked id, and the title `types.yaml` overrides it with or the schema's own. Rules, in
//! order: the overrides; the ids at that file and anchor whose title override is the link's
//! title (or, when none is, those without one); when none has the anchor, the id that spells
//! the title (hand-written pages link their own sections by heading); on a generated page, the
//! ids of the sections printed there at that anchor, and of those the section printed next
//! after the linking one (the generator prints a schema's sections after it); then
//! `super::choose`; and for a hand-written section that several ids share and nothing tells
//! apart (Bool update value, Number update value, Time interval), the first of them in
//! `types.yaml`: the section's oldest id.

use super::choose;
use super::sections::SectionIds;
use crate::build::definition::hand_path;
use crate::docs::{Docs, SectionAt};
use crate::overrides::Overrides;
use crate::page::Link;
use crate::Error;

/// Where a link is written.
#[derive(Debug, Clone, Copy)]
pub struct From<'a> {
    /// The id of the schema whose property links.
    pub schema: &'a str,
    /// The property.
    pub property: &'a str,
    /// The section the row is in, when it is on a generated page.
    pub section: Option<SectionAt>,
    /// The file the link is written in, as links name files (`customers.md`, `_objects.md`).
    pub file: &'a str,
    /// The line of the row.
    pub line: usize,
}

/// Resolves a link to an id.
pub fn resolve(
    docs: &Docs,
    sections: &SectionIds,
    overrides: &Overrides,
    link: &Link,
    from: From<'_>,
) -> Result<String, Error> {
    if let Some(id) = overrides.link(from.schema, from.property) {
        return Ok(id.to_owned());
    }
    let file = if link.file.is_empty() {
        from.file
    } else {
        link.file.as_str()
    };
    let at_anchor = docs.types.at(file, &link.anchor);
    let overridden: Vec<&str> = at_anchor
        .iter()
        .copied()
        .filter(|id| {
            docs.types.get(id).and_then(|e| e.title_override.as_deref())
                == Some(link.title.as_str())
        })
        .collect();
    let plain: Vec<&str> = at_anchor
        .iter()
        .copied()
        .filter(|id| {
            docs.types
                .get(id)
                .is_some_and(|e| e.title_override.is_none())
        })
        .collect();
    let mut candidates = if !overridden.is_empty() {
        overridden
    } else if !plain.is_empty() {
        plain
    } else {
        at_anchor
    };
    if candidates.is_empty() {
        let spelled = super::squash(&link.title);
        if docs.types.get(&spelled).is_some() {
            return Ok(spelled);
        }
        return Err(unknown(link, from));
    }
    if let [only] = candidates.as_slice() {
        return Ok((*only).to_owned());
    }
    if let Some(page) = docs.pages.iter().position(|page| page.file == file) {
        let shown: Vec<(SectionAt, &str)> = docs
            .sections(page)
            .filter_map(|at| sections.get(&at).map(|id| (at, id.as_str())))
            .filter(|(at, id)| {
                candidates.contains(id)
                    && docs
                        .section(*at)
                        .title
                        .as_deref()
                        .map(crate::page::objects::slug)
                        .as_deref()
                        == Some(link.anchor.as_str())
            })
            .collect();
        if !shown.is_empty() {
            candidates.retain(|id| shown.iter().any(|(_, shown)| shown == id));
        }
        if let (Some(linking), true) = (from.section, candidates.len() > 1) {
            let next = shown
                .iter()
                .find(|(at, _)| *at > linking)
                .or_else(|| shown.iter().rev().find(|(at, _)| *at < linking));
            if let Some((_, id)) = next {
                return Ok((*id).to_owned());
            }
        }
    }
    if let Some(id) = choose(&candidates, &link.title, None, Some(from.schema)) {
        return Ok(id.to_owned());
    }
    let hand_written = file == crate::docs::OBJECTS_FILE || file == crate::docs::PAGINATION_FILE;
    match candidates.first() {
        Some(first) if hand_written => Ok((*first).to_owned()),
        _ => Err(Error::at_line(
            &hand_path(from.file),
            from.line,
            format!(
                "the link to `{}` ({file}#{}) may be any of {}; name it in the overrides' `links`",
                link.title,
                link.anchor,
                candidates.join(", ")
            ),
        )),
    }
}

fn unknown(link: &Link, from: From<'_>) -> Error {
    Error::at_line(
        &hand_path(from.file),
        from.line,
        format!(
            "`{}` links to `{}` ({}#{}), a type nowhere defined",
            from.property, link.title, link.file, link.anchor
        ),
    )
}
