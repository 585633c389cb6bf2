//! Descriptions as rustdoc reads them: HTML (`<p>`, `<a href>`, `<code>`, lists) becomes
//! Markdown, and links are kept only when they are absolute, since a relative link means
//! nothing in the generated crate's documentation.

/// The description as Markdown.
pub(super) fn markdown(text: &str) -> String {
    let text = if has_html(text) {
        from_html(text)
    } else {
        text.to_owned()
    };
    without_relative_links(&text)
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "a",
    "code",
    "pre",
    "b",
    "strong",
    "i",
    "em",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "span",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "img",
    "hr",
    "u",
    "sup",
    "sub",
    "small",
    "dl",
    "dt",
    "dd",
];

/// One HTML tag: its lowercase name, whether it closes, and its `href`.
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
}

/// The tag at the start of `text` (which starts with `<`) and its length, when it is one of
/// the tags descriptions use: other `<...>` text (`Vec<T>`, `<id>`) stays as written.
fn tag_at(text: &str) -> Option<(Tag, usize)> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let rest = &inner[name_end..];
    let well_formed =
        rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.trim() == "/";
    if !BLOCK_TAGS.contains(&name.as_str()) || !well_formed {
        return None;
    }
    Some((
        Tag {
            href: attribute(rest, "href"),
            name,
            closing,
        },
        end + 1,
    ))
}

fn attribute(attributes: &str, name: &str) -> Option<String> {
    let start = attributes.find(&format!("{name}="))? + name.len() + 1;
    let value = &attributes[start..];
    let (quote, value) = match value.chars().next()? {
        quote @ ('"' | '\'') => (quote, &value[1..]),
        _ => (' ', value),
    };
    let end = value.find(quote).unwrap_or(value.len());
    Some(entities(&value[..end]))
}

fn has_html(text: &str) -> bool {
    text.match_indices('<')
        .any(|(index, _)| tag_at(&text[index..]).is_some())
}

fn from_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The `href` of each open `<a>`, `None` for one whose link is dropped.
    let mut links: Vec<Option<String>> = Vec::new();
    let mut in_pre = false;
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&text_run(&rest[..start], in_pre));
        rest = &rest[start..];
        let Some((tag, length)) = tag_at(rest) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[length..];
        match (tag.name.as_str(), tag.closing) {
            ("p" | "div" | "table" | "blockquote" | "dl", _) => out.push_str("\n\n"),
            ("br" | "tr" | "dt" | "dd" | "hr", _) => out.push('\n'),
            ("ul" | "ol", _) => out.push_str("\n\n"),
            ("li", false) => out.push_str("\n- "),
            ("pre", false) => {
                in_pre = true;
                out.push_str("\n\n```text\n");
            }
            ("pre", true) => {
                in_pre = false;
                out.push_str("\n```\n\n");
            }
            ("code", _) if !in_pre => out.push('`'),
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => out.push_str("\n\n**"),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => out.push_str("**\n\n"),
            ("td" | "th", true) => out.push(' '),
            ("a", false) => {
                let href = tag.href.filter(|href| is_absolute(href));
                if href.is_some() {
                    out.push('[');
                }
                links.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = links.pop() {
                    out.push_str(&format!("]({href})"));
                }
            }
            _ => {}
        }
    }
    out.push_str(&text_run(rest, in_pre));
    tidy(&out)
}

/// Text between tags: entities decoded; outside `<pre>` the line breaks of the HTML source are
/// spaces, as a browser shows them.
fn text_run(text: &str, in_pre: bool) -> String {
    let text = entities(text);
    if in_pre {
        text
    } else {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        out
    }
}

fn entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let character = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#')?.parse().ok())
                    .and_then(char::from_u32),
            }?;
            Some((character, end + 1))
        });
        match decoded {
            Some((character, length)) => {
                out.push(character);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// At most one blank line in a row, no blank lines at either end, no trailing spaces.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() && lines.last().is_none_or(|last| last.trim().is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|last| last.trim().is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

fn is_absolute(href: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| href.starts_with(scheme))
}

/// Markdown links `[text](target)` whose target is not absolute become their text.
fn without_relative_links(text: &str) -> String {
    if !text.contains("](") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let link = rest.find("](").and_then(|middle| {
            let label = &rest[1..middle];
            if label.contains(['[', ']', '\n']) {
                return None;
            }
            let target_end = rest[middle + 2..].find(')')? + middle + 2;
            let target = &rest[middle + 2..target_end];
            (!target.contains(char::is_whitespace) || target.contains(" \"")).then_some((
                label,
                target,
                target_end + 1,
            ))
        });
        match link {
            Some((label, target, length)) if !is_absolute(target) => {
                out.push_str(label);
                rest = &rest[length..];
            }
            Some((_, _, length)) => {
                out.push_str(&rest[..length]);
                rest = &rest[length..];
            }
            None => {
                out.push('[');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn html_becomes_markdown_with_absolute_links_only() {
        let html = "<p>Lists the <a href=\"https://api.example.com/docs/tasks\">tasks</a> of a\n   project.</p><p>See <a href=\"/docs/limits\">limits</a> &amp; <code>opt_fields</code>:</p><ul><li><strong>one</strong></li><li>two</li></ul>";
        assert_eq!(
            markdown(html),
            "Lists the [tasks](https://api.example.com/docs/tasks) of a project.\n\nSee limits & `opt_fields`:\n\n- **one**\n- two"
        );
    }

    #[test]
    fn markdown_and_angle_brackets_that_are_no_html_stay() {
        let text = "Returns a `Vec<T>` of <id> values; see [the guide](https://example.com/g) and [setup](#setup).";
        assert_eq!(
            markdown(text),
            "Returns a `Vec<T>` of <id> values; see [the guide](https://example.com/g) and setup."
        );
    }
}
