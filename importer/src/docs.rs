//! The reference as read from a checkout of `connector-api/`: the generated pages, the
//! hand-written pages of shared objects and `types.yaml`, with addresses for their sections.

use std::path::Path;

use crate::page::objects::HandWritten;
use crate::page::{parse, Body, Operation, Page, Section};
use crate::types_index::{self, TypesIndex};
use crate::Error;

/// The folder of the pages, inside the docs folder.
pub const OPERATIONS: &str = "operations";
/// The hand-written page of shared objects, as links from the pages name it.
pub const OBJECTS_FILE: &str = "_objects.md";
/// The pagination guideline, as links from the pages name it.
pub const PAGINATION_FILE: &str = "../guidelines/pagination.md";

/// Which body of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The request body.
    Request,
    /// The `200` response body.
    Response,
}

impl Side {
    /// `request` or `response`, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
        }
    }
}

/// The address of a body: page, operation and side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BodyAt {
    /// Index of the page in [`Docs::pages`].
    pub page: usize,
    /// Index of the operation on its page.
    pub operation: usize,
    /// Request or response.
    pub side: Side,
}

/// The address of a section of a generated page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionAt {
    /// The body the section is printed in.
    pub body: BodyAt,
    /// Index of the section in the body.
    pub index: usize,
}

/// Everything the importer reads.
#[derive(Debug, Clone)]
pub struct Docs {
    /// The generated pages, by file name.
    pub pages: Vec<Page>,
    /// `operations/_objects.md`.
    pub objects: HandWritten,
    /// `guidelines/pagination.md`.
    pub pagination: HandWritten,
    /// `_generator/types.yaml`.
    pub types: TypesIndex,
}

impl Docs {
    /// Reads a `connector-api/` folder: every generated page of `operations/`, the shared
    /// objects, the pagination guideline and `types.yaml`.
    pub fn read(folder: &Path) -> Result<Self, Error> {
        let read = |relative: &str| {
            std::fs::read_to_string(folder.join(relative))
                .map_err(|err| Error::in_file(relative, format!("cannot be read: {err}")))
        };
        let listing = std::fs::read_dir(folder.join(OPERATIONS))
            .map_err(|err| Error::in_file(OPERATIONS, format!("cannot be listed: {err}")))?;
        let mut files: Vec<String> = listing
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".md"))
            .collect();
        files.sort();
        let mut pages = Vec::new();
        for file in files {
            let path = format!("{OPERATIONS}/{file}");
            let text = read(&path)?;
            if text.starts_with(parse::GENERATED_MARK) {
                pages.push(parse::page(&path, &file, &text)?);
            }
        }
        if pages.is_empty() {
            return Err(Error::in_file(OPERATIONS, "holds no generated page"));
        }
        let objects_path = format!("{OPERATIONS}/{OBJECTS_FILE}");
        let pagination_path = "guidelines/pagination.md";
        Ok(Self {
            pages,
            objects: HandWritten::parse(&objects_path, &read(&objects_path)?),
            pagination: HandWritten::parse(pagination_path, &read(pagination_path)?),
            types: TypesIndex::parse(&read(types_index::PATH)?)?,
        })
    }

    /// The file a page's errors name.
    pub fn path(&self, page: usize) -> String {
        format!("{OPERATIONS}/{}", self.pages[page].file)
    }

    /// An operation.
    pub fn operation(&self, body: BodyAt) -> &Operation {
        &self.pages[body.page].operations[body.operation]
    }

    /// A body.
    pub fn body(&self, at: BodyAt) -> &Body {
        let operation = self.operation(at);
        match at.side {
            Side::Request => &operation.request,
            Side::Response => &operation.response,
        }
    }

    /// A section.
    pub fn section(&self, at: SectionAt) -> &Section {
        &self.body(at.body).sections[at.index]
    }

    /// Every body of a page, in page order (each operation's request, then its response).
    pub fn bodies(&self, page: usize) -> impl Iterator<Item = BodyAt> + '_ {
        (0..self.pages[page].operations.len()).flat_map(move |operation| {
            [Side::Request, Side::Response].map(|side| BodyAt {
                page,
                operation,
                side,
            })
        })
    }

    /// Every section of a page, in page order.
    pub fn sections(&self, page: usize) -> impl Iterator<Item = SectionAt> + '_ {
        self.bodies(page).flat_map(move |body| {
            (0..self.body(body).sections.len()).map(move |index| SectionAt { body, index })
        })
    }
}
