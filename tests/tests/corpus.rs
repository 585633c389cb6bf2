//! The generator on real-world specs (`tests/corpus/`, sources in `tests/corpus/SOURCES.md`) and
//! on synthetic Mews-style specs: generation succeeds and is deterministic, and the generated
//! crates pass clippy without warnings.

use std::path::{Path, PathBuf};

use codegen::ir::{Api, TypeRef};
use codegen::{GeneratedFile, Generator};
use mews_tests::nested_workspace::NestedWorkspace;
use serde_json::Value;

/// Specs whose generated crates take minutes to compile; `large_corpus_crates_pass_clippy_without_warnings` covers
/// them, outside the default run.
const LARGE: &[&str] = &[
    "16_github-rest.json.gz",
    "19_github-webhooks.3_1.json.gz",
    "29_discord.3_1.json.gz",
    "30_openai.3_1.yaml.gz",
    "31_asana.yaml.gz",
    "32_twilio-api-v2010.yaml.gz",
    "33_box.json.gz",
];

/// Response examples that contradict their own schema, which the generated types do not read
/// as documented: (spec, the start of the response, why).
const INVALID_EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "12_openapi-core-petstore.yaml",
        "GET /pets/{petId} 200",
        "`data` is `[]` where the schema says `Pet`, an object",
    ),
    (
        "16_github-rest.json",
        "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories 200",
        REFERENCE_AS_VALUE,
    ),
    (
        "16_github-rest.json",
        "GET /orgs/{org}/actions/oidc/customization/properties/repo 200",
        "`property_name` where the schema requires `custom_property_name`",
    ),
    (
        "16_github-rest.json",
        "POST /orgs/{org}/artifacts/metadata/deployment-record/cluster/{cluster} 40",
        "`message` is an object where the schema says a string",
    ),
    (
        "16_github-rest.json",
        "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories 200",
        REFERENCE_AS_VALUE,
    ),
    (
        "16_github-rest.json",
        "GET /orgs/{org}/copilot-spaces/{space_number}/collaborators 200",
        "the collaborators lack the `type` their schema requires",
    ),
    (
        "16_github-rest.json",
        "POST /orgs/{org}/projectsV2/{project_number}/items 201",
        REFERENCE_AS_VALUE,
    ),
    (
        "16_github-rest.json",
        "POST /orgs/{org}/projectsV2/{project_number}/views 201",
        REFERENCE_AS_VALUE,
    ),
    (
        "16_github-rest.json",
        "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses 201",
        REFERENCE_AS_VALUE,
    ),
    (
        "16_github-rest.json",
        "GET /repos/{owner}/{repo}/issues/{issue_number} 200",
        REFERENCE_AS_VALUE,
    ),
    (
        "16_github-rest.json",
        "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id} 422",
        "the errors lack the `documentation_url` their schema requires",
    ),
    (
        "16_github-rest.json",
        "POST /users/{user_id}/projectsV2/{project_number}/views 201",
        REFERENCE_AS_VALUE,
    ),
    (
        "16_github-rest.json",
        "POST /users/{username}/projectsV2/{project_number}/items 201",
        REFERENCE_AS_VALUE,
    ),
];

/// GitHub writes some examples as references (`"value": {"$ref": "#/components/examples/issue"}`,
/// or such an object in place of a nested one); OpenAPI takes a `value` literally, and that
/// object lacks the `id` its schema requires. Found by the large corpus test.
const REFERENCE_AS_VALUE: &str = "a `{\"$ref\": …}` object where the schema requires `id`";

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

/// The specs of the corpus: each listed in `SOURCES.md`, where its origin is recorded.
const CORPUS_SPECS: usize = 33;

#[test]
fn the_corpus_is_every_spec_its_sources_list() {
    let sources =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/SOURCES.md"))
            .unwrap();
    let listed: Vec<&str> = sources
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split('`').next())
        .collect();
    let files: Vec<PathBuf> = corpus();
    let present: Vec<&str> = files.iter().map(|path| file_name(path)).collect();
    assert_eq!(present, listed);
    assert_eq!(present.len(), CORPUS_SPECS);
}

