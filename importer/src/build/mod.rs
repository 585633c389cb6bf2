//! From identified sections to schemas: every schema the operations reach, from its section.
//!
//! `definition` finds the section that defines an id, `property` turns a table row into a
//! property, `unions` reads coproducts and discriminated objects. The result still has the
//! page's property order and no formats: `crate::evidence` and `crate::rules` finish it.

pub mod definition;
pub mod property;
pub mod unions;

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};

use crate::docs::{BodyAt, Docs, OBJECTS_FILE, PAGINATION_FILE};
use crate::identify::roots::RootIds;
use crate::identify::sections::SectionIds;
use crate::names::Vocabulary;
use crate::overrides::Overrides;
use crate::page::{Row, Section};
use crate::schema::{Component, Enumeration, Object, Shape, Type};
use crate::Error;
use definition::Definition;

/// The schemas reached from the operations, by id.
pub type Components = BTreeMap<String, Component>;

/// What the build needs to read.
pub struct Inputs<'a> {
    /// The pages.
    pub docs: &'a Docs,
    /// The titled sections' ids.
    pub sections: &'a SectionIds,
    /// The roots' ids.
    pub roots: &'a RootIds,
    /// The overrides.
    pub overrides: &'a Overrides,
    /// The pages' words, for names.
    pub vocabulary: &'a Vocabulary,
    /// The text of the first link to each id: a schema's own title when `types.yaml` does not
    /// override it, which a hand-written section several ids share does not show.
    pub link_titles: RefCell<BTreeMap<String, String>>,
}

impl Inputs<'_> {
    /// The id behind a link.
    pub fn resolve_link(
        &self,
        link: &crate::page::Link,
        from: crate::identify::links::From<'_>,
    ) -> Result<String, Error> {
        let id =
            crate::identify::links::resolve(self.docs, self.sections, self.overrides, link, from)?;
        self.link_titles
            .borrow_mut()
            .entry(id.clone())
            .or_insert_with(|| link.title.clone());
        Ok(id)
    }
}

/// Builds every schema the roots reach; the names whose case has unknown parts are returned
/// as warnings.
pub fn build(inputs: &Inputs<'_>) -> Result<(Components, Vec<String>), Error> {
    let mut components = Components::new();
    let mut warnings = Vec::new();
    let mut queue: VecDeque<String> = inputs.roots.values().cloned().collect();
    while let Some(id) = queue.pop_front() {
        if components.contains_key(&id) {
            continue;
        }
        let component = component(inputs, &id, &mut warnings)?;
        queue.extend(references(&component.shape).into_iter().map(str::to_owned));
        components.insert(id, component);
    }
    Ok((components, warnings))
}

/// The ids a shape refers to.
pub fn references(shape: &Shape) -> Vec<&str> {
    match shape {
        Shape::Object(object) => object.properties.iter().filter_map(|p| p.ty.id()).collect(),
        Shape::Coproduct(coproduct) => std::iter::once(coproduct.discriminator.as_str())
            .chain(coproduct.value.id())
            .chain(coproduct.cases.iter().map(|(_, id)| id.as_str()))
            .collect(),
        Shape::Dictionary(ty) | Shape::Scalar(ty) => ty.id().into_iter().collect(),
        Shape::OneOf(ids) => ids.iter().map(String::as_str).collect(),
        Shape::Enumeration(_) | Shape::Unit => Vec::new(),
    }
}

/// The name of an id: the overrides' or the recovered case.
pub fn name(inputs: &Inputs<'_>, id: &str, warnings: &mut Vec<String>) -> String {
    if let Some(name) = inputs.overrides.name(id) {
        return name.to_owned();
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        // The page generator's own id of a `oneOf` request (`<operationId>-request`): its
        // anchor is the slug of the schema's title.
        let anchor = inputs
            .docs
            .types
            .get(id)
            .map_or(id, |entry| entry.anchor.as_str());
        return anchor
            .split(|c: char| !c.is_ascii_alphanumeric())
            .map(crate::names::capitalise)
            .collect();
    }
    let cased = inputs.vocabulary.case(id);
    if !cased.unknown.is_empty() {
        warnings.push(format!(
            "the name {} of `{id}` has parts no page spells ({}); check it, or name it in the overrides' `names`",
            cased.name,
            cased.unknown.join(", ")
        ));
    }
    cased.name
}

