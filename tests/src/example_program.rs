//! The bundled crate's example program (`cargo run -p mews-connector --example mews`), run as
//! a user runs it: the binary `cargo test --workspace` built beside the tests when it is newer
//! than the crate's sources, otherwise the one a `cargo build` of it gives, built once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The program's name.
pub const NAME: &str = "mews";

/// The environment the program reads its configuration from, besides `MEWS_BASE_URL`.
pub const CREDENTIALS: [(&str, &str); 3] = [
    (
        "MEWS_CLIENT_TOKEN",
        "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D",
    ),
    (
        "MEWS_ACCESS_TOKEN",
        "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D",
    ),
    ("MEWS_CLIENT", "Sample Client 1.0.0"),
];

/// Runs the program with `args`, configured to call `base_url` with [`CREDENTIALS`].
pub fn run(args: &[&str], base_url: &str) -> Output {
    Command::new(binary())
        .args(args)
        .env("MEWS_BASE_URL", base_url)
        .envs(CREDENTIALS)
        .output()
        .expect("the example program runs")
}

/// The operations the program lists when given none, one per line.
pub fn listed_operations() -> Vec<String> {
    let output = run(&[], "http://127.0.0.1:9");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let crate_dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../generated"));
        fresh_build(crate_dir).unwrap_or_else(|| build(crate_dir))
    })
}

/// The program in this build's `examples` folder, if it is newer than every source of the
/// generated crate.
fn fresh_build(crate_dir: &Path) -> Option<PathBuf> {
    // The tests run as `<target>/<profile>/deps/<test>-<hash>`.
    let profile_dir = std::env::current_exe().ok()?.parent()?.parent()?.to_owned();
    let binary = profile_dir
        .join("examples")
        .join(NAME)
        .with_extension(std::env::consts::EXE_EXTENSION);
    let built = std::fs::metadata(&binary).ok()?.modified().ok()?;
    let sources = [
        crate_dir.join("src"),
        crate_dir.join("examples"),
        crate_dir.join("Cargo.toml"),
    ];
    sources
        .iter()
        .all(|source| newest_change(source).is_some_and(|changed| changed <= built))
        .then_some(binary)
}

/// Builds the program with the features the tests' build gives the crate (`mock`), so that the
/// library is not compiled a second time, and returns where cargo put it.
fn build(crate_dir: &Path) -> PathBuf {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "build",
            "--quiet",
            "--message-format",
            "json",
            "--features",
            "mock",
        ])
        .args(["--example", NAME, "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the example program does not build:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == NAME)
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .expect("cargo names the program it built")
}

/// When the file, or the newest file under the folder, last changed.
fn newest_change(path: &Path) -> Option<std::time::SystemTime> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_dir() {
        return metadata.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .map(|entry| newest_change(&entry.ok()?.path()))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
}
