//! Development-only crate for the runtime that every generated crate embeds.
//!
//! The code generator copies the files of this crate's `src/` directory
//! (except this `lib.rs`) verbatim into each generated crate as the module
//! `crate::rt` (`src/rt/<file>.rs`, with a generated `src/rt/mod.rs`). This
//! crate exists only so that those files can be compiled, linted and tested
//! on their own: it is never published and nothing depends on it.
//!
//! Because the files must work under any crate name, they refer to each
//! other only through `super::<module>`, and their doc examples are marked
//! `ignore` (they are written against `crate::rt` paths); the same examples
//! are exercised by this crate's integration tests.

pub mod big_number;
pub mod blob;
pub mod builder;
pub mod error;
pub mod http;
pub mod json;
pub mod timestamp;
pub mod validate;
