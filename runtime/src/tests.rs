//! Unit tests of the runtime, through the stand-in API of this crate: what every generated
//! crate relies on, tested once here rather than through each of them.

mod client;
mod support;
