//! Test data shared by the integration tests in `tests/`: the documented Mews examples, copied
//! verbatim from the Mews documentation.

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
pub mod synthetic;
