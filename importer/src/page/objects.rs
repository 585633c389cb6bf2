//! The hand-written pages that define shared objects: `operations/_objects.md` and the
//! pagination guideline. `types.yaml` pins schema ids to their anchors; the specification's own
//! definitions of those schemas are never rendered, so these sections stand in for them.
//!
//! Their layout is looser than a generated page's: any heading level, prose and examples around
//! the table, padded columns, `-` or `*` lists.

use super::parse::enum_value;
use super::{table, Enumeration, Section};
use crate::Error;

/// A hand-written page: its sections by anchor.
#[derive(Debug, Clone)]
pub struct HandWritten {
    /// The file as errors name it, e.g. `operations/_objects.md`.
    pub path: String,
    /// The sections in page order.
    pub sections: Vec<ObjectSection>,
}

/// One section of a hand-written page.
#[derive(Debug, Clone)]
pub struct ObjectSection {
    /// The anchor the page's heading gets: its slug, with `-1`, `-2`, ... for repeated headings.
    pub anchor: String,
    /// The heading, prose before the first table or list, and the property table or values.
    pub section: Section,
    /// The section's JSON example, when it has one that parses.
    pub example: Option<serde_json::Value>,
    /// The first row that could not be read: the section is prose, unless a schema needs it.
    pub unreadable: Option<Error>,
}

impl HandWritten {
    /// Reads a hand-written page.
    pub fn parse(path: &str, text: &str) -> Self {
        let mut sections: Vec<ObjectSection> = Vec::new();
        let lines: Vec<&str> = text.lines().collect();
        let mut index = 0;
        let mut in_code: Option<String> = None;
        while index < lines.len() {
            let (number, line) = (index + 1, lines[index]);
            index += 1;
            if let Some(code) = in_code.as_mut() {
                if line.trim() == "```" {
                    let example = serde_json::from_str(code).ok();
                    if let Some(current) = sections.last_mut() {
                        current.example = current.example.take().or(example);
                    }
                    in_code = None;
                } else {
                    code.push_str(line);
                    code.push('\n');
                }
                continue;
            }
            if let Some(title) = heading(line) {
                let anchor = unique_anchor(&sections, &slug(title));
                sections.push(ObjectSection {
                    anchor,
                    section: Section {
                        line: number,
                        title: Some(title.to_owned()),
                        ..Section::default()
                    },
                    example: None,
                    unreadable: None,
                });
                continue;
            }
            let Some(current) = sections.last_mut() else {
                continue;
            };
            let (section, unreadable) = (&mut current.section, &mut current.unreadable);
            if line.trim_start().starts_with("```") {
                in_code = Some(String::new());
            } else if table::is_header(line) {
                index += 1; // the alignment row
                while lines.get(index).is_some_and(|row| row.starts_with('|')) {
                    match table::row(path, index + 1, lines[index]) {
                        Ok(row) => section.rows.push(row),
                        Err(err) => *unreadable = unreadable.take().or(Some(err)),
                    }
                    index += 1;
                }
            } else if line.starts_with('|') {
                // A table that is not a property table (Hybrid identifier's prefixes).
                while lines.get(index).is_some_and(|row| row.starts_with('|')) {
                    index += 1;
                }
            } else if let Some(value) = enum_value(line) {
                let enumeration = section.enumeration.get_or_insert_with(Enumeration::default);
                match value {
                    Some(value) => enumeration.values.push(value),
                    None => enumeration.extensible = true,
                }
            } else if section.rows.is_empty()
                && section.enumeration.is_none()
                && !line.trim().is_empty()
            {
                if !section.description.is_empty() {
                    section.description.push('\n');
                }
                section.description.push_str(line.trim());
            }
        }
        Self {
            path: path.to_owned(),
            sections,
        }
    }

    /// The section with this anchor; or, for an anchor `types.yaml` spells without hyphens
    /// (`profiledatadiscriminator`), the first section whose heading has its letters.
    pub fn section(&self, anchor: &str) -> Option<&ObjectSection> {
        let squashed = |text: &str| {
            text.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        };
        self.sections
            .iter()
            .find(|section| section.anchor == anchor)
            .or_else(|| {
                self.sections
                    .iter()
                    .find(|section| squashed(&section.anchor) == anchor)
            })
    }
}

fn heading(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    (rest.len() < line.len() && line.len() - rest.len() <= 4)
        .then(|| rest.strip_prefix(' '))
        .flatten()
        .map(str::trim)
}

fn unique_anchor(sections: &[ObjectSection], anchor: &str) -> String {
    let taken = |candidate: &str| sections.iter().any(|section| section.anchor == candidate);
    if !taken(anchor) {
        return anchor.to_owned();
    }
    (1..)
        .map(|n| format!("{anchor}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("some suffix is free")
}

/// The anchor of a heading, as `utils.js` `slugify` computes it: lower case, whitespace to `-`,
/// everything but letters, digits and `-` dropped.
pub fn slug(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut slug = String::new();
    let mut in_space = false;
    for c in lower.chars() {
        if c.is_whitespace() {
            if !in_space {
                slug.push('-');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
            slug.push(c);
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_as_the_page_generator_makes_them() {
        assert_eq!(
            slug("Identity document (ver 2024-10-25)"),
            "identity-document-ver-2024-10-25"
        );
        assert_eq!(
            slug("Resources' occupancy  state"),
            "resources-occupancy-state"
        );
        assert_eq!(
            slug("Fiscal machine command data (ver. 2025-06-23)"),
            "fiscal-machine-command-data-ver-2025-06-23"
        );
    }

    #[test]
    fn repeated_headings_get_numbered_anchors_and_prose_is_kept_apart() {
        let text = "# Common\n\n### Activity state\n\n* `Active` - active.\n\n### Amount\n\nMoney.\n\n\
                    ```javascript\n{ \"Value\": 1 }\n```\n\n| Property | Type | Contract | Description |\n\
                    | :-- | :-- | :-- | :-- |\n| `Value` | number | required | The value. |\n\n\
                    #### Activity state\n\n- `Deleted`\n";
        let page = HandWritten::parse("operations/_objects.md", text);
        let anchors: Vec<&str> = page.sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            ["common", "activity-state", "amount", "activity-state-1"]
        );
        let amount = page.section("amount").unwrap();
        assert_eq!(amount.section.description, "Money.");
        assert_eq!(amount.section.rows[0].name, "Value");
        assert_eq!(amount.example, Some(serde_json::json!({"Value": 1})));
        let second = &page.section("activity-state-1").unwrap().section;
        assert_eq!(
            second.enumeration.as_ref().unwrap().values[0].value,
            "Deleted"
        );
    }
}
