//! The `codegen` command: generates a Rust crate from Smithy JSON AST models.
//!
//! With no arguments (`cargo run -p codegen`) it regenerates the workspace's
//! `generated/` crate from `model/customer-profiles.json`. `--check` compares
//! instead of writing, for CI.
//!
//! `codegen diff OLD NEW` reports what a model change does to the generated
//! Rust API instead (see [`codegen::diff`]).
//!
//! Exit codes of generation: `0` success (or up to date), `1` model problems or
//! stale output (`--check`), `2` I/O errors and command-line usage errors.
//! Of `diff`: `0` no denied change, `1` a change of a `--deny`ed category, `2`
//! a model that cannot be compared, or a usage error.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codegen::diff::{Category, Report};
use codegen::{Generator, OperationSelection};

/// The model used when no `--model` is given, relative to the workspace root.
const DEFAULT_MODEL: &str = "model/customer-profiles.json";
/// The output directory used when no `--out` is given, relative to the workspace root.
const DEFAULT_OUT: &str = "generated";

/// Generates a Rust crate (types and a restJson1 wire layer) from Smithy 2.0 JSON AST models.
#[derive(Debug, Parser)]
#[command(
    name = "codegen",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    generate: GenerateArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Reports what changes between two versions of a model, as the generated
    /// Rust API sees it, and suggests a semver bump.
    ///
    /// Each change is breaking, additive or documentation-only. Exit code: 0
    /// when no change of a `--deny`ed category was found, 1 when one was, 2 when
    /// a model cannot be read or resolved.
    Diff(DiffArgs),
}

/// Flags of `codegen diff`.
#[derive(Debug, Args)]
struct DiffArgs {
    /// The old model (Smithy JSON AST).
    old: PathBuf,
    /// The new model (Smithy JSON AST).
    new: PathBuf,
    /// Compare only this operation and the shapes it reaches (repeatable).
    /// Default: the whole service.
    #[arg(long = "operation", value_name = "NAME")]
    operations: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 when a change of this category is found (repeatable), e.g.
    /// `--deny breaking` in CI.
    #[arg(long, value_enum, value_name = "CATEGORY")]
    deny: Vec<DenyCategory>,
}

/// How `codegen diff` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Readable text, grouped by category.
    Text,
    /// One JSON object: counts, semver suggestion and every change.
    Json,
}

/// A change category that `--deny` can fail on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DenyCategory {
    /// Changes that can break users' code or requests.
    Breaking,
    /// New API (operations, members, enum values).
    Additive,
    /// Documentation-only changes.
    Documentation,
}

impl DenyCategory {
    fn category(self) -> Category {
        match self {
            DenyCategory::Breaking => Category::Breaking,
            DenyCategory::Additive => Category::Additive,
            DenyCategory::Documentation => Category::Documentation,
        }
    }
}

/// Flags of the default action: generate (or check) one crate.
#[derive(Debug, Args)]
struct GenerateArgs {
    /// Smithy JSON AST model file (repeatable; files are merged). Default:
    /// the workspace's model/customer-profiles.json.
    #[arg(long = "model", value_name = "PATH")]
    models: Vec<PathBuf>,

    /// Generate only this operation, by shape name (repeatable).
    #[arg(
        long = "operation",
        value_name = "NAME",
        conflicts_with = "all_operations"
    )]
    operations: Vec<String>,

    /// Generate every operation of the service (the default).
    #[arg(long)]
    all_operations: bool,

    /// Output directory of the generated crate. Default: the workspace's generated/.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Crate name (default: derived from the service's SDK id or name).
    #[arg(long, value_name = "NAME", value_parser = parse_crate_name)]
    crate_name: Option<String>,

    /// Version of the generated crate (default: 0.1.0), e.g. after `codegen diff`
    /// suggested a bump.
    #[arg(long, value_name = "SEMVER")]
    crate_version: Option<String>,

    /// Write nothing; exit 1 when the output is not what generation would produce.
    #[arg(long)]
    check: bool,

    /// Print nothing on success.
    #[arg(long, short)]
    quiet: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Prints help/version to stdout (exit 0) or the usage error to stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match &cli.command {
        Some(Command::Diff(args)) => run_diff(args),
        None => run_generate(&cli.generate),
    }
}

