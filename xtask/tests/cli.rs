//! The `cargo xtask` commands as a user runs them: exit codes, messages, help, and what
//! `codegen` does to the output folder.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use support::{codegen, minor_change, stderr, stdout, xtask, VALID_SPEC};

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
fn a_path_placeholder_without_its_parameter_is_rejected_at_the_operation() {
    let spec = VALID_SPEC.replace("/things/add:", "/things/{thingId}:");
    assert_rejected(
        &spec,
        &[
            "#/paths/~1things~1{thingId}/post",
            "the path template `/things/{thingId}` has the placeholder `{thingId}`",
            "declares no path parameter `thingId`",
        ],
    );
}

#[test]
fn a_path_parameter_without_its_placeholder_is_rejected_at_the_parameter() {
    let spec = VALID_SPEC.replace(
        "      operationId: things_add\n",
        "      operationId: things_add\n      parameters:\n        - { name: thingId, in: path, required: true, schema: { type: string } }\n",
    );
    assert_rejected(
        &spec,
        &[
            "#/paths/~1things~1add/post/parameters/0",
            "the path parameter `thingId` has no placeholder in the path template `/things/add`",
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
    let message = stderr(&output);
    assert!(
        message.contains("unexpected argument '--frobnicate'"),
        "{message}"
    );
    assert!(message.contains("Usage: cargo xtask codegen"), "{message}");
}

#[test]
fn a_missing_or_unknown_command_is_a_usage_error() {
    for args in [&[][..], &["generate"][..]] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains("Usage: cargo xtask <COMMAND>"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn help_describes_every_command_and_option_and_exits_0() {
    let help = xtask(&["--help"]);
    assert_eq!(help.status.code(), Some(0), "{}", stderr(&help));
    let text = stdout(&help);
    assert!(text.contains("Usage: cargo xtask <COMMAND>"), "{text}");
    let described = |command: &str, summary: &str| {
        text.lines().any(|line| {
            line.trim_start()
                .strip_prefix(command)
                .is_some_and(|rest| rest.trim_start().starts_with(summary))
        })
    };
    assert!(described("codegen ", "Regenerate a client crate"), "{text}");
    assert!(described("diff ", "Print what changes"), "{text}");
    assert!(
        described("import-reference ", "Rebuild the spec from the Mews"),
        "{text}"
    );

    let help = codegen(&["--help"]);
    assert_eq!(help.status.code(), Some(0), "{}", stderr(&help));
    let text = stdout(&help);
    for option in [
        "--check",
        "--spec <PATH|URL>",
        "--out <DIR>",
        "--crate-name <NAME>",
        "--timeout-secs <SECONDS>",
        "--root <DIR>",
    ] {
        assert!(text.contains(option), "{option} missing from:\n{text}");
    }

    let help = xtask(&["diff", "-h"]);
    assert_eq!(help.status.code(), Some(0), "{}", stderr(&help));
    let text = stdout(&help);
    assert!(
        text.contains("Usage: cargo xtask diff [OPTIONS] <OLD> <NEW>"),
        "{text}"
    );
    assert!(text.contains("--fail-on <LEVEL>"), "{text}");

    let help = xtask(&["import-reference", "--help"]);
    assert_eq!(help.status.code(), Some(0), "{}", stderr(&help));
    let text = stdout(&help);
    for option in [
        "--docs <DIR>",
        "--out <PATH>",
        "--overrides <PATH>",
        "--check",
    ] {
        assert!(text.contains(option), "{option} missing from:\n{text}");
    }
}

/// The importer's test reference and its overrides.
fn reference_fixture() -> (PathBuf, PathBuf) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../importer/tests/fixtures");
    (
        fixtures.join("connector-api"),
        fixtures.join("overrides.yaml"),
    )
}

fn import_reference(docs: &Path, overrides: &Path, out: &Path, options: &[&str]) -> Output {
    let (docs, overrides, out) = (
        docs.to_str().unwrap(),
        overrides.to_str().unwrap(),
        out.to_str().unwrap(),
    );
    xtask(
        &[
            &[
                "import-reference",
                "--docs",
                docs,
                "--overrides",
                overrides,
                "--out",
                out,
            ],
            options,
        ]
        .concat(),
    )
}

#[test]
fn import_reference_writes_the_spec_then_checks_it() {
    let (docs, overrides) = reference_fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("connector.yaml");

    let written = import_reference(&docs, &overrides, &out, &[]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(stderr(&written).contains(
        "note: corrected the misspelt example key lockers/add request /Lockers/0/Numbe -> Number"
    ));
    let spec = fs::read_to_string(&out).unwrap();
    assert!(
        spec.contains("operationId: lockers_getAll_2030_01_01"),
        "{spec}"
    );

    assert!(import_reference(&docs, &overrides, &out, &["--check"])
        .status
        .success());
    fs::write(&out, spec.replace("Lockers", "Cupboards")).unwrap();
    let stale = import_reference(&docs, &overrides, &out, &["--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert_eq!(
        stderr(&stale)
            .lines()
            .filter(|line| line.starts_with("error:"))
            .count(),
        1,
        "{}",
        stderr(&stale)
    );
    assert!(
        stderr(&stale).contains("is out of date with"),
        "{}",
        stderr(&stale)
    );
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        spec.replace("Lockers", "Cupboards"),
        "--check writes nothing"
    );
}

#[test]
fn import_reference_of_a_bad_page_is_one_line_and_replaces_nothing() {
    let (_, overrides) = reference_fixture();
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("connector-api");
    fs::create_dir_all(docs.join("operations")).unwrap();
    fs::write(docs.join("operations/broken.md"), "<!-- AUTOMATICALLY GENERATED, DO NOT MODIFY -->\n# Broken\n\n## Get all things\n\n### Request\n\n```javascript\n{}\n```\n").unwrap();
    let out = dir.path().join("connector.yaml");
    fs::write(&out, "# the previous spec\n").unwrap();

    let failed = import_reference(&docs, &overrides, &out, &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(
        stderr(&failed),
        format!(
            "error: {}:6: operation `Get all things` has no `[PlatformAddress]/api/...` path line\n",
            docs.join("operations/broken.md").display()
        )
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), "# the previous spec\n");
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
    let regenerate = format!(
        "run `cargo xtask codegen --spec {} --out {} --crate-name tiny-client`.",
        spec.display(),
        out.display()
    );
    assert!(
        models.lines().next().unwrap().ends_with(&regenerate),
        "the preamble names the command that regenerates this crate: {models}"
    );
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

/// `VALID_SPEC` with a required field of another type: a major change.
fn major_change() -> String {
    VALID_SPEC.replace(
        "Name: { type: string, minLength: 1 }",
        "Name: { type: integer, minLength: 1 }",
    )
}

/// Writes the specs into `dir` as `old.yaml` and `new.yaml` and runs `diff` on them.
fn diff(dir: &Path, old: &str, new: &str, options: &[&str]) -> Output {
    let (old_path, new_path) = (dir.join("old.yaml"), dir.join("new.yaml"));
    fs::write(&old_path, old).unwrap();
    fs::write(&new_path, new).unwrap();
    let args = [
        &[
            "diff",
            old_path.to_str().unwrap(),
            new_path.to_str().unwrap(),
        ],
        options,
    ]
    .concat();
    xtask(&args)
}

#[test]
fn diff_prints_one_line_per_change_under_its_group_and_the_verdict_last() {
    let dir = tempfile::tempdir().unwrap();
    let output = diff(dir.path(), VALID_SPEC, &minor_change(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "type `ThingParameters`\n\
         \x20 behaviour: limits of field `ThingParameters::name` (`Name`) tightened: min length 2 (was 1) (requests that were valid are now rejected before sending)\n\
         \x20 compatible: new optional field `ThingParameters::note` (`Note`): `Option<String>` (request types are `#[non_exhaustive]`: it gets a setter and `ThingParameters::new` is unchanged)\n\
         semver: minor\n"
    );

    let unchanged = diff(dir.path(), VALID_SPEC, VALID_SPEC, &[]);
    assert_eq!(stdout(&unchanged), "no changes\nsemver: patch\n");
}

#[test]
fn diff_fails_only_when_the_verdict_reaches_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let minor = minor_change();
    let major = major_change();
    for (new, fail_on, code) in [
        (&minor, "major", 0),
        (&minor, "minor", 1),
        (&major, "major", 1),
        (&major, "minor", 1),
    ] {
        let output = diff(dir.path(), VALID_SPEC, new, &["--fail-on", fail_on]);
        assert_eq!(
            output.status.code(),
            Some(code),
            "--fail-on {fail_on}: {}",
            stdout(&output)
        );
        let last_line = stdout(&output)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned();
        assert!(last_line.starts_with("semver: "), "{last_line}");
        if code == 1 {
            assert!(
                stderr(&output).contains(&format!("--fail-on {fail_on}")),
                "{}",
                stderr(&output)
            );
        }
    }
    let major_without_fail_on = diff(dir.path(), VALID_SPEC, &major, &[]);
    assert_eq!(major_without_fail_on.status.code(), Some(0));
    assert!(stdout(&major_without_fail_on).ends_with("\nsemver: major\n"));

    let bad_level = diff(dir.path(), VALID_SPEC, &minor, &["--fail-on", "patch"]);
    assert_eq!(bad_level.status.code(), Some(2), "{}", stderr(&bad_level));
}

#[test]
fn diff_of_a_bad_spec_is_one_line_naming_the_file_and_the_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let dangling = VALID_SPEC.replace(
        "#/components/schemas/ThingParameters'",
        "#/components/schemas/Missing'",
    );
    let output = diff(dir.path(), VALID_SPEC, &dangling, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with(&format!(
            "error: {}: #/paths/~1things~1add/post/requestBody",
            dir.path().join("new.yaml").display()
        )),
        "{message}"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn regenerating_reports_the_changes_bumps_the_version_and_extends_the_changelog() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("tiny.yaml");
    let out = dir.path().join("tiny-client");
    let run = |spec_text: &str, extra: &[&str]| {
        fs::write(&spec, spec_text).unwrap();
        let args = [
            &[
                "--spec",
                spec.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--crate-name",
                "tiny-client",
            ][..],
            extra,
        ]
        .concat();
        codegen(&args)
    };

    let first = run(VALID_SPEC, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).is_empty(), "{}", stdout(&first));
    assert!(
        stderr(&first).starts_with(&format!(
            "no change report: {} does not exist; version 0.1.0\n",
            out.join("api.json").display()
        )),
        "{}",
        stderr(&first)
    );
    assert!(out.join("api.json").exists());
    assert!(!out.join("CHANGELOG.md").exists());

    let breaking = run(&major_change(), &[]);
    assert!(breaking.status.success(), "{}", stderr(&breaking));
    let report = stdout(&breaking);
    assert_eq!(
        report,
        format!(
            "{}: API changes, version 0.1.0 -> 0.2.0\n\
             type `ThingParameters`\n\
             \x20 breaking: field `ThingParameters::name` (`Name`) changed type from `String` to `i64`\n\
             semver: major\n",
            out.display()
        )
    );
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nversion = \"0.2.0\"\n"), "{manifest}");
    let changelog = fs::read_to_string(out.join("CHANGELOG.md")).unwrap();
    assert!(changelog.contains("\n# Changelog\n\n## 0.2.0\n\n```text\ntype `ThingParameters`\n  breaking: field `ThingParameters::name` (`Name`) changed type from `String` to `i64` (code that sets it no longer compiles)\nsemver: major\n```\n"), "{changelog}");

    let again = run(&major_change(), &[]);
    assert!(again.status.success());
    assert!(stdout(&again).is_empty(), "{}", stdout(&again));
    assert_eq!(stderr(&again), format!("{} is up to date\n", out.display()));
    assert_eq!(
        fs::read_to_string(out.join("CHANGELOG.md")).unwrap(),
        changelog
    );
    assert!(run(&major_change(), &["--check"]).status.success());
    let stale = run(VALID_SPEC, &["--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(stderr(&stale).contains("api.json"), "{}", stderr(&stale));
}
