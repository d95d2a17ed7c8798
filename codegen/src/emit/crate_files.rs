//! Assembles the whole generated crate: `Cargo.toml`, the module tree, one file
//! per shape, the operation modules and the embedded runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::{add_file, doc_lines, ident, types_in};
use crate::diagnostics::Diagnostics;
use crate::ir::{NamedType, Service, StructRole, Type, ValueShape};
use crate::naming;
use crate::output::GeneratedFiles;

/// Crate-level settings for the emitted crate.
#[derive(Debug, Clone, Default)]
pub struct CrateOptions {
    /// The package name; default derived from the service.
    pub crate_name: Option<String>,
    /// The package version; default `0.1.0`.
    pub crate_version: Option<String>,
}

/// The package name for a service: the option, else its SDK id, else its shape name.
pub fn package_name(service: &Service, options: &CrateOptions) -> String {
    match &options.crate_name {
        Some(n) => n.clone(),
        None => naming::crate_name(service.sdk_id.as_deref().unwrap_or(service.id.name())),
    }
}

/// A module of the generated crate: its file path (multi-file layout) and its tokens.
struct ModuleFile {
    path: String,
    tokens: TokenStream,
}

/// One top-level module (`types`, `error`): its name, `(file stem, type name,
/// builder name)` per file, and the files' modules.
type ModuleGroup = (
    &'static str,
    Vec<(String, String, Option<String>)>,
    Vec<ModuleFile>,
);

/// Every Rust module of the crate except `lib.rs` and the `mod.rs` files, plus
/// what the `mod.rs` files list, in a fixed order.
struct ModuleTree {
    /// `(top-level module, [(file stem, type name, builder name)], per-file modules)`.
    groups: Vec<ModuleGroup>,
    operations: Vec<ModuleFile>,
}