#[test]
fn every_corpus_spec_generates_deterministically_into_rust_that_parses() {
    let files = corpus();
    assert_eq!(files.len(), CORPUS_SPECS);
    for path in files {
        let (name, text) = read(&path);
        let first =
            generate(&name, &text, &crate_name(&path)).unwrap_or_else(|err| panic!("{err}"));
        let second = generate(&name, &text, &crate_name(&path)).unwrap();
        assert!(first == second, "{}: two runs differ", file_name(&path));
        let rust: Vec<&GeneratedFile> = first
            .iter()
            .filter(|file| file.path.ends_with(".rs"))
            .collect();
        assert!(
            rust.iter().any(|file| file.path == "src/lib.rs"),
            "{}: no src/lib.rs",
            file_name(&path)
        );
        for file in rust {
            if let Err(error) = syn::parse_file(&file.contents) {
                panic!(
                    "{}: {} does not parse: {error}",
                    file_name(&path),
                    file.path
                );
            }
        }
    }
}

/// A method or type of a feature refers only to types of the same feature or to types always
/// compiled, so that every feature compiles on its own; a type always compiled refers only to
/// types always compiled. Checked on the model of every corpus spec, the large ones included.
#[test]
fn every_feature_refers_only_to_its_own_types_and_shared_ones() {
    let mut split = Vec::new();
    for path in corpus() {
        let (name, text) = read(&path);
        let document = codegen::load::parse(&name, &text).unwrap();
        let api = Generator::new().api_from(&name, &document).unwrap();
        if api.features.is_empty() {
            assert!(api.operations.iter().all(|op| op.feature.is_none()));
            assert!(api.types.iter().all(|def| def.feature.is_none()));
            continue;
        }
        split.push(file_name(&path).to_owned());
        let feature_of: std::collections::HashMap<&str, Option<&str>> = api
            .types
            .iter()
            .map(|def| (def.name.as_str(), def.feature.as_deref()))
            .collect();
        let check = |user: &str, feature: Option<&str>, ty: &TypeRef| {
            if let Some(named) = ty.named() {
                let of_type = feature_of[named];
                assert!(
                    of_type.is_none() || of_type == feature,
                    "{}: {user} ({feature:?}) refers to `{named}` of feature {of_type:?}",
                    file_name(&path)
                );
            }
        };
        for def in &api.types {
            for ty in def.member_types() {
                check(&def.name, def.feature.as_deref(), ty);
            }
        }
        for operation in &api.operations {
            let feature = operation.feature.as_deref();
            assert!(
                feature.is_some(),
                "{}: {} has no feature",
                file_name(&path),
                operation.name
            );
            for ty in operation.types() {
                check(&operation.name, feature, ty);
            }
        }
        for status in &api.errors.statuses {
            check("Error", None, &status.body);
        }
    }
    assert!(
        split.iter().any(|name| name.starts_with("16_")),
        "GitHub's spec is split by tag; split: {split:?}"
    );
}

