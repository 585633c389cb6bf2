//! The spec `codegen` reads (a file or a URL), its format, and keeping it where the generated
//! crate says it comes from.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::download;

/// Where the spec comes from, as the user named it.
pub enum Source {
    File(PathBuf),
    Url(String),
}

impl Source {
    /// The `--spec` argument: a URL when it starts with `http://` or `https://`.
    pub fn from_arg(spec: &str) -> Source {
        if download::is_url(spec) {
            Source::Url(spec.to_owned())
        } else {
            Source::File(PathBuf::from(spec))
        }
    }

    /// How messages name it: the URL or the path, as given.
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Url(url) => url.clone(),
        }
    }

    /// The spec's text. Errors are one line naming the source.
    pub fn read(&self, timeout: Duration) -> Result<String, String> {
        let text = match self {
            // The loader reports an unreadable file in its own words.
            Source::File(path) => codegen::load::read(path).map_err(|err| err.to_string())?,
            Source::Url(url) => {
                download::download(url, timeout).map_err(|reason| format!("{url}: {reason}"))?
            }
        };
        // A login page, an error page or a directory listing: the loader would only say that
        // there is no `openapi` field, which hides what was really received.
        if text.trim_start().starts_with('<') {
            return Err(format!(
                "{}: this is an HTML or XML page, not an OpenAPI description",
                self.name()
            ));
        }
        Ok(text)
    }

    /// Whether the spec is already the file at `path` (so keeping it there copies nothing).
    pub fn is_file(&self, path: &Path) -> bool {
        match self {
            Source::File(file) => match (fs::canonicalize(file), fs::canonicalize(path)) {
                (Ok(file), Ok(path)) => file == path,
                _ => false,
            },
            Source::Url(_) => false,
        }
    }
}

/// The syntax of a spec's text, which the name of the file that keeps it must match.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    /// JSON when the whole text is JSON (which YAML readers also accept), YAML otherwise.
    pub fn of(text: &str) -> Format {
        if serde_json::from_str::<serde_json::Value>(text).is_ok() {
            Format::Json
        } else {
            Format::Yaml
        }
    }

    /// The extension of a file holding this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

/// A spec put in place by [`keep`], and what was there before, to undo it.
pub struct Kept {
    path: PathBuf,
    previous: Option<Vec<u8>>,
}

/// Writes `text` to `path` through a temporary file beside it and a rename, so that the file
/// is always either the old spec or the new one. Returns `None` when it already holds `text`.
pub fn keep(path: &Path, text: &str) -> Result<Option<Kept>, String> {
    let previous = fs::read(path).ok();
    if previous.as_deref() == Some(text.as_bytes()) {
        return Ok(None);
    }
    let failed = |err: std::io::Error| format!("{}: cannot write the spec: {err}", path.display());
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(failed)?;
    }
    let temporary = temporary_beside(path);
    fs::write(&temporary, text)
        .and_then(|()| fs::rename(&temporary, path))
        .map_err(|err| {
            let _ = fs::remove_file(&temporary);
            failed(err)
        })?;
    Ok(Some(Kept {
        path: path.to_owned(),
        previous,
    }))
}

impl Kept {
    /// Puts back what was there before (when writing the crate failed after the spec was
    /// kept), best effort: the error being reported is the crate's.
    pub fn undo(&self) {
        let _ = match &self.previous {
            Some(previous) => fs::write(&self.path, previous),
            None => fs::remove_file(&self.path),
        };
    }
}

fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.download"))
}
