//! Makes `calls` calls of one kind to the loopback server, for counting instructions:
//! `valgrind --tool=callgrind --callgrind-out-file=/dev/null client-instructions KIND CALLS`.
//! The difference between two call counts, divided by the difference of calls, is the cost of
//! one call without the setup. KIND: bare, bare-with-timeout, same-job-by-hand, generated.

use mews_benches::calls::Calls;

fn main() {
    let mut args = std::env::args().skip(1);
    let kind = args.next().unwrap_or_else(|| "generated".to_owned());
    let count: usize = args
        .next()
        .and_then(|count| count.parse().ok())
        .unwrap_or(100);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let calls = Calls::start().await;
        for _ in 0..count {
            let customer = match kind.as_str() {
                "bare" => calls.bare().await,
                "bare-with-timeout" => calls.bare_with_timeout().await,
                "same-job-by-hand" => calls.same_job_by_hand().await,
                _ => calls.generated().await,
            };
            std::hint::black_box(customer);
        }
    });
}
