//! `codegen`: generates a Rust crate from a Smithy 2.0 JSON AST service model.
//!
//! The pipeline runs in one direction:
//!
//! ```text
//! model file(s) ─load─▶ ast::Model ─resolve─▶ ir::Service ─emit─▶ token streams ─format─▶ GeneratedFiles ─write─▶ disk
//! ```
//!
//! Use [`Generator`] from code (a CLI, a test or a `build.rs`), or the `codegen`
//! binary. [`Generator::generate`] is pure: it returns the files in memory;
//! [`GeneratedFiles::write`] puts them on disk, touching only files whose bytes changed.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ast;
pub mod build_helper;
pub mod diagnostics;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod ir;
pub mod naming;
pub mod output;
pub mod pattern;
pub mod prelude;
pub mod protocol;
pub mod resolve;
pub mod shape_id;

use std::path::PathBuf;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use output::GeneratedFiles;
pub use resolve::OperationSelection;

/// Settings for one generation run (the builder front ends share).
#[derive(Debug, Clone, Default)]
pub struct Generator {
    models: Vec<PathBuf>,
    selection: OperationSelection,
    crate_name: Option<String>,
    crate_version: Option<String>,
}

impl Generator {
    /// A generator with no model yet, selecting every operation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a model file (JSON AST). Several files are merged.
    pub fn model(mut self, path: impl Into<PathBuf>) -> Self {
        self.models.push(path.into());
        self
    }

    /// Selects one operation by shape name (repeatable). Without any, all operations are generated.
    pub fn operation(mut self, name: impl Into<String>) -> Self {
        match &mut self.selection {
            OperationSelection::Named(names) => names.push(name.into()),
            OperationSelection::All => {
                self.selection = OperationSelection::Named(vec![name.into()])
            }
        }
        self
    }

    /// Sets the operation selection directly.
    pub fn selection(mut self, selection: OperationSelection) -> Self {
        self.selection = selection;
        self
    }

    /// Overrides the crate name (default: the service's SDK id or shape name, kebab-case).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Overrides the generated crate's version (default `0.1.0`).
    pub fn crate_version(mut self, version: impl Into<String>) -> Self {
        self.crate_version = Some(version.into());
        self
    }

    /// The model files this generator reads.
    pub fn model_paths(&self) -> &[PathBuf] {
        &self.models
    }

    /// Loads and resolves the models into the IR, without emitting code.
    pub fn resolve(&self) -> Result<ir::Service, Diagnostics> {
        if self.models.is_empty() {
            return Err(Diagnostic::new("no model file given")
                .with_help("pass a Smithy JSON AST file with --model")
                .into());
        }
        let model = ast::Model::load_files(&self.models)?;
        resolve::resolve(&model, &self.selection)
    }

    /// Runs the whole pipeline and returns the generated crate's files in memory.
    /// Operations left out of an all-operations run are in
    /// [`GeneratedFiles::notes`].
    pub fn generate(&self) -> Result<GeneratedFiles, Diagnostics> {
        let service = self.resolve()?;
        let mut files = emit::emit_crate(&service, &self.emit_options())?;
        for note in Self::notes_of(&service) {
            files.note(note);
        }
        Ok(files)
    }

    /// What a user should know about generating this service that is not an
    /// error: operations left out, patterns `validate()` cannot check.
    pub fn notes_of(service: &ir::Service) -> Vec<String> {
        let skipped = service
            .skipped_operations
            .iter()
            .map(|(name, why)| format!("operation `{name}` was not generated: it {why}"));
        let unchecked = service.unchecked_patterns.iter().map(|(at, pattern, why)| {
            format!(
                "validate() does not check the @pattern {pattern:?} at {at}: it does not compile ({why})"
            )
        });
        skipped.chain(unchecked).collect()
    }

    /// The package name the generated crate gets (the `crate_name` setting, else
    /// derived from the service), after resolving the models.
    pub fn package_name(&self) -> Result<String, Diagnostics> {
        let service = self.resolve()?;
        Ok(self.package_name_of(&service))
    }

    /// Runs the whole pipeline and returns the crate as a single Rust file, for
    /// `include!` inside the module `module_path` of another crate (see
    /// [`build_helper`]). Every `crate::` path in it is rebased onto `module_path`.
    pub fn generate_single_file(&self, module_path: &[String]) -> Result<String, Diagnostics> {
        let service = self.resolve()?;
        self.single_file_of(&service, module_path)
    }

    /// The package name for an already resolved service (see [`Generator::package_name`]).
    pub fn package_name_of(&self, service: &ir::Service) -> String {
        emit::crate_files::package_name(service, &self.emit_options())
    }

    /// The single-file form (see [`Generator::generate_single_file`]) of an
    /// already resolved service.
    pub fn single_file_of(
        &self,
        service: &ir::Service,
        module_path: &[String],
    ) -> Result<String, Diagnostics> {
        emit::emit_single_file(service, &self.emit_options(), module_path)
    }

    fn emit_options(&self) -> emit::CrateOptions {
        emit::CrateOptions {
            crate_name: self.crate_name.clone(),
            crate_version: self.crate_version.clone(),
        }
    }
}
