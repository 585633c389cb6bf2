//! Where a schema is defined: the section that shows it.
//!
//! In order: the overrides; a titled section of a generated page; a body's root; the empty
//! result (`unit`); the hand-written section `types.yaml` pins the id to (shared objects, the
//! pagination guideline).

use super::Inputs;
use crate::docs::{BodyAt, Docs, SectionAt, OBJECTS_FILE, PAGINATION_FILE};
use crate::overrides::DefinedAt;
use crate::page::objects::{slug, HandWritten};
use crate::page::Section;
use crate::Error;

/// The section that defines a schema.
#[derive(Debug, Clone, Copy)]
pub enum Definition<'a> {
    /// A titled section of a generated page.
    Page(SectionAt),
    /// The root section of a body.
    Root(BodyAt),
    /// The mutually exclusive parameter sets of a `oneOf` request.
    Alternatives(BodyAt),
    /// A section of a hand-written page; `file` as links name it.
    Hand {
        /// `_objects.md` or `../guidelines/pagination.md`.
        file: &'a str,
        /// The section.
        section: &'a Section,
    },
    /// The empty result.
    Unit,
    /// No definition anywhere (the overrides say so): any JSON object with this title.
    Opaque(Option<&'a str>),
}

impl<'a> Definition<'a> {
    /// The section on a generated page, if the definition is one.
    pub fn section_at(&self) -> Option<SectionAt> {
        match self {
            Definition::Page(at) => Some(*at),
            Definition::Root(body) => Some(SectionAt {
                body: *body,
                index: 0,
            }),
            _ => None,
        }
    }

    /// The file its text is written in, as links name files.
    pub fn page<'d>(&self, docs: &'d Docs) -> &'d str
    where
        'a: 'd,
    {
        match self {
            Definition::Page(at) => &docs.pages[at.body.page].file,
            Definition::Root(body) | Definition::Alternatives(body) => &docs.pages[body.page].file,
            Definition::Hand { file, .. } => file,
            Definition::Unit | Definition::Opaque(_) => OBJECTS_FILE,
        }
    }

    /// The file and line, for messages.
    pub fn origin(&self, docs: &Docs) -> String {
        match self {
            Definition::Page(at) => {
                format!("{}:{}", docs.path(at.body.page), docs.section(*at).line)
            }
            Definition::Root(body) | Definition::Alternatives(body) => {
                format!("{}:{}", docs.path(body.page), docs.body(*body).line)
            }
            Definition::Hand { file, section } => format!("{}:{}", hand_path(file), section.line),
            Definition::Unit => "the empty result".to_owned(),
            Definition::Opaque(_) => "the overrides".to_owned(),
        }
    }
}

/// The file a hand-written page's errors name.
pub fn hand_path(file: &str) -> String {
    match file.strip_prefix("../") {
        Some(outside) => outside.to_owned(),
        None => format!("{}/{file}", crate::docs::OPERATIONS),
    }
}

/// Finds the definition of an id.
pub fn find<'a>(inputs: &Inputs<'a>, id: &str) -> Result<Definition<'a>, Error> {
    let docs = inputs.docs;
    match inputs.overrides.definition(id) {
        Some(DefinedAt::Section(file, anchor)) => {
            return at(docs, file, anchor).unwrap_or_else(|| {
                Err(Error::in_section(
                    inputs.overrides.path(),
                    id,
                    format!("the overrides define `{id}` at {file}#{anchor}, which is no section"),
                ))
            })
        }
        Some(DefinedAt::Nowhere(title)) => return Ok(Definition::Opaque(title)),
        None => {}
    }
    if let Some((at, _)) = inputs
        .sections
        .iter()
        .find(|(_, section_id)| *section_id == id)
    {
        return Ok(Definition::Page(*at));
    }
    if let Some((body, _)) = inputs.roots.iter().find(|(_, root_id)| *root_id == id) {
        return Ok(if docs.body(*body).one_of {
            Definition::Alternatives(*body)
        } else {
            Definition::Root(*body)
        });
    }
    if id == "unit" {
        return Ok(Definition::Unit);
    }
    let entry = docs.types.get(id);
    let hand = entry.and_then(|entry| at(docs, &entry.file, &entry.anchor));
    hand.unwrap_or_else(|| {
        let shown = entry.map_or_else(String::new, |entry| format!(" (types.yaml shows it at {}#{})", entry.file, entry.anchor));
        Err(Error::in_section(crate::types_index::PATH, id, format!("`{id}` is linked but defined nowhere{shown}; define it in the overrides' `definitions`")))
    })
}

/// The section at a file (as links name files) and anchor; an error when it is hand-written
/// and has a row that cannot be read.
fn at<'a>(docs: &'a Docs, file: &'a str, anchor: &str) -> Option<Result<Definition<'a>, Error>> {
    let hand = |page: &'a HandWritten, file: &'a str| {
        page.section(anchor).map(|object| match &object.unreadable {
            Some(err) => Err(err.clone()),
            None => Ok(Definition::Hand {
                file,
                section: &object.section,
            }),
        })
    };
    match file {
        OBJECTS_FILE => hand(&docs.objects, OBJECTS_FILE),
        PAGINATION_FILE => hand(&docs.pagination, PAGINATION_FILE),
        _ => {
            let page = docs.pages.iter().position(|page| page.file == file)?;
            docs.sections(page)
                .find(|at| docs.section(*at).title.as_deref().map(slug).as_deref() == Some(anchor))
                .map(|at| Ok(Definition::Page(at)))
        }
    }
}
