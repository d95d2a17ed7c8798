//! Error structures: the structure itself plus its code, HTTP status, fault,
//! message, `Display` and `std::error::Error`.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Fault, Member, Service, StructRole, Structure, Type};

/// The member holding an error's human-readable message, when there is one.
pub fn message_member(s: &Structure) -> Option<&Member> {
    s.members.iter().find(|m| {
        matches!(m.value.ty, Type::String)
            && matches!(
                m.name.to_ascii_lowercase().as_str(),
                "message" | "errormessage"
            )
    })
}

/// Emits the structure with its error impls.
pub fn emit(service: &Service, s: &Structure) -> TokenStream {
    let StructRole::Error(info) = &s.role else {
        return super::structure::emit(service, s);
    };
    let base = super::structure::emit(service, s);
    let name = ident(&s.path.name);
    let code = s.id.name();
    let status = info.http_status;
    let fault = match info.fault {
        Fault::Client => quote!(crate::rt::error::ErrorFault::Client),
        Fault::Server => quote!(crate::rt::error::ErrorFault::Server),
    };
    let retryable = info.retryable;
    let code_doc = format!(" The error code, `{code}`.");
    let message = match message_member(s) {
        Some(m) => {
            let f = ident(&m.field);
            if m.optional {
                quote!(self.#f.as_deref())
            } else {
                quote!(::std::option::Option::Some(self.#f.as_str()))
            }
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        #base

        impl #name {
            /// The error code the service sends for this error.
            pub const CODE: &'static str = #code;
            /// The HTTP status code the service sends with this error.
            pub const HTTP_STATUS: u16 = #status;

            #[doc = #code_doc]
            pub fn code(&self) -> &'static str {
                Self::CODE
            }

            /// The HTTP status code the service sends with this error.
            pub fn http_status(&self) -> u16 {
                Self::HTTP_STATUS
            }

            /// Whether the caller (client) or the service (server) is at fault.
            pub fn fault(&self) -> crate::rt::error::ErrorFault {
                #fault
            }

            /// Whether the model marks this error as safe to retry.
            pub fn is_retryable(&self) -> bool {
                #retryable
            }

            /// The human-readable message, when the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                #message
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(Self::CODE)?;
                if let ::std::option::Option::Some(message) = self.message() {
                    write!(f, ": {message}")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for #name {}
    }
}
