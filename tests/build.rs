//! Extracts the Rust blocks of the README, in order, into one block expression that
//! `tests/readme.rs` compiles, so that the README's code cannot drift from the crate. The
//! blocks marked `rust,mock-test` (a test of code that uses the mock) go into a block of their
//! own, which `tests/readme.rs` runs as a test.

use std::path::Path;

/// The info string of the README's blocks that are run as a test.
const MOCK_TEST: &str = "rust,mock-test";

fn main() {
    // Read at run time: a build script compiled in another checkout (a copied target folder)
    // must still read this checkout's README.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let readme = Path::new(&manifest_dir).join("../README.md");
    println!("cargo:rerun-if-changed={}", readme.display());
    let text = std::fs::read_to_string(&readme).expect("README.md is readable");
    let mut blocks = Vec::new();
    let mut mock_tests = Vec::new();
    let mut current: Option<(bool, String)> = None;
    for line in text.lines() {
        match &mut current {
            None if line.starts_with("```rust") => {
                current = Some((line.trim() == format!("```{MOCK_TEST}"), String::new()));
            }
            Some((mock_test, block)) if line.starts_with("```") => {
                let block = std::mem::take(block);
                if *mock_test {
                    mock_tests.push(block);
                } else {
                    blocks.push(block);
                }
                current = None;
            }
            Some((_, block)) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    assert!(
        !mock_tests.is_empty(),
        "README.md has no ```{MOCK_TEST} block: the test of the mock it shows"
    );
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).to_path_buf();
    std::fs::write(
        out.join("readme.rs"),
        format!("{{\n{}\n}}\n", blocks.join("\n")),
    )
    .unwrap();
    std::fs::write(
        out.join("readme_mock.rs"),
        format!("{{\n{}\n}}\n", mock_tests.join("\n")),
    )
    .unwrap();
}
