//! Structural mutations of the bundled Mews spec (the same mutations as the property test in
//! `generator/tests/property.rs`): an error or parsable Rust, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

#[path = "../../generator/tests/mutation/mod.rs"]
mod mutation;

fuzz_target!(|choices: &[u8]| {
    let mut spec: serde_json::Value = serde_yaml::from_str(include_str!("../../spec/connector.yaml")).unwrap();
    mutation::mutate(&mut spec, choices);
    let text = serde_json::to_string(&spec).unwrap();
    let path = Path::new("mutated.json");
    let Ok(document) = codegen::load::parse(path, &text) else { return };
    match codegen::Generator::new().generate_from(path, &document) {
        Ok(files) => {
            for file in files.iter().filter(|file| file.path.ends_with(".rs")) {
                assert!(syn::parse_file(&file.contents).is_ok(), "{} does not parse", file.path);
            }
        }
        Err(err) => assert!(!err.to_string().contains('\n'), "one line: {err}"),
    }
});
