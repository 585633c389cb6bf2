//! Test data and tools shared by the integration tests in `tests/` and the benchmarks: the
//! documented Mews examples, copied verbatim from the Mews documentation, a loopback server
//! that records arrivals and produces faults ([`server`]), synthetic specs ([`synthetic`]),
//! workspaces of generated crates built with this one's dependencies ([`nested_workspace`]), and
//! the bundled crate's example program ([`example_program`]).

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

/// Every documented example, by file name without `.json` (`customers_get_all_request`).
pub fn fixture(name: &str) -> &'static str {
    macro_rules! fixtures {
        ($($name:literal),* $(,)?) => {
            match name {
                $($name => include_str!(concat!("../fixtures/", $name, ".json")),)*
                other => panic!("no fixture {other}"),
            }
        };
    }
    fixtures!(
        "customers_add_file_request",
        "customers_add_file_response",
        "customers_add_request",
        "customers_add_response",
        "customers_get_all_request",
        "customers_get_all_response",
        "customers_get_open_items_request",
        "customers_get_open_items_response",
        "customers_get_relationships_request",
        "customers_get_relationships_response",
        "customers_merge_request",
        "customers_merge_response",
        "customers_search_request",
        "customers_search_response",
        "customers_update_request",
        "customers_update_response",
        "identity_documents_add_request",
        "identity_documents_add_response",
        "identity_documents_clear_request",
        "identity_documents_clear_response",
        "identity_documents_delete_request",
        "identity_documents_delete_response",
        "identity_documents_get_all_request",
        "identity_documents_get_all_response",
        "identity_documents_update_request",
        "identity_documents_update_response",
    )
}

pub mod example_program;
pub mod nested_workspace;
pub mod seeds;
pub mod server;
pub mod synthetic;
