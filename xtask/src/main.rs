//! `cargo xtask`: the project's own commands.
//!
//! - `codegen [--check] [--spec PATH|URL] [--out DIR] [--crate-name NAME]
//!   [--license SPDX] [--repository URL] [--timeout-secs S] [--root DIR]`: regenerates a
//!   client crate (by default `generated/` from `spec/connector.yaml`), prints what changed for
//!   its users, bumps its version and extends its changelog; a spec given for the bundled crate
//!   (a file, or a URL it downloads) replaces `spec/connector.yaml` once the crate is generated;
//!   with `--check`, writes nothing and fails when the crate differs from what the spec produces.
//! - `diff OLD NEW [--fail-on LEVEL]`: the change report between two versions of a spec.
//! - `import-reference --docs DIR [--out PATH] [--overrides PATH] [--check]`: rebuilds the
//!   spec from Mews's reference pages (a checkout's `connector-api/` folder); with `--check`,
//!   writes nothing and fails when the spec differs from what the pages give.

mod download;
mod spec_input;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codegen::diff::Semver;
use codegen::{Generator, Previous, Regeneration};
use spec_input::{Format, Source};

/// The package name of the bundled crate.
const DEFAULT_CRATE_NAME: &str = "mews-connector";

/// The spec of the bundled crate, in the workspace. Always YAML, the format Mews publishes:
/// the benches and tests embed it by this name.
const BUNDLED_SPEC: &str = "spec/connector.yaml";

/// The name of a downloaded spec kept in the folder of a crate of its own (`--out`).
const KEPT_SPEC_STEM: &str = "openapi";

/// The project's own commands: generating the client crate and comparing specs.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate a client crate from an OpenAPI spec.
    ///
    /// Prints what changed for the crate's users since the previous generation (read from its
    /// `api.json`), bumps its version by the verdict and adds the changes to its CHANGELOG.md.
    /// Only files that carry the generator's preamble are replaced or removed.
    Codegen(CodegenArgs),
    /// Print what changes for users of the generated crate between two versions of a spec.
    ///
    /// One line per change, breaking or not and why, grouped by operation and by type; the
    /// last line is the verdict: `semver: major`, `semver: minor` or `semver: patch`.
    Diff(DiffArgs),
    /// Rebuild the spec from the Mews Connector API reference pages.
    ///
    /// Reads `operations/*.md`, `_generator/types.yaml` and `guidelines/pagination.md` of a
    /// checkout's `connector-api/` folder and the overrides file, and writes the OpenAPI
    /// description (all or nothing). Doubts print as `warning:` lines.
    ImportReference(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The `connector-api/` folder of a checkout of MewsSystems/open-api-docs.
    #[arg(long, value_name = "DIR")]
    docs: PathBuf,
    /// The spec to write [default: spec/connector.yaml of the workspace].
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// The facts no rule recovers [default: overrides.yaml beside the spec].
    #[arg(long, value_name = "PATH")]
    overrides: Option<PathBuf>,
    /// Write nothing; fail when the spec differs from what the pages give.
    #[arg(long)]
    check: bool,
}

