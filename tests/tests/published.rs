//! The description Mews publishes can replace the bundled spec: the published
//! identity-documents tag (`tests/fixtures/published/`, as Mews publishes it) gives the same
//! API for those operations as the spec imported from the reference pages, but for what the
//! reference has that is newer than the published file.

use std::path::Path;

use codegen::diff::{diff, Impact, Subject};
use codegen::ir::Api;
use codegen::Generator;

const PUBLISHED: &str = "fixtures/published/mews-identity-documents-api-openapi.yml";
const IDENTITY_DOCUMENTS: &str = "/api/connector/v1/identityDocuments/";

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// The API of the bundled spec's identity-document operations alone.
fn bundled() -> Api {
    let spec = workspace().join("spec/connector.yaml");
    let document = codegen::load::load(&spec).unwrap();
    let cut = mews_tests::seeds::cut_to(&serde_json::to_value(document).unwrap(), |path| {
        path.starts_with(IDENTITY_DOCUMENTS)
    });
    let cut: openapiv3::OpenAPI = serde_json::from_value(cut).unwrap();
    Generator::mews_connector().api_from(&spec, &cut).unwrap()
}

fn published() -> Api {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join(PUBLISHED);
    Generator::mews_connector()
        .api(&spec)
        .unwrap_or_else(|err| panic!("the published description generates: {err}"))
}

#[test]
fn the_published_description_gives_the_same_api_but_what_the_reference_adds_since() {
    let (bundled, published) = (bundled(), published());
    let operations = |api: &Api| {
        let mut names: Vec<_> = api
            .operations
            .iter()
            .map(|operation| operation.name.clone())
            .collect();
        names.sort();
        names
    };
    assert_eq!(operations(&bundled).len(), 5);
    assert_eq!(operations(&published), operations(&bundled));

    let report = diff(&bundled, &published);
    let breaking: Vec<_> = report
        .changes
        .iter()
        .filter(|change| change.impact == Impact::Breaking)
        .map(|change| change.what.as_str())
        .collect();
    // `IsVerified` came to the reference after the published file was taken: the only fields
    // the published file lacks.
    assert_eq!(
        breaking,
        [
            "field `IdentityDocumentUpdateParameters::is_verified` (`IsVerified`) removed",
            "field `IdentityDocumentV20241025::is_verified` (`IsVerified`) removed",
            "field `IdentityDocumentsAddData::is_verified` (`IsVerified`) removed",
        ],
        "{}",
        report.full()
    );
    // Methods, their requests and results and the client (its servers, its settings) are the
    // same; the descriptions and examples of the operations may differ.
    for change in &report.changes {
        let documentation = change.impact == Impact::Documentation;
        match &change.subject {
            Subject::Operation(_) => assert!(documentation, "{}", report.full()),
            Subject::Client => assert!(
                documentation || change.what.starts_with("title"),
                "{}",
                report.full()
            ),
            Subject::Type(_) => {}
        }
    }
}
