//! Support for the benchmarks in `benches/`: hand-written serde types of the same shape as the
//! generated ones (the practical limit the generated types are measured against), a minimal
//! HTTP server on loopback, and the soak of the client under faults.

pub mod calls;
pub mod handwritten;
pub mod server;
pub mod soak;
