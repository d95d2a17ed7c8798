//! Running the generator from a build script (`build.rs`), in the style of `prost-build`.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), codegen::build_helper::BuildError> {
//!     codegen::build_helper::Config::new()
//!         .model("model/customer-profiles.json")
//!         .operation("GetUploadJob")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod customer_profiles {
//!     include!(concat!(env!("OUT_DIR"), "/customer_profiles.rs"));
//! }
//! ```
//!
//! The whole generated crate is written as **one file**,
//! `<OUT_DIR>/<module>.rs`, whose module tree is inlined and whose `crate::`
//! paths point at the module it is included in (by default a top-level module
//! named after the crate, `customer_profiles` above; see [`Config::module_path`]).
//! A multi-file crate cannot be `include!`d: its `mod foo;` lines would be looked
//! up next to the including file.
//!
//! The including crate needs the generated code's dependencies in its own
//! `[dependencies]`; the first lines of the generated file list them (today
//! `base64`, `fancy-regex`, `http`, `percent-encoding`, `serde`, `serde_json` and
//! `time` with the `formatting`, `parsing` and `macros` features).
//!
//! # Why this helper, not the generator, prints `cargo:rerun-if-changed`
//!
//! A build script that prints no `rerun-if-changed` line is rerun by cargo
//! whenever *any* file of its package changes. The first
//! `cargo:rerun-if-changed=<path>` line replaces that default rule entirely:
//! from then on cargo reruns the script only when one of the listed paths
//! changes (or the script itself is rebuilt). Printing it is therefore a
//! decision about the whole build script, which may have other inputs the
//! generator knows nothing about, so it belongs to this build-script front end
//! and can be turned off with [`Config::emit_rerun_if_changed`]. The library
//! core ([`Generator`]) never prints: it also serves the CLI and tests, where a
//! `cargo:` line on stdout would be noise.
//!
//! # Rebuilds
//!
//! The file is written only when its bytes change (through a temporary file and
//! a rename). When the model is touched but the generated code is the same, the
//! build script reruns and leaves the file, and its modification time, alone.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostics::Diagnostics;
use crate::output::WriteError;
use crate::{GeneratedFiles, Generator, OperationSelection};

/// Settings for generating code from a build script. Build it with
/// [`Config::new`], chain the setters, then call [`Config::generate`].
#[derive(Debug, Clone)]
pub struct Config {
    models: Vec<PathBuf>,
    operations: Vec<String>,
    crate_name: Option<String>,
    out_dir: Option<PathBuf>,
    module_path: Option<String>,
    emit_rerun_if_changed: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            models: Vec::new(),
            operations: Vec::new(),
            crate_name: None,
            out_dir: None,
            module_path: None,
            emit_rerun_if_changed: true,
        }
    }
}

impl Config {
    /// A configuration with no model yet, every operation selected, output to
    /// `OUT_DIR`, and `rerun-if-changed` lines printed.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a model file (Smithy JSON AST). Several files are merged. A relative
    /// path is relative to the package root, which is where cargo runs build scripts.
    pub fn model(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.models.push(path.into());
        self
    }

    /// Generates only this operation, by shape name (repeatable). Without any,
    /// every operation of the service is generated.
    pub fn operation(&mut self, name: impl Into<String>) -> &mut Self {
        self.operations.push(name.into());
        self
    }

    /// Overrides the crate name the generator derives. It only shows in the
    /// generated `Cargo.toml`, which `include!` ignores; useful when the output is
    /// used as a crate of its own.
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Where to write the generated file. Default: the `OUT_DIR` environment
    /// variable cargo sets for build scripts. Only `<out_dir>/<module>.rs` is
    /// ever written; nothing else in the directory is touched.
    pub fn out_dir(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(path.into());
        self
    }

