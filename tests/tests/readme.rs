//! The README's Rust blocks compile when pasted in order into one async function (`build.rs`
//! extracts them), given the values the README says come from the caller; its test of code
//! that uses the mock compiles and passes.

#![allow(unused_variables, unused_imports, unreachable_code)]

/// The README's code, with what its first block takes as given.
async fn readme(
    client_token: String,
    access_token: String,
    document_id: uuid::Uuid,
    chain_id: uuid::Uuid,
) -> Result<(), Box<dyn std::error::Error>> {
    include!(concat!(env!("OUT_DIR"), "/readme.rs"));
    Ok(())
}

#[test]
fn the_readme_code_compiles() {
    // Compiling is the test; the code talks to Mews, so it is not run.
    let _ = readme;
}

/// The README's test of code that uses the mock (its `rust,mock-test` blocks), run as the
/// test it is, against the mock over loopback.
#[tokio::test]
async fn the_readme_test_of_code_that_uses_the_mock_passes(
) -> Result<(), Box<dyn std::error::Error>> {
    include!(concat!(env!("OUT_DIR"), "/readme_mock.rs"));
    Ok(())
}
