//! The importer's one error: which file, where in it, and what is wrong, on one line.

use std::fmt;

/// Where in a source file the offending text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// The whole file (it is missing, or unreadable).
    File,
    /// A 1-based line.
    Line(usize),
    /// A section or entry that has no single line, such as a schema assembled from several.
    Section(String),
}

/// An error of the import, naming the source file (relative to the docs folder) and the
/// position of the text at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    file: String,
    position: Position,
    message: String,
}

impl Error {
    /// An error about a line of a file.
    pub fn at_line(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self::new(file, Position::Line(line), message)
    }

    /// An error about a named section or entry of a file.
    pub fn in_section(file: &str, section: &str, message: impl Into<String>) -> Self {
        Self::new(file, Position::Section(section.to_owned()), message)
    }

    /// An error about a whole file.
    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        Self::new(file, Position::File, message)
    }

    fn new(file: &str, position: Position, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            position,
            message: message.into(),
        }
    }

    /// The error with its file named inside the docs folder, unless it is `other` (the
    /// overrides file, named as given).
    pub fn in_folder(mut self, folder: &std::path::Path, other: &str) -> Self {
        if self.file != other {
            self.file = folder.join(&self.file).display().to_string();
        }
        self
    }

    /// The source file, relative to the docs folder.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Where in the file.
    pub fn position(&self) -> &Position {
        &self.position
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.position {
            Position::File => write!(f, "{}", self.file)?,
            Position::Line(line) => write!(f, "{}:{line}", self.file)?,
            Position::Section(section) => write!(f, "{} ({section})", self.file)?,
        }
        // Quoted page text may hold line breaks; the message stays one line.
        write!(f, ": {}", self.message.replace('\n', "\\n"))
    }
}

impl std::error::Error for Error {}
