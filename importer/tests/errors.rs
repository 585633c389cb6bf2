//! Bad input stops the import with one line that names the file and the line (or entry) of
//! the offending text: a copy of the fixture with one thing broken at a time.

use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies the fixture, replaces `from` by `to` in one of its files, and imports the copy.
fn import_broken(file: &str, from: &str, to: &str) -> (String, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("connector-api");
    for folder in ["operations", "guidelines", "_generator"] {
        fs::create_dir_all(docs.join(folder)).unwrap();
        for entry in fs::read_dir(fixtures().join("connector-api").join(folder)).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), docs.join(folder).join(entry.file_name())).unwrap();
        }
    }
    fs::copy(
        fixtures().join("overrides.yaml"),
        dir.path().join("overrides.yaml"),
    )
    .unwrap();
    let target = if file == "overrides.yaml" {
        dir.path().join(file)
    } else {
        docs.join(file)
    };
    let text = fs::read_to_string(&target).unwrap();
    assert!(text.contains(from), "the fixture has `{from}`");
    fs::write(&target, text.replacen(from, to, 1)).unwrap();
    let error = importer::import_folder(&docs, &dir.path().join("overrides.yaml"))
        .expect_err("the broken fixture fails");
    (error.to_string(), docs, dir)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|line| line.contains(needle))
        .expect("present")
        + 1
}

#[test]
fn a_page_without_its_path_line() {
    let (message, docs, _dir) = import_broken(
        "operations/lockers.md",
        "`[PlatformAddress]/api/connector/v1/lockers/delete`\n",
        "",
    );
    let page = fs::read_to_string(docs.join("operations/lockers.md")).unwrap();
    let request = line_of(
        &page[page.find("## Delete lockers").unwrap()..],
        "### Request",
    ) + line_of(&page, "## Delete lockers")
        - 1;
    assert_eq!(
        message,
        format!(
            "{}:{request}: operation `Delete lockers` has no `[PlatformAddress]/api/...` path line",
            docs.join("operations/lockers.md").display()
        )
    );
}

#[test]
fn a_row_with_the_wrong_column_count() {
    let row = "| `Weight` | number | required | Weight of the parcel in kilograms. |";
    let (message, docs, _dir) = import_broken(
        "operations/lockers.md",
        row,
        "| `Weight` | number | Weight of the parcel in kilograms. |",
    );
    let line = line_of(
        &fs::read_to_string(docs.join("operations/lockers.md")).unwrap(),
        "| `Weight` |",
    );
    assert_eq!(
        message,
        format!(
            "{}:{line}: 3 columns instead of 4 in table row `| `Weight` | number | Weight of the parcel in kilograms. |`",
            docs.join("operations/lockers.md").display()
        )
    );
}

#[test]
fn a_link_to_a_type_nowhere_defined() {
    let (message, docs, _dir) = import_broken(
        "operations/parcels.md",
        "| `Phone` | string | optional |",
        "| `Phone` | [Phone number](parcels.md#phone-number) | optional |",
    );
    let line = line_of(
        &fs::read_to_string(docs.join("operations/parcels.md")).unwrap(),
        "| `Phone` |",
    );
    assert_eq!(
        message,
        format!(
            "{}:{line}: `Phone` links to `Phone number` (parcels.md#phone-number), a type nowhere defined",
            docs.join("operations/parcels.md").display()
        )
    );
}

#[test]
fn an_override_the_pages_no_longer_need() {
    let (message, dir_docs, _dir) =
        import_broken("overrides.yaml", "  value: Box\n", "  value: Crate\n");
    let overrides = dir_docs.parent().unwrap().join("overrides.yaml");
    assert_eq!(
        message,
        format!(
            "{} (cases[0]): this override is not used: the pages no longer need it",
            overrides.display()
        )
    );
}

#[test]
fn an_override_without_a_reason() {
    let (message, docs, _dir) = import_broken(
        "overrides.yaml",
        "  reason: No page spells the word `Roster`.",
        "  reason: ' '",
    );
    let overrides = docs.parent().unwrap().join("overrides.yaml");
    assert_eq!(
        message,
        format!(
            "{} (carrierroster): an override without a reason",
            overrides.display()
        )
    );
}

#[test]
fn errors_are_one_line() {
    let (message, _, _dir) = import_broken(
        "operations/lockers.md",
        "```javascript\n{}\n```",
        "```javascript\n{\n  \"broken\"\n}\n```",
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("operations/lockers.md:"), "{message}");
    assert!(message.contains("the example is not JSON"), "{message}");
}
