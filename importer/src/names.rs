//! The case of schema names. `types.yaml` keeps every schema id lower-cased
//! (`identitydocumentv20241025`); the published description names each schema by its id as
//! written (`IdentityDocumentV20241025`). The ids are C# type names made of English words, and
//! the same words are written, cased, all over the pages: in property names, enumeration
//! values, paths and section titles. So the lower-cased id is split into the fewest words of
//! that vocabulary, and each word takes the case the pages give it.
//!
//! Rules: identifiers (property names, enumeration values, path segments) give a word's case
//! as written and outweigh titles, whose words are capitalised (`PDF` in a title is `Pdf`);
//! `v` followed by digits is a version (`V20241025`); a few C# words that no page prints are
//! known (`Enum`, `Coproduct`, `Of`, `IEnumerable`, `IDictionary`, `Int32`, ...).

use std::collections::HashMap;

/// Words of C# type names that the pages never print as words of their own.
const TYPE_WORDS: &[&str] = &[
    "Enum",
    "Coproduct",
    "Of",
    "IEnumerable",
    "IDictionary",
    "Int32",
    "Int64",
    "Guid",
    "Decimal",
    "Boolean",
    "Nullable",
    "Old",
    "Parameters",
    "Result",
    "Update",
    "Value",
    "Multiple",
    "By",
];

/// How strongly an identifier's spelling of a word outweighs a title's.
const IDENTIFIER_WEIGHT: u32 = 4;

/// The cased words the pages use.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Lower-cased word -> spelling -> weight.
    words: HashMap<String, HashMap<String, u32>>,
}

/// The cost of a split, `(unknown letters, words, -weight)`, with the start of its last part
/// and whether that part is a known word.
type Split = ((usize, usize, i64), usize, bool);

/// An id with its case recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cased {
    /// The name, e.g. `IdentityDocumentV20241025`.
    pub name: String,
    /// The parts of the id that are no known word (empty when every part is).
    pub unknown: Vec<String>,
}

impl Vocabulary {
    /// A vocabulary of the C# type words only.
    pub fn new() -> Self {
        let mut vocabulary = Self::default();
        for word in TYPE_WORDS {
            vocabulary.add(word, IDENTIFIER_WEIGHT);
        }
        vocabulary
    }

    /// Adds the words of a PascalCase or camelCase identifier, as written.
    pub fn add_identifier(&mut self, identifier: &str) {
        for word in identifier_words(identifier) {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            let word: String = first.into_iter().chain(chars).collect();
            self.add(&word, IDENTIFIER_WEIGHT);
        }
    }

    /// Adds the words of a title or other English text, capitalised; the targets of markdown
    /// links (`(accountingitems.md#accounting-item)`) are not words.
    pub fn add_title(&mut self, title: &str) {
        let prose = without_link_targets(title);
        for word in prose.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            if word.chars().skip(1).any(|c| c.is_ascii_uppercase())
                && word.chars().any(|c| c.is_ascii_lowercase())
            {
                // A PascalCase word inside a title (`FiscalMachineAdditionalData`).
                self.add_identifier(word);
                continue;
            }
            // Short words of prose (`an`, `of`) split ids wrongly; identifiers give those.
            if word.len() < 3 {
                continue;
            }
            let lower = word.to_ascii_lowercase();
            let capitalised = format!("{}{}", lower[..1].to_ascii_uppercase(), &lower[1..]);
            self.add(&capitalised, 1);
        }
    }

    fn add(&mut self, word: &str, weight: u32) {
        *self
            .words
            .entry(word.to_ascii_lowercase())
            .or_default()
            .entry(word.to_owned())
            .or_default() += weight;
    }

    /// The spelling of a lower-cased word, and its weight, when the vocabulary knows it.
    fn spelling(&self, lower: &str) -> Option<(&str, u32)> {
        let spellings = self.words.get(lower)?;
        let total = spellings.values().sum();
        // The heaviest spelling; among equals, the first in byte order, for determinism.
        let best = spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))?;
        Some((best.0.as_str(), total))
    }

    /// Recovers the case of a lower-cased id: the split with the fewest letters outside known
    /// words, then the fewest words, then the most used words.
    pub fn case(&self, id: &str) -> Cased {
        let chars: Vec<char> = id.chars().collect();
        let n = chars.len();
        // best[i]: the cheapest split of id[..i] and the start of its last part.
        let mut best: Vec<Option<Split>> = vec![None; n + 1];
        best[0] = Some(((0, 0, 0), 0, true));
        for end in 1..=n {
            for start in 0..end {
                let Some((cost, _, _)) = best[start] else {
                    continue;
                };
                let part: String = chars[start..end].iter().collect();
                let candidate = if let Some((_, weight)) = self.spelling(&part) {
                    Some((
                        (cost.0, cost.1 + 1, cost.2 - i64::from(weight.min(50))),
                        start,
                        true,
                    ))
                } else if is_version(&part) || part.chars().all(|c| c.is_ascii_digit()) {
                    Some(((cost.0, cost.1 + 1, cost.2), start, true))
                } else if end == start + 1 {
                    Some(((cost.0 + 1, cost.1 + 1, cost.2), start, false))
                } else {
                    None
                };
                if let Some(candidate) = candidate {
                    if best[end].is_none_or(|current| candidate.0 < current.0) {
                        best[end] = Some(candidate);
                    }
                }
            }
        }
        let mut parts = Vec::new();
        let mut end = n;
        while end > 0 {
            let (_, start, known) = best[end].expect("every prefix has a split");
            parts.push((chars[start..end].iter().collect::<String>(), known));
            end = start;
        }
        parts.reverse();
        // Unknown letters in a row form one unknown part.
        let mut cased = Cased {
            name: String::new(),
            unknown: Vec::new(),
        };
        let mut pending = String::new();
        for (part, known) in parts {
            if !known {
                pending.push_str(&part);
                continue;
            }
            flush_unknown(&mut cased, &mut pending);
            cased.name.push_str(&self.spell(&part));
        }
        flush_unknown(&mut cased, &mut pending);
        cased
    }
}

