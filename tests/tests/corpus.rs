//! The generator on real-world specs (`tests/corpus/`, sources in `tests/corpus/SOURCES.md`) and
//! on synthetic Mews-style specs: generation succeeds and is deterministic, and the generated
//! crates pass clippy without warnings.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{GeneratedFile, Generator};

/// Specs whose generated crates take minutes to compile; `large_corpus_crates_pass_clippy_without_warnings` covers
/// them, outside the default run.
const LARGE: &[&str] = &["16_github-rest.json.gz", "19_github-webhooks.3_1.json.gz"];

fn corpus() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext != "md"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

/// Reads a corpus file, decompressing `.gz`; the name it returns is the spec's own (`.json`).
fn read(path: &Path) -> (PathBuf, String) {
    let bytes = std::fs::read(path).unwrap();
    match path.extension().and_then(|ext| ext.to_str()) {
        Some("gz") => {
            let mut text = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(bytes.as_slice()),
                &mut text,
            )
            .unwrap();
            (path.with_extension(""), text)
        }
        _ => (path.to_path_buf(), String::from_utf8(bytes).unwrap()),
    }
}

fn crate_name(path: &Path) -> String {
    format!("corpus-{}", &file_name(path)[..2])
}

fn generate(
    name: &Path,
    text: &str,
    crate_name: &str,
) -> Result<Vec<GeneratedFile>, codegen::Error> {
    let document = codegen::load::parse(name, text)?;
    Generator::new()
        .crate_name(crate_name)
        .generate_from(name, &document)
}

#[test]
fn every_corpus_spec_generates_deterministically() {
    let files = corpus();
    assert!(files.len() >= 10, "the corpus has {} specs", files.len());
    for path in files {
        let (name, text) = read(&path);
        let first =
            generate(&name, &text, &crate_name(&path)).unwrap_or_else(|err| panic!("{err}"));
        let second = generate(&name, &text, &crate_name(&path)).unwrap();
        assert!(first == second, "{}: two runs differ", file_name(&path));
        let models = first
            .iter()
            .find(|file| file.path == "src/models.rs")
            .unwrap();
        assert!(
            syn::parse_file(&models.contents).is_ok(),
            "{}: models do not parse",
            file_name(&path)
        );
    }
}

#[test]
fn a_synthetic_mews_style_spec_of_hundreds_of_operations_generates() {
    let spec = mews_tests::synthetic::mews_style_spec(400);
    let files = generate(Path::new("synthetic.json"), &spec, "synthetic").unwrap();
    let client = &files
        .iter()
        .find(|file| file.path == "src/client.rs")
        .unwrap()
        .contents;
    let models = &files
        .iter()
        .find(|file| file.path == "src/models.rs")
        .unwrap()
        .contents;
    assert_eq!(client.matches("pub async fn ").count(), 400);
    assert!(
        client.contains("client_token: impl Into<String>"),
        "auth fields found by shape"
    );
    assert!(
        !models.contains("pub client_token"),
        "auth fields left the request types"
    );
    assert!(
        !models.contains("struct StringUpdateValue"),
        "update wrappers found by shape"
    );
    assert!(models.contains("pub is_active: Update<bool, NotClearable>"));
    assert!(models.contains("pub amount: Update<f64>"));
    assert_eq!(
        mews_tests::synthetic::mews_style_spec(400),
        spec,
        "the synthetic spec is deterministic"
    );
}

/// Generates every spec into one workspace under the test's temporary folder and checks it
/// with clippy, warnings denied. Checking proves what building would (the code type-checks,
/// every lint passes) without the code generation, which is most of a build's time.
fn assert_passes_clippy(specs: Vec<(String, PathBuf, String)>, workspace_name: &str) {
    let workspace = write_workspace(specs, workspace_name, |_, _| {});
    cargo(
        &workspace,
        &["clippy", "--workspace", "--all-targets"],
        true,
    );
}

/// Generates every spec as a member of one workspace; `extend` adds to each crate's folder.
fn write_workspace(
    specs: Vec<(String, PathBuf, String)>,
    workspace_name: &str,
    extend: impl Fn(&str, &Path),
) -> PathBuf {
    let workspace = Path::new(env!("CARGO_TARGET_TMPDIR")).join(workspace_name);
    let mut members = Vec::new();
    for (crate_name, name, text) in specs {
        let files = generate(&name, &text, &crate_name).unwrap_or_else(|err| panic!("{err}"));
        codegen::output::write(&workspace.join(&crate_name), &files).unwrap();
        extend(&crate_name, &workspace.join(&crate_name));
        members.push(format!("{crate_name:?}"));
    }
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    workspace
}

/// Runs a cargo command on the workspace, warnings denied (and clippy's too, when `lints`),
/// and fails with its output when it fails.
fn cargo(workspace: &Path, args: &[&str], lints: bool) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(args)
        .args(["--message-format", "short"])
        .arg("--manifest-path")
        .arg(workspace.join("Cargo.toml"));
    if lints {
        command.args(["--", "-D", "warnings"]);
    }
    let output = command
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-target"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "`cargo {}` fails on the generated crates:\n{log}\n{out}",
        args.join(" ")
    );
}

#[test]
fn generated_crates_pass_clippy_without_warnings() {
    let mut specs: Vec<(String, PathBuf, String)> = corpus()
        .into_iter()
        .filter(|path| !LARGE.contains(&file_name(path)))
        .map(|path| {
            let (name, text) = read(&path);
            (crate_name(&path), name, text)
        })
        .collect();
    specs.push((
        "synthetic-mews".to_owned(),
        PathBuf::from("synthetic.json"),
        mews_tests::synthetic::mews_style_spec(200),
    ));
    assert_passes_clippy(specs, "corpus");
}

#[test]
#[ignore = "compiles crates of thousands of types: minutes; run with --ignored"]
fn large_corpus_crates_pass_clippy_without_warnings() {
    let specs = corpus()
        .into_iter()
        .filter(|path| LARGE.contains(&file_name(path)))
        .map(|path| {
            let (name, text) = read(&path);
            (crate_name(&path), name, text)
        })
        .collect();
    assert_passes_clippy(specs, "corpus-large");
}

/// The small specs of `tests/constructs/`, one per construct of real-world specs, each with a
/// test of the generated crate (`<name>.rs` beside it) that checks the wire form or decodes
/// real payloads over loopback.
fn constructs() -> Vec<(String, PathBuf, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs");
    let mut specs: Vec<(String, PathBuf, String)> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "json")
        })
        .map(|path| {
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let (spec, text) = read(&path);
            (name, spec, text)
        })
        .collect();
    specs.sort();
    specs
}

#[test]
fn construct_crates_pass_clippy_and_their_wire_tests() {
    let specs = constructs();
    assert!(specs.len() >= 5, "{} construct specs", specs.len());
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs");
    let workspace = write_workspace(specs, "constructs", |name, crate_folder| {
        let test = folder.join(format!("{name}.rs"));
        std::fs::create_dir_all(crate_folder.join("tests")).unwrap();
        std::fs::copy(&test, crate_folder.join("tests/wire.rs"))
            .unwrap_or_else(|err| panic!("{}: {err}", test.display()));
        let manifest = crate_folder.join("Cargo.toml");
        let mut text = std::fs::read_to_string(&manifest).unwrap();
        text.push_str("wiremock = \"0.6\"\n");
        std::fs::write(manifest, text).unwrap();
    });
    cargo(
        &workspace,
        &["clippy", "--workspace", "--all-targets"],
        true,
    );
    cargo(&workspace, &["test", "--workspace"], false);
}