fn component(
    inputs: &Inputs<'_>,
    id: &str,
    warnings: &mut Vec<String>,
) -> Result<Component, Error> {
    let name = name(inputs, id, warnings);
    let definition = definition::find(inputs, id)?;
    let origin = definition.origin(inputs.docs);
    let mut component = Component {
        id: id.to_owned(),
        name: name.clone(),
        title: None,
        description: None,
        shape: Shape::Unit,
        origin,
        page: definition.page(inputs.docs).to_owned(),
    };
    let (section, from_file) = match definition {
        Definition::Unit => return Ok(component),
        Definition::Opaque(title) => {
            component.title = title.map(str::to_owned);
            component.shape = Shape::Scalar(Type::Object);
            return Ok(component);
        }
        Definition::Alternatives(body) => {
            component.title = Some(name);
            component.shape = Shape::OneOf(alternatives(inputs, body));
            return Ok(component);
        }
        Definition::Root(body) => {
            let section = inputs.docs.body(body).root().expect("roots have sections");
            component.title = Some(root_title(inputs, id, &name));
            (section, inputs.docs.pages[body.page].file.clone())
        }
        Definition::Page(at) => {
            let section = inputs.docs.section(at);
            component.title = section.title.clone();
            (section, inputs.docs.pages[at.body.page].file.clone())
        }
        Definition::Hand { file, section } => {
            let overridden = inputs
                .docs
                .types
                .get(id)
                .is_some_and(|entry| entry.title_override.is_some());
            let linked = inputs
                .link_titles
                .borrow()
                .get(id)
                .cloned()
                .filter(|_| !overridden);
            component.title = linked.or_else(|| section.title.clone());
            (section, file.to_owned())
        }
    };
    let description = (!section.description.is_empty()).then(|| section.description.clone());
    // An enumeration headed by its own name, with no description and neither `Enum` in its
    // id, has no title (`CancellationReason`): the page shows its name instead.
    let bare = component.title.as_deref() == Some(name.as_str())
        && description.is_none()
        && !id.ends_with("enum");
    let section_at = definition.section_at();
    let from = |row| property::From {
        schema: id,
        section: section_at,
        file: &from_file,
        row,
    };
    component.shape = if let Some(enumeration) = &section.enumeration {
        if bare {
            component.title = None;
        }
        Shape::Enumeration(Enumeration {
            values: enumeration.values.clone(),
            extensible: enumeration.extensible,
            show_description: description.is_some(),
            bare,
        })
    } else if section.is_coproduct() {
        Shape::Coproduct(unions::coproduct(
            inputs,
            id,
            section,
            definition.section_at(),
            &from_file,
        )?)
    } else if let Some(row) = key_row(section) {
        Shape::Dictionary(property::value_type(inputs, row, from(row))?)
    } else if section.rows.is_empty() {
        hand_written_shape(id, &from_file, &component.origin)?
    } else {
        let mut properties = Vec::new();
        for row in &section.rows {
            properties.push(property::property(inputs, row, from(row))?);
        }
        let cases = unions::property_cases(inputs, section, &properties);
        Shape::Object(Object { properties, cases })
    };
    component.description = match component.shape {
        Shape::Coproduct(_) => None,
        _ => description,
    };
    Ok(component)
}

/// The title of a root: `types.yaml` anchors a root by its title's slug, or by its id when it
/// has none, and the published description then titles it by its id.
fn root_title(inputs: &Inputs<'_>, id: &str, name: &str) -> String {
    match inputs.docs.types.get(id) {
        Some(entry) if entry.anchor != id => unslug(&entry.anchor),
        _ => name.to_owned(),
    }
}

/// A title back from its slug: words separated by spaces, the first capitalised; a `-`
/// between digits stays (a date).
fn unslug(anchor: &str) -> String {
    let chars: Vec<char> = anchor.chars().collect();
    let mut title = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        match c {
            '-' if !between_digits => title.push(' '),
            _ if title.is_empty() => title.push(c.to_ascii_uppercase()),
            _ => title.push(c),
        }
    }
    title
}

/// The alternatives of a `oneOf` request: its titled sections that have tables.
fn alternatives(inputs: &Inputs<'_>, body: BodyAt) -> Vec<String> {
    let printed = inputs.docs.body(body);
    (0..printed.sections.len())
        .map(|index| crate::docs::SectionAt { body, index })
        .filter(|at| !inputs.docs.section(*at).rows.is_empty())
        .filter_map(|at| inputs.sections.get(&at).cloned())
        .collect()
}

/// A hand-written section without a table or list: a dictionary or a string, as its id says
/// (C# `IDictionary<K, V>` ids name the value type: `Decimal`, `Int32IEnumerable`).
fn hand_written_shape(id: &str, file: &str, origin: &str) -> Result<Shape, Error> {
    if id == "hybrididentifier" {
        return Ok(Shape::Scalar(Type::String(None)));
    }
    if id == "localizedstrings" || id == "dictionary" {
        return Ok(Shape::Dictionary(Type::String(None)));
    }
    if let Some(key_and_value) = id.strip_suffix("idictionary") {
        let value = if key_and_value.ends_with("int32ienumerable") {
            Type::Array(Box::new(Type::Integer("int32")))
        } else if key_and_value.ends_with("decimal") || key_and_value.ends_with("double") {
            Type::Number
        } else if key_and_value.ends_with("int32") {
            Type::Integer("int32")
        } else {
            Type::String(None)
        };
        return Ok(Shape::Dictionary(value));
    }
    let path = if file == PAGINATION_FILE || file == OBJECTS_FILE {
        origin.to_owned()
    } else {
        format!("{}/{file}", crate::docs::OPERATIONS)
    };
    Err(Error::in_section(
        &path,
        id,
        "the section that defines this schema has no table and no list",
    ))
}

/// The key row of a dictionary section (`?Key?`).
fn key_row(section: &Section) -> Option<&Row> {
    match section.rows.as_slice() {
        [row] if row.name == "?Key?" => Some(row),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::unslug;

    #[test]
    fn titles_back_from_slugs() {
        assert_eq!(
            unslug("identity-document-add-parameters"),
            "Identity document add parameters"
        );
        assert_eq!(
            unslug("reservation-ver-2023-06-06"),
            "Reservation ver 2023-06-06"
        );
    }
}
