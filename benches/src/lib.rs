//! Support for the benchmarks in `benches/`: hand-written serde types of the same shape as the
//! generated ones (the practical limit the generated types are measured against), and a
//! minimal HTTP server on loopback.

pub mod calls;
pub mod handwritten;
pub mod server;
