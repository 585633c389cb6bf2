//! Property tables: the header, the separator, and rows as `property.edge` and
//! `deprecatedProperty.edge` print them:
//!
//! ```text
//! | `Name` | type | contract | description |
//! | ~~`Name`~~ | ~~type~~ | ~~contract~~ | ~~description~~ **Deprecated!** message|
//! ```

use super::{Contract, Row, TypeCell};
use crate::Error;

/// Whether the line is the header of a property table (hand-written pages pad the columns).
pub fn is_header(line: &str) -> bool {
    cells(line).is_some_and(|cells| cells == ["Property", "Type", "Contract", "Description"])
}

/// Whether the line is a table's alignment row (`| :-- | :-- |`).
pub fn is_separator(line: &str) -> bool {
    cells(line).is_some_and(|cells| {
        cells
            .iter()
            .all(|cell| !cell.is_empty() && cell.chars().all(|c| c == ':' || c == '-'))
    })
}

/// The trimmed cells of a table line, split at the `|` that are not escaped.
pub fn cells(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '|' if !escaped => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            // Markdown's `\|` is a `|` inside a cell.
            '|' => {
                cell.pop();
                cell.push(c);
            }
            _ => cell.push(c),
        }
        escaped = c == '\\';
    }
    cells.push(cell.trim().to_owned());
    Some(cells)
}

/// Reads one property row; the error names the file and line.
pub fn row(file: &str, line: usize, text: &str) -> Result<Row, Error> {
    let fail = |what: &str| Error::at_line(file, line, format!("{what} in table row `{text}`"));
    let cells = cells(text).ok_or_else(|| fail("not a table row"))?;
    let [name, ty, contract, description] = <[String; 4]>::try_from(cells)
        .map_err(|cells| fail(&format!("{} columns instead of 4", cells.len())))?;
    let struck = name.starts_with("~~");
    let unstrike = |cell: &str| -> String {
        let inner = cell.strip_prefix("~~").and_then(|c| c.strip_suffix("~~"));
        inner.filter(|_| struck).unwrap_or(cell).trim().to_owned()
    };
    let name = unstrike(&name);
    let name = name
        .strip_prefix('`')
        .and_then(|n| n.strip_suffix('`'))
        .or_else(|| (name == "?Key?").then_some(name.as_str()))
        .ok_or_else(|| fail("a property name that is not in backticks"))?;
    let ty = TypeCell::parse(&unstrike(&ty)).ok_or_else(|| fail("an unknown type"))?;
    let contract =
        Contract::parse(&unstrike(&contract)).ok_or_else(|| fail("an unknown contract"))?;
    let (description, deprecated) = match description.split_once("**Deprecated!**") {
        Some((before, message)) if struck => {
            (unstrike(before.trim()), Some(message.trim().to_owned()))
        }
        _ if struck => return Err(fail("a struck-through row without **Deprecated!**")),
        _ => (description, None),
    };
    Ok(Row {
        line,
        name: html_escape::decode_html_entities(name).into_owned(),
        ty,
        contract,
        description,
        deprecated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_separator_padded_or_not() {
        assert!(is_header("| Property | Type | Contract | Description |"));
        assert!(is_header(
            "| Property            | Type   | Contract | Description               |"
        ));
        assert!(is_separator("| :-- | :-- | :-- | :-- |"));
        assert!(is_separator(
            "| :------------------ | :----- | :------- | :---- |"
        ));
        assert!(!is_separator("| `A` | string | required | Text. |"));
    }

    #[test]
    fn plain_and_deprecated_rows() {
        let plain = row(
            "p.md",
            3,
            "| `Name` | string | optional, max length 5 characters | A \\| B. |",
        )
        .unwrap();
        assert_eq!(plain.name, "Name");
        assert_eq!(plain.description, "A | B.");
        assert_eq!(plain.contract.max_length, Some(5));
        assert!(plain.deprecated.is_none());
        let old = row(
            "p.md",
            4,
            "| ~~`Old`~~ | ~~boolean~~ | ~~optional~~ | ~~Old flag.~~ **Deprecated!** Use `New`.|",
        )
        .unwrap();
        assert_eq!(old.name, "Old");
        assert_eq!(old.ty, TypeCell::Word("boolean".into()));
        assert_eq!(old.description, "Old flag.");
        assert_eq!(old.deprecated.as_deref(), Some("Use `New`."));
        let bare = row(
            "p.md",
            5,
            "| ~~`Net`~~ | ~~number~~ | ~~optional~~ | **Deprecated!** |",
        )
        .unwrap();
        assert_eq!(bare.description, "");
        assert_eq!(bare.deprecated.as_deref(), Some(""));
    }

    #[test]
    fn a_row_with_the_wrong_column_count_names_file_and_line() {
        let err = row("operations/p.md", 12, "| `A` | string | required |").unwrap_err();
        assert_eq!(
            err.to_string(),
            "operations/p.md:12: 3 columns instead of 4 in table row `| `A` | string | required |`"
        );
    }
}
