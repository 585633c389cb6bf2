//! The README's Rust blocks compile when pasted in order into one async function (`build.rs`
//! extracts them), given the values the README says come from the caller.

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
