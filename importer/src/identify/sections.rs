//! The id of every titled section of the generated pages.
//!
//! A section's anchor is the slug of its heading, and `types.yaml` lists the ids shown at that
//! file and anchor. One id: that is the section's. Several (a stale id beside a renamed one, or
//! two schemas with the same title on one page): `super::choose` decides by the section's kind,
//! its title and the schema that links to it.
//!
//! A page shows a schema once, so sections with the same heading on one page are different
//! schemas; when the rules give them one id (the enumerations `BillState` and `BillStateEnum`
//! are both "Bill state"), `separate_repeated` gives each its own. What none of this decides must
//! be in the overrides.

use std::collections::BTreeMap;

use super::{choose, Kind};
use crate::docs::{Docs, SectionAt};
use crate::overrides::Overrides;
use crate::page::objects::slug;
use crate::Error;

/// The ids of the titled sections, by address.
pub type SectionIds = BTreeMap<SectionAt, String>;

/// Identifies every titled section of every generated page.
pub fn identify(docs: &Docs, overrides: &Overrides) -> Result<SectionIds, Error> {
    let mut ids = SectionIds::new();
    let mut open: Vec<(SectionAt, Vec<&str>)> = Vec::new();
    for page in 0..docs.pages.len() {
        let file = &docs.pages[page].file;
        let addresses: Vec<SectionAt> = docs.sections(page).collect();
        for (position, &at) in addresses.iter().enumerate() {
            let section = docs.section(at);
            let Some(title) = &section.title else {
                continue;
            };
            let anchor = slug(title);
            if let Some(id) = overrides.section(file, &anchor) {
                ids.insert(at, id.to_owned());
                continue;
            }
            let candidates = docs.types.at(file, &anchor);
            let parent = parent(docs, &ids, &addresses[..position], at, &anchor);
            match candidates.as_slice() {
                [] => {
                    return Err(Error::at_line(
                        &docs.path(page),
                        section.line,
                        format!(
                            "section `{title}` ({file}#{anchor}) is in no entry of {}",
                            crate::types_index::PATH
                        ),
                    ))
                }
                [only] => {
                    ids.insert(at, (*only).to_owned());
                }
                several => match choose(several, title, Some(Kind::of(section)), parent) {
                    Some(id) => {
                        ids.insert(at, id.to_owned());
                    }
                    None => open.push((at, several.to_vec())),
                },
            }
        }
        separate_repeated(docs, &mut ids, page);
    }
    if let Some((at, candidates)) = open.into_iter().find(|(at, _)| !ids.contains_key(at)) {
        let section = docs.section(at);
        let title = section.title.as_deref().unwrap_or_default();
        return Err(Error::at_line(
            &docs.path(at.body.page),
            section.line,
            format!(
                "section `{title}` ({}#{}) may be any of {}; name it in the overrides' `sections`",
                docs.pages[at.body.page].file,
                slug(title),
                candidates.join(", ")
            ),
        ));
    }
    Ok(ids)
}

/// Gives sections of one page that got one id each a different candidate: by the longest
/// start each candidate shares with the id of the schema linking to the section, when that
/// tells them all apart; else the sections printed in responses take the candidates
/// `types.yaml` lists first (the generator renders a response before its request, so appends
/// its ids first), and among one side, the page's order follows the file's.
fn separate_repeated(docs: &Docs, ids: &mut SectionIds, page: usize) {
    let file = &docs.pages[page].file;
    let mut by_id: BTreeMap<String, Vec<SectionAt>> = BTreeMap::new();
    for (at, id) in ids.range(first_of(page)..first_of(page + 1)) {
        by_id.entry(id.clone()).or_default().push(*at);
    }
    let addresses: Vec<SectionAt> = docs.sections(page).collect();
    for (_, mut sections) in by_id.into_iter().filter(|(_, sections)| sections.len() > 1) {
        let anchor = docs
            .section(sections[0])
            .title
            .as_deref()
            .map(slug)
            .unwrap_or_default();
        let coproduct = Kind::of(docs.section(sections[0])) == Kind::Coproduct;
        let mut candidates: Vec<&str> = docs
            .types
            .at(file, &anchor)
            .into_iter()
            .filter(|candidate| candidate.contains("coproduct") == coproduct)
            .collect();
        if candidates.len() < sections.len() {
            continue;
        }
        let by_parent: Vec<Option<&str>> = sections
            .iter()
            .map(|at| {
                let before = &addresses[..addresses.iter().position(|a| a == at).unwrap_or(0)];
                let parent = parent(docs, ids, before, *at, &anchor)?;
                let longest = candidates
                    .iter()
                    .map(|c| super::common_prefix(c, parent))
                    .max()?;
                let best: Vec<&str> = candidates
                    .iter()
                    .copied()
                    .filter(|c| super::common_prefix(c, parent) == longest)
                    .collect();
                (longest > 0 && best.len() == 1).then(|| best[0])
            })
            .collect();
        let distinct: std::collections::BTreeSet<&str> =
            by_parent.iter().flatten().copied().collect();
        if distinct.len() == sections.len() {
            for (at, id) in sections.iter().zip(by_parent) {
                ids.insert(*at, id.expect("all chosen").to_owned());
            }
            continue;
        }
        sections.sort_by_key(|at| (at.body.side != crate::docs::Side::Response, *at));
        candidates.sort_by_key(|candidate| docs.types.position(candidate));
        for (at, id) in sections.iter().zip(candidates) {
            ids.insert(*at, id.to_owned());
        }
    }
}

/// The first address of a page, for ranges over the ids.
fn first_of(page: usize) -> SectionAt {
    SectionAt {
        body: crate::docs::BodyAt {
            page,
            operation: 0,
            side: crate::docs::Side::Request,
        },
        index: 0,
    }
}

/// The id of the titled section that links to this one: the nearest before it that does, in
/// the same body if one there does.
fn parent<'a>(
    docs: &Docs,
    ids: &'a SectionIds,
    before: &[SectionAt],
    at: SectionAt,
    anchor: &str,
) -> Option<&'a str> {
    let file = &docs.pages[at.body.page].file;
    let links_here = |candidate: &&SectionAt| {
        docs.section(**candidate)
            .rows
            .iter()
            .filter_map(|row| row.ty.link())
            .any(|link| &link.file == file && link.anchor == anchor)
    };
    let same_body = before
        .iter()
        .rev()
        .filter(|c| c.body == at.body)
        .find(links_here);
    let linking = same_body.or_else(|| before.iter().rev().find(links_here))?;
    ids.get(linking).map(String::as_str)
}
