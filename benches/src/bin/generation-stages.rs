//! Where the time of one generation goes, stage by stage, for the largest spec of the corpus
//! (GitHub's REST API): parsing into `openapiv3` (the baseline a generator cannot beat),
//! resolving into the model, emitting and formatting the files.

use std::path::Path;
use std::time::Instant;

fn main() {
    let name = Path::new("github-rest.json");
    let text = mews_benches::github_rest_spec();
    let started = Instant::now();
    let document = codegen::load::parse(name, &text).unwrap();
    let parsed = started.elapsed();
    let generator = codegen::Generator::new().crate_name("github");
    let api = generator.api_from(name, &document).unwrap();
    let resolved = started.elapsed();
    drop(api);
    let again = Instant::now();
    let files = generator.generate_from(name, &document).unwrap();
    let generated = again.elapsed();
    let output: usize = files.iter().map(|file| file.contents.len()).sum();
    println!(
        "parse {:.0} ms, resolve {:.0} ms, resolve + emit + format {:.0} ms, {} files, {} KiB",
        parsed.as_secs_f64() * 1e3,
        (resolved - parsed).as_secs_f64() * 1e3,
        generated.as_secs_f64() * 1e3,
        files.len(),
        output / 1024
    );
}
