//! Emit: IR in, formatted Rust files out.
//!
//! One module per kind of shape ([`structure`], [`enumeration`], [`union`],
//! [`error`], [`operation`]); the restJson1 wire layer lives apart in
//! [`crate::protocol::rest_json`]. Emitters build `TokenStream`s with `quote!`
//! and never format strings into code; [`format_file`] parses and pretty-prints
//! them with `prettyplease`.

pub mod crate_files;
pub mod enumeration;
pub mod error;
pub mod operation;
pub mod runtime;
pub mod structure;
pub mod union;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{NamedType, RustPath, Service, Type, ValueShape};
use crate::output::GeneratedFiles;

pub use crate_files::{CrateOptions, emit_crate, emit_single_file};

/// An identifier token from a name the [`crate::naming`] module produced
/// (`r#type` becomes a raw identifier). Characters that cannot appear in an
/// identifier are dropped, so this never panics.
pub fn ident(name: &str) -> Ident {
    let (raw, text) = match name.strip_prefix("r#") {
        Some(rest) => (true, rest),
        None => (false, name),
    };
    let mut clean: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if clean.is_empty() || clean == "_" {
        clean = "value".to_string();
    }
    if clean.starts_with(|c: char| c.is_ascii_digit()) {
        clean.insert(0, '_');
    }
    if raw && !matches!(clean.as_str(), "self" | "Self" | "super" | "crate") {
        Ident::new_raw(&clean, Span::call_site())
    } else if crate::naming::is_keyword(&clean) {
        Ident::new(&format!("{clean}_"), Span::call_site())
    } else {
        Ident::new(&clean, Span::call_site())
    }
}

/// `crate::types::Foo` for a type's [`RustPath`].
pub fn path_tokens(path: &RustPath) -> TokenStream {
    let segments = path.module.iter().map(|m| ident(m));
    let name = ident(&path.name);
    quote!(crate::#(#segments::)*#name)
}

/// `#[doc = "..."]` attributes from a model documentation string (HTML), one per line.
pub fn doc_attrs(doc: Option<&str>) -> TokenStream {
    match doc {
        Some(html) => doc_lines(&crate::docs::html_to_markdown(html)),
        None => TokenStream::new(),
    }
}

/// `#[doc = "..."]` attributes for Markdown text written by the generator.
pub fn doc_lines(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#lines)*)
}

/// The Rust type of a value shape (without `Option`/`Box`).
pub fn rust_type(service: &Service, value: &ValueShape) -> TokenStream {
    type_tokens(service, &value.ty)
}

/// The Rust type of a [`Type`].
pub fn type_tokens(service: &Service, ty: &Type) -> TokenStream {
    match ty {
        Type::Blob => quote!(crate::rt::blob::Blob),
        Type::Boolean => quote!(bool),
        Type::String => quote!(::std::string::String),
        Type::Byte => quote!(i8),
        Type::Short => quote!(i16),
        Type::Integer => quote!(i32),
        Type::Long => quote!(i64),
        Type::Float => quote!(f32),
        Type::Double => quote!(f64),
        Type::BigInteger => quote!(crate::rt::big_number::BigInteger),
        Type::BigDecimal => quote!(crate::rt::big_number::BigDecimal),
        Type::Timestamp => quote!(crate::rt::timestamp::Timestamp),
        Type::Document => quote!(::serde_json::Value),
        Type::Enum(id) | Type::IntEnum(id) | Type::Structure(id) | Type::Union(id) => {
            match service.types.get(id) {
                Some(named) => path_tokens(named.path()),
                // Unit targets (union variants without a value) have no type of their own.
                None => quote!(()),
            }
        }
        Type::List(c) => {
            let inner = rust_type(service, &c.member);
            if c.sparse {
                quote!(::std::vec::Vec<::std::option::Option<#inner>>)
            } else {
                quote!(::std::vec::Vec<#inner>)
            }
        }
        Type::Map(c) => {
            let inner = rust_type(service, &c.member);
            if c.sparse {
                quote!(::std::collections::HashMap<::std::string::String, ::std::option::Option<#inner>>)
            } else {
                quote!(::std::collections::HashMap<::std::string::String, #inner>)
            }
        }
    }
}

/// True when a type is `smithy.api#Unit` (a union variant without a value).
pub fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Structure(id) if id.is_prelude() && id.name() == "Unit")
}

/// True when the value, or anything inside its collections, is `@sensitive`.
pub fn contains_sensitive(value: &ValueShape) -> bool {
    value.sensitive
        || match &value.ty {
            Type::List(c) | Type::Map(c) => contains_sensitive(&c.member),
            _ => false,
        }
}

/// The comment at the top of a generated `Cargo.toml`.
pub const CARGO_HEADER: &str = "# Generated by codegen from a Smithy model. DO NOT EDIT.";

/// The comment at the top of every generated file.
pub const FILE_HEADER: &str = "// Code generated by codegen from a Smithy model. DO NOT EDIT.\n// Change the model and run codegen again instead.\n\n";

/// Parses a token stream as a file and pretty-prints it, after [`FILE_HEADER`].
// A diagnostic is built at most once per run, on a generator bug; boxing it
// would only make every caller's signature noisier.
#[allow(clippy::result_large_err)]
pub fn format_file(name: &str, tokens: TokenStream) -> Result<String, Diagnostic> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| {
        Diagnostic::new(format!(
            "internal error: the code generated for `{name}` does not parse: {e}"
        ))
        .with_help("this is a bug in the generator; please report it with the model")
    })?;
    let body = prettyplease::unparse(&file);
    Ok(format!("{FILE_HEADER}{body}"))
}

/// Adds a formatted file to `files`, collecting a formatting failure into `diags`.
pub fn add_file(
    files: &mut GeneratedFiles,
    diags: &mut Diagnostics,
    path: &str,
    tokens: TokenStream,
) {
    match format_file(path, tokens) {
        Ok(text) => files.insert(path, text),
        Err(d) => diags.push(d),
    }
}

/// The named types that live in the given top-level module (`types` or `error`), in id order.
pub fn types_in<'s>(service: &'s Service, module: &str) -> Vec<&'s NamedType> {
    service
        .types
        .values()
        .filter(|t| t.path().module.len() == 1 && t.path().module[0] == module)
        .collect()
}
