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
//! The generated code lands in `OUT_DIR` (or [`Config::out_dir`]) and is pulled
//! in with `include!` from the crate being built; see [`Config::generate`] for
//! the path to include.
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

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::output::WriteError;
use crate::{Generator, OperationSelection};

/// Settings for generating code from a build script. Build it with
/// [`Config::new`], chain the setters, then call [`Config::generate`].
#[derive(Debug, Clone)]
pub struct Config {
    models: Vec<PathBuf>,
    operations: Vec<String>,
    crate_name: Option<String>,
    out_dir: Option<PathBuf>,
    emit_rerun_if_changed: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            models: Vec::new(),
            operations: Vec::new(),
            crate_name: None,
            out_dir: None,
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

    /// Where to write the generated files. Default: the `OUT_DIR` environment
    /// variable cargo sets for build scripts.
    ///
    /// Orphan `.rs` files under `<out_dir>/src/` are deleted on every run (see
    /// [`GeneratedFiles::write`](crate::GeneratedFiles::write)), so give the
    /// generator a directory of its own if the build script writes other `.rs`
    /// files there.
    pub fn out_dir(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(path.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed=<model>` for every model file
    /// (default `true`). Turn it off when the build script manages its own
    /// rerun rules; see the [module documentation](self) for why this matters.
    pub fn emit_rerun_if_changed(&mut self, enabled: bool) -> &mut Self {
        self.emit_rerun_if_changed = enabled;
        self
    }

    /// Generates the code and writes it into the output directory, touching only
    /// files whose bytes changed (so an unchanged model does not make cargo
    /// recompile the crate that includes it).
    ///
    /// Returns the path of the file to `include!`. For now this is
    /// `<out_dir>/src/lib.rs`, the root module of the generated crate; a
    /// single-file form meant for `include!` will replace it, at the path this
    /// function returns then, so use the returned path (or the same expression
    /// in the crate) rather than hard-coding the layout:
    ///
    /// ```ignore
    /// include!(concat!(env!("OUT_DIR"), "/src/lib.rs"));
    /// ```
    ///
    /// The `rerun-if-changed` lines are printed before the model is read, so
    /// cargo reruns the script after a broken model is fixed.
    ///
    /// # Errors
    ///
    /// [`BuildError::Model`] with every problem in the model (nothing is written),
    /// [`BuildError::NoOutDir`] when neither [`Config::out_dir`] nor `OUT_DIR` is
    /// set, and [`BuildError::Write`] when the output cannot be written.
    pub fn generate(&self) -> Result<PathBuf, BuildError> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
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
        let files = generator.generate().map_err(BuildError::Model)?;
        files.write(&out_dir)?;
        Ok(include_path(&out_dir))
    }
}

/// The `cargo:rerun-if-changed` lines for these model files.
fn rerun_lines(models: &[PathBuf]) -> Vec<String> {
    models
        .iter()
        .map(|m| format!("cargo:rerun-if-changed={}", m.display()))
        .collect()
}

/// The file a build script's crate includes, given the output directory.
fn include_path(out_dir: &Path) -> PathBuf {
    out_dir.join("src").join("lib.rs")
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
    fn include_path_is_the_root_module() {
        assert_eq!(include_path(Path::new("/o")), Path::new("/o/src/lib.rs"));
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
