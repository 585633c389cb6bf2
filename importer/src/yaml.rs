//! The description as YAML text, written the same way every time.
//!
//! A small writer rather than `serde_yaml`'s: `serde_yaml` leaves strings such as
//! `2040-10-24T00:00:00Z` or `yes` unquoted, which YAML 1.1 readers (most of them) take for a
//! timestamp or a boolean; the published description quotes them, and so does this. Block
//! style throughout, two spaces of indentation, sequences at their key's indentation (as the
//! published file); strings plain when no reader can take them for anything else, a literal
//! block when they are several lines that a literal block keeps exactly, else quoted.

use std::fmt::Write;
use std::sync::LazyLock;

use regex::Regex;
use serde_yaml::Value;

/// Writes a value as a YAML document.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    node(&mut out, value, 0, Context::Document);
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Document,
    MappingValue,
    SequenceItem,
}

fn node(out: &mut String, value: &Value, indent: usize, context: Context) {
    match value {
        Value::Mapping(map) if !map.is_empty() => {
            let mut first = true;
            for (key, item) in map {
                if !(first && context == Context::SequenceItem) {
                    if context != Context::Document || !first {
                        out.push('\n');
                    }
                    out.push_str(&" ".repeat(indent));
                }
                first = false;
                out.push_str(&scalar_text(key, indent));
                out.push(':');
                match item {
                    Value::Mapping(inner) if !inner.is_empty() => {
                        node(out, item, indent + 2, Context::MappingValue)
                    }
                    Value::Sequence(inner) if !inner.is_empty() => {
                        node(out, item, indent, Context::MappingValue)
                    }
                    _ => {
                        out.push(' ');
                        node(out, item, indent + 2, Context::MappingValue);
                    }
                }
            }
            if context == Context::Document {
                out.push('\n');
            }
        }
        Value::Sequence(items) if !items.is_empty() => {
            for (index, item) in items.iter().enumerate() {
                if !(index == 0 && context == Context::SequenceItem) {
                    if context != Context::Document || index > 0 {
                        out.push('\n');
                    }
                    out.push_str(&" ".repeat(indent));
                }
                out.push_str("- ");
                node(out, item, indent + 2, Context::SequenceItem);
            }
            if context == Context::Document {
                out.push('\n');
            }
        }
        Value::Mapping(_) => out.push_str("{}"),
        Value::Sequence(_) => out.push_str("[]"),
        Value::Tagged(tagged) => node(out, &tagged.value, indent, context),
        scalar => out.push_str(&scalar_text(scalar, indent)),
    }
}

fn scalar_text(value: &Value, indent: usize) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => string(text, indent),
        other => string(&format!("{other:?}"), indent),
    }
}

/// A string as plain, literal-block, single- or double-quoted text.
fn string(text: &str, indent: usize) -> String {
    if plain_is_safe(text) {
        return text.to_owned();
    }
    if text.contains('\n') && literal_is_exact(text) {
        let chomp = if text.ends_with('\n') { "|" } else { "|-" };
        let mut block = String::from(chomp);
        for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
            block.push('\n');
            if !line.is_empty() {
                block.push_str(&" ".repeat(indent));
                block.push_str(line);
            }
        }
        return block;
    }
    if text.chars().all(|c| !c.is_control()) {
        return format!("'{}'", text.replace('\'', "''"));
    }
    let mut quoted = String::from('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Whether a literal block reproduces the text: lines without leading (first line) or
/// trailing spaces and without control characters, at most one final line break.
fn literal_is_exact(text: &str) -> bool {
    let body = text.strip_suffix('\n').unwrap_or(text);
    !body.ends_with('\n')
        && !body.starts_with([' ', '\n'])
        && body.split('\n').all(|line| {
            !line.ends_with(' ')
                && line.chars().all(|c| !c.is_control() || c == '\t')
                && !line.contains('\t')
        })
}

/// Whether the text can be written plain: not empty, no line break or control character, no
/// leading or trailing space, no indicator at the start, no `: ` or ` #`, and nothing a YAML
/// 1.1 or 1.2 reader resolves to another type (null, booleans, numbers, timestamps).
fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.chars().any(char::is_control)
        || text.starts_with(' ')
        || text.ends_with(' ')
        || text.ends_with(':')
    {
        return false;
    }
    // `-` may start a plain word (`-ab`), not a sequence entry (`- a`) or a number.
    let word_after_dash = first == '-' && text.len() > 1 && !text[1..].starts_with(' ');
    if "?:,[]{}#&*!|>'\"%@`".contains(first) || (first == '-' && !word_after_dash) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") {
        return false;
    }
    !resolves_to_other_type(text)
}

fn resolves_to_other_type(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | ".inf"
            | "-.inf"
            | "+.inf"
            | ".nan"
    ) || looks_numeric(text)
}

/// What YAML 1.1 and 1.2 readers resolve to numbers and timestamps.
static OTHER_TYPES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[-+]?[0-9][0-9_]*",                                // integers
        r"|[-+]?0x[0-9a-fA-F_]+|[-+]?0o?[0-7_]+|[-+]?0b[01_]+",  // other bases
        r"|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?", // floats
        r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+",
        r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?", // sexagesimal (YAML 1.1)
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?",       // timestamps (YAML 1.1)
        r")$"
    ))
    .expect("a valid pattern")
});

fn looks_numeric(text: &str) -> bool {
    OTHER_TYPES.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn strings_that_readers_could_take_for_other_types_are_quoted() {
        for text in [
            "2040-10-24T00:00:00Z",
            "2025-09-01",
            "yes",
            "No",
            "12345",
            "1.5",
            "0x1F",
            "-3",
            "null",
            "",
            " x",
            "a: b",
            "#x",
            "3:45",
        ] {
            let written = string(text, 0);
            assert!(written.starts_with('\''), "{text} as {written}");
            assert_eq!(yaml(&written), Value::from(text));
        }
        for text in [
            "Passport",
            "E0D439EE-D24",
            "Sample Client 1.0.0",
            "-ab",
            "eid:COM-123",
            "$ref",
            "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "1A2 3456",
        ] {
            assert_eq!(string(text, 0), text);
        }
    }

    #[test]
    fn several_lines_are_a_literal_block_or_double_quoted() {
        let text = "Type.\n\nIdentityCard\n\nPassport";
        let document = to_string(&yaml(&format!("description: {}", string(text, 2))));
        assert_eq!(
            document,
            "description: |-\n  Type.\n\n  IdentityCard\n\n  Passport\n"
        );
        assert_eq!(yaml(&document)["description"], Value::from(text));
        let windows = "A.\r\n\r\nB.";
        assert_eq!(string(windows, 0), "\"A.\\r\\n\\r\\nB.\"");
        assert_eq!(yaml(&string(windows, 0)), Value::from(windows));
    }

    #[test]
    fn documents_round_trip() {
        let text = "a:\n  b:\n  - x: 1\n    z:\n    - '2020-01-01'\n    - []\n  c: {}\n'200': ok\nd: null\n";
        let value = yaml(text);
        assert_eq!(to_string(&value), text);
    }
}
