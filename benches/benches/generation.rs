//! Generation time as the spec grows: the bundled spec (the whole Connector API), and synthetic
//! Mews-style specs of 10, 100 and 1,000 operations; the bundled spec and GitHub's REST API each
//! beside the time of only parsing them into `openapiv3`, the baseline no generator can beat. Peak memory: `cargo run --release -p
//! mews-benches --bin generation-memory`; time by stage: `--bin generation-stages`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn generate(name: &Path, text: &str) -> Vec<codegen::GeneratedFile> {
    let document = codegen::load::parse(name, text).unwrap();
    codegen::Generator::new()
        .crate_name("bench")
        .generate_from(name, &document)
        .unwrap()
}

fn generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("generation");
    group.sample_size(10);
    let bundled = include_str!("../../spec/connector.yaml");
    let name = Path::new("connector.yaml");
    group.bench_function("bundled spec, parse only (baseline)", |b| {
        b.iter(|| codegen::load::parse(name, bundled).unwrap())
    });
    group.bench_function("bundled spec", |b| b.iter(|| generate(name, bundled)));
    for operations in [10, 100, 1000] {
        let spec = mews_tests::synthetic::mews_style_spec(operations);
        group.throughput(Throughput::Elements(operations as u64));
        group.bench_with_input(
            BenchmarkId::new("synthetic", operations),
            &spec,
            |b, spec| b.iter(|| generate(Path::new("synthetic.json"), spec)),
        );
    }
    group.finish();
}

fn github(c: &mut Criterion) {
    let mut group = c.benchmark_group("github-rest");
    group.sample_size(10);
    let name = Path::new("github-rest.json");
    let spec = mews_benches::github_rest_spec();
    group.bench_function("parse only (baseline)", |b| {
        b.iter(|| codegen::load::parse(name, &spec).unwrap())
    });
    group.bench_function("generate", |b| b.iter(|| generate(name, &spec)));
    group.finish();
}

criterion_group!(benches, generation, github);
criterion_main!(benches);
