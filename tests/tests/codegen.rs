//! The bundled crate must match what the spec produces, over the generation already in
//! `generated/` (its version and changelog), as `cargo xtask codegen` does; what the generator
//! writes is locked by snapshots of the crate of the two seed operations, small enough to read.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codegen::{output, GeneratedFile, Generator};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn spec() -> PathBuf {
    workspace().join("spec/connector.yaml")
}

fn regenerate() -> Vec<GeneratedFile> {
    Generator::mews_connector()
        .regenerate(&spec(), &output::previous(&workspace().join("generated")))
        .unwrap_or_else(|err| panic!("the bundled spec generates: {err}"))
        .files
}

/// The bundled crate, generated once for the tests that read it.
fn generate() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(regenerate)
}

/// The crate of the seed operations alone, generated for the first time.
fn generate_seeds() -> Vec<GeneratedFile> {
    let document = codegen::load::load(&spec()).unwrap();
    let seeds = mews_tests::seeds::cut(&serde_json::to_value(document).unwrap());
    let seeds: openapiv3::OpenAPI = serde_json::from_value(seeds).unwrap();
    Generator::mews_connector()
        .generate_from(&spec(), &seeds)
        .unwrap_or_else(|err| panic!("the seed operations generate: {err}"))
}

/// The file of the runtime crate (`runtime/`) that a generated file is a copy of, if it is one:
/// its contents after the preamble are that file's, byte for byte.
fn runtime_original(file: &GeneratedFile) -> Option<PathBuf> {
    let original = workspace().join("runtime").join(&file.path);
    let source = std::fs::read_to_string(&original).ok()?;
    let (_preamble, copy) = file.contents.split_once("\n\n")?;
    (copy == source).then_some(original)
}

/// The runtime's files are the runtime crate's, compiled and tested there; the snapshots lock
/// what the generator writes itself.
#[test]
fn generated_files_match_their_snapshots() {
    for file in generate_seeds() {
        if runtime_original(&file).is_none() {
            insta::assert_snapshot!(file.path.replace('/', "__"), file.contents);
        }
    }
}

#[test]
fn the_runtime_is_copied_verbatim_from_the_runtime_crate() {
    let copied: Vec<&str> = generate()
        .iter()
        .filter(|file| runtime_original(file).is_some())
        .map(|file| file.path.as_str())
        .collect();
    assert_eq!(
        copied,
        [
            "src/support.rs",
            "src/http.rs",
            "src/client/base.rs",
            "src/client/error.rs",
            "src/pagination.rs",
            "src/mock/server.rs",
        ]
    );
}

#[test]
fn generated_crate_is_up_to_date_with_the_spec() {
    let stale = output::check(&workspace().join("generated"), generate());
    assert!(
        stale.is_empty(),
        "generated/ is stale ({}); run `cargo xtask codegen`",
        stale.join(", ")
    );
}

#[test]
fn the_description_in_the_generated_crate_reads_back_as_the_model_of_the_spec() {
    let previous = output::previous(&workspace().join("generated"));
    let described = previous.api.unwrap_or_else(|reason| panic!("{reason}"));
    assert_eq!(described, Generator::mews_connector().api(&spec()).unwrap());
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(regenerate(), generate());
}

#[test]
fn every_generated_file_says_it_is_generated_in_its_first_line() {
    for file in generate() {
        let first_line = file.contents.lines().next().unwrap_or_default();
        assert!(
            first_line.contains("@generated") && first_line.contains("Do not edit"),
            "{}: {first_line}",
            file.path
        );
    }
}

#[test]
fn no_type_is_emitted_for_update_value_wrappers_in_any_file() {
    let spec = std::fs::read_to_string(spec()).unwrap();
    let files = generate();
    for wrapper in [
        "StringUpdateValue",
        "BooleanUpdateValue",
        "IdentityDocumentTypeUpdateValue",
    ] {
        assert!(
            spec.contains(&format!("{wrapper}:")),
            "the spec defines {wrapper}"
        );
        for file in files {
            assert!(
                !file.contents.contains(wrapper),
                "{}: {wrapper} should be an `Update<T>`",
                file.path
            );
        }
    }
    // The fields the wrappers held are updates instead.
    let models: String = files
        .iter()
        .filter(|file| file.path.starts_with("src/models"))
        .map(|file| file.contents.as_str())
        .collect();
    for update in [
        "pub number: Update<String>",
        "pub is_verified: Update<bool>",
        "pub r#type: Update<IdentityDocumentTypeEnum, NotClearable>",
    ] {
        assert!(models.contains(update), "{update}");
    }
}

