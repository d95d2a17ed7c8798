//! String enums and integer enums: one Rust enum each, with an `Unknown`
//! variant that keeps values this model version does not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::structure::REDACTED;
use super::{doc_attrs, doc_lines, ident};
use crate::ir::{Enum, IntEnum};

/// Emits a string enum with `as_str`, `values`, `From<&str>`, `FromStr`, `Display` and serde.
pub fn emit_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.path.name);
    let doc = doc_attrs(e.doc.as_deref());
    let fallback_doc = if e.doc.is_none() {
        doc_lines(&format!("The `{}` enum.", e.id.name()))
    } else {
        TokenStream::new()
    };
    let values_doc = {
        let listed: Vec<String> = e
            .values
            .iter()
            .map(|v| format!("- `{}`", v.value))
            .collect();
        doc_lines(&format!(
            "\nKnown values:\n\n{}\n\nA value the service sends that this list lacks is kept as [`{}::Unknown`], whose `as_str()` gives it back unchanged.",
            listed.join("\n"),
            e.path.name
        ))
    };
    let variants = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let doc = match &v.doc {
            Some(_) => doc_attrs(v.doc.as_deref()),
            None => doc_lines(&format!("The value `{}`.", v.value)),
        };
        quote! { #doc #var, }
    });
    let as_str_arms = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let value = &v.value;
        quote!(#name::#var => #value,)
    });
    let from_arms = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let value = &v.value;
        quote!(#value => #name::#var,)
    });
    let values = e.values.iter().map(|v| &v.value);
    let debug = if e.sensitive {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(#REDACTED)
                }
            }
        }
    } else {
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #name::Unknown(value) => f.debug_tuple("Unknown").field(value).finish(),
                        known => f.write_str(known.variant_name()),
                    }
                }
            }
        }
    };
    let variant_name_arms = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let text = var.to_string();
        quote!(#name::#var => #text,)
    });
    let variant_name_fn = if e.sensitive {
        TokenStream::new()
    } else {
        quote! {
            fn variant_name(&self) -> &'static str {
                match self {
                    #(#variant_name_arms)*
                    #name::Unknown(_) => "Unknown",
                }
            }
        }
    };
    quote! {
        #doc
        #fallback_doc
        #values_doc
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value not known to this version of the model, kept exactly as received.
            Unknown(crate::rt::builder::UnknownVariantValue),
        }

        impl #name {
            /// The wire string of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    #name::Unknown(value) => value.as_str(),
                }
            }

            /// Every wire string this version of the model knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }

            #variant_name_fn
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_arms)*
                    other => #name::Unknown(crate::rt::builder::UnknownVariantValue(other.to_owned())),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                #name::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(#name::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #debug

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(#name::from(value.as_str()))
            }
        }
    }
}

/// Emits an integer enum with `as_i32`, `values`, `From<i32>`, `Display` and serde.
pub fn emit_int_enum(e: &IntEnum) -> TokenStream {
    let name = ident(&e.path.name);
    let doc = doc_attrs(e.doc.as_deref());
    let fallback_doc = if e.doc.is_none() {
        doc_lines(&format!("The `{}` integer enum.", e.id.name()))
    } else {
        TokenStream::new()
    };
    let variants = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let doc = match &v.doc {
            Some(_) => doc_attrs(v.doc.as_deref()),
            None => doc_lines(&format!("The value `{}`.", v.value)),
        };
        quote! { #doc #var, }
    });
    let as_arms = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let value = v.value;
        quote!(#name::#var => #value,)
    });
    let from_arms = e.values.iter().map(|v| {
        let var = ident(&v.variant);
        let value = v.value;
        quote!(#value => #name::#var,)
    });
    let values = e.values.iter().map(|v| v.value);
    quote! {
        #doc
        #fallback_doc
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value not known to this version of the model, kept exactly as received.
            Unknown(i32),
        }

        impl #name {
            /// The wire integer of this value.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #(#as_arms)*
                    #name::Unknown(value) => *value,
                }
            }

            /// Every integer this version of the model knows, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_arms)*
                    other => #name::Unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i32(), f)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <i32 as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(#name::from(value))
            }
        }
    }
}
