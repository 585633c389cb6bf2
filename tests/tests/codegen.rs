//! The generated crate is locked by snapshots and must match what the spec produces, over the
//! generation already in `generated/` (its version and changelog), as `cargo xtask codegen`
//! does.

use std::path::{Path, PathBuf};

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

fn generate() -> Vec<GeneratedFile> {
    Generator::new()
        .crate_name("mews-connector")
        .regenerate(&spec(), &output::previous(&workspace().join("generated")))
        .unwrap_or_else(|err| panic!("the bundled spec generates: {err}"))
        .files
}

#[test]
fn generated_files_match_their_snapshots() {
    for file in generate() {
        insta::assert_snapshot!(file.path.replace('/', "__"), file.contents);
    }
}

#[test]
fn generated_crate_is_up_to_date_with_the_spec() {
    let stale = output::check(&workspace().join("generated"), &generate());
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
    assert_eq!(described, Generator::new().api(&spec()).unwrap());
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(), generate());
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
        for file in &files {
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
        "pub is_verified: Update<bool, NotClearable>",
        "pub r#type: Update<IdentityDocumentType, NotClearable>",
    ] {
        assert!(models.contains(update), "{update}");
    }
}
