//! The nested workspaces the corpus test builds its generated crates in share this workspace's
//! lock file, profiles and dependency features, so that cargo reuses the dependencies this
//! workspace's test build compiled.

use mews_tests::nested_workspace::{NestedWorkspace, PINNED};

#[test]
fn a_nested_crate_gets_this_workspaces_features_and_profiles_of_what_it_uses() {
    let workspace = NestedWorkspace::new(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")),
        "nested-workspace-test",
    );
    let member = workspace.member("uses-serde-json");
    std::fs::create_dir_all(member.join("src")).unwrap();
    std::fs::write(
        member.join("Cargo.toml"),
        "[package]\nname = \"uses-serde-json\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nserde_json = \"1\"\n",
    )
    .unwrap();
    std::fs::write(member.join("src/lib.rs"), "").unwrap();
    workspace.write_manifest(&["uses-serde-json".to_owned()]);

    let pinned = std::fs::read_to_string(workspace.member(PINNED).join("Cargo.toml")).unwrap();
    let serde_json = pinned
        .lines()
        .find(|line| line.contains("package = \"serde_json\""))
        .unwrap_or_else(|| panic!("serde_json is not pinned:\n{pinned}"));
    // This workspace's tests read JSON objects in order; the nested crate does not ask for it.
    assert!(serde_json.contains("\"preserve_order\""), "{serde_json}");
    // Only what the nested crate uses is pinned: not the generator's parser.
    assert!(!pinned.contains("package = \"openapiv3\""), "{pinned}");

    let manifest = std::fs::read_to_string(workspace.manifest()).unwrap();
    assert!(
        manifest.contains("[profile.dev.package.serde_json]"),
        "{manifest}"
    );
    assert!(
        manifest.contains("[profile.dev.package.\"*\"]"),
        "{manifest}"
    );
    assert!(!manifest.contains("mews-codegen"), "{manifest}");
}
