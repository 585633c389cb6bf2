//! Test data and tools shared by the integration tests in `tests/` and the benchmarks: the
//! documented Mews examples, copied verbatim from the Mews documentation, a loopback server
//! that records arrivals and produces faults ([`server`]), and synthetic specs ([`synthetic`]).

/// The documented `customers/add` request.
pub const CUSTOMERS_ADD_REQUEST: &str = include_str!("../fixtures/customers_add_request.json");
/// The documented `customers/add` response.
pub const CUSTOMERS_ADD_RESPONSE: &str = include_str!("../fixtures/customers_add_response.json");
/// The documented `identityDocuments/update` request.
pub const IDENTITY_DOCUMENTS_UPDATE_REQUEST: &str =
    include_str!("../fixtures/identity_documents_update_request.json");
/// The documented `identityDocuments/update` response.
pub const IDENTITY_DOCUMENTS_UPDATE_RESPONSE: &str =
    include_str!("../fixtures/identity_documents_update_response.json");
pub mod server;
pub mod synthetic;
