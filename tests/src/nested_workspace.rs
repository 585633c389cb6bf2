//! Cargo workspaces of generated crates that the tests write and build, in this workspace's
//! target folder, with this workspace's dependency versions (its `Cargo.lock`), profiles and
//! dependency features. Cargo reuses a built dependency only when all three agree, so a nested
//! workspace built this way compiles its own crates and nothing else.
//!
//! Features are the hard part: a dependency's features are the union of what every crate in
//! the build asks of it, and this workspace asks more than a generated crate does. A member
//! named [`PINNED`] depends on every package the nested crates use with exactly the features
//! this workspace's test build gives it, so that the unions agree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The member that pins the features of the nested crates' dependencies.
pub const PINNED: &str = "pinned-dependencies";

/// A package of the registry: name and version.
type Package = (String, String);

/// A workspace of generated crates under a tests' temporary folder.
pub struct NestedWorkspace {
    root: PathBuf,
    target: PathBuf,
}

impl NestedWorkspace {
    /// The workspace in `temporary/name`, for crates to be written into it before
    /// [`NestedWorkspace::write_manifest`]; `temporary` is an integration test's
    /// `CARGO_TARGET_TMPDIR`, inside the target folder the workspace builds in.
    pub fn new(temporary: &Path, name: &str) -> Self {
        let target = temporary
            .parent()
            .expect("the temporary folder is inside the target folder")
            .to_owned();
        Self {
            root: temporary.join(name),
            target,
        }
    }

    /// The workspace's manifest.
    pub fn manifest(&self) -> PathBuf {
        self.root.join("Cargo.toml")
    }

    /// The folder of the member `name`.
    pub fn member(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Writes the workspace's manifest with `members`, this workspace's lock file and profiles,
    /// and the member that pins dependency features.
    pub fn write_manifest(&self, members: &[String]) {
        let mut names: Vec<String> = members.iter().map(|name| format!("{name:?}")).collect();
        names.push(format!("{PINNED:?}"));
        let workspace = format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            names.join(", ")
        );
        std::fs::write(self.manifest(), &workspace).unwrap();
        std::fs::copy(own_root().join("Cargo.lock"), self.root.join("Cargo.lock")).unwrap();
        let pinned = self.pin_features();
        let own_manifest = std::fs::read_to_string(own_root().join("Cargo.toml")).unwrap();
        let profiles = profiles(&own_manifest, |package| {
            pinned
                .target
                .keys()
                .chain(pinned.host.keys())
                .any(|(name, _)| name == package)
        });
        std::fs::write(self.manifest(), format!("{workspace}\n{profiles}")).unwrap();
    }

    /// Grows the pinned sets until they hold every package the nested build uses that this
    /// workspace uses too, on the same side: pinning a package can enable optional
    /// dependencies, which then need pinning in turn.
    fn pin_features(&self) -> Features {
        // This workspace's features, read once for every nested workspace of the test run.
        static OWN: OnceLock<Features> = OnceLock::new();
        let own = OWN.get_or_init(|| Features::of(&own_root()));
        let mut pinned = Features::default();
        loop {
            write_pinned_crate(&self.member(PINNED), &pinned);
            let used = Features::of(&self.root);
            let mut grew = false;
            for (used, own, pinned) in [
                (used.target, &own.target, &mut pinned.target),
                (used.host, &own.host, &mut pinned.host),
            ] {
                for package in used.into_keys() {
                    if let Some(features) = own.get(&package) {
                        grew |= pinned.insert(package, features.clone()).is_none();
                    }
                }
            }
            if !grew {
                return pinned;
            }
        }
    }

