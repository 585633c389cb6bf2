//! Reads a generated operations page by the fixed layout of `resource.edge` and
//! `parameters.edge`:
//!
//! ```text
//! <!-- AUTOMATICALLY GENERATED, DO NOT MODIFY -->
//! # Tag
//! ## [~~]Summary[~~]
//! > ### Deprecated!            (or > ### Restricted!, each followed by one `> ` line)
//! description ...
//! ### Request
//! `[PlatformAddress]/api/connector/v1/resource/action`
//! ```javascript  example  ```
//! sections: [#### Title] description, then a property table or an enumeration
//! ### Response
//! ```javascript  example  ```
//! sections
//! ```

use super::table;
use super::{Body, EnumValue, Enumeration, Operation, Page, Section};
use crate::Error;

/// The first line of every generated page.
pub const GENERATED_MARK: &str = "<!-- AUTOMATICALLY GENERATED, DO NOT MODIFY -->";
const ONE_OF_LINE: &str =
    "This operation accepts one of the following mutually exclusive parameter sets.";
const DEPRECATED_PREFIX: &str = "> This operation is [deprecated](../deprecations/README.md).";
const ADDRESS_PREFIX: &str = "`[PlatformAddress]";

/// Reads one generated page; `path` is the file as errors name it (e.g.
/// `operations/customers.md`), `file` its name inside `operations/`.
pub fn page(path: &str, file: &str, text: &str) -> Result<Page, Error> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.first() != Some(&GENERATED_MARK) {
        return Err(Error::at_line(
            path,
            1,
            "not a generated page (no generation mark)",
        ));
    }
    let mut reader = Reader {
        path,
        lines,
        next: 1,
    };
    let title = reader
        .take_nonblank()
        .and_then(|(_, line)| line.strip_prefix("# "))
        .ok_or_else(|| Error::at_line(path, 2, "the page has no `# ` title"))?;
    let title = decode(title);
    let mut operations = Vec::new();
    while let Some((number, line)) = reader.take_nonblank() {
        let summary = line.strip_prefix("## ").ok_or_else(|| {
            Error::at_line(
                path,
                number,
                format!("expected an operation (`## `), found `{line}`"),
            )
        })?;
        operations.push(reader.operation(number, summary)?);
    }
    Ok(Page {
        file: file.to_owned(),
        title,
        operations,
    })
}

fn decode(text: &str) -> String {
    html_escape::decode_html_entities(text.trim()).into_owned()
}

