//! Writing the description: all or nothing, and checking it without writing.

use std::io::Write;
use std::path::Path;

use crate::Error;

/// Replaces the file with the text through a temporary file in the same folder and a rename,
/// so that a failure leaves the old file as it was.
pub fn write(path: &Path, text: &str) -> Result<(), Error> {
    let shown = path.display().to_string();
    let fail = |err: std::io::Error| Error::in_file(&shown, format!("cannot be written: {err}"));
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut staging = tempfile::NamedTempFile::new_in(folder).map_err(fail)?;
    staging.write_all(text.as_bytes()).map_err(fail)?;
    staging.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
}

/// Whether the file holds exactly the text.
pub fn is_current(path: &Path, text: &str) -> bool {
    std::fs::read_to_string(path).is_ok_and(|current| current == text)
}