fn run_diff(args: &DiffArgs) -> ExitCode {
    let resolve = |path: &Path| {
        Generator::new()
            .model(path)
            .selection(OperationSelection::All)
            .resolve()
    };
    let (old, new) = match (resolve(&args.old), resolve(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for (which, path, result) in [("old", &args.old, old), ("new", &args.new, new)] {
                if let Err(diagnostics) = result {
                    print_err(&format!(
                        "error: the {which} model ({}) cannot be compared:\n{diagnostics}",
                        path.display()
                    ));
                }
            }
            return ExitCode::from(2);
        }
    };
    if old.id != new.id {
        print_err(&format!(
            "note: the models define different services (`{}` and `{}`); every shape is compared by id",
            old.id, new.id
        ));
    }
    let missing: Vec<&String> = args
        .operations
        .iter()
        .filter(|name| {
            !old.operations.iter().any(|o| &o.name == *name)
                && !new.operations.iter().any(|o| &o.name == *name)
        })
        .collect();
    if !missing.is_empty() {
        for name in missing {
            print_err(&format!(
                "error: operation `{name}` is in neither {} nor {}",
                args.old.display(),
                args.new.display()
            ));
        }
        return ExitCode::from(2);
    }
    let report: Report = codegen::diff::diff(&old, &new, &args.operations);
    let (old_label, new_label) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    match args.format {
        Format::Text => print_out(&report.to_text(&old_label, &new_label)),
        Format::Json => print_out(&format!("{:#}\n", report.to_json(&old_label, &new_label))),
    }
    let denied: Vec<String> = args
        .deny
        .iter()
        .map(|d| d.category())
        .filter(|c| report.count(*c) > 0)
        .map(|c| format!("{} {}", report.count(c), c.as_str()))
        .collect();
    if denied.is_empty() {
        ExitCode::SUCCESS
    } else {
        print_err(&format!(
            "error: denied changes found: {}",
            denied.join(", ")
        ));
        ExitCode::from(1)
    }
}

/// The workspace root: the parent of this package's manifest directory.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn run_generate(args: &GenerateArgs) -> ExitCode {
    let models = if args.models.is_empty() {
        vec![workspace_root().join(DEFAULT_MODEL)]
    } else {
        args.models.clone()
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| workspace_root().join(DEFAULT_OUT));

    let mut generator = models.into_iter().fold(Generator::new(), Generator::model);
    generator = if args.operations.is_empty() {
        generator.selection(OperationSelection::All)
    } else {
        generator.selection(OperationSelection::Named(args.operations.clone()))
    };
    if let Some(name) = &args.crate_name {
        generator = generator.crate_name(name);
    }
    if let Some(version) = &args.crate_version {
        generator = generator.crate_version(version);
    }

    // Everything is generated in memory first: a model with problems writes nothing.
    let files = match generator.generate() {
        Ok(files) => files,
        Err(diagnostics) => {
            print_err(&format!("{diagnostics}"));
            return ExitCode::from(1);
        }
    };

    for note in files.notes() {
        print_err(&format!("note: {note}"));
    }
    if args.check {
        return match files.check(&out) {
            Ok(stale) if stale.is_empty() => {
                if !args.quiet {
                    print_out("up to date\n");
                }
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                for file in &stale {
                    print_out(&format!("{file}\n"));
                }
                print_err(&format!(
                    "error: {} is out of date ({} file{}); run `{}` to regenerate",
                    out.display(),
                    stale.len(),
                    if stale.len() == 1 { "" } else { "s" },
                    regenerate_command(args)
                ));
                ExitCode::from(1)
            }
            Err(e) => io_failure(&e),
        };
    }

    match files.write(&out) {
        Ok(report) => {
            if !args.quiet {
                print_out(&format!(
                    "wrote {} file{}, {} unchanged, {} removed in {}\n",
                    report.written.len(),
                    if report.written.len() == 1 { "" } else { "s" },
                    report.unchanged.len(),
                    report.removed.len(),
                    out.display()
                ));
            }
            ExitCode::SUCCESS
        }
        Err(e) => io_failure(&e),
    }
}

/// Checks `--crate-name` when the command line is parsed (a usage error, exit 2).
fn parse_crate_name(text: &str) -> Result<String, String> {
    codegen::naming::check_package_name(text)?;
    Ok(text.to_string())
}

/// The command that regenerates what `--check` found stale: the same run
/// without `--check`.
fn regenerate_command(args: &GenerateArgs) -> String {
    if args.models.is_empty()
        && args.out.is_none()
        && args.crate_name.is_none()
        && args.operations.is_empty()
    {
        return "cargo run -p codegen".to_string();
    }
    let mut words = vec!["cargo run -p codegen --".to_string()];
    for m in &args.models {
        words.push(format!("--model {}", shell_word(&m.display().to_string())));
    }
    for op in &args.operations {
        words.push(format!("--operation {}", shell_word(op)));
    }
    if let Some(out) = &args.out {
        words.push(format!("--out {}", shell_word(&out.display().to_string())));
    }
    if let Some(name) = &args.crate_name {
        words.push(format!("--crate-name {}", shell_word(name)));
    }
    if let Some(version) = &args.crate_version {
        words.push(format!("--crate-version {}", shell_word(version)));
    }
    words.join(" ")
}

/// `text` quoted for a POSIX shell when it needs it.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | ':' | '='));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Prints a line to stderr, ignoring a closed pipe (`codegen ... 2>&1 | head`).
fn print_err(text: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(text.as_bytes())
        .and_then(|()| err.write_all(b"\n"));
}

/// Prints to stdout. A closed pipe (`codegen diff ... | head`) is not an error
/// worth a panic: whoever reads has seen enough.
fn print_out(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn io_failure(e: &codegen::output::WriteError) -> ExitCode {
    print_err(&format!("error: {e}"));
    ExitCode::from(2)
}