#[derive(Args)]
struct CodegenArgs {
    /// Write nothing; fail, naming the stale files, when the crate differs from what the spec
    /// produces.
    #[arg(long)]
    check: bool,
    /// The OpenAPI 3 spec, YAML or JSON: a file, or an http(s) URL to download [default:
    /// spec/connector.yaml of the workspace]. Without --out, it replaces spec/connector.yaml
    /// (YAML only) once the crate is generated; with --out, a downloaded spec is kept in the
    /// crate folder as openapi.yaml (or openapi.json).
    #[arg(long, value_name = "PATH|URL")]
    spec: Option<String>,
    /// The crate folder to generate into [default: generated/ of the workspace].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The package name in the generated Cargo.toml.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_CRATE_NAME)]
    crate_name: String,
    /// What the generator knows of the API beyond its spec.
    #[arg(long, value_enum, default_value_t = Preset::MewsConnector)]
    preset: Preset,
    /// The licence in the generated Cargo.toml, an SPDX expression [default: the preset's; the
    /// workspace's for the Mews Connector API, none without a preset].
    #[arg(long, value_name = "SPDX")]
    license: Option<String>,
    /// The repository in the generated Cargo.toml [default: none].
    #[arg(long, value_name = "URL")]
    repository: Option<String>,
    /// How long downloading the spec may take, from connecting to its last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    timeout_secs: u64,
    /// The workspace whose spec/connector.yaml and generated/ are the defaults [default: the
    /// workspace of this xtask].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// What the generator knows of an API beyond what its spec says.
#[derive(Clone, Copy, ValueEnum)]
enum Preset {
    /// The Mews Connector API: `LanguageCode` and `CultureCode` are client settings of every
    /// request, pages hold at most 1,000 items, `get...` and `search` operations only read
    /// (what Mews's guidelines say and its description does not).
    MewsConnector,
    /// Any other API: the spec alone.
    None,
}

impl Preset {
    fn generator(self) -> Generator {
        match self {
            Preset::MewsConnector => Generator::mews_connector(),
            Preset::None => Generator::new(),
        }
    }
}

#[derive(Args)]
struct DiffArgs {
    /// The older spec, YAML or JSON.
    old: PathBuf,
    /// The newer spec, YAML or JSON.
    new: PathBuf,
    /// Exit with code 1 when the verdict is this level or above (`minor` fails on major
    /// changes too).
    #[arg(long, value_name = "LEVEL")]
    fail_on: Option<Level>,
    /// What the generator knows of the API beyond its specs.
    #[arg(long, value_enum, default_value_t = Preset::MewsConnector)]
    preset: Preset,
}

/// A verdict `--fail-on` can stop at.
#[derive(Clone, Copy, ValueEnum)]
enum Level {
    /// Breaking changes.
    Major,
    /// Any change that is not only documentation.
    Minor,
}

fn main() -> ExitCode {
    // Usage errors exit with 2 and help with 0, as clap does.
    let cli = Cli::parse();
    // A panic is a bug in the generator; it still ends as one line and exit code 1, never a
    // backtrace, and nothing has been written by then.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| match &cli.command {
        Command::Codegen(args) => codegen(args),
        Command::Diff(args) => diff(args),
        Command::ImportReference(args) => import_reference(args),
    })
    .unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|reason| reason.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!(
            "{}: internal error of the generator ({reason}); please report it with the spec",
            cli.command.specs()
        ))
    });
    outcome.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })
}

impl Command {
    /// The specs the command reads, for messages about them.
    fn specs(&self) -> String {
        match self {
            Command::Codegen(args) => args.source().name(),
            Command::Diff(args) => format!("{} and {}", args.old.display(), args.new.display()),
            Command::ImportReference(args) => args.docs.display().to_string(),
        }
    }
}

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
}

impl CodegenArgs {
    fn root(&self) -> PathBuf {
        self.root
            .clone()
            .unwrap_or_else(|| workspace().to_path_buf())
    }

    fn source(&self) -> Source {
        self.spec.as_deref().map_or_else(
            || Source::File(self.root().join(BUNDLED_SPEC)),
            Source::from_arg,
        )
    }

    /// Where the spec is kept, the file the generated crate names as its source: the bundled
    /// crate's is `spec/connector.yaml`; a crate of its own keeps a spec file where it is and a
    /// downloaded one in its folder, named for its format.
    fn kept_spec(&self, source: &Source, format: Format) -> Result<PathBuf, String> {
        let Some(out) = &self.out else {
            let bundled = self.root().join(BUNDLED_SPEC);
            if format == Format::Json && !source.is_file(&bundled) {
                return Err(format!(
                    "{}: the spec is JSON, and the bundled crate's {BUNDLED_SPEC} is YAML, as \
                     Mews publishes it: convert it to YAML, or generate a crate of its own with --out",
                    source.name()
                ));
            }
            return Ok(bundled);
        };
        Ok(match source {
            Source::File(path) => path.clone(),
            Source::Url(_) => out.join(format!("{KEPT_SPEC_STEM}.{}", format.extension())),
        })
    }

    /// The command that regenerates the same crate from the kept spec `spec`: what every
    /// generated file's preamble tells its readers to run.
    fn command(&self, spec: &Path) -> String {
        let mut command = String::from("cargo xtask codegen");
        if self.spec.is_some() && self.out.is_some() {
            command.push_str(&format!(" --spec {}", spec.display()));
        }
        if let Some(out) = &self.out {
            command.push_str(&format!(" --out {}", out.display()));
        }
        if self.crate_name != DEFAULT_CRATE_NAME {
            command.push_str(&format!(" --crate-name {}", self.crate_name));
        }
        if let Preset::None = self.preset {
            command.push_str(" --preset none");
        }
        if let Some(license) = &self.license {
            command.push_str(&format!(" --license {license:?}"));
        }
        if let Some(repository) = &self.repository {
            command.push_str(&format!(" --repository {repository}"));
        }
        command
    }

    fn out(&self) -> PathBuf {
        self.out
            .clone()
            .unwrap_or_else(|| self.root().join("generated"))
    }
}

