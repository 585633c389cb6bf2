//! Runs the emitters of a crate's files on every core: each job emits and formats its files on
//! one thread (token streams cannot cross threads), and the results come back in job order, so
//! the output does not depend on the scheduling.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::GeneratedFile;
use crate::Error;

/// Emits one or more files; run on any thread.
pub(super) type Job<'a> = Box<dyn Fn() -> JobResult + Send + Sync + 'a>;

/// The files of a job, or why it failed.
pub(super) type JobResult = Result<Vec<GeneratedFile>, Error>;

/// Runs `jobs` on as many threads as there are cores, and returns their results in order.
pub(super) fn run(jobs: &[Job]) -> Vec<JobResult> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len());
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<JobResult>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|| run_some(jobs, &next, &results));
        }
        run_some(jobs, &next, &results);
    });
    results
        .into_iter()
        .map(|result| {
            result
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .expect("every job ran")
        })
        .collect()
}

/// Takes jobs off the shared queue until none is left.
fn run_some(jobs: &[Job], next: &AtomicUsize, results: &[Mutex<Option<JobResult>>]) {
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(job) = jobs.get(index) else {
            return;
        };
        let result = job();
        *results[index]
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(result);
    }
}
