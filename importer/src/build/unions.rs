//! Discriminated unions, and which discriminator value selects which case (the pages do not
//! print it; the published description has it only in its C# types).
//!
//! A coproduct is a `Discriminator` (an enumeration) and a `Value`. Its cases, per
//! discriminator value, by rule: the overrides; a link in the value's description on the
//! enumeration (`Rebate` - [Rebate order item data]); none for "No additional data."; a
//! section of the page whose title starts with the value's words (`Space` -> "Space resource
//! data", the nearest after the coproduct first); a link with such a title in the `Value`'s
//! description; when `Value` links one schema, that schema for the value it matches.
//!
//! An object with a `Discriminator` and one property per case pairs each value with the
//! property whose name starts with the value's words (`Enterprise` -> `EnterpriseProfile`).

use super::definition::{self, Definition};
use super::property::{self, From};
use super::Inputs;
use crate::docs::SectionAt;
use crate::identify::links;
use crate::names::identifier_words;
use crate::page::{EnumValue, Link, Section};
use crate::schema::{Coproduct, Property, Type};
use crate::Error;

/// What the page prints for a discriminator without a description.
const DEFAULT_DISCRIMINATOR: &str = "Determines type of value.";
/// What the page prints for a value without a description.
const DEFAULT_VALUE: &str = "Structure of object depends on `Discriminator`.";
/// A discriminator value's description when the value has no data.
const NO_DATA: &str = "No additional data.";

/// Reads a coproduct section.
pub fn coproduct(
    inputs: &Inputs<'_>,
    id: &str,
    section: &Section,
    at: Option<SectionAt>,
    file: &str,
) -> Result<Coproduct, Error> {
    let discriminator_row = section
        .row("Discriminator")
        .expect("a coproduct has a discriminator");
    let value_row = section.row("Value").expect("a coproduct has a value");
    let from = |row| From {
        schema: id,
        section: at,
        file,
        row,
    };
    let discriminator =
        match property::value_type(inputs, discriminator_row, from(discriminator_row))? {
            Type::Ref { id, .. } => id,
            _ => {
                let path = definition::hand_path(file);
                return Err(Error::at_line(
                    &path,
                    discriminator_row.line,
                    "a coproduct's `Discriminator` that links no enumeration",
                ));
            }
        };
    let value = property::value_type(inputs, value_row, from(value_row))?;
    let values = enumeration_values(inputs, &discriminator)?;
    let mut cases = Vec::new();
    for value_entry in &values {
        let case = match &value {
            Type::Ref { id: linked, .. } => {
                matches_words(&value_entry.value, &case_title(inputs, linked))
                    .then(|| linked.clone())
            }
            Type::Object => object_case(inputs, id, value_entry, &discriminator, at, value_row)?,
            _ => None,
        };
        cases.extend(case.map(|case| (value_entry.value.clone(), case)));
    }
    Ok(Coproduct {
        discriminator,
        discriminator_description: described(&discriminator_row.description, DEFAULT_DISCRIMINATOR),
        value,
        value_description: described(&value_row.description, DEFAULT_VALUE),
        value_nullable: value_row.contract.nullable,
        cases,
    })
}

fn described(text: &str, default: &str) -> Option<String> {
    (!text.is_empty() && text != default).then(|| text.to_owned())
}

