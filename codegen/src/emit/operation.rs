//! Operation modules: the input and output structures, the operation's error
//! enum, and constants describing its HTTP binding. The restJson1 functions that
//! build requests and parse responses are added by [`crate::protocol::rest_json`].

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, doc_lines, ident, path_tokens};
use crate::ir::{Operation, Service};
use crate::naming;

/// Emits the whole operation module.
pub fn emit(service: &Service, op: &Operation) -> TokenStream {
    let doc = doc_attrs(op.doc.as_deref());
    let method = &op.http.method;
    let uri = &op.http.uri;
    let code = op.http.code;
    let code_lit = proc_macro2::Literal::u16_unsuffixed(code);
    let name = &op.name;
    let input = service
        .structure(&op.input)
        .map(|s| super::structure::emit(service, s))
        .unwrap_or_default();
    let output = service
        .structure(&op.output)
        .map(|s| super::structure::emit(service, s))
        .unwrap_or_default();
    let error_enum = error_enum(service, op);
    let wire = crate::protocol::rest_json::operation(service, op);
    let summary = doc_lines(&format!(
        "\nThe `{name}` operation: `{method} {uri}`, answering `{code}` on success."
    ));
    let deprecated = match &op.deprecated {
        Some(note) if !note.is_empty() => {
            let text = format!("\n**Deprecated:** {note}");
            doc_lines(&text)
        }
        Some(_) => doc_lines("\n**Deprecated.**"),
        None => TokenStream::new(),
    };
    let inner_docs = inner_doc(&quote!(#doc #summary #deprecated));
    quote! {
        #inner_docs

        /// The operation's name in the model.
        pub const OPERATION_NAME: &str = #name;
        /// The HTTP method.
        pub const METHOD: &str = #method;
        /// The URI template from the model's `@http` trait.
        pub const URI_TEMPLATE: &str = #uri;
        /// The HTTP status code of a successful response.
        pub const SUCCESS_CODE: u16 = #code_lit;

        #input
        #output
        #error_enum
        #wire
    }
}

/// Turns `#[doc = ..]` attributes into inner `#![doc = ..]` attributes.
fn inner_doc(outer: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut iter = outer.clone().into_iter().peekable();
    while let Some(tt) = iter.next() {
        if let proc_macro2::TokenTree::Punct(p) = &tt {
            if p.as_char() == '#' {
                if let Some(proc_macro2::TokenTree::Group(g)) = iter.next() {
                    let inner = g.stream();
                    out.extend(quote!(#![#inner]));
                }
                continue;
            }
        }
        out.extend(std::iter::once(tt));
    }
    out
}

/// Emits `<Op>Error`: one variant per error the operation (or service) declares,
/// `Unhandled` for any other error response, and `InvalidResponse` for a response
/// that could not be read.
pub fn error_enum(service: &Service, op: &Operation) -> TokenStream {
    let name = ident(&naming::operation_error_name(&op.name));
    let doc = doc_lines(&format!(
        "Every way the `{}` operation can fail once a response arrives.",
        op.name
    ));
    let errors: Vec<(proc_macro2::Ident, TokenStream, String)> = op
        .errors
        .iter()
        .filter_map(|id| service.structure(id))
        .map(|s| {
            (
                ident(&s.path.name),
                path_tokens(&s.path),
                s.id.name().to_string(),
            )
        })
        .collect();
    let variants = errors.iter().map(|(var, path, code)| {
        let d = format!(" The service returned `{code}`.");
        quote! { #[doc = #d] #var(#path), }
    });
    let code_arms = errors
        .iter()
        .map(|(var, _, _)| quote!(#name::#var(e) => ::std::option::Option::Some(e.code()),));
    let message_arms = errors
        .iter()
        .map(|(var, _, _)| quote!(#name::#var(e) => e.message(),));
    let status_arms = errors
        .iter()
        .map(|(var, _, _)| quote!(#name::#var(e) => ::std::option::Option::Some(e.http_status()),));
    let request_id_arms = errors
        .iter()
        .map(|(var, _, _)| quote!(#name::#var(e) => crate::rt::builder::RequestId::request_id(e),));
    let display_arms = errors
        .iter()
        .map(|(var, _, _)| quote!(#name::#var(e) => ::std::fmt::Display::fmt(e, f),));
    let source_arms = errors
        .iter()
        .map(|(var, _, _)| quote!(#name::#var(e) => ::std::option::Option::Some(e),));
    quote! {
        #doc
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error response whose code this model does not declare for the operation,
            /// or which carried no code at all.
            Unhandled(crate::rt::error::UnhandledError),
            /// A response that could not be read (a malformed body or header).
            InvalidResponse(crate::rt::error::ResponseError),
        }

        impl #name {
            /// The error code, when one is known.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#code_arms)*
                    #name::Unhandled(e) => e.code.as_deref(),
                    #name::InvalidResponse(_) => ::std::option::Option::None,
                }
            }

            /// The error message, when the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#message_arms)*
                    #name::Unhandled(e) => e.message.as_deref(),
                    #name::InvalidResponse(_) => ::std::option::Option::None,
                }
            }

            /// The HTTP status code the model declares for a modeled error, or the received one.
            pub fn http_status(&self) -> ::std::option::Option<u16> {
                match self {
                    #(#status_arms)*
                    #name::Unhandled(e) => ::std::option::Option::Some(e.status),
                    #name::InvalidResponse(e) => ::std::option::Option::Some(e.status()),
                }
            }
        }

        impl crate::rt::builder::RequestId for #name {
            fn request_id(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#request_id_arms)*
                    #name::Unhandled(e) => e.request_id.as_deref(),
                    #name::InvalidResponse(e) => e.request_id(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display_arms)*
                    #name::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                    #name::InvalidResponse(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source_arms)*
                    #name::Unhandled(e) => ::std::option::Option::Some(e),
                    #name::InvalidResponse(e) => ::std::option::Option::Some(e),
                }
            }
        }
    }
}
