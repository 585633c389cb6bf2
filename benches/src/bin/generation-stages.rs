//! Where the time of one generation goes, stage by stage, for the largest spec of the corpus
//! (GitHub's REST API): parsing into `openapiv3` (the baseline a generator cannot beat),
//! resolving into the model, emitting and formatting the files. Wall time and the CPU time of
//! the process (all threads; emitting and formatting run on every core), best of five runs.

use std::path::Path;
use std::time::{Duration, Instant};

/// The CPU time the process has used so far, from `/proc/self/stat` (Linux; ticks of 10 ms).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("Linux has /proc/self/stat");
    // The command name may hold spaces; the fields after it are space-separated.
    let fields: Vec<&str> = stat[stat.rfind(')').expect("stat names the command") + 2..]
        .split(' ')
        .collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    Duration::from_millis(ticks * 10)
}

/// Wall and CPU time of `work`.
fn measure<T>(work: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (wall, cpu) = (Instant::now(), cpu_time());
    let result = work();
    (result, wall.elapsed(), cpu_time() - cpu)
}

fn ms(duration: Duration) -> String {
    format!("{:.0} ms", duration.as_secs_f64() * 1e3)
}

fn main() {
    let name = Path::new("github-rest.json");
    let text = mews_benches::github_rest_spec();
    let generator = codegen::Generator::new().crate_name("github");
    let mut best: Option<[Duration; 6]> = None;
    let mut output = (0, 0);
    for _ in 0..5 {
        let (document, parse_wall, parse_cpu) =
            measure(|| codegen::load::parse(name, &text).unwrap());
        let (api, resolve_wall, resolve_cpu) =
            measure(|| generator.api_from(name, &document).unwrap());
        drop((api, document));
        let (files, generate_wall, generate_cpu) = measure(|| {
            let document = codegen::load::parse(name, &text).unwrap();
            generator.generate_from(name, &document).unwrap()
        });
        output = (
            files.len(),
            files.iter().map(|file| file.contents.len()).sum::<usize>(),
        );
        let run = [
            parse_wall,
            parse_cpu,
            resolve_wall,
            resolve_cpu,
            generate_wall,
            generate_cpu,
        ];
        best = Some(match best {
            None => run,
            Some(best) => std::array::from_fn(|i| best[i].min(run[i])),
        });
    }
    let [parse_wall, parse_cpu, resolve_wall, resolve_cpu, generate_wall, generate_cpu] =
        best.expect("five runs");
    println!(
        "parse {} (CPU {}), resolve {} (CPU {}), whole generation (parse, resolve, emit, format) \
         {} (CPU {}): {:.1} times the parse time ({:.1} in CPU time); {} files, {} KiB",
        ms(parse_wall),
        ms(parse_cpu),
        ms(resolve_wall),
        ms(resolve_cpu),
        ms(generate_wall),
        ms(generate_cpu),
        generate_wall.as_secs_f64() / parse_wall.as_secs_f64(),
        generate_cpu.as_secs_f64() / parse_cpu.as_secs_f64(),
        output.0,
        output.1 / 1024
    );
}
