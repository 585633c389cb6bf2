//! Support for the benchmarks in `benches/`: hand-written serde types of the same shape as the
//! generated ones (the practical limit the generated types are measured against), a minimal
//! HTTP server on loopback, the soak of the client under faults, and a count of the waits for
//! the client's rate limit.

pub mod calls;
pub mod counting;
pub mod handwritten;
pub mod limit_waits;
pub mod server;
pub mod soak;

/// GitHub's REST API description (`tests/corpus/16`, 1,223 operations), decompressed: the
/// largest spec of the corpus.
pub fn github_rest_spec() -> String {
    let compressed: &[u8] = include_bytes!("../../tests/corpus/16_github-rest.json.gz");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(compressed), &mut text)
        .expect("the corpus file is gzip of UTF-8");
    text
}
