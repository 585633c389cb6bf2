//! The type and contract columns of a property row, as `jsonschema.js` (`propertyType`,
//! `propertyContract`) prints them.

/// The type column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeCell {
    /// A JSON type word: `string`, `integer`, `number`, `boolean`, `object`, or `any` (no type);
    /// the hand-written pages also write `decimal`.
    Word(String),
    /// `array,null`: an OpenAPI 3.1 type list the page joins as it is; the items are not printed.
    NullableArray,
    /// `array of <type>`.
    Array(Box<TypeCell>),
    /// `[Title](file#anchor)`: a schema with an id.
    Link(Link),
    /// `<word> [Title](file#anchor)`: a schema with an id whose JSON type the page prints before
    /// the link (only Hybrid identifier, as `string` or `array`).
    Typed(String, Link),
}

/// A link to the section that shows a schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link {
    /// The link text: the schema's title (or the title `types.yaml` overrides it with).
    pub title: String,
    /// The file as written, relative to `operations/`, e.g. `customers.md` or
    /// `../guidelines/pagination.md`; empty for a link within the same page (`#anchor`).
    pub file: String,
    /// The anchor after `#`.
    pub anchor: String,
}

impl TypeCell {
    /// Reads a type column; `None` when it is none of the printed forms.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some(items) = text.strip_prefix("array of ") {
            return Self::parse(
                items
                    .strip_suffix('s')
                    .filter(|word| is_word(word))
                    .unwrap_or(items),
            )
            .map(|items| Self::Array(Box::new(items)));
        }
        if text == "array,null" {
            return Some(Self::NullableArray);
        }
        if text.starts_with('[') {
            return Link::parse(text).map(Self::Link);
        }
        if let Some((word, link)) = text.split_once(' ') {
            return Link::parse(link)
                .filter(|_| matches!(word, "string" | "array"))
                .map(|link| Self::Typed(word.to_owned(), link));
        }
        is_word(text).then(|| Self::Word(text.to_owned()))
    }

    /// The link of the cell, at any depth of arrays.
    pub fn link(&self) -> Option<&Link> {
        match self {
            Self::Link(link) | Self::Typed(_, link) => Some(link),
            Self::Array(items) => items.link(),
            Self::Word(_) | Self::NullableArray => None,
        }
    }
}

fn is_word(text: &str) -> bool {
    matches!(
        text,
        "string" | "integer" | "number" | "boolean" | "object" | "any" | "decimal"
    )
}

impl Link {
    /// Reads exactly one markdown link `[text](target)`.
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.trim().strip_prefix('[')?;
        let (title, rest) = rest.split_once("](")?;
        let target = rest.strip_suffix(')')?;
        if target.contains(['(', ')', ' ']) {
            return None;
        }
        let (file, anchor) = target.split_once('#')?;
        Some(Self {
            title: html_escape::decode_html_entities(title).into_owned(),
            file: file.to_owned(),
            anchor: anchor.to_owned(),
        })
    }
}

/// The contract column: nullability and the three printed limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Contract {
    /// "optional": the schema is nullable (the page's only meaning of the word).
    pub nullable: bool,
    /// `max N item(s)`.
    pub max_items: Option<u64>,
    /// `max length N characters`.
    pub max_length: Option<u64>,
    /// `max length N month(s)`: `x-max-interval-in-months`.
    pub max_months: Option<u64>,
}

impl Contract {
    /// Reads a contract column; `None` when a part is not one the generator prints.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split(", ");
        let mut contract = Self {
            nullable: match parts.next()? {
                "optional" => true,
                "required" => false,
                _ => return None,
            },
            ..Self::default()
        };
        for part in parts {
            let limit = |prefix: &str, units: &[&str]| {
                let rest = part.strip_prefix(prefix)?;
                let (number, unit) = rest.split_once(' ')?;
                units.contains(&unit).then(|| number.parse::<u64>().ok())?
            };
            if let Some(n) = limit("max length ", &["character", "characters"]) {
                contract.max_length = Some(n);
            } else if let Some(n) = limit("max length ", &["month", "months"]) {
                contract.max_months = Some(n);
            } else if let Some(n) = limit("max ", &["item", "items"]) {
                contract.max_items = Some(n);
            } else {
                return None;
            }
        }
        Some(contract)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(title: &str, file: &str, anchor: &str) -> Link {
        Link {
            title: title.into(),
            file: file.into(),
            anchor: anchor.into(),
        }
    }

    #[test]
    fn type_cells_in_every_printed_form() {
        let word = |w: &str| TypeCell::Word(w.into());
        assert_eq!(TypeCell::parse("string"), Some(word("string")));
        assert_eq!(
            TypeCell::parse("array of array of integer"),
            Some(TypeCell::Array(Box::new(TypeCell::Array(Box::new(word(
                "integer"
            ))))))
        );
        assert_eq!(
            TypeCell::parse("array of strings"),
            Some(TypeCell::Array(Box::new(word("string"))))
        );
        assert_eq!(TypeCell::parse("array,null"), Some(TypeCell::NullableArray));
        assert_eq!(
            TypeCell::parse("array of [Title](customers.md#title)"),
            Some(TypeCell::Array(Box::new(TypeCell::Link(link(
                "Title",
                "customers.md",
                "title"
            )))))
        );
        assert_eq!(
            TypeCell::parse("string [Hybrid identifier](_objects.md#hybrid-identifier)"),
            Some(TypeCell::Typed(
                "string".into(),
                link("Hybrid identifier", "_objects.md", "hybrid-identifier")
            ))
        );
        assert_eq!(
            TypeCell::parse("[Resources&#x27; state](a.md#b)"),
            Some(TypeCell::Link(link("Resources' state", "a.md", "b")))
        );
        assert_eq!(TypeCell::parse("texts"), None);
        assert_eq!(TypeCell::parse("[broken](no-anchor.md)"), None);
    }

    #[test]
    fn contracts_with_every_limit() {
        assert_eq!(
            Contract::parse("optional, max 1 item, max length 3 months"),
            Some(Contract {
                nullable: true,
                max_items: Some(1),
                max_length: None,
                max_months: Some(3)
            })
        );
        assert_eq!(
            Contract::parse("required, max length 255 characters"),
            Some(Contract {
                nullable: false,
                max_length: Some(255),
                ..Contract::default()
            })
        );
        assert_eq!(Contract::parse("sometimes"), None);
        assert_eq!(Contract::parse("required, max many items"), None);
    }
}