    /// Runs `cargo <args>` on the workspace, warnings denied when `lints` (clippy's and the
    /// compiler's, in the workspace's crates), and fails with its output when it fails. A run
    /// of some packages (`-p`) includes the pinning member, whose features must take part.
    pub fn cargo(&self, args: &[&str], lints: bool) {
        let mut command = cargo_command();
        command
            .args(args)
            .args(["--message-format", "short"])
            .arg("--manifest-path")
            .arg(self.manifest())
            .env("CARGO_TARGET_DIR", &self.target)
            // Generated crates are compiled once per change of their code: the caches of
            // incremental compilation cost a third more time and would hardly be read.
            .env("CARGO_INCREMENTAL", "0");
        if args.contains(&"-p") {
            command.args(["-p", PINNED]);
        }
        if lints {
            command.args(["--", "-D", "warnings"]);
        }
        let output = command.output().unwrap();
        assert!(
            output.status.success(),
            "`cargo {}` fails on the generated crates:\n{}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

/// The root of this workspace.
fn own_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is inside the workspace")
        .to_owned()
}

/// A cargo command without the variables cargo sets for a test (`CARGO_MANIFEST_DIR`,
/// `CARGO_PKG_NAME`…), which build scripts may watch: ring's reruns, and its dependents are
/// compiled again, when `CARGO_MANIFEST_DIR` differs from the build that compiled it.
fn cargo_command() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    for (name, _) in std::env::vars_os() {
        let set_for_tests = name.to_str().is_some_and(|name| {
            name == "OUT_DIR"
                || [
                    "CARGO_MANIFEST_",
                    "CARGO_PKG_",
                    "CARGO_CRATE_",
                    "CARGO_BIN_",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_TARGET_TMPDIR",
                    "CARGO_RUSTC_CURRENT_DIR",
                ]
                .iter()
                .any(|prefix| name.starts_with(prefix))
        });
        if set_for_tests {
            command.env_remove(name);
        }
    }
    command
}

/// The `[profile…]` tables of a manifest, leaving out those of packages (`[profile.dev.package.
/// "syn@3"]`) for which `used` is false, which cargo would warn about.
fn profiles(manifest: &str, used: impl Fn(&str) -> bool) -> String {
    let mut kept = false;
    let mut tables = String::new();
    for line in manifest.lines() {
        if let Some(header) = line.strip_prefix('[') {
            let package = header
                .split_once(".package.")
                .map(|(_, package)| package.trim_end_matches(']').trim_matches('"'))
                .map(|package| package.split('@').next().unwrap_or(package));
            kept = header.starts_with("profile")
                && package.is_none_or(|package| package == "*" || used(package));
        }
        if kept {
            tables.push_str(line);
            tables.push('\n');
        }
    }
    tables
}

/// The features of the registry packages a workspace compiles for its tests, on each side.
#[derive(Default)]
struct Features {
    /// The packages of the crates being built.
    target: BTreeMap<Package, Vec<String>>,
    /// The packages of procedural macros and build scripts, compiled apart, for the host.
    host: BTreeMap<Package, Vec<String>>,
}

impl Features {
    /// Read from `cargo tree` of the workspace at `root`: a package is the host's when it is a
    /// procedural macro, a build dependency, or a dependency of either.
    fn of(root: &Path) -> Self {
        let output = cargo_command()
            .args(["tree", "--workspace", "--edges", "normal,dev,build"])
            .args(["--format", "{p}|{f}", "--charset", "ascii"])
            .arg("--manifest-path")
            .arg(root.join("Cargo.toml"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`cargo tree` fails in {}: {}",
            root.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let mut features = Self::default();
        // Whether the node at each depth is the host's, and whether the children at each depth
        // are build dependencies.
        let mut host_at: Vec<bool> = Vec::new();
        let mut build_at: Vec<bool> = Vec::new();
        for line in String::from_utf8(output.stdout).unwrap().lines() {
            let text = line.trim_start_matches(['|', '`', '-', ' ']);
            // Every level of the tree indents by four characters.
            let depth = (line.len() - text.len()) / 4;
            build_at.resize(depth + 1, false);
            if text.starts_with('[') {
                build_at[depth] = text == "[build-dependencies]";
                continue;
            }
            let Some((package, enabled)) = text.trim_end_matches(" (*)").split_once('|') else {
                continue;
            };
            let (package, proc_macro) = match package.strip_suffix(" (proc-macro)") {
                Some(package) => (package, true),
                None => (package, false),
            };
            host_at.truncate(depth);
            let parent_host = depth > 0 && host_at[depth - 1];
            let host = parent_host || proc_macro || (depth > 0 && build_at[depth - 1]);
            host_at.push(host);
            build_at.truncate(depth);
            build_at.push(false);
            let Some((name, version)) = package.split_once(" v") else {
                continue;
            };
            // Workspace members and path dependencies (`name v0.1.0 (/path)`) are not the
            // registry's.
            if version.contains(' ') {
                continue;
            }
            let side = if host {
                &mut features.host
            } else {
                &mut features.target
            };
            side.insert(
                (name.to_owned(), version.to_owned()),
                enabled
                    .split(',')
                    .filter(|feature| !feature.is_empty())
                    .map(str::to_owned)
                    .collect(),
            );
        }
        features
    }
}

/// A crate that depends on each package of `pinned` with its features: a dependency for the
/// target's side, a build dependency for the host's.
fn write_pinned_crate(folder: &Path, pinned: &Features) {
    let table = |packages: &BTreeMap<Package, Vec<String>>| -> String {
        packages
            .iter()
            .enumerate()
            .map(|(index, ((name, version), features))| {
                format!(
                    "dependency-{index} = {{ package = {name:?}, version = \"={version}\", \
                     default-features = false, features = {features:?} }}\n"
                )
            })
            .collect()
    };
    std::fs::create_dir_all(folder.join("src")).unwrap();
    std::fs::write(
        folder.join("Cargo.toml"),
        format!(
            "[package]\nname = {PINNED:?}\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\n{}\n[build-dependencies]\n{}",
            table(&pinned.target),
            table(&pinned.host)
        ),
    )
    .unwrap();
    std::fs::write(
        folder.join("src/lib.rs"),
        "//! Pins the features of the workspace's dependencies.\n",
    )
    .unwrap();
    // Build dependencies take part in a build only with a build script.
    std::fs::write(folder.join("build.rs"), "fn main() {}\n").unwrap();
}
