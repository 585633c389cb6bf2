//! The one error type of the generator: where the problem is and what it is.

use std::fmt;
use std::path::{Path, PathBuf};

/// A generation failure, located in a file and, where it concerns one node of the spec, at
/// that node's JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    file: PathBuf,
    pointer: Option<String>,
    message: String,
}

impl Error {
    /// An error about the node at `pointer` (e.g. `#/components/schemas/Customer`).
    pub fn at(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            file: file.to_path_buf(),
            pointer: Some(pointer.into()),
            message: message.into(),
        }
    }

    /// An error about the file as a whole (unreadable, unwritable, ...).
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Error {
            file: file.to_path_buf(),
            pointer: None,
            message: message.into(),
        }
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

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 says.
pub(crate) fn join_pointer(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}