/// Ends a run of unknown letters: after a word it continues the word (`Accept` + `ance`), at
/// the start it is a word of its own.
fn flush_unknown(cased: &mut Cased, pending: &mut String) {
    if pending.is_empty() {
        return;
    }
    if cased.name.is_empty() {
        cased.name.push_str(&capitalise(pending));
    } else {
        cased.name.push_str(pending);
    }
    cased.unknown.push(std::mem::take(pending));
}

impl Vocabulary {
    fn spell(&self, part: &str) -> String {
        if let Some((spelling, _)) = self.spelling(part) {
            return spelling.to_owned();
        }
        capitalise(part)
    }
}

/// The word with its first letter upper-cased.
pub fn capitalise(part: &str) -> String {
    let mut chars = part.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect()
}

/// The text without the `(target)` of its `[text](target)` links.
fn without_link_targets(text: &str) -> String {
    let mut prose = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        prose.push_str(&rest[..=start]);
        rest = &rest[start + 2..];
        rest = rest.find(')').map_or("", |end| &rest[end + 1..]);
    }
    prose.push_str(rest);
    prose
}

/// `v` and digits: a version suffix such as `v20241025`.
fn is_version(part: &str) -> bool {
    part.len() > 1 && part.starts_with('v') && part[1..].chars().all(|c| c.is_ascii_digit())
}

/// The words of an identifier: a capital starts a word, a run of capitals is one word (its last
/// capital starting the next word when lower-case letters follow), digits stay with the word
/// before them.
pub fn identifier_words(identifier: &str) -> Vec<String> {
    let chars: Vec<char> = identifier
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let mut words: Vec<String> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let starts = match previous {
            None => true,
            Some(p) if c.is_ascii_uppercase() => {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            Some(_) => false,
        };
        match words.last_mut() {
            Some(word) if !starts => word.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        let mut vocabulary = Vocabulary::new();
        vocabulary.add_title("Identity document (ver 2024-10-25)");
        vocabulary.add_title("Get bill PDF");
        vocabulary.add_identifier("IdentityDocuments");
        vocabulary.add_identifier("getPdf");
        vocabulary.add_identifier("addFile");
        vocabulary.add_identifier("CreditCardType");
        vocabulary
    }

    #[test]
    fn identifier_words_split_at_capitals_and_acronyms() {
        assert_eq!(
            identifier_words("IdentityDocumentIds"),
            ["Identity", "Document", "Ids"]
        );
        assert_eq!(identifier_words("getAll"), ["get", "All"]);
        assert_eq!(identifier_words("PDFFile"), ["PDF", "File"]);
        assert_eq!(identifier_words("Int32Value"), ["Int32", "Value"]);
    }

    #[test]
    fn ids_take_the_case_of_the_pages_words() {
        let vocabulary = vocabulary();
        let case = |id: &str| vocabulary.case(id).name;
        assert_eq!(
            case("identitydocumentv20241025"),
            "IdentityDocumentV20241025"
        );
        assert_eq!(case("identitydocumentsaddfile"), "IdentityDocumentsAddFile");
        // An identifier's spelling outweighs a title's.
        assert_eq!(case("billpdfresult"), "BillPdfResult");
        assert_eq!(
            case("creditcardtypeint32idictionary"),
            "CreditCardTypeInt32IDictionary"
        );
    }

    #[test]
    fn unknown_letters_are_reported() {
        let cased = vocabulary().case("identityxyzdocument");
        assert_eq!(cased.name, "IdentityxyzDocument");
        assert_eq!(cased.unknown, ["xyz"]);
        assert_eq!(vocabulary().case("xyzdocument").name, "XyzDocument");
    }
}