fn module_tree(service: &Service) -> ModuleTree {
    let mut groups = Vec::new();
    for module in ["types", "error"] {
        let mut mods = Vec::new();
        let mut files = Vec::new();
        for named in types_in(service, module) {
            let (file_mod, tokens) = match named {
                NamedType::Structure(s) => {
                    let body = if matches!(s.role, StructRole::Error(_)) {
                        super::error::emit(service, s)
                    } else {
                        super::structure::emit(service, s)
                    };
                    let codec = crate::protocol::rest_json::structure_codec(service, s);
                    let validate = crate::protocol::rest_json::structure_validate(service, s);
                    (s.module.clone(), quote!(#body #codec #validate))
                }
                NamedType::Union(u) => {
                    let body = super::union::emit(service, u);
                    let codec = crate::protocol::rest_json::union_codec(service, u);
                    let validate = crate::protocol::rest_json::union_validate(service, u);
                    (u.module.clone(), quote!(#body #codec #validate))
                }
                NamedType::Enum(e) => (e.module.clone(), super::enumeration::emit_enum(e)),
                NamedType::IntEnum(e) => (e.module.clone(), super::enumeration::emit_int_enum(e)),
            };
            let builder = matches!(named, NamedType::Structure(_))
                .then(|| naming::builder_name(&named.path().name));
            mods.push((file_mod.clone(), named.path().name.clone(), builder));
            files.push(ModuleFile {
                path: format!("src/{module}/{file_mod}.rs"),
                tokens,
            });
        }
        groups.push((module, mods, files));
    }
    let operations = service
        .operations
        .iter()
        .map(|op| ModuleFile {
            path: format!("src/operation/{}.rs", op.module),
            tokens: super::operation::emit(service, op),
        })
        .collect();
    ModuleTree { groups, operations }
}

/// Emits every file of the crate.
pub fn emit_crate(
    service: &Service,
    options: &CrateOptions,
) -> Result<GeneratedFiles, Diagnostics> {
    let mut files = GeneratedFiles::new();
    let mut diags = Diagnostics::new();
    let package = package_name(service, options);
    if let Err(problem) = naming::check_package_name(&package) {
        return Err(crate::diagnostics::Diagnostic::new(format!(
            "`{package}` cannot be the generated crate's name: {problem}"
        ))
        .with_help("pass a name like `my-service` with --crate-name")
        .into());
    }
    if let Some(version) = &options.crate_version {
        if !is_plain_version(version) {
            return Err(crate::diagnostics::Diagnostic::new(format!(
                "`{version}` is not a crate version (expected MAJOR.MINOR.PATCH, like 1.2.3)"
            ))
            .into());
        }
    }
    files.insert("Cargo.toml", cargo_toml(service, &package, options));

    let (lib_inner, lib_items) = lib_rs(service, &package, None);
    add_file(
        &mut files,
        &mut diags,
        "src/lib.rs",
        quote!(#lib_inner #lib_items),
    );

    for (name, text) in super::runtime::FILES {
        // The header marks the copy as the generator's to overwrite.
        files.insert(
            format!("src/rt/{name}.rs"),
            format!("{}{text}", super::FILE_HEADER),
        );
    }
    add_file(
        &mut files,
        &mut diags,
        "src/rt/mod.rs",
        super::runtime::mod_rs(None),
    );

    let tree = module_tree(service);
    for (module, mods, module_files) in &tree.groups {
        for file in module_files {
            add_file(&mut files, &mut diags, &file.path, file.tokens.clone());
        }
        add_file(
            &mut files,
            &mut diags,
            &format!("src/{module}/mod.rs"),
            mod_rs(module, mods, None),
        );
    }
    for file in &tree.operations {
        add_file(&mut files, &mut diags, &file.path, file.tokens.clone());
    }
    add_file(
        &mut files,
        &mut diags,
        "src/operation/mod.rs",
        operation_mod_rs(service, None),
    );
    diags.into_result(files)
}

/// Emits the whole crate as one Rust file for `include!` from a build script,
/// to be included inside the module `module_path` of the including crate
/// (empty: at its root). Crate-level attributes are left out, and every
/// `crate::` path is rebased onto `module_path`.
pub fn emit_single_file(
    service: &Service,
    options: &CrateOptions,
    module_path: &[String],
) -> Result<String, Diagnostics> {
    let mut diags = Diagnostics::new();
    let package = package_name(service, options);
    let tree = module_tree(service);
    let mut runtime = Vec::new();
    for (name, text) in super::runtime::FILES {
        match syn::parse_file(text) {
            Ok(file) => runtime.push(quote!(#file)),
            Err(e) => diags.push(crate::diagnostics::Diagnostic::new(format!(
                "internal error: runtime module `{name}` does not parse: {e}"
            ))),
        }
    }
    let rt = super::runtime::mod_rs(Some(&runtime));
    let groups = tree.groups.iter().map(|(module, mods, files)| {
        let inline: Vec<TokenStream> = files.iter().map(|f| f.tokens.clone()).collect();
        let body = mod_rs(module, mods, Some(&inline));
        let m = ident(module);
        quote!(#[allow(deprecated)] pub mod #m { #body })
    });
    let ops: Vec<TokenStream> = tree.operations.iter().map(|f| f.tokens.clone()).collect();
    let operation = operation_mod_rs(service, Some(&ops));
    let (_, lib_items) = lib_rs(
        service,
        &package,
        Some(quote! {
            pub mod rt { #rt }
            #(#groups)*
            #[allow(deprecated)]
            pub mod operation { #operation }
        }),
    );
    let tokens = rebase_crate_paths(lib_items, module_path);
    if !diags.is_empty() {
        return Err(diags);
    }
    let text = super::format_file("single file", tokens).map_err(Diagnostics::from)?;
    let body = text.strip_prefix(super::FILE_HEADER).unwrap_or(&text);
    Ok(format!("{}{body}", single_file_header(service)))
}

/// The comment that opens the single file: where it comes from and the
/// dependencies the including crate must declare.
fn single_file_header(service: &Service) -> String {
    let deps = dependency_lines(service)
        .lines()
        .map(|line| format!("//     {line}\n"))
        .collect::<String>();
    format!(
        "{}\n\
         //\n\
         // The crate that includes this file needs these dependencies:\n\
         //\n\
         {deps}\n",
        super::FILE_HEADER.trim_end()
    )
}

/// Rewrites every `crate::` path to `crate::<module_path>::`.
fn rebase_crate_paths(tokens: TokenStream, module_path: &[String]) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    if module_path.is_empty() {
        return tokens;
    }
    let segments: Vec<proc_macro2::Ident> = module_path.iter().map(|m| ident(m)).collect();
    let mut out = Vec::new();
    let items: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            TokenTree::Ident(id) if id == "crate" => {
                let followed_by_path = matches!(
                    (items.get(i + 1), items.get(i + 2)),
                    (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':'
                );
                out.push(items[i].clone());
                if followed_by_path {
                    out.extend(quote!(#(:: #segments)*));
                }
            }
            TokenTree::Group(g) => {
                let mut ng = Group::new(g.delimiter(), rebase_crate_paths(g.stream(), module_path));
                ng.set_span(g.span());
                out.push(TokenTree::Group(ng));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

fn operation_mod_rs(service: &Service, inline: Option<&[TokenStream]>) -> TokenStream {
    let op_mods = service.operations.iter().enumerate().map(|(i, op)| {
        let m = ident(&op.module);
        let d = format!(" The `{}` operation.", op.name);
        match inline.and_then(|bodies| bodies.get(i)) {
            // Inline, the line goes inside with the module's own inner docs
            // (outer and inner docs on one item is a clippy lint).
            Some(body) => quote! { pub mod #m { #![doc = #d] #body } },
            None => quote! { #[doc = #d] pub mod #m; },
        }
    });
    quote! {
        //! One module per operation: its input, output and error types, and the
        //! functions that build its HTTP request and read its HTTP response.
        #(#op_mods)*
    }
}

fn mod_rs(
    module: &str,
    mods: &[(String, String, Option<String>)],
    inline: Option<&[TokenStream]>,
) -> TokenStream {
    let doc = match module {
        "types" => "The data types of the service: structures, unions and enums.",
        _ => "The service's error structures, and the runtime's error types.",
    };
    let doc = doc_lines(doc);
    let inner = doc.into_iter().map(|tt| match tt {
        proc_macro2::TokenTree::Punct(p) if p.as_char() == '#' => quote!(#p !),
        other => quote!(#other),
    });
    let items = mods.iter().enumerate().map(|(i, (file, name, builder))| {
        let file = ident(file);
        let name = ident(name);
        let decl = match inline.and_then(|bodies| bodies.get(i)) {
            Some(body) => quote!(mod #file { #body }),
            None => quote!(mod #file;),
        };
        match builder {
            Some(b) => {
                let b = ident(b);
                quote! { #decl pub use #file::{#name, #b}; }
            }
            None => quote! { #decl pub use #file::#name; },
        }
    });
    // The runtime types re-exported next to the model's, except where a model
    // shape has the name (an error shape called `ValidationError`): the shape
    // wins, and the runtime type stays reachable under `crate::rt`.
    let runtime_exports: &[(&str, &str)] = if module == "error" {
        &[
            ("builder", "BuildError"),
            ("error", "BuildRequestError"),
            ("error", "ErrorFault"),
            ("error", "ResponseError"),
            ("error", "UnhandledError"),
            ("json", "DeserializeError"),
            ("validate", "ValidationError"),
        ]
    } else {
        &[("builder", "UnknownVariantValue")]
    };
    let taken: std::collections::BTreeSet<&str> = mods
        .iter()
        .flat_map(|(_, name, builder)| std::iter::once(name.as_str()).chain(builder.as_deref()))
        .collect();
    let extra = runtime_exports
        .iter()
        .filter(|(_, name)| !taken.contains(name))
        .map(|(rt_module, name)| {
            let (rt_module, name) = (ident(rt_module), ident(name));
            quote!(pub use crate::rt::#rt_module::#name;)
        });
    let extra = quote!(#(#extra)*);
    quote! {
        #(#inner)*
        #(#items)*
        #extra
    }
}

/// The crate root: its inner attributes (docs, lints) and its items. With
/// `inline`, the module declarations are replaced by the given inline modules.
fn lib_rs(
    service: &Service,
    package: &str,
    inline: Option<TokenStream>,
) -> (TokenStream, TokenStream) {
    let title = service
        .title
        .clone()
        .unwrap_or_else(|| service.id.name().to_string());
    let mut text = format!("Types and restJson1 wire functions for {title}.\n");
    if let Some(doc) = &service.doc {
        text.push('\n');
        text.push_str(&crate::docs::html_to_markdown(doc));
        text.push('\n');
    }
    let lib = package.replace('-', "_");
    let first = service
        .operations
        .first()
        .map(|o| o.module.clone())
        .unwrap_or_default();
    text.push_str(&format!(
        "\n# Layout\n\n- [`operation`]: one module per operation ({} here), with its input, output and error types and the functions that turn them into HTTP messages and back.\n- [`types`]: the structures, unions and enums the operations share.\n- [`error`]: the modeled error structures and the runtime's error types.\n- [`rt`]: the runtime every generated crate carries (timestamps, blobs, JSON and HTTP helpers).\n\nThis crate has no HTTP client: build an `http::Request` with `operation::<name>::build_request`, send it with any client (and sign it, e.g. with SigV4), then read the `http::Response` with `operation::<name>::parse_response`.\n",
        service.operations.len()
    ));
    if !first.is_empty() {
        text.push_str(&format!(
            "\nThe first operation's module is `{lib}::operation::{first}`.\n"
        ));
    }
    if !service.skipped_operations.is_empty() {
        text.push_str("\n# Not generated\n\n");
        for (name, why) in &service.skipped_operations {
            text.push_str(&format!("- `{name}` {why}.\n"));
        }
    }
    let version = service.version.clone().unwrap_or_default();
    text.push_str(&format!(
        "\nGenerated from the Smithy model of `{}` (version `{version}`). Do not edit by hand: regenerate instead.\n",
        service.id
    ));
    let docs = text.lines().map(|l| {
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#![doc = #l])
    });
    let modules = inline.unwrap_or_else(|| {
        quote! {
            // Deprecated members are still read and written by the generated
            // code itself; users of them get the warning.
            #[allow(deprecated)]
            pub mod error;
            #[allow(deprecated)]
            pub mod operation;
            pub mod rt;
            #[allow(deprecated)]
            pub mod types;
        }
    });
    let inner = quote! {
        #(#docs)*
        #![forbid(unsafe_code)]
    };
    let items = quote! {
        #modules

        pub use rt::blob::Blob;
        pub use rt::builder::RequestId;
        pub use rt::timestamp::Timestamp;
    };
    (inner, items)
}

fn uses_type(service: &Service, pred: &dyn Fn(&Type) -> bool) -> bool {
    fn walk(v: &ValueShape, pred: &dyn Fn(&Type) -> bool) -> bool {
        pred(&v.ty)
            || match &v.ty {
                Type::List(c) | Type::Map(c) => walk(&c.member, pred),
                _ => false,
            }
    }
    service.types.values().any(|t| {
        let members = match t {
            NamedType::Structure(s) => &s.members,
            NamedType::Union(u) => &u.variants,
            _ => return false,
        };
        members.iter().any(|m| walk(&m.value, pred))
    })
}

fn cargo_toml(service: &Service, package: &str, options: &CrateOptions) -> String {
    let version = options
        .crate_version
        .clone()
        .unwrap_or_else(|| "0.1.0".to_string());
    let title = service
        .title
        .clone()
        .unwrap_or_else(|| service.id.name().to_string());
    let description = toml_escape(&format!(
        "{title}: types and restJson1 request/response functions generated from the Smithy model"
    ));
    format!(
        r#"{header}
[package]
name = "{package}"
version = "{version}"
edition = "2021"
rust-version = "1.82"
description = "{description}"
license = "Apache-2.0"
publish = false

[dependencies]
{dependencies}"#,
        header = super::CARGO_HEADER,
        dependencies = dependency_lines(service)
    )
}

/// The `[dependencies]` lines of a generated crate, one a line (also listed
/// at the top of the single-file form, for the crate that includes it).
fn dependency_lines(service: &Service) -> String {
    let big = uses_type(service, &|t| {
        matches!(t, Type::BigInteger | Type::BigDecimal)
    });
    let serde_json = if big {
        "serde_json = { version = \"1.0.140\", features = [\"arbitrary_precision\"] }"
    } else {
        "serde_json = \"1.0.140\""
    };
    format!(
        r#"base64 = "0.22.1"
fancy-regex = "0.20.2"
http = "1.3.1"
percent-encoding = "2.3.1"
serde = "1.0.219"
{serde_json}
time = {{ version = "0.3.41", features = ["formatting", "parsing", "macros"] }}
"#
    )
}

/// `text` as the inside of a TOML basic string: `\\`, `"` and control
/// characters escaped (a model's title may hold any of them).
fn toml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Whether `version` is a plain `MAJOR.MINOR.PATCH` (pre-release and build
/// suffixes of letters, digits, `.` and `-` allowed).
fn is_plain_version(version: &str) -> bool {
    let (core, suffix_ok) = match version.split_once(['-', '+']) {
        Some((core, suffix)) => (
            core,
            !suffix.is_empty()
                && suffix
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+')),
        ),
        None => (version, true),
    };
    suffix_ok
        && core.split('.').count() == 3
        && core
            .split('.')
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_escape_everything_toml_needs() {
        assert_eq!(
            toml_escape("a \"b\" \\ c\nd\u{1}"),
            "a \\\"b\\\" \\\\ c\\nd\\u0001"
        );
    }

    #[test]
    fn versions() {
        for ok in ["0.1.0", "1.2.3-beta.1", "10.0.0+build5"] {
            assert!(is_plain_version(ok), "{ok}");
        }
        for bad in ["1.2", "1.2.x", "", "1.2.3-", "1..3"] {
            assert!(!is_plain_version(bad), "{bad}");
        }
    }
}
