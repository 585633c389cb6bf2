//! `cargo xtask codegen [--check] [--spec FILE] [--out DIR] [--crate-name NAME]`
//!
//! Without options, regenerates `generated/` from `spec/connector.yaml`. With `--check`,
//! writes nothing and fails when the files on disk differ from what the spec produces.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask codegen [--check] [--spec FILE] [--out DIR] [--crate-name NAME]";

struct Options {
    check: bool,
    spec: PathBuf,
    out: PathBuf,
    crate_name: String,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // A panic is a bug in the generator; it still ends as one line and exit code 1, never a
    // backtrace, and nothing has been written by then.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| codegen(&options)).unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|reason| reason.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!(
            "{}: internal error of the generator ({reason}); please report it with the spec",
            options.spec.display()
        ))
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace");
    let (command, rest) = args.split_first().ok_or("no command given")?;
    if command != "codegen" {
        return Err(format!("unknown command `{command}`"));
    }
    let mut options = Options {
        check: false,
        spec: workspace.join("spec/connector.yaml"),
        out: workspace.join("generated"),
        crate_name: "mews-connector".to_owned(),
    };
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| rest.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--check" => options.check = true,
            "--spec" => options.spec = PathBuf::from(value("--spec")?),
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--crate-name" => options.crate_name = value("--crate-name")?,
            "-h" | "--help" => return Err("help requested".to_owned()),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(options)
}

fn codegen(options: &Options) -> Result<(), String> {
    let files = codegen::Generator::new()
        .crate_name(&options.crate_name)
        .generate(&options.spec)
        .map_err(|err| err.to_string())?;
    if options.check {
        let stale = codegen::output::check(&options.out, &files);
        if stale.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = stale
            .iter()
            .map(|path| options.out.join(path).display().to_string())
            .collect();
        return Err(format!(
            "{} is out of date with {}: {}\nrun `cargo xtask codegen` to regenerate it",
            options.out.display(),
            options.spec.display(),
            list.join(", ")
        ));
    }
    let changed = codegen::output::write(&options.out, &files).map_err(|err| err.to_string())?;
    if changed.is_empty() {
        eprintln!("{} is up to date", options.out.display());
    } else {
        eprintln!("{}: updated {}", options.out.display(), changed.join(", "));
    }
    Ok(())
}
