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

/// Emits every file of the crate.
pub fn emit_crate(service: &Service, options: &CrateOptions) -> Result<GeneratedFiles, Diagnostics> {
    let mut files = GeneratedFiles::new();
    let mut diags = Diagnostics::new();
    let package = package_name(service, options);
    files.insert("Cargo.toml", cargo_toml(service, &package, options));

    add_file(&mut files, &mut diags, "src/lib.rs", lib_rs(service, &package));

    for (name, text) in super::runtime::FILES {
        files.insert(format!("src/rt/{name}.rs"), (*text).to_string());
    }
    add_file(&mut files, &mut diags, "src/rt/mod.rs", super::runtime::mod_rs());

    // types/ and error/: one file per shape, plus a mod.rs re-exporting them.
    for module in ["types", "error"] {
        let mut mods = Vec::new();
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
            add_file(&mut files, &mut diags, &format!("src/{module}/{file_mod}.rs"), tokens);
        }
        add_file(&mut files, &mut diags, &format!("src/{module}/mod.rs"), mod_rs(module, &mods));
    }

    for op in &service.operations {
        let tokens = super::operation::emit(service, op);
        add_file(&mut files, &mut diags, &format!("src/operation/{}.rs", op.module), tokens);
    }
    let op_mods = service.operations.iter().map(|op| {
        let m = ident(&op.module);
        let d = format!(" The `{}` operation.", op.name);
        quote! { #[doc = #d] pub mod #m; }
    });
    add_file(
        &mut files,
        &mut diags,
        "src/operation/mod.rs",
        quote! {
            //! One module per operation: its input, output and error types, and the
            //! functions that build its HTTP request and read its HTTP response.
            #(#op_mods)*
        },
    );
    diags.into_result(files)
}

fn mod_rs(module: &str, mods: &[(String, String, Option<String>)]) -> TokenStream {
    let doc = match module {
        "types" => "The data types of the service: structures, unions and enums.",
        _ => "The service's error structures, and the runtime's error types.",
    };
    let doc = doc_lines(doc);
    let inner = doc.into_iter().map(|tt| match tt {
        proc_macro2::TokenTree::Punct(p) if p.as_char() == '#' => quote!(#p !),
        other => quote!(#other),
    });
    let items = mods.iter().map(|(file, name, builder)| {
        let file = ident(file);
        let name = ident(name);
        match builder {
            Some(b) => {
                let b = ident(b);
                quote! { mod #file; pub use #file::{#name, #b}; }
            }
            None => quote! { mod #file; pub use #file::#name; },
        }
    });
    let extra = if module == "error" {
        quote! {
            pub use crate::rt::builder::BuildError;
            pub use crate::rt::error::{BuildRequestError, ErrorFault, ResponseError, UnhandledError};
            pub use crate::rt::json::DeserializeError;
            pub use crate::rt::validate::ValidationError;
        }
    } else {
        quote! {
            pub use crate::rt::builder::UnknownVariantValue;
        }
    };
    quote! {
        #(#inner)*
        #(#items)*
        #extra
    }
}

fn lib_rs(service: &Service, package: &str) -> TokenStream {
    let title = service.title.clone().unwrap_or_else(|| service.id.name().to_string());
    let mut text = format!("Types and restJson1 wire functions for {title}.\n");
    if let Some(doc) = &service.doc {
        text.push('\n');
        text.push_str(&crate::docs::html_to_markdown(doc));
        text.push('\n');
    }
    let lib = package.replace('-', "_");
    let first = service.operations.first().map(|o| o.module.clone()).unwrap_or_default();
    text.push_str(&format!(
        "\n# Layout\n\n- [`operation`]: one module per operation ({} here), with its input, output and error types and the functions that turn them into HTTP messages and back.\n- [`types`]: the structures, unions and enums the operations share.\n- [`error`]: the modeled error structures and the runtime's error types.\n- [`rt`]: the runtime every generated crate carries (timestamps, blobs, JSON and HTTP helpers).\n\nThis crate has no HTTP client: build an `http::Request` with `operation::<name>::build_request`, send it with any client (and sign it, e.g. with SigV4), then read the `http::Response` with `operation::<name>::parse_response`.\n",
        service.operations.len()
    ));
    if !first.is_empty() {
        text.push_str(&format!("\nThe first operation's module is `{lib}::operation::{first}`.\n"));
    }
    let version = service.version.clone().unwrap_or_default();
    text.push_str(&format!(
        "\nGenerated from the Smithy model of `{}` (version `{version}`). Do not edit by hand: regenerate instead.\n",
        service.id
    ));
    let docs = text.lines().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #l])
    });
    quote! {
        #(#docs)*
        #![forbid(unsafe_code)]

        pub mod error;
        pub mod operation;
        pub mod rt;
        pub mod types;

        pub use rt::blob::Blob;
        pub use rt::builder::RequestId;
        pub use rt::timestamp::Timestamp;
    }
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
    let version = options.crate_version.clone().unwrap_or_else(|| "0.1.0".to_string());
    let title = service.title.clone().unwrap_or_else(|| service.id.name().to_string());
    let big = uses_type(service, &|t| matches!(t, Type::BigInteger | Type::BigDecimal));
    let serde_json = if big {
        "serde_json = { version = \"1.0.140\", features = [\"arbitrary_precision\"] }"
    } else {
        "serde_json = \"1.0.140\""
    };
    let description = format!("{title}: types and restJson1 request/response functions generated from the Smithy model")
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    format!(
        r#"# Generated by codegen from a Smithy model. DO NOT EDIT.
[package]
name = "{package}"
version = "{version}"
edition = "2021"
rust-version = "1.82"
description = "{description}"
license = "Apache-2.0"
publish = false

[dependencies]
base64 = "0.22.1"
http = "1.3.1"
percent-encoding = "2.3.1"
regex = "1.11.1"
serde = "1.0.219"
{serde_json}
time = {{ version = "0.3.41", features = ["formatting", "parsing", "macros"] }}
"#
    )
}
