//! Extracts the Rust blocks of the README, in order, into one block expression that
//! `tests/readme.rs` compiles, so that the README's code cannot drift from the crate.

use std::path::Path;

fn main() {
    // Read at run time: a build script compiled in another checkout (a copied target folder)
    // must still read this checkout's README.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let readme = Path::new(&manifest_dir).join("../README.md");
    println!("cargo:rerun-if-changed={}", readme.display());
    let text = std::fs::read_to_string(&readme).expect("README.md is readable");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match &mut current {
            None if line.starts_with("```rust") => current = Some(String::new()),
            Some(block) if line.starts_with("```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("readme.rs");
    std::fs::write(out, format!("{{\n{}\n}}\n", blocks.join("\n"))).unwrap();
}