fn codegen(args: &CodegenArgs) -> Result<ExitCode, String> {
    let source = args.source();
    let text = source.read(Duration::from_secs(args.timeout_secs))?;
    // Errors name the spec as the user gave it; the crate is generated in memory as if from
    // the kept spec, whose name its files carry.
    let named = PathBuf::from(source.name());
    let document = codegen::load::parse(&named, &text).map_err(|err| err.to_string())?;
    let spec = args.kept_spec(&source, Format::of(&text))?;
    let out = args.out();
    let previous = codegen::output::previous(&out);
    let mut generator = args.preset.generator().crate_name(&args.crate_name);
    if let Some(license) = &args.license {
        generator = generator.license(license);
    }
    if let Some(repository) = &args.repository {
        generator = generator.repository(repository);
    }
    let regeneration = generator
        .regenerate_command(args.command(&spec))
        .regenerate_from(&spec, &document, &previous)
        .map_err(|err| err.in_file(&named).to_string())?;
    if args.check {
        let stale = codegen::output::check(&out, &regeneration.files);
        if stale.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
        let list: Vec<String> = stale
            .iter()
            .map(|path| out.join(path).display().to_string())
            .collect();
        return Err(format!(
            "{} is out of date with {}: {}\nrun `cargo xtask codegen` to regenerate it",
            out.display(),
            source.name(),
            list.join(", ")
        ));
    }
    let kept = if source.is_file(&spec) {
        None
    } else {
        spec_input::keep(&spec, &text)?
    };
    let changed = codegen::output::write(&out, &regeneration.files).map_err(|err| {
        // The spec and the crate change together or not at all.
        if let Some(kept) = kept.as_ref() {
            kept.undo();
        }
        err.to_string()
    })?;
    report_changes(&out, &previous, &regeneration);
    if kept.is_some() {
        eprintln!("{}: written from {}", spec.display(), source.name());
    }
    if changed.is_empty() {
        eprintln!("{} is up to date", out.display());
    } else {
        eprintln!("{}: updated {}", out.display(), changed.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the short report against the previous generation, or why there is none.
fn report_changes(out: &Path, previous: &Previous, regeneration: &Regeneration) {
    match (&previous.api, &regeneration.report) {
        (Err(reason), _) => eprintln!(
            "no change report: {reason}; version {}",
            regeneration.version
        ),
        (Ok(_), Some(report)) if !report.is_empty() => {
            let old_version = previous
                .version
                .map_or_else(|| "none".to_owned(), |version| version.to_string());
            println!(
                "{}: API changes, version {old_version} -> {}",
                out.display(),
                regeneration.version
            );
            print!("{}", report.short());
        }
        (Ok(_), _) => {}
    }
}

fn diff(args: &DiffArgs) -> Result<ExitCode, String> {
    let generator = args.preset.generator();
    let old = generator.api(&args.old).map_err(|err| err.to_string())?;
    let new = generator.api(&args.new).map_err(|err| err.to_string())?;
    let report = codegen::diff::diff(&old, &new);
    print!("{}", report.full());
    let verdict = report.verdict();
    match args.fail_on {
        Some(level) if verdict >= level.semver() => {
            eprintln!(
                "error: the changes are {verdict}, and --fail-on {} was given",
                level.semver()
            );
            Ok(ExitCode::FAILURE)
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn import_reference(args: &ImportArgs) -> Result<ExitCode, String> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| workspace().join("spec/connector.yaml"));
    let overrides = args.overrides.clone().unwrap_or_else(|| {
        out.parent()
            .unwrap_or_else(|| Path::new("."))
            .join("overrides.yaml")
    });
    let import = importer::import_folder(&args.docs, &overrides).map_err(|err| err.to_string())?;
    for corrected in &import.corrected {
        eprintln!("note: corrected the misspelt example key {corrected}");
    }
    for warning in &import.warnings {
        eprintln!("warning: {warning}");
    }
    if args.check {
        if importer::output::is_current(&out, &import.spec) {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(format!(
            "{} is out of date with {}; run `cargo xtask import-reference --docs {}` to rebuild it",
            out.display(),
            args.docs.display(),
            args.docs.display()
        ));
    }
    importer::output::write(&out, &import.spec).map_err(|err| err.to_string())?;
    eprintln!("{}: written from {}", out.display(), args.docs.display());
    Ok(ExitCode::SUCCESS)
}

impl Level {
    fn semver(self) -> Semver {
        match self {
            Level::Major => Semver::Major,
            Level::Minor => Semver::Minor,
        }
    }
}
