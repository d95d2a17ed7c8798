//! Structures: the struct, its `Debug` (with `@sensitive` redaction) and its builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::{contains_sensitive, doc_attrs, doc_lines, ident, rust_type};
use crate::ir::{Member, Service, StructRole, Structure, Type, ValueShape};
use crate::naming;

/// The text `Debug` prints in place of `@sensitive` values.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// The field type of a member: `Option<T>`, `Box<T>` and both as needed.
pub fn field_type(service: &Service, member: &Member) -> TokenStream {
    let inner = rust_type(service, &member.value);
    let inner = if member.boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    };
    if member.optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// `opt.unwrap_or(..)` for literal values (cheap, and what clippy prefers), else `unwrap_or_else`.
pub fn unwrap_with(opt: TokenStream, value: &ValueShape, expr: TokenStream) -> TokenStream {
    let literal = matches!(
        value.ty,
        Type::Boolean
            | Type::Byte
            | Type::Short
            | Type::Integer
            | Type::Long
            | Type::Float
            | Type::Double
    );
    if matches!(value.ty, Type::List(_) | Type::Map(_)) {
        // A collection's only valid default is empty.
        quote!(#opt.unwrap_or_default())
    } else if literal {
        quote!(#opt.unwrap_or(#expr))
    } else {
        quote!(#opt.unwrap_or_else(|| #expr))
    }
}

/// The builder's storage type for a member: always an `Option` of the (boxed) value.
fn builder_field_type(service: &Service, member: &Member) -> TokenStream {
    let inner = rust_type(service, &member.value);
    let inner = if member.boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    };
    quote!(::std::option::Option<#inner>)
}

/// The expression for a member's `@default` value, when it can be written in
/// Rust. The resolver has already checked the value against the member's type
/// (see `resolve::default_problem`), so `None` only comes from a model the
/// resolver rejected.
pub fn default_expr(service: &Service, value: &ValueShape, default: &Value) -> Option<TokenStream> {
    let ty = rust_type(service, value);
    Some(match (&value.ty, default) {
        (Type::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (Type::Boolean, Value::Bool(b)) => quote!(#b),
        (Type::Byte, Value::Number(n)) => {
            let v = i8::try_from(n.as_i64()?).ok()?;
            quote!(#v)
        }
        (Type::Short, Value::Number(n)) => {
            let v = i16::try_from(n.as_i64()?).ok()?;
            quote!(#v)
        }
        (Type::Integer, Value::Number(n)) => {
            let v = i32::try_from(n.as_i64()?).ok()?;
            quote!(#v)
        }
        (Type::Long, Value::Number(n)) => {
            let v = n.as_i64()?;
            quote!(#v)
        }
        (Type::Float, Value::Number(n)) => {
            let v = n.as_f64()? as f32;
            if !v.is_finite() {
                return None;
            }
            quote!(#v)
        }
        (Type::Double, Value::Number(n)) => {
            let v = n.as_f64()?;
            quote!(#v)
        }
        (Type::BigInteger, Value::Number(n)) => {
            let v = n.as_i64()?;
            quote!(crate::rt::big_number::BigInteger::from(#v))
        }
        (Type::BigDecimal, Value::Number(n)) => match n.as_i64() {
            Some(v) => quote!(crate::rt::big_number::BigDecimal::from(#v)),
            None => {
                let v = n.as_f64()?;
                quote!(crate::rt::big_number::BigDecimal::from_f64(#v))
            }
        },
        (Type::Enum(_), Value::String(s)) => quote!(<#ty>::from(#s)),
        (Type::IntEnum(_), Value::Number(n)) => {
            let v = i32::try_from(n.as_i64()?).ok()?;
            quote!(<#ty>::from(#v))
        }
        (Type::Timestamp, Value::Number(n)) => match n.as_i64() {
            Some(v) => quote!(crate::rt::timestamp::Timestamp::from_secs(#v)),
            None => {
                let millis = (n.as_f64()? * 1000.0).round() as i64;
                quote!(crate::rt::timestamp::Timestamp::from_millis(#millis))
            }
        },
        (Type::Blob, Value::String(s)) => {
            use base64::Engine as _;
            let bytes = base64::engine::general_purpose::STANDARD.decode(s).ok()?;
            quote!(crate::rt::blob::Blob::new(::std::vec![#(#bytes),*]))
        }
        (Type::List(_) | Type::Map(_), _) => quote!(::std::default::Default::default()),
        (Type::Document, v) => {
            let text = v.to_string();
            quote!(::serde_json::from_str(#text).unwrap_or(::serde_json::Value::Null))
        }
        _ => return None,
    })
}

/// The struct's `Debug` impl, printing [`REDACTED`] for sensitive members.
pub fn debug_impl(
    name: &proc_macro2::Ident,
    members: &[Member],
    whole_sensitive: bool,
    extra: TokenStream,
) -> TokenStream {
    let name_str = name.to_string();
    let fields = members.iter().map(|m| {
        let f = ident(&m.field);
        let label = m.field.trim_start_matches("r#");
        if whole_sensitive || contains_sensitive(&m.value) || m.sensitive {
            quote!(.field(#label, &#REDACTED))
        } else {
            quote!(.field(#label, &self.#f))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name_str)
                    #(#fields)*
                    #extra
                    .finish()
            }
        }
    }
}

/// Whether a structure keeps the response's request id in a hidden field.
pub fn has_request_id(s: &Structure) -> bool {
    matches!(s.role, StructRole::Output | StructRole::Error(_))
}

/// Emits the struct, its `Debug` impl and its builder.
pub fn emit(service: &Service, s: &Structure) -> TokenStream {
    let name = ident(&s.path.name);
    let builder = format_ident!("{}", naming::builder_name(&s.path.name));
    let doc = doc_attrs(s.doc.as_deref());
    let fallback_doc = if s.doc.is_none() {
        let text = match s.role {
            StructRole::Input => format!(
                "The input of the `{}` operation.",
                s.path.name.trim_end_matches("Input")
            ),
            StructRole::Output => format!(
                "The output of the `{}` operation.",
                s.path.name.trim_end_matches("Output")
            ),
            _ => format!("The `{}` structure.", s.id.name()),
        };
        doc_lines(&text)
    } else {
        TokenStream::new()
    };
    let request_id = has_request_id(s);

    let fields = s.members.iter().map(|m| {
        let f = ident(&m.field);
        let ty = field_type(service, m);
        let doc = member_doc(m);
        let deprecated = deprecated_attr(m);
        quote! { #doc #deprecated pub #f: #ty, }
    });
    let hidden = if request_id {
        quote! {
            /// The request id of the response this value came from.
            pub(crate) _request_id: ::std::option::Option<::std::string::String>,
        }
    } else {
        TokenStream::new()
    };
    let debug_extra = if request_id {
        quote!(.field("request_id", &self._request_id))
    } else {
        TokenStream::new()
    };
    let debug = debug_impl(&name, &s.members, s.sensitive, debug_extra);
    let request_id_impl = if request_id {
        quote! {
            impl crate::rt::builder::RequestId for #name {
                fn request_id(&self) -> ::std::option::Option<&str> {
                    self._request_id.as_deref()
                }
            }
        }
    } else {
        TokenStream::new()
    };

    // Builder.
    let builder_fields = s.members.iter().map(|m| {
        let f = ident(&m.field);
        let ty = builder_field_type(service, m);
        quote! { #f: #ty, }
    });
    let setters = s.members.iter().map(|m| setter(service, m));
    let missing_required: Vec<&Member> =
        s.members.iter().filter(|m| m.builder_requires()).collect();
    let fallible = s.builder_is_fallible();
    let is_missing_required = |m: &Member| m.builder_requires();
    let assignments = s.members.iter().map(|m| {
        let f = ident(&m.field);
        if is_missing_required(m) {
            // Bound by the `let ... else` in `build`, which has checked it is set.
            let l = quote::format_ident!("m_{}", m.field.trim_start_matches("r#"));
            if m.optional {
                quote!(#f: ::std::option::Option::Some(#l),)
            } else {
                quote!(#f: #l,)
            }
        } else if m.optional {
            quote!(#f: self.#f,)
        } else if let Some(expr) = m
            .default
            .as_ref()
            .and_then(|d| default_expr(service, &m.value, d))
        {
            let filled = if m.boxed {
                quote!(self.#f.unwrap_or_else(|| ::std::boxed::Box::new(#expr)))
            } else {
                unwrap_with(quote!(self.#f), &m.value, expr)
            };
            quote!(#f: #filled,)
        } else {
            quote!(#f: self.#f.unwrap_or_default(),)
        }
    });
    let hidden_assign = if request_id {
        quote!(_request_id: ::std::option::Option::None,)
    } else {
        TokenStream::new()
    };
    let name_str = s.path.name.clone();
    let build_doc = if fallible {
        let names: Vec<String> = missing_required
            .iter()
            .map(|m| format!("`{}`", m.field.trim_start_matches("r#")))
            .collect();
        format!(
            "Builds the [`{}`].\n\n# Errors\n\nFails, naming every one that is missing, when a required member is unset: {}.",
            s.path.name,
            names.join(", ")
        )
    } else {
        format!("Builds the [`{}`].", s.path.name)
    };
    let build_doc = doc_lines(&build_doc);
    let build_fn = if fallible {
        let checks = missing_required.iter().map(|m| {
            let f = ident(&m.field);
            let label = m.name.as_str();
            quote! {
                if self.#f.is_none() {
                    missing.push(#label);
                }
            }
        });
        let bind_names = missing_required
            .iter()
            .map(|m| quote::format_ident!("m_{}", m.field.trim_start_matches("r#")));
        let bind_values = missing_required.iter().map(|m| {
            let f = ident(&m.field);
            quote!(self.#f)
        });
        quote! {
            #build_doc
            pub fn build(self) -> ::std::result::Result<#name, crate::rt::builder::BuildError> {
                let mut missing = ::std::vec::Vec::new();
                #(#checks)*
                let (#(::std::option::Option::Some(#bind_names),)*) = (#(#bind_values,)*) else {
                    return ::std::result::Result::Err(crate::rt::builder::BuildError::missing_members(#name_str, missing));
                };
                ::std::result::Result::Ok(#name {
                    #(#assignments)*
                    #hidden_assign
                })
            }
        }
    } else {
        quote! {
            #build_doc
            pub fn build(self) -> #name {
                #name {
                    #(#assignments)*
                    #hidden_assign
                }
            }
        }
    };
    let builder_debug = debug_impl(&builder, &s.members, s.sensitive, TokenStream::new());
    let builder_doc = doc_lines(&format!("A builder for [`{}`].", s.path.name));
    let builder_fn_doc = doc_lines(&format!("A builder for [`{}`].", s.path.name));
    // `Default` only when every field has one (builders always do).
    let derive_default = if s.members.iter().all(|m| m.optional) {
        quote!(, ::std::default::Default)
    } else {
        TokenStream::new()
    };

    quote! {
        #doc
        #fallback_doc
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq #derive_default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #hidden
        }

        impl #name {
            #builder_fn_doc
            pub fn builder() -> #builder {
                <#builder as ::std::default::Default>::default()
            }
        }

        #debug
        #request_id_impl

        #builder_doc
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default)]
        pub struct #builder {
            #(#builder_fields)*
        }

        // Setters are named after members, which may be `add`, `next`, `default`...
        #[allow(clippy::should_implement_trait)]
        impl #builder {
            #(#setters)*
            #build_fn
        }

        #builder_debug
    }
}

fn member_doc(m: &Member) -> TokenStream {
    let mut doc = doc_attrs(m.doc.as_deref());
    if m.doc.is_none() {
        doc = doc_lines(&format!("The `{}` member.", m.name));
    }
    if m.required {
        let note = doc_lines("\nThis member is required.");
        doc = quote!(#doc #note);
    }
    doc
}

fn deprecated_attr(m: &Member) -> TokenStream {
    match &m.deprecated {
        Some(note) if !note.is_empty() => quote!(#[deprecated(note = #note)]),
        Some(_) => quote!(#[deprecated]),
        None => TokenStream::new(),
    }
}

fn setter(service: &Service, m: &Member) -> TokenStream {
    let f = ident(&m.field);
    let plain = m.field.trim_start_matches("r#");
    let set = format_ident!("set_{}", plain);
    let get = format_ident!("get_{}", plain);
    let ty = rust_type(service, &m.value);
    let storage = builder_field_type(service, m);
    let doc = member_doc(m);
    let deprecated = deprecated_attr(m);
    let (param, conv) = match &m.value.ty {
        Type::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(input.into()),
        ),
        Type::Blob => (
            quote!(impl ::std::convert::Into<crate::rt::blob::Blob>),
            quote!(input.into()),
        ),
        _ => (ty.clone(), quote!(input)),
    };
    let wrap = if m.boxed {
        quote!(::std::boxed::Box::new(#conv))
    } else {
        conv
    };
    let set_doc = doc_lines(&format!("Sets or clears `{plain}`."));
    let get_doc = doc_lines(&format!("The value of `{plain}` set so far."));
    quote! {
        #doc
        #deprecated
        pub fn #f(mut self, input: #param) -> Self {
            self.#f = ::std::option::Option::Some(#wrap);
            self
        }
        #set_doc
        #deprecated
        pub fn #set(mut self, input: #storage) -> Self {
            self.#f = input;
            self
        }
        #get_doc
        #deprecated
        pub fn #get(&self) -> &#storage {
            &self.#f
        }
    }
}
