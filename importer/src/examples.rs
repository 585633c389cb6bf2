//! The documented examples, with the overrides' fixes of those that disagree with their
//! tables (a misspelt key, a value of the wrong kind), so that each reads into its type and
//! writes back to the same JSON.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::docs::{BodyAt, Docs, Side};
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
                    let fail = |message: &str| Error::in_section(overrides.path(), &format!("{operation} {} {}", body.side.name(), fix.pointer), message);
                    let Some(value) = example.as_mut() else {
                        return Err(fail("the example was removed by an earlier fix"));
                    };
                    if fix.pointer.is_empty() && fix.remove {
                        example = None;
                        continue;
                    }
                    let (parent, key) = fix.pointer.rsplit_once('/').ok_or_else(|| fail("not a JSON pointer"))?;
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
                        let entries: Vec<(String, Value)> = std::mem::take(object).into_iter().collect();
                        object.extend(entries.into_iter().map(|(k, v)| if k == key { (new.clone(), v) } else { (k, v) }));
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