/// The case of one discriminator value of a coproduct whose `Value` is an object.
fn object_case(
    inputs: &Inputs<'_>,
    coproduct: &str,
    entry: &EnumValue,
    discriminator: &str,
    at: Option<SectionAt>,
    value_row: &crate::page::Row,
) -> Result<Option<String>, Error> {
    if let Some(id) = inputs.overrides.case(coproduct, &entry.value) {
        return Ok(Some(id.to_owned()));
    }
    let description = entry.description.as_deref().unwrap_or_default();
    if description == NO_DATA {
        return Ok(None);
    }
    if let Some(link) = first_link(description) {
        let enumeration = definition::find(inputs, discriminator)?;
        let line = enumeration
            .section_at()
            .map_or(0, |at| inputs.docs.section(at).line);
        let from = links::From {
            schema: discriminator,
            property: &entry.value,
            section: enumeration.section_at(),
            file: enumeration.page(inputs.docs),
            line,
        };
        return inputs.resolve_link(&link, from).map(Some);
    }
    if let Some(at) = at {
        let page = at.body.page;
        let titled: Vec<(SectionAt, &String)> = inputs
            .docs
            .sections(page)
            .filter_map(|candidate| inputs.sections.get(&candidate).map(|id| (candidate, id)))
            .filter(|(candidate, _)| {
                let title = inputs
                    .docs
                    .section(*candidate)
                    .title
                    .as_deref()
                    .unwrap_or_default();
                matches_words(&entry.value, title)
                    && !inputs.docs.section(*candidate).rows.is_empty()
            })
            .collect();
        let nearest = titled
            .iter()
            .find(|(candidate, _)| *candidate > at)
            .or_else(|| titled.iter().rev().find(|(candidate, _)| *candidate < at));
        if let Some((_, id)) = nearest {
            return Ok(Some((*id).clone()));
        }
        let file = &inputs.docs.pages[page].file;
        for link in links_in(&value_row.description) {
            if matches_words(&entry.value, &link.title) {
                let from = links::From {
                    schema: coproduct,
                    property: "Value",
                    section: Some(at),
                    file,
                    line: value_row.line,
                };
                return inputs.resolve_link(&link, from).map(Some);
            }
        }
    }
    Ok(None)
}

/// The values of the enumeration with this id.
fn enumeration_values(inputs: &Inputs<'_>, id: &str) -> Result<Vec<EnumValue>, Error> {
    let section = match definition::find(inputs, id)? {
        Definition::Page(at) => inputs.docs.section(at),
        Definition::Hand { section, .. } => section,
        _ => return Ok(Vec::new()),
    };
    Ok(section
        .enumeration
        .as_ref()
        .map(|e| e.values.clone())
        .unwrap_or_default())
}

/// The title of the section that shows a case.
fn case_title(inputs: &Inputs<'_>, id: &str) -> String {
    match definition::find(inputs, id) {
        Ok(Definition::Page(at)) => inputs.docs.section(at).title.clone().unwrap_or_default(),
        Ok(Definition::Hand { section, .. }) => section.title.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Whether a title (or a name) starts with the words of a discriminator value.
fn matches_words(value: &str, title: &str) -> bool {
    let value_words: Vec<String> = identifier_words(value)
        .into_iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let title_words: Vec<String> = if title.contains(' ') {
        title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    } else {
        identifier_words(title)
            .into_iter()
            .map(|w| w.to_ascii_lowercase())
            .collect()
    };
    !value_words.is_empty() && title_words.starts_with(&value_words)
}

fn first_link(text: &str) -> Option<Link> {
    links_in(text).into_iter().next()
}

/// The markdown links of a text.
fn links_in(text: &str) -> Vec<Link> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let tail = &rest[start..];
        let Some(end) = tail.find(')') else {
            break;
        };
        if let Some(link) = Link::parse(&tail[..=end]) {
            found.push(link);
        }
        rest = &tail[1..];
    }
    found
}

/// For an object with a `Discriminator` and one property per case: value -> property.
pub fn property_cases(
    inputs: &Inputs<'_>,
    section: &Section,
    properties: &[Property],
) -> Vec<(String, String)> {
    let Some(Type::Ref { id, .. }) = properties
        .iter()
        .find(|p| p.name == "Discriminator")
        .map(|p| &p.ty)
    else {
        return Vec::new();
    };
    if section.rows.len() < 2 {
        return Vec::new();
    }
    let values = enumeration_values(inputs, id).unwrap_or_default();
    values
        .iter()
        .filter_map(|entry| {
            let property = properties
                .iter()
                .filter(|p| p.name != "Discriminator")
                .find(|p| matches_words(&entry.value, &p.name))?;
            Some((entry.value.clone(), property.name.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_match_titles_and_names_by_their_first_words() {
        assert!(matches_words("Space", "Space resource data"));
        assert!(matches_words("BillPdfFile", "Bill PDF file"));
        assert!(matches_words("Enterprise", "EnterpriseProfile"));
        assert!(!matches_words("Object", "Space resource data"));
        assert!(!matches_words("CreditCard", "Credit"));
    }

    #[test]
    fn links_in_prose() {
        let links = links_in("Currently for `Space` with [Space resource data](resources.md#space-resource-data) (only).");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].anchor, "space-resource-data");
    }
}
