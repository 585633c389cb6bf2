//! Peak heap memory of one generation run per spec size, measured by a counting allocator
//! (kept out of the timed benchmarks, where counting would cost time).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    println!("| spec | spec size | peak heap during generation | generated Rust |");
    println!("| --- | ---: | ---: | ---: |");
    let bundled = include_str!("../../../spec/connector.yaml").to_owned();
    let mut specs = vec![(
        "bundled (2 operations)".to_owned(),
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
    for (label, name, text) in specs {
        let before = CURRENT.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let document = codegen::load::parse(Path::new(name), &text).unwrap();
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
}