    /// The path, from the including crate's root, of the module the generated
    /// file is `include!`d in: `"customer_profiles"`, `"api::profiles"`, or `""`
    /// for the crate root itself. The generated code's `crate::` paths are
    /// rewritten to go through it, so the `include!` must sit exactly there.
    ///
    /// Default: one top-level module named after the crate in snake case
    /// (`customer_profiles` for the `customer-profiles` crate). The file is named
    /// after the last segment (`profiles.rs` for `"api::profiles"`), or after the
    /// crate when the module is the crate root.
    pub fn module_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.module_path = Some(path.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed=<model>` for every model file
    /// (default `true`). Turn it off when the build script manages its own
    /// rerun rules; see the [module documentation](self) for why this matters.
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.emit_rerun_if_changed = enabled;
        self
    }

    /// Generates the code and writes it into the output directory, touching the
    /// file only when its bytes changed (so an unchanged model does not make
    /// cargo recompile the crate that includes it).
    ///
    /// Returns the path of the file to `include!`, `<out_dir>/<module>.rs`:
    ///
    /// ```ignore
    /// pub mod customer_profiles {
    ///     include!(concat!(env!("OUT_DIR"), "/customer_profiles.rs"));
    /// }
    /// ```
    ///
    /// The `rerun-if-changed` lines are printed before the model is read, so
    /// cargo reruns the script after a broken model is fixed.
    ///
    /// # Errors
    ///
    /// [`BuildError::Model`] with every problem in the model (nothing is written),
    /// [`BuildError::ModulePath`] when [`Config::module_path`] is not a Rust
    /// module path, [`BuildError::NoOutDir`] when neither [`Config::out_dir`] nor
    /// `OUT_DIR` is set, and [`BuildError::Write`] when the output cannot be written.
    pub fn generate(&self) -> Result<PathBuf, BuildError> {
        let mut generator = self.models.iter().fold(Generator::new(), |g, m| g.model(m));
        generator = if self.operations.is_empty() {
            generator.selection(OperationSelection::All)
        } else {
            generator.selection(OperationSelection::Named(self.operations.clone()))
        };
        if let Some(name) = &self.crate_name {
            generator = generator.crate_name(name);
        }
        if self.emit_rerun_if_changed {
            for line in rerun_lines(generator.model_paths()) {
                println!("{line}");
            }
        }
        let explicit_path = match &self.module_path {
            Some(text) => Some(parse_module_path(text)?),
            None => None,
        };
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        let service = generator.resolve().map_err(BuildError::Model)?;
        // Shown by cargo as warnings of the build script.
        for note in Generator::notes_of(&service) {
            println!("cargo:warning={}", note.replace('\n', " "));
        }
        let crate_module = crate::naming::snake_ident(&generator.package_name_of(&service))
            .trim_start_matches("r#")
            .to_string();
        let module_path = explicit_path.unwrap_or_else(|| vec![crate_module.clone()]);
        let file_name = format!(
            "{}.rs",
            module_path
                .last()
                .map_or(crate_module.as_str(), String::as_str)
        );
        let text = generator
            .single_file_of(&service, &module_path)
            .map_err(BuildError::Model)?;
        let mut files = GeneratedFiles::new();
        files.insert(file_name.clone(), text);
        files.write(&out_dir)?;
        Ok(out_dir.join(file_name))
    }
}

/// Splits `a::b` into its segments, checking each is a plain Rust identifier.
fn parse_module_path(text: &str) -> Result<Vec<String>, BuildError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let text = text.strip_prefix("crate::").unwrap_or(text);
    text.split("::")
        .map(|segment| {
            let segment = segment.trim();
            let mut chars = segment.chars();
            let starts_well = chars
                .next()
                .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
            let valid = starts_well
                && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
                && segment != "_"
                && !crate::naming::is_keyword(segment);
            if valid {
                Ok(segment.to_string())
            } else {
                Err(BuildError::ModulePath {
                    path: text.to_string(),
                    segment: segment.to_string(),
                })
            }
        })
        .collect()
}

/// The `cargo:rerun-if-changed` lines for these model files.
fn rerun_lines(models: &[PathBuf]) -> Vec<String> {
    models
        .iter()
        .map(|m| format!("cargo:rerun-if-changed={}", m.display()))
        .collect()
}

/// Why [`Config::generate`] failed.
///
/// `Debug` prints the same readable text as `Display`, so both
/// `fn main() -> Result<(), BuildError>` and `.unwrap()` in a build script show
/// the model's problems as cargo reports them, not a struct dump.
#[derive(thiserror::Error)]
pub enum BuildError {
    /// The model has problems; every one is listed. Nothing was written.
    #[error("the Smithy model has problems:\n{0}")]
    Model(Diagnostics),
    /// [`Config::module_path`] is not a module path of plain identifiers.
    #[error(
        "module path `{path}` is not valid: `{segment}` is not a Rust identifier (write it as `a::b`, or `` for the crate root)"
    )]
    ModulePath {
        /// The module path as given.
        path: String,
        /// The offending segment.
        segment: String,
    },
    /// Neither [`Config::out_dir`] was called nor is `OUT_DIR` set (the helper
    /// runs outside a build script).
    #[error("OUT_DIR is not set: call Config::out_dir, or run from a build script")]
    NoOutDir,
    /// Writing the generated files failed.
    #[error("cannot write the generated code: {0}")]
    Write(#[from] WriteError),
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    #[test]
    fn defaults() {
        let c = Config::new();
        assert!(c.emit_rerun_if_changed);
        assert!(c.out_dir.is_none() && c.models.is_empty() && c.operations.is_empty());
    }

    #[test]
    fn rerun_line_per_model() {
        let lines = rerun_lines(&[PathBuf::from("model/a.json"), PathBuf::from("b.json")]);
        assert_eq!(
            lines,
            [
                "cargo:rerun-if-changed=model/a.json",
                "cargo:rerun-if-changed=b.json"
            ]
        );
    }

    #[test]
    fn module_paths_are_checked() {
        assert_eq!(parse_module_path("").unwrap(), Vec::<String>::new());
        assert_eq!(parse_module_path("api").unwrap(), ["api"]);
        assert_eq!(
            parse_module_path("crate::api::profiles_v2").unwrap(),
            ["api", "profiles_v2"]
        );
        for (bad, segment) in [
            ("api::", ""),
            ("a-b", "a-b"),
            ("api::type", "type"),
            ("9x", "9x"),
        ] {
            match parse_module_path(bad) {
                Err(BuildError::ModulePath { segment: s, .. }) => assert_eq!(s, segment, "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn model_error_is_readable_in_display_and_debug() {
        let d = Diagnostic::new("bad target")
            .in_file("m.json")
            .at_shape("a#B");
        let err = BuildError::Model(d.into());
        for text in [err.to_string(), format!("{err:?}")] {
            assert!(
                text.starts_with("the Smithy model has problems:\nerror: bad target"),
                "{text}"
            );
            assert!(text.contains("--> m.json"), "{text}");
            assert!(text.contains("shape: a#B"), "{text}");
            assert!(text.ends_with("1 problem found"), "{text}");
        }
    }

    #[test]
    fn missing_model_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let err = Config::new()
            .model(tmp.path().join("nope.json"))
            .out_dir(&out)
            .emit_rerun_if_changed(false)
            .generate()
            .unwrap_err();
        assert!(matches!(err, BuildError::Model(_)), "{err}");
        assert!(err.to_string().contains("nope.json"), "{err}");
        assert!(!out.exists());
    }
}
