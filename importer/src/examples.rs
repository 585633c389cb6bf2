//! The documented examples, with the fixes of those that disagree with their tables, so that
//! each reads into its type and writes back to the same JSON: the overrides' fixes, and one
//! rule: a key that no property has but that is one letter (or surrounding spaces) away from
//! exactly one property the object lacks is that property misspelt (`ContacPerson`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::docs::{BodyAt, Docs, Side};
use crate::evidence::UnknownKey;
use crate::identify::roots::operation_path;
use crate::overrides::Overrides;
use crate::Error;

/// Every operation's examples, fixed.
pub struct Examples {
    /// By body; an example the overrides remove is absent.
    examples: BTreeMap<BodyAt, Value>,
}

impl Examples {
    /// The pages' examples with the overrides' fixes applied.
    pub fn fixed(docs: &Docs, overrides: &Overrides) -> Result<Self, Error> {
        let mut examples = BTreeMap::new();
        for page in 0..docs.pages.len() {
            for body in docs.bodies(page) {
                let mut example = Some(docs.body(body).example.clone());
                let operation = operation_path(&docs.operation(body).path);
                for fix in overrides.examples(&operation, body.side.name()) {
                    let fail = |message: &str| {
                        Error::in_section(
                            overrides.path(),
                            &format!("{operation} {} {}", body.side.name(), fix.pointer),
                            message,
                        )
                    };
                    let Some(value) = example.as_mut() else {
                        return Err(fail("the example was removed by an earlier fix"));
                    };
                    if fix.pointer.is_empty() && fix.remove {
                        example = None;
                        continue;
                    }
                    let (parent, key) = fix
                        .pointer
                        .rsplit_once('/')
                        .ok_or_else(|| fail("not a JSON pointer"))?;
                    let object = value
                        .pointer_mut(parent)
                        .and_then(Value::as_object_mut)
                        .ok_or_else(|| fail("the pointer's parent is no object of the example"))?;
                    if !object.contains_key(key) {
                        return Err(fail("the example has no such key"));
                    }
                    if fix.remove {
                        object.shift_remove(key);
                    } else if let Some(new) = &fix.rename {
                        rename(object, key, new);
                    }
                    if let Some(replacement) = &fix.value {
                        let at = fix.rename.as_deref().unwrap_or(key).to_owned();
                        object.insert(at, replacement.clone());
                    }
                }
                if let Some(example) = example {
                    examples.insert(body, example);
                }
            }
        }
        Ok(Self { examples })
    }

    /// Renames the misspelt keys among the unknown ones; returns what it renamed, one line
    /// each.
    pub fn correct_misspellings(&mut self, unknown: &[UnknownKey]) -> Vec<String> {
        let mut corrected = Vec::new();
        for key in unknown {
            let mut near = key
                .absent
                .iter()
                .filter(|property| misspelt(&key.key, property));
            let (Some(property), None) = (near.next(), near.next()) else {
                continue;
            };
            let Some(object) = self
                .examples
                .get_mut(&key.body)
                .and_then(|example| example.pointer_mut(&key.parent))
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            rename(object, &key.key, property);
            corrected.push(format!("{} -> {property}", key.describe()));
        }
        corrected
    }

    /// The example of a body.
    pub fn get(&self, at: BodyAt) -> Option<&Value> {
        self.examples.get(&at)
    }

    /// How messages name a body: `customers/add request`.
    pub fn name(&self, docs: &Docs, at: BodyAt) -> String {
        let side = match at.side {
            Side::Request => "request",
            Side::Response => "response",
        };
        format!("{} {side}", operation_path(&docs.operation(at).path))
    }
}

/// Renames a key in place, keeping its position.
fn rename(object: &mut serde_json::Map<String, Value>, key: &str, new: &str) {
    let entries: Vec<(String, Value)> = std::mem::take(object).into_iter().collect();
    object.extend(entries.into_iter().map(|(k, v)| {
        if k == key {
            (new.to_owned(), v)
        } else {
            (k, v)
        }
    }));
}

/// Whether a key is the property misspelt: the same after trimming spaces, or one letter
/// added, dropped or changed.
fn misspelt(key: &str, property: &str) -> bool {
    let key = key.trim();
    if key == property {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (key.chars().collect(), property.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 || short.len() < 4 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let suffix = short
        .iter()
        .rev()
        .zip(long.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let skip = long.len() - short.len();
    // One change: what differs is one character (or none, for an insertion) at one place.
    prefix + suffix + if skip == 0 { 1 } else { 0 } >= short.len()
}

#[cfg(test)]
mod tests {
    use super::misspelt;

    #[test]
    fn misspellings_are_one_letter_or_spaces_away() {
        assert!(misspelt("ContacPerson", "ContactPerson"));
        assert!(misspelt("OriginDetail", "OriginDetails"));
        assert!(misspelt("Adjustments ", "Adjustments"));
        assert!(misspelt("Adjustmemts", "Adjustments"));
        assert!(!misspelt("SubdivisionCode", "CountrySubdivisionCode"));
        assert!(!misspelt("Cursor", "Cursors2"));
        assert!(!misspelt("Id", "Ids"));
    }
}
