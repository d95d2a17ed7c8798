//! The runtime every generated crate carries as `crate::rt`: real Rust files
//! (compiled and tested on their own as the `smithy-runtime-dev` crate in
//! `codegen/runtime/`), embedded here verbatim.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;

/// Runtime module names and their source text, in module order.
pub const FILES: &[(&str, &str)] = &[
    (
        "big_number",
        include_str!("../../runtime/src/big_number.rs"),
    ),
    ("blob", include_str!("../../runtime/src/blob.rs")),
    ("builder", include_str!("../../runtime/src/builder.rs")),
    ("error", include_str!("../../runtime/src/error.rs")),
    ("http", include_str!("../../runtime/src/http.rs")),
    ("json", include_str!("../../runtime/src/json.rs")),
    ("timestamp", include_str!("../../runtime/src/timestamp.rs")),
    ("validate", include_str!("../../runtime/src/validate.rs")),
];

/// `src/rt/mod.rs`: declares the runtime modules.
///
/// With `inline`, each module's body (parsed from [`FILES`], same order) is written in place.
pub fn mod_rs(inline: Option<&[TokenStream]>) -> TokenStream {
    let mods = FILES.iter().enumerate().map(|(i, (name, _))| {
        let m = ident(name);
        match inline.and_then(|bodies| bodies.get(i)) {
            Some(body) => quote!(pub mod #m { #body }),
            None => quote!(pub mod #m;),
        }
    });
    quote! {
        //! The runtime this crate carries: timestamps, blobs, big numbers, the JSON
        //! codec, HTTP binding helpers, validation and error types. It is the same in
        //! every crate the generator emits.
        #(#mods)*
    }
}