#[test]
fn a_synthetic_mews_style_spec_of_hundreds_of_operations_generates() {
    let spec = mews_tests::synthetic::mews_style_spec(400);
    let files = generate(Path::new("synthetic.json"), &spec, "synthetic").unwrap();
    // The client and the models, with their modules per resource.
    let joined = |module: &str| -> String {
        files
            .iter()
            .filter(|file| file.path.starts_with(&format!("src/{module}")))
            .map(|file| file.contents.as_str())
            .collect()
    };
    let (client, models) = (joined("client"), joined("models"));
    assert!(
        files
            .iter()
            .any(|file| file.path.starts_with("src/client/")),
        "the operations of each tag are in a module of their own"
    );
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
/// every lint passes) without the code generation, which is most of a build's time. The
/// crates of specs with JSON response examples get a test that reads each one into its
/// documented type, which is then run.
fn assert_passes_clippy(specs: Vec<(String, PathBuf, String)>, workspace_name: &str) {
    let crate_names: Vec<String> = specs.iter().map(|(name, _, _)| name.clone()).collect();
    let tests: Vec<(String, String)> = specs
        .iter()
        .filter_map(|(crate_name, name, text)| {
            Some((crate_name.clone(), example_test(crate_name, name, text)?))
        })
        .collect();
    let workspace = write_workspace(specs, workspace_name, |crate_name, folder| {
        if let Some((_, test)) = tests.iter().find(|(name, _)| name == crate_name) {
            // The examples name types of every feature.
            let gate = default_features(folder).map_or(String::new(), |features| {
                let features: Vec<String> = features
                    .iter()
                    .map(|feature| format!("feature = {feature:?}"))
                    .collect();
                format!("#![cfg(all({}))]\n", features.join(", "))
            });
            std::fs::create_dir_all(folder.join("tests")).unwrap();
            std::fs::write(folder.join("tests/examples.rs"), format!("{gate}{test}")).unwrap();
        }
    });
    // With the `mock` feature, which adds code to what the crates have without it; the
    // bundled crate is checked without features by the workspace's own clippy run.
    workspace.cargo(
        &["clippy", "--workspace", "--all-targets", "--all-features"],
        true,
    );
    assert_features_compile_alone(&workspace, &crate_names);
    if !tests.is_empty() {
        let mut args = vec!["test"];
        for (crate_name, _) in &tests {
            args.extend(["-p", crate_name.as_str()]);
        }
        args.extend(["--test", "examples"]);
        workspace.cargo(&args, false);
    }
}

/// The crates split into features pass clippy with none of them and with only their first, the
/// `mock` feature on: every crate in one cargo run per round.
fn assert_features_compile_alone(workspace: &NestedWorkspace, crate_names: &[String]) {
    let split: Vec<(&String, Vec<String>)> = crate_names
        .iter()
        .filter_map(|crate_name| {
            Some((crate_name, default_features(&workspace.member(crate_name))?))
        })
        .collect();
    assert!(
        !split.is_empty(),
        "some corpus crates are split into features"
    );
    for round in [0, 1] {
        let mut args = vec!["clippy".to_owned(), "--all-targets".to_owned()];
        let mut features = Vec::new();
        for (crate_name, crate_features) in &split {
            args.extend(["-p".to_owned(), crate_name.to_string()]);
            features.push(format!("{crate_name}/mock"));
            features.extend(
                crate_features
                    .iter()
                    .take(round)
                    .map(|feature| format!("{crate_name}/{feature}")),
            );
        }
        args.extend([
            "--no-default-features".to_owned(),
            "--features".to_owned(),
            features.join(","),
        ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        workspace.cargo(&args, true);
    }
}

/// The default features of the crate in `folder`, when it is split into features.
fn default_features(folder: &Path) -> Option<Vec<String>> {
    let manifest = std::fs::read_to_string(folder.join("Cargo.toml")).unwrap();
    let defaults = manifest
        .lines()
        .find_map(|line| line.strip_prefix("default = "))?;
    Some(serde_json::from_str(defaults).unwrap())
}

/// A test that reads every JSON response example of the spec (`example`, and each value of
/// `examples`) into the type the generated crate documents for that response, reporting every
/// one that does not read; `None` when the spec has none.
fn example_test(crate_name: &str, name: &Path, text: &str) -> Option<String> {
    let document = codegen::load::parse(name, text).unwrap();
    let api = Generator::new().api_from(name, &document).unwrap();
    let document = serde_json::to_value(&document).unwrap();
    let mut checks = String::new();
    for (path, item) in document["paths"].as_object()? {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (status, response) in responses {
                let Some(ty) = response_type(&api, method, path, status) else {
                    continue;
                };
                let content = response.get("content").and_then(Value::as_object);
                for (media_type, media) in content.into_iter().flatten() {
                    if !media_type.contains("json") {
                        continue;
                    }
                    let named = media.get("examples").and_then(Value::as_object);
                    let examples = media.get("example").into_iter().chain(
                        named
                            .into_iter()
                            .flatten()
                            .filter_map(|(_, example)| example.get("value")),
                    );
                    for example in examples {
                        let what = format!("{} {path} {status}", method.to_uppercase());
                        let spec = name
                            .file_name()
                            .and_then(|name| name.to_str())
                            .unwrap_or_default();
                        if INVALID_EXAMPLES.iter().any(|(file, response, _)| {
                            spec.starts_with(file.trim_end_matches(".gz"))
                                && what.starts_with(response)
                        }) {
                            continue;
                        }
                        // An example written as the text of a JSON document stands for it.
                        let example = match example.as_str().map(serde_json::from_str::<Value>) {
                            Some(Ok(document)) if !document.is_string() => document,
                            _ => example.clone(),
                        };
                        let json = raw_string(&example.to_string());
                        checks.push_str(&format!("        check::<{ty}>({what:?}, {json}),\n"));
                    }
                }
            }
        }
    }
    if checks.is_empty() {
        return None;
    }
    let krate = crate_name.replace('-', "_");
    Some(format!(
        "//! Every JSON response example of the spec, read into its documented type.\n\n\
         #![allow(unused_imports)]\n\n\
         use {krate}::*;\n\
         use {krate}::{{chrono, uuid}};\n\n\
         fn check<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Option<String> {{\n\
         \x20   serde_json::from_str::<T>(json).err().map(|error| format!(\"{{what}}: {{error}}\"))\n\
         }}\n\n\
         #[test]\n\
         fn every_response_example_reads_into_its_type() {{\n\
         \x20   let failures: Vec<String> = [\n{checks}    ]\n\
         \x20   .into_iter()\n\
         \x20   .flatten()\n\
         \x20   .collect();\n\
         \x20   assert!(failures.is_empty(), \"{{}} examples do not read:\\n{{}}\", failures.len(), failures.join(\"\\n\"));\n\
         }}\n"
    ))
}

/// The Rust type the generated crate reads a response of `status` of `method path` into, when
/// it is JSON.
fn response_type(api: &Api, method: &str, path: &str, status: &str) -> Option<String> {
    let operation = api.operations.iter().find(|operation| {
        operation.method.eq_ignore_ascii_case(method) && operation.path == path
    })?;
    let status: u16 = status.parse().ok()?;
    let body = operation
        .responses
        .iter()
        .find(|response| response.status == status)?
        .body
        .as_ref()?;
    rust_type(body)
}

fn rust_type(ty: &TypeRef) -> Option<String> {
    Some(match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::F32 => "f32".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Uuid => "uuid::Uuid".to_owned(),
        TypeRef::DateTime => "chrono::DateTime<chrono::Utc>".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Array(item) => format!("Vec<{}>", rust_type(item)?),
        TypeRef::Map(value) => format!("std::collections::BTreeMap<String, {}>", rust_type(value)?),
        TypeRef::Named(name) => format!("models::{name}"),
        TypeRef::Boxed(inner) => format!("Box<{}>", rust_type(inner)?),
        _ => return None,
    })
}

/// `text` as a raw string literal.
fn raw_string(text: &str) -> String {
    let hashes = (1..)
        .map(|count| "#".repeat(count))
        .find(|hashes| !text.contains(&format!("\"{hashes}")))
        .unwrap();
    format!("r{hashes}\"{text}\"{hashes}")
}

/// Generates every spec as a member of one nested workspace; `extend` adds to each crate's
/// folder.
fn write_workspace(
    specs: Vec<(String, PathBuf, String)>,
    workspace_name: &str,
    extend: impl Fn(&str, &Path),
) -> NestedWorkspace {
    let workspace = NestedWorkspace::new(Path::new(env!("CARGO_TARGET_TMPDIR")), workspace_name);
    let mut members = Vec::new();
    for (crate_name, name, text) in specs {
        let files = generate(&name, &text, &crate_name).unwrap_or_else(|err| panic!("{err}"));
        let folder = workspace.member(&crate_name);
        codegen::output::write(&folder, &files).unwrap();
        extend(&crate_name, &folder);
        members.push(crate_name);
    }
    workspace.write_manifest(&members);
    workspace
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
        // Every resource with every action once: each shape of the synthetic spec.
        mews_tests::synthetic::mews_style_spec(40),
    ));
    specs.push((
        "mock-names".to_owned(),
        PathBuf::from("mock-names.yaml"),
        include_str!("../../generator/tests/mock_names.yaml").to_owned(),
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

/// The construct specs of `tests/constructs/`.
const CONSTRUCT_SPECS: usize = 9;

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
fn every_construct_spec_has_its_wire_test_and_every_test_its_spec() {
    let specs = constructs();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs");
    let mut tests: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| path.file_stem().unwrap().to_str().unwrap().to_owned())
        .filter(|name| name != "common")
        .collect();
    tests.sort();
    let names: Vec<&String> = specs.iter().map(|(name, _, _)| name).collect();
    assert_eq!(names, tests.iter().collect::<Vec<_>>());
    assert_eq!(specs.len(), CONSTRUCT_SPECS);
}

#[test]
fn construct_crates_pass_clippy_and_their_wire_tests() {
    let specs = constructs();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("constructs");
    let workspace = write_workspace(specs, "constructs", |name, crate_folder| {
        let test = folder.join(format!("{name}.rs"));
        std::fs::create_dir_all(crate_folder.join("tests")).unwrap();
        std::fs::copy(&test, crate_folder.join("tests/wire.rs"))
            .unwrap_or_else(|err| panic!("{}: {err}", test.display()));
        std::fs::create_dir_all(crate_folder.join("tests/common")).unwrap();
        std::fs::copy(
            folder.join("common.rs"),
            crate_folder.join("tests/common/mod.rs"),
        )
        .unwrap();
        let manifest = crate_folder.join("Cargo.toml");
        let mut text = std::fs::read_to_string(&manifest).unwrap();
        text.push_str("wiremock = \"0.6\"\n");
        std::fs::write(manifest, text).unwrap();
    });
    // With every feature, so that the mock is checked and the wire tests may use it.
    workspace.cargo(
        &["clippy", "--workspace", "--all-targets", "--all-features"],
        true,
    );
    workspace.cargo(&["test", "--workspace", "--all-features"], false);
}
