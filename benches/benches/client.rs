//! What the generated client adds to a request, against bare `reqwest` calls that send the
//! same bytes and decode the same result, all to a minimal server on loopback. Instruction
//! counts, which do not vary from run to run: `cargo run --release -p mews-benches --bin
//! client-instructions` under `valgrind --tool=callgrind` (see BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, Criterion};
use mews_benches::calls::Calls;

fn client_overhead(c: &mut Criterion) {
    // One thread for the server and the client: less noise than threads competing for 2 cores.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let calls = runtime.block_on(Calls::start());
    let mut group = c.benchmark_group("customers_add over loopback");
    // Loopback round trips vary more than in-memory work: longer runs, more samples.
    group
        .measurement_time(std::time::Duration::from_secs(10))
        .sample_size(200);
    group.bench_function("bare reqwest", |b| {
        b.to_async(&runtime).iter(|| calls.bare())
    });
    group.bench_function("bare reqwest with a timeout", |b| {
        b.to_async(&runtime).iter(|| calls.bare_with_timeout())
    });
    group.bench_function("same job by hand", |b| {
        b.to_async(&runtime).iter(|| calls.same_job_by_hand())
    });
    group.bench_function("generated client", |b| {
        b.to_async(&runtime).iter(|| calls.generated())
    });
    group.finish();
}

criterion_group!(benches, client_overhead);
criterion_main!(benches);
