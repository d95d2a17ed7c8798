//! The `codegen` command: generates a Rust crate from Smithy JSON AST models.
//!
//! With no arguments (`cargo run -p codegen`) it regenerates the workspace's
//! `generated/` crate from `model/customer-profiles.json`. `--check` compares
//! instead of writing, for CI.
//!
//! Exit codes: `0` success (or up to date), `1` model problems or stale output
//! (`--check`), `2` I/O errors and command-line usage errors.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser};
use codegen::{Generator, OperationSelection};

/// The model used when no `--model` is given, relative to the workspace root.
const DEFAULT_MODEL: &str = "model/customer-profiles.json";
/// The output directory used when no `--out` is given, relative to the workspace root.
const DEFAULT_OUT: &str = "generated";

/// Generates a Rust crate (types and a restJson1 wire layer) from Smithy 2.0 JSON AST models.
#[derive(Debug, Parser)]
#[command(name = "codegen", version, about)]
struct Cli {
    #[command(flatten)]
    generate: GenerateArgs,
    // Subcommands go here. To add `codegen diff OLD NEW`, add
    //     #[command(subcommand)]
    //     command: Option<Command>,
    // with `enum Command { Diff { old: PathBuf, new: PathBuf } }`, and
    // `args_conflicts_with_subcommands = true` to the `#[command(...)]` above so
    // the generate flags are only accepted without a subcommand. `codegen
    // [FLAGS]` keeps working when `command` is `None`.
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
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,

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
    run_generate(&cli.generate)
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

    // Everything is generated in memory first: a model with problems writes nothing.
    let files = match generator.generate() {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::from(1);
        }
    };

    if args.check {
        return match files.check(&out) {
            Ok(stale) if stale.is_empty() => {
                if !args.quiet {
                    println!("up to date");
                }
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                for file in &stale {
                    println!("{file}");
                }
                eprintln!(
                    "error: {} is out of date ({} file{}); run `cargo run -p codegen` to regenerate",
                    out.display(),
                    stale.len(),
                    if stale.len() == 1 { "" } else { "s" }
                );
                ExitCode::from(1)
            }
            Err(e) => io_failure(&e),
        };
    }

    match files.write(&out) {
        Ok(report) => {
            if !args.quiet {
                println!(
                    "wrote {} file{}, {} unchanged, {} removed in {}",
                    report.written.len(),
                    if report.written.len() == 1 { "" } else { "s" },
                    report.unchanged.len(),
                    report.removed.len(),
                    out.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => io_failure(&e),
    }
}

fn io_failure(e: &codegen::output::WriteError) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}
