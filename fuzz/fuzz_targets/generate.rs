//! Arbitrary bytes as a spec, read both as YAML and as JSON: the generator returns an error or
//! files whose Rust parses, and never panics.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for name in ["fuzz.yaml", "fuzz.json"] {
        let path = Path::new(name);
        let Ok(document) = codegen::load::parse(path, text) else { continue };
        if let Ok(files) = codegen::Generator::new().generate_from(path, &document) {
            for file in files.iter().filter(|file| file.path.ends_with(".rs")) {
                assert!(syn::parse_file(&file.contents).is_ok(), "{} does not parse", file.path);
            }
        }
    }
});