struct Reader<'a> {
    path: &'a str,
    lines: Vec<&'a str>,
    /// Index of the next line to read (its line number is `next + 1`).
    next: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.lines.get(self.next).copied()
    }

    fn take(&mut self) -> Option<(usize, &'a str)> {
        let line = self.peek()?;
        self.next += 1;
        Some((self.next, line))
    }

    fn take_nonblank(&mut self) -> Option<(usize, &'a str)> {
        while self.peek()?.trim().is_empty() {
            self.next += 1;
        }
        self.take()
    }

    fn fail(&self, line: usize, message: impl Into<String>) -> Error {
        Error::at_line(self.path, line, message)
    }

    fn operation(&mut self, line: usize, heading: &str) -> Result<Operation, Error> {
        let struck = heading
            .strip_prefix("~~")
            .and_then(|h| h.strip_suffix("~~"));
        let summary = decode(struck.unwrap_or(heading));
        let (mut deprecated, mut restricted) = (None, false);
        let mut description = Vec::new();
        loop {
            let Some((number, text)) = self.take() else {
                return Err(self.fail(line, format!("operation `{summary}` has no `### Request`")));
            };
            match text {
                "### Request" => break,
                "> ### Deprecated!" => {
                    let (number, note) = self.take().unwrap_or((number, ""));
                    let message = note
                        .strip_prefix(DEPRECATED_PREFIX)
                        .ok_or_else(|| self.fail(number, "a deprecation notice without its `> This operation is [deprecated]` line"))?;
                    deprecated = Some(message.trim().to_owned());
                }
                "> ### Restricted!" => {
                    self.take();
                    restricted = true;
                }
                _ if text.starts_with("## ") => {
                    return Err(
                        self.fail(line, format!("operation `{summary}` has no `### Request`"))
                    )
                }
                _ => description.push(text),
            }
        }
        let request_line = self.next;
        let path = match self.take_nonblank() {
            Some((_, text)) if text.starts_with(ADDRESS_PREFIX) => text
                .strip_prefix(ADDRESS_PREFIX)
                .and_then(|rest| rest.strip_suffix('`'))
                .filter(|path| path.starts_with("/api/"))
                .ok_or_else(|| self.fail(self.next, format!("malformed path line `{text}`")))?
                .to_owned(),
            _ => {
                return Err(self.fail(
                    request_line,
                    format!("operation `{summary}` has no `[PlatformAddress]/api/...` path line"),
                ))
            }
        };
        let request = self.body(request_line, &summary, "### Response")?;
        let Some((response_line, _)) = self.take() else {
            return Err(self.fail(line, format!("operation `{summary}` has no `### Response`")));
        };
        let response = self.body(response_line, &summary, "## ")?;
        Ok(Operation {
            line,
            summary,
            deprecated,
            restricted,
            description: join_paragraphs(&description),
            path,
            request,
            response,
        })
    }

    /// Reads an example and the sections after it, up to (not including) the line that starts
    /// with `end`.
    fn body(&mut self, line: usize, summary: &str, end: &str) -> Result<Body, Error> {
        let example = self.example(summary)?;
        let mut body = Body {
            line,
            example,
            one_of: false,
            sections: Vec::new(),
        };
        let mut section: Option<Section> = None;
        // Whether a blank line separates the next line of a description from the last.
        let mut paragraph = false;
        while let Some(text) = self.peek() {
            if text.starts_with(end) {
                break;
            }
            let (number, text) = self.take().expect("peeked");
            if let Some(title) = text.strip_prefix("#### ") {
                paragraph = false;
                body.sections.extend(section.take());
                section = Some(Section {
                    line: number,
                    title: Some(decode(title)),
                    ..Section::default()
                });
                continue;
            }
            if text.trim().is_empty() {
                paragraph = section.as_ref().is_some_and(|s| !s.description.is_empty());
                continue;
            }
            let current = section.get_or_insert_with(|| Section {
                line: number,
                ..Section::default()
            });
            if text == ONE_OF_LINE {
                body.one_of = true;
            } else if table::is_header(text) {
                self.rows(current)?;
            } else if text.starts_with("{% hint") {
                self.hint(number)?;
                current
                    .enumeration
                    .get_or_insert_with(Enumeration::default)
                    .extensible = true;
            } else if let Some(value) = enum_value(text) {
                let enumeration = current.enumeration.get_or_insert_with(Enumeration::default);
                match value {
                    Some(value) => enumeration.values.push(value),
                    None => enumeration.extensible = true,
                }
            } else if current.rows.is_empty() && current.enumeration.is_none() {
                if !current.description.is_empty() {
                    current
                        .description
                        .push_str(if paragraph { "\n\n" } else { "\n" });
                }
                current.description.push_str(text.trim_end());
                paragraph = false;
            } else {
                return Err(self.fail(
                    number,
                    format!("unexpected text after a table or list: `{text}`"),
                ));
            }
        }
        body.sections.extend(section);
        Ok(body)
    }

    fn example(&mut self, summary: &str) -> Result<serde_json::Value, Error> {
        let start = match self.take_nonblank() {
            Some((number, "```javascript")) => number,
            found => {
                let number = found.map_or(self.next, |(number, _)| number);
                return Err(self.fail(
                    number,
                    format!("operation `{summary}` has no ```javascript example"),
                ));
            }
        };
        let mut json = String::new();
        loop {
            match self.take() {
                Some((_, "```")) => break,
                Some((_, text)) => {
                    json.push_str(text);
                    json.push('\n');
                }
                None => return Err(self.fail(start, "the example's code block is not closed")),
            }
        }
        serde_json::from_str(&json).map_err(|err| {
            self.fail(
                start + err.line(),
                format!("the example is not JSON: {err}"),
            )
        })
    }

    fn rows(&mut self, section: &mut Section) -> Result<(), Error> {
        match self.take() {
            Some((_, text)) if table::is_separator(text) => {}
            found => {
                let number = found.map_or(self.next, |(number, _)| number);
                return Err(self.fail(number, "a table header without its `| :-- |` line"));
            }
        }
        while self.peek().is_some_and(|text| text.starts_with('|')) {
            let (number, text) = self.take().expect("peeked");
            section.rows.push(table::row(self.path, number, text)?);
        }
        Ok(())
    }

    fn hint(&mut self, line: usize) -> Result<(), Error> {
        loop {
            match self.take() {
                Some((_, "{% endhint %}")) => return Ok(()),
                Some(_) => {}
                None => return Err(self.fail(line, "a `{% hint %}` block without `{% endhint %}`")),
            }
        }
    }
}

/// An enumeration line: `* `Value` - description`, or `* …` for a list that is not exhaustive
/// (`Some(None)`); hand-written pages also write `- `Value`` and omit the space before `-`.
pub fn enum_value(text: &str) -> Option<Option<EnumValue>> {
    let rest = text
        .strip_prefix("* ")
        .or_else(|| text.strip_prefix("- "))?;
    if rest.trim() == "…" {
        return Some(None);
    }
    let rest = rest.strip_prefix('`')?;
    let (value, after) = rest.split_once('`')?;
    let after = after.trim();
    let description = after
        .strip_prefix('-')
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    if description.is_none() && !after.is_empty() {
        return None;
    }
    Some(Some(EnumValue {
        value: decode(value),
        description,
    }))
}

/// The description's lines, trimmed at both ends, with runs of blank lines collapsed as the
/// page generator collapses them.
fn join_paragraphs(lines: &[&str]) -> String {
    let mut text = String::new();
    let mut blank = false;
    for line in lines {
        if line.trim().is_empty() {
            blank = !text.is_empty();
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank { "\n\n" } else { "\n" });
        }
        text.push_str(line.trim_end());
        blank = false;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumeration_lines() {
        let value = |v: &str, d: Option<&str>| {
            Some(Some(EnumValue {
                value: v.into(),
                description: d.map(Into::into),
            }))
        };
        assert_eq!(
            enum_value("* `Open` - Not yet closed."),
            value("Open", Some("Not yet closed."))
        );
        assert_eq!(
            enum_value("* `Deleted`- indicates deleted record."),
            value("Deleted", Some("indicates deleted record."))
        );
        assert_eq!(enum_value("- `Personal`"), value("Personal", None));
        assert_eq!(enum_value("* …"), Some(None));
        assert_eq!(enum_value("* plain text"), None);
        assert_eq!(enum_value("* `Code` and more"), None);
    }

    #[test]
    fn descriptions_keep_paragraphs() {
        assert_eq!(
            join_paragraphs(&["", "One.", "Two.", "", "", "Three.", ""]),
            "One.\nTwo.\n\nThree."
        );
    }
}
