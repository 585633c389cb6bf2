//! The one error type of the generator: where the problem is and what it is.

use std::fmt;
use std::path::{Path, PathBuf};

/// A generation failure, located in a file and, where it concerns one node of the spec, at
/// that node's JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    file: PathBuf,
    pointer: Option<String>,
    message: String,
}

/// What kind of failure an [`Error`] is, for callers that react differently to each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The spec is not valid YAML or JSON, not OpenAPI 3, or not consistent.
    InvalidSpec,
    /// The spec is valid but uses something the generator does not implement.
    Unsupported,
    /// A file could not be read or written.
    Io,
    /// A bug of the generator: it produced something it cannot use.
    Internal,
}

impl Error {
    /// An invalid spec: the node at `pointer` (e.g. `#/components/schemas/Customer`).
    pub fn at(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidSpec, file, Some(pointer.into()), message)
    }

    /// A construct at `pointer` that the generator does not support.
    pub fn unsupported(
        file: &Path,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(ErrorKind::Unsupported, file, Some(pointer.into()), message)
    }

    /// A spec that is invalid as a whole (not YAML, not OpenAPI, ...).
    pub fn invalid_file(file: &Path, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidSpec, file, None, message)
    }

    /// A file that cannot be read or written.
    pub fn io(file: &Path, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Io, file, None, message)
    }

    /// A bug of the generator, noticed while generating from `file`.
    pub fn internal(file: &Path, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, file, None, message)
    }

    fn new(
        kind: ErrorKind,
        file: &Path,
        pointer: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            kind,
            file: file.to_path_buf(),
            pointer: pointer.map(|pointer| one_line(&pointer)),
            message: one_line(&message.into()),
        }
    }

    /// The same failure, naming `file` instead (the URL a spec was downloaded from, say).
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = file.to_path_buf();
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error is about.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// The JSON pointer of the offending node, if the error concerns one.
    pub fn pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(pointer) = &self.pointer {
            write!(f, ": {pointer}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for Error {}

/// Text of the spec quoted in an error (a description where a reference should be) may span
/// lines; an error is one line, so line breaks are written as escapes.
fn one_line(text: &str) -> String {
    text.replace('\r', "\\r").replace('\n', "\\n")
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 says.
pub(crate) fn join_pointer(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}