/// The first group of consecutive `use` items of a file, with their text as written.
fn first_use_group(code: &str) -> String {
    let mut group = String::new();
    let mut in_item = false;
    for line in code.lines() {
        let starts = line.starts_with("use ") || line.starts_with("pub use ");
        if !(starts || in_item) {
            if !group.is_empty() {
                break;
            }
            continue;
        }
        group.push_str(line);
        group.push('\n');
        in_item = !line.trim_end().ends_with(';');
    }
    group
}

#[test]
fn imports_are_in_the_order_rustfmt_gives_them() {
    let mut checked = 0;
    for file in generate() {
        if !file.path.ends_with(".rs") || runtime_original(file).is_some() {
            continue;
        }
        let imports = first_use_group(&file.contents);
        if imports.is_empty() {
            continue;
        }
        let mut rustfmt = std::process::Command::new("rustfmt")
            .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("rustfmt runs");
        use std::io::Write;
        rustfmt
            .stdin
            .take()
            .unwrap()
            .write_all(imports.as_bytes())
            .unwrap();
        let output = rustfmt.wait_with_output().unwrap();
        assert!(output.status.success(), "{}: rustfmt failed", file.path);
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            words(&String::from_utf8_lossy(&output.stdout)),
            words(&imports),
            "{}",
            file.path
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} files have imports");
}

#[test]
fn doc_comments_fit_in_100_columns_unless_a_word_or_code_is_longer() {
    for file in generate() {
        if !file.path.ends_with(".rs") {
            continue;
        }
        let mut in_code = false;
        for line in file.contents.lines() {
            let text = line.trim_start();
            let Some(doc) = text
                .strip_prefix("///")
                .or_else(|| text.strip_prefix("//!"))
            else {
                in_code = false;
                continue;
            };
            if doc.trim_start().starts_with("```") {
                in_code = !in_code;
                continue;
            }
            let one_word = !doc.trim().contains(' ');
            let table_or_heading = doc.trim_start().starts_with(['|', '#']);
            assert!(
                line.chars().count() <= 100
                    || in_code
                    || one_word
                    || table_or_heading
                    || doc.trim().split(' ').any(|word| word.len() > 60),
                "{}: {line}",
                file.path
            );
        }
    }
}

#[test]
fn operations_md_has_one_row_per_operation_with_its_path_method_and_flags() {
    let api = Generator::mews_connector().api(&spec()).unwrap();
    let files = generate();
    let table = &files
        .iter()
        .find(|file| file.path == "OPERATIONS.md")
        .expect("the crate lists its operations")
        .contents;
    let rows: Vec<&str> = table
        .lines()
        .filter(|line| line.starts_with("| `"))
        .collect();
    assert_eq!(rows.len(), api.operations.len(), "{table}");
    for (row, operation) in rows.iter().zip(&api.operations) {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells[0], format!("`{}`", operation.example_path));
        assert_eq!(cells[1], format!("`{}`", operation.name));
        assert_eq!(
            cells[2],
            format!("`{}`", operation.feature.as_deref().unwrap())
        );
        assert_eq!(
            cells[3].starts_with("yes"),
            operation.pagination.is_some(),
            "{row}"
        );
        assert_eq!(cells[4] == "yes", operation.deprecated.is_some(), "{row}");
        assert_eq!(cells[5] == "yes", operation.restricted, "{row}");
    }
    assert!(
        rows.iter().any(|row| row.contains("| yes |")),
        "a deprecated one"
    );
}

#[test]
fn the_bundled_crate_is_publishable_with_the_workspace_licence_and_its_own_readme() {
    let files = generate();
    let manifest = &files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .unwrap()
        .contents;
    let workspace_manifest = std::fs::read_to_string(workspace().join("Cargo.toml")).unwrap();
    let license = manifest
        .lines()
        .find(|line| line.starts_with("license = "))
        .expect("the crate names a licence");
    assert!(workspace_manifest.contains(license), "{license}");
    for key in [
        "description = \"Typed client of Mews Connector API",
        "readme = \"README.md\"",
        "rust-version = ",
    ] {
        assert!(manifest.contains(key), "{key}");
    }
    assert!(!manifest.contains("publish = false"));
    assert!(
        !manifest.contains("path = "),
        "no path dependency blocks packaging"
    );
    let readme = &files
        .iter()
        .find(|f| f.path == "README.md")
        .unwrap()
        .contents;
    assert!(
        readme.contains("```rust,no_run\n#[tokio::main]"),
        "{readme}"
    );
    let lib = &files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .unwrap()
        .contents;
    assert!(
        lib.contains("include_str!(\"../README.md\")"),
        "the README's code is a doctest"
    );
}
