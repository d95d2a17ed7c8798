//! Tagged unions: one Rust enum with a variant per member and an `Unknown`
//! variant for members this model version does not know.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::structure::REDACTED;
use super::{contains_sensitive, doc_attrs, doc_lines, ident, is_unit, rust_type};
use crate::ir::{Service, Union};
use crate::naming;

/// Emits the union enum, its `Debug` and its accessors.
pub fn emit(service: &Service, u: &Union) -> TokenStream {
    let name = ident(&u.path.name);
    let doc = doc_attrs(u.doc.as_deref());
    let fallback_doc = if u.doc.is_none() {
        doc_lines(&format!(
            "The `{}` union: exactly one of its variants is set.",
            u.id.name()
        ))
    } else {
        TokenStream::new()
    };
    let variants = u.variants.iter().map(|m| {
        let var = ident(&m.field);
        let doc = match &m.doc {
            Some(_) => doc_attrs(m.doc.as_deref()),
            None => doc_lines(&format!("The `{}` member.", m.name)),
        };
        if is_unit(&m.value.ty) {
            quote! { #doc #var, }
        } else {
            let ty = rust_type(service, &m.value);
            let ty = if m.boxed {
                quote!(::std::boxed::Box<#ty>)
            } else {
                ty
            };
            quote! { #doc #var(#ty), }
        }
    });
    let debug_arms = u.variants.iter().map(|m| {
        let var = ident(&m.field);
        let label = m.field.clone();
        if is_unit(&m.value.ty) {
            quote!(#name::#var => f.write_str(#label),)
        } else if u.sensitive || m.sensitive || contains_sensitive(&m.value) {
            quote!(#name::#var(_) => f.debug_tuple(#label).field(&#REDACTED).finish(),)
        } else {
            quote!(#name::#var(value) => f.debug_tuple(#label).field(value).finish(),)
        }
    });
    let accessors = u.variants.iter().map(|m| {
        let var = ident(&m.field);
        let snake = naming::variant_accessor(&m.name);
        let is_fn = format_ident!("is_{}", snake);
        let as_fn = format_ident!("as_{}", snake);
        let is_doc = doc_lines(&format!("True when this is the `{}` variant.", m.field));
        if is_unit(&m.value.ty) {
            quote! {
                #is_doc
                pub fn #is_fn(&self) -> bool {
                    matches!(self, #name::#var)
                }
            }
        } else {
            let ty = rust_type(service, &m.value);
            let as_doc = doc_lines(&format!(
                "The `{}` value, or `Err(self)` when another variant is set.",
                m.field
            ));
            let get = if m.boxed {
                quote!(value.as_ref())
            } else {
                quote!(value)
            };
            quote! {
                #as_doc
                pub fn #as_fn(&self) -> ::std::result::Result<&#ty, &Self> {
                    match self {
                        #name::#var(value) => ::std::result::Result::Ok(#get),
                        other => ::std::result::Result::Err(other),
                    }
                }
                #is_doc
                pub fn #is_fn(&self) -> bool {
                    self.#as_fn().is_ok()
                }
            }
        }
    });
    quote! {
        #doc
        #fallback_doc
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        // Variants hold their values inline so they can be matched without unboxing.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A member not known to this version of the model. Sending it is an error.
            Unknown,
        }

        impl #name {
            #(#accessors)*

            /// True when the service sent a member this version of the model does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, #name::Unknown)
            }
        }

        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    #name::Unknown => f.write_str("Unknown"),
                }
            }
        }
    }
}
