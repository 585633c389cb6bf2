//! Peak heap memory of one generation run per spec size, measured by a counting allocator
//! (kept out of the timed benchmarks, where counting would cost time), and, for the bundled spec
//! and GitHub's REST API, of only parsing them into `openapiv3`: the baseline a generator is
//! measured against.

use std::path::Path;
use std::sync::atomic::Ordering;

use mews_benches::counting::{Counting, CURRENT, PEAK};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    println!("| spec | spec size | peak heap during generation | generated Rust |");
    println!("| --- | ---: | ---: | ---: |");
    let bundled = include_str!("../../../spec/connector.yaml").to_owned();
    let mut specs = vec![(
        "bundled `spec/connector.yaml`".to_owned(),
        "connector.yaml",
        bundled,
    )];
    for operations in [10, 100, 1000] {
        specs.push((
            format!("synthetic, {operations} operations"),
            "synthetic.json",
            mews_tests::synthetic::mews_style_spec(operations),
        ));
    }
    specs.push((
        "GitHub REST (1,223 operations)".to_owned(),
        "github-rest.json",
        mews_benches::github_rest_spec(),
    ));
    for (label, name, text) in &specs {
        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let document = codegen::load::parse(Path::new(name), text).unwrap();
        let files = codegen::Generator::new()
            .generate_from(Path::new(name), &document)
            .unwrap();
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let output: usize = files.iter().map(|file| file.contents.len()).sum();
        drop((document, files));
        println!(
            "| {label} | {} KiB | {:.1} MiB | {} KiB |",
            text.len() / 1024,
            peak as f64 / 1048576.0,
            output / 1024
        );
    }
    for (label, name, text) in [specs.first(), specs.last()].into_iter().flatten() {
        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let document = codegen::load::parse(Path::new(name), text).unwrap();
        let peak = PEAK.load(Ordering::Relaxed) - before;
        drop(document);
        println!(
            "| {label}, parse only (baseline) | {} KiB | {:.1} MiB | |",
            text.len() / 1024,
            peak as f64 / 1048576.0
        );
    }
}
