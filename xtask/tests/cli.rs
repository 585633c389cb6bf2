//! The `cargo xtask codegen` command as a user runs it: exit codes, messages, and what it does
//! to the output folder.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const VALID_SPEC: &str = r#"
openapi: 3.0.3
info: { title: Tiny, version: v1 }
paths:
  /things/add:
    post:
      operationId: things_add
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/ThingParameters' }
      responses:
        '200': { description: OK }
components:
  schemas:
    ThingParameters:
      type: object
      properties:
        Name: { type: string, minLength: 1 }
      required: [Name]
"#;

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs codegen on `spec` into an output folder that already holds a file, and checks that
/// the run fails with one line naming the spec file and `expected`, and leaves the folder alone.
fn assert_rejected(spec: &str, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let spec_path = dir.path().join("spec.yaml");
    fs::write(&spec_path, spec).unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("src")).unwrap();
    fs::write(out.join("src/lib.rs"), "// hand-written\n").unwrap();

    let output = codegen(&[
        "--spec",
        spec_path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);

    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "one line, got: {message}");
    assert!(
        message.starts_with(&format!("error: {}", spec_path.display())),
        "{message}"
    );
    for part in expected {
        assert!(message.contains(part), "`{part}` missing from: {message}");
    }
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(
        fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// hand-written\n"
    );
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        1,
        "nothing added to the output folder"
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no staging folder left behind"
    );
}

#[test]
fn invalid_yaml_is_reported_with_its_location() {
    assert_rejected(
        "openapi: 3.0.3\ninfo: [unclosed\n",
        &["invalid YAML", "line"],
    );
}

#[test]
fn dangling_reference_is_reported_at_its_json_pointer() {
    let spec = VALID_SPEC.replace(
        "#/components/schemas/ThingParameters'",
        "#/components/schemas/Missing'",
    );
    assert_rejected(
        &spec,
        &[
            "#/paths/~1things~1add/post/requestBody/content/application~1json/schema",
            "`#/components/schemas/Missing` points to no schema",
        ],
    );
}

#[test]
fn unsupported_construct_names_the_node_and_the_alternative() {
    let spec = VALID_SPEC.replace(
        "Name: { type: string, minLength: 1 }",
        "Name: { not: { type: string } }",
    );
    assert_rejected(
        &spec,
        &[
            "#/components/schemas/ThingParameters/properties/Name/not",
            "is not supported",
            "describe the allowed values instead",
        ],
    );
}

#[test]
fn node_that_is_not_openapi_is_reported_at_its_pointer() {
    let spec = VALID_SPEC.replace(
        "info: { title: Tiny, version: v1 }",
        "info: { title: [1, 2], version: v1 }",
    );
    assert_rejected(&spec, &["#/info/title", "not a valid OpenAPI 3.0 node"]);
}

#[test]
fn document_that_is_not_openapi_is_rejected() {
    assert_rejected(
        "{\"name\": \"package.json\"}",
        &["#", "not an OpenAPI document"],
    );
}

#[test]
fn unreadable_spec_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    let output = codegen(&[
        "--spec",
        missing.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot read the spec"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn unknown_option_is_a_usage_error() {
    let output = codegen(&["--frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("usage: cargo xtask codegen"));
}

#[test]
fn generates_a_crate_then_checks_and_updates_it() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("tiny.yaml");
    fs::write(&spec, VALID_SPEC).unwrap();
    let out = dir.path().join("tiny-client");
    let args = |extra: &[&'static str]| {
        let mut args = vec![
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--crate-name",
            "tiny-client",
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |extra: &[&'static str]| {
        let args = args(extra);
        codegen(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };

    assert!(run(&[]).status.success());
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"tiny-client\""), "{manifest}");
    let models = fs::read_to_string(out.join("src/models.rs")).unwrap();
    assert!(
        models.starts_with("// @generated by mews-codegen from tiny.yaml."),
        "{models}"
    );
    assert!(models.contains("pub struct ThingParameters"), "{models}");
    assert!(
        run(&["--check"]).status.success(),
        "fresh output passes --check"
    );

    // A hand-written file survives regeneration; a stale generated file does not.
    fs::write(out.join("src/notes.rs"), "// mine\n").unwrap();
    fs::write(
        out.join("src/old.rs"),
        "// @generated by mews-codegen from tiny.yaml.\n",
    )
    .unwrap();
    fs::write(
        out.join("src/models.rs"),
        "// @generated by mews-codegen, edited\n",
    )
    .unwrap();
    let check = run(&["--check"]);
    assert_eq!(check.status.code(), Some(1));
    let message = stderr(&check);
    assert!(
        message.contains(&out.join("src/models.rs").display().to_string()),
        "{message}"
    );
    assert!(
        message.contains(&out.join("src/old.rs").display().to_string()),
        "{message}"
    );
    assert!(!message.contains("notes.rs"), "{message}");

    assert!(run(&[]).status.success());
    assert_eq!(
        fs::read_to_string(out.join("src/models.rs")).unwrap(),
        models
    );
    assert!(!out.join("src/old.rs").exists());
    assert_eq!(
        fs::read_to_string(out.join("src/notes.rs")).unwrap(),
        "// mine\n"
    );
    assert!(run(&["--check"]).status.success());
    assert!(!Path::new(&format!(
        "{}/.tiny-client.codegen-staging",
        dir.path().display()
    ))
    .exists());
}
