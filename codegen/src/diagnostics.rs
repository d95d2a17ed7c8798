//! Problems found in a model, collected per phase and reported together.
//!
//! Every stage of the pipeline (load, resolve, emit) pushes [`Diagnostic`]s into
//! a [`Diagnostics`] list instead of stopping at the first one; the pipeline
//! stops *between* phases when the list is non-empty, so a user sees every
//! problem of a phase in one run.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the input, with enough context to find and fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The model file the problem is in, when it comes from a file.
    pub file: Option<PathBuf>,
    /// The shape the problem belongs to, e.g. `com.example#Foo`.
    pub shape: Option<String>,
    /// A JSON path inside the file, e.g. `shapes."com.example#Foo".members.bar.target`.
    pub json_path: Option<String>,
    /// Line and column (1-based) when the problem is a syntax error.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is an obvious way.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new diagnostic with only a message.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            file: None,
            shape: None,
            json_path: None,
            line_col: None,
            message: message.into(),
            help: None,
        }
    }

    /// Attaches the model file.
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Attaches the shape id.
    pub fn at_shape(mut self, shape: impl Into<String>) -> Self {
        self.shape = Some(shape.into());
        self
    }

    /// Attaches the JSON path.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.json_path = Some(path.into());
        self
    }

    /// Attaches a line and column.
    pub fn at_line_col(mut self, line: usize, column: usize) -> Self {
        self.line_col = Some((line, column));
        self
    }

    /// Attaches a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        let mut location = String::new();
        if let Some(file) = &self.file {
            location.push_str(&file.display().to_string());
            if let Some((line, col)) = self.line_col {
                location.push_str(&format!(":{line}:{col}"));
            }
        }
        if !location.is_empty() {
            write!(f, "\n  --> {location}")?;
        }
        if let Some(shape) = &self.shape {
            write!(f, "\n  shape: {shape}")?;
        }
        if let Some(path) = &self.json_path {
            write!(f, "\n  at: {path}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A list of problems; an error when non-empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// True when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates over the problems.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Fills in `file` on every diagnostic that has none.
    pub fn with_file(mut self, file: &Path) -> Self {
        for d in &mut self.0 {
            if d.file.is_none() {
                d.file = Some(file.to_path_buf());
            }
        }
        self
    }

    /// `Err(self)` when any problem was collected, so a phase can end with `diags.into_result(value)?`.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}
