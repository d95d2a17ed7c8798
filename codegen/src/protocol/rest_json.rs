//! The restJson1 protocol: JSON body codecs for structures and unions, input
//! validation, and per operation a `build_request` (input → `http::Request`)
//! and a `parse_response` (`http::Response` → output or typed error).
//!
//! The generated code calls the runtime (`crate::rt`) for every encoding rule;
//! this module decides *which* rule applies to each member, from its binding,
//! its type and its traits (timestamp format precedence: member, then target,
//! then the location's default).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::structure::default_expr;
use crate::emit::{ident, is_unit, path_tokens, rust_type};
use crate::ir::{
    Binding, Member, NamedType, Operation, Service, StructRole, Structure, TimestampFormat, Type,
    Union, UriSegment, ValueShape,
};
use crate::naming;

fn format_tokens(f: TimestampFormat) -> TokenStream {
    match f {
        TimestampFormat::EpochSeconds => {
            quote!(crate::rt::timestamp::TimestampFormat::EpochSeconds)
        }
        TimestampFormat::DateTime => quote!(crate::rt::timestamp::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(crate::rt::timestamp::TimestampFormat::HttpDate),
    }
}

/// An expression of type `Result<T, DeserializeError>` reading `v` (a `&Value`) at path `p`.
fn de_expr(service: &Service, vs: &ValueShape, v: TokenStream, p: TokenStream) -> TokenStream {
    let json = quote!(crate::rt::json);
    match &vs.ty {
        Type::String => quote!(#json::de_string(#v, #p)),
        Type::Boolean => quote!(#json::de_bool(#v, #p)),
        Type::Byte => quote!(#json::de_i8(#v, #p)),
        Type::Short => quote!(#json::de_i16(#v, #p)),
        Type::Integer => quote!(#json::de_i32(#v, #p)),
        Type::Long => quote!(#json::de_i64(#v, #p)),
        Type::Float => quote!(#json::de_f32(#v, #p)),
        Type::Double => quote!(#json::de_f64(#v, #p)),
        Type::BigInteger => quote!(#json::de_big_integer(#v, #p)),
        Type::BigDecimal => quote!(#json::de_big_decimal(#v, #p)),
        Type::Blob => quote!(#json::de_blob(#v, #p)),
        Type::Document => quote!(#json::de_document(#v, #p)),
        Type::Timestamp => {
            let f = format_tokens(vs.timestamp_format.unwrap_or(TimestampFormat::EpochSeconds));
            quote!(#json::de_timestamp(#v, #p, #f))
        }
        Type::Enum(_) => {
            let ty = rust_type(service, vs);
            quote!(#json::de_string(#v, #p).map(|s| <#ty>::from(s.as_str())))
        }
        Type::IntEnum(_) => {
            let ty = rust_type(service, vs);
            quote!(#json::de_i32(#v, #p).map(<#ty>::from))
        }
        Type::Structure(_) | Type::Union(_) => {
            let ty = rust_type(service, vs);
            quote!(<#ty>::from_json(#v, #p))
        }
        Type::List(c) => {
            let inner = de_fn(service, &c.member);
            if c.sparse {
                quote!(#json::de_sparse_list(#v, #p, #inner))
            } else {
                quote!(#json::de_list(#v, #p, #inner))
            }
        }
        Type::Map(c) => {
            let inner = de_fn(service, &c.member);
            if c.sparse {
                quote!(#json::de_sparse_map(#v, #p, #inner))
            } else {
                quote!(#json::de_map(#v, #p, #inner))
            }
        }
    }
}

/// A callable `Fn(&Value, &Path) -> Result<T, DeserializeError>` for a collection element.
fn de_fn(service: &Service, vs: &ValueShape) -> TokenStream {
    let json = quote!(crate::rt::json);
    match &vs.ty {
        Type::String => quote!(#json::de_string),
        Type::Boolean => quote!(#json::de_bool),
        Type::Byte => quote!(#json::de_i8),
        Type::Short => quote!(#json::de_i16),
        Type::Integer => quote!(#json::de_i32),
        Type::Long => quote!(#json::de_i64),
        Type::Float => quote!(#json::de_f32),
        Type::Double => quote!(#json::de_f64),
        Type::BigInteger => quote!(#json::de_big_integer),
        Type::BigDecimal => quote!(#json::de_big_decimal),
        Type::Blob => quote!(#json::de_blob),
        Type::Document => quote!(#json::de_document),
        Type::Structure(_) | Type::Union(_) => {
            let ty = rust_type(service, vs);
            quote!(<#ty>::from_json)
        }
        _ => {
            let inner = de_expr(service, vs, quote!(v), quote!(p));
            quote!(|v, p| #inner)
        }
    }
}

/// An expression of type `serde_json::Value` writing `x` (a `&T`).
fn ser_expr(vs: &ValueShape, x: TokenStream) -> TokenStream {
    let json = quote!(crate::rt::json);
    match &vs.ty {
        Type::String => quote!(::serde_json::Value::String(::std::clone::Clone::clone(#x))),
        Type::Boolean => quote!(::serde_json::Value::Bool(*#x)),
        Type::Byte | Type::Short | Type::Integer | Type::Long => {
            quote!(::serde_json::Value::from(*#x))
        }
        Type::Float => quote!(#json::ser_f32(*#x)),
        Type::Double => quote!(#json::ser_f64(*#x)),
        Type::BigInteger => quote!(#json::ser_big_integer(#x)),
        Type::BigDecimal => quote!(#json::ser_big_decimal(#x)),
        Type::Blob => quote!(#json::ser_blob(#x)),
        Type::Document => quote!(::std::clone::Clone::clone(#x)),
        Type::Timestamp => {
            let f = format_tokens(vs.timestamp_format.unwrap_or(TimestampFormat::EpochSeconds));
            quote!(#json::ser_timestamp(#x, #f))
        }
        Type::Enum(_) => quote!(::serde_json::Value::String(#x.as_str().to_owned())),
        Type::IntEnum(_) => quote!(::serde_json::Value::from(#x.as_i32())),
        Type::Structure(_) | Type::Union(_) => quote!(#x.to_json()),
        Type::List(c) => {
            let inner = ser_fn(&c.member);
            if c.sparse {
                quote!(#json::ser_sparse_list(#x, #inner))
            } else {
                quote!(#json::ser_list(#x, #inner))
            }
        }
        Type::Map(c) => {
            let inner = ser_fn(&c.member);
            if c.sparse {
                quote!(#json::ser_sparse_map(#x, #inner))
            } else {
                quote!(#json::ser_map(#x, #inner))
            }
        }
    }
}

/// A function (`&T -> serde_json::Value`) writing one item of a collection: a
/// path where one fits exactly, else a closure over [`ser_expr`].
fn ser_fn(vs: &ValueShape) -> TokenStream {
    let json = quote!(crate::rt::json);
    match &vs.ty {
        Type::Blob => quote!(#json::ser_blob),
        Type::BigInteger => quote!(#json::ser_big_integer),
        Type::BigDecimal => quote!(#json::ser_big_decimal),
        Type::Document => quote!(::std::clone::Clone::clone),
        _ => {
            let inner = ser_expr(vs, quote!(x));
            quote!(|x| #inner)
        }
    }
}

/// The value a missing non-optional member takes when reading a response
/// (Smithy's client error correction): its default, else the type's zero value.
/// `None` for structures and unions, which have no zero value.
fn zero_value(service: &Service, m: &Member, opt: TokenStream) -> Option<TokenStream> {
    if let Some(expr) = m
        .default
        .as_ref()
        .and_then(|d| default_expr(service, &m.value, d))
    {
        return Some(if m.boxed {
            quote!(#opt.unwrap_or_else(|| ::std::boxed::Box::new(#expr)))
        } else {
            crate::emit::structure::unwrap_with(opt, &m.value, expr)
        });
    }
    let ty = rust_type(service, &m.value);
    Some(match &m.value.ty {
        Type::String
        | Type::Boolean
        | Type::Byte
        | Type::Short
        | Type::Integer
        | Type::Long
        | Type::Float
        | Type::Double
        | Type::Document
        | Type::List(_)
        | Type::Map(_) => quote!(#opt.unwrap_or_default()),
        Type::Blob => {
            quote!(#opt.unwrap_or_else(|| crate::rt::blob::Blob::new(::std::vec::Vec::new())))
        }
        Type::Timestamp => {
            quote!(#opt.unwrap_or_else(|| crate::rt::timestamp::Timestamp::from_secs(0)))
        }
        Type::Enum(_) => quote!(#opt.unwrap_or_else(|| <#ty>::from(""))),
        Type::IntEnum(_) => quote!(#opt.unwrap_or_else(|| <#ty>::from(0))),
        Type::BigInteger | Type::BigDecimal | Type::Structure(_) | Type::Union(_) => return None,
    })
}

/// `from_json`, `to_json` and serde impls for a structure (body members only).
pub fn structure_codec(service: &Service, s: &Structure) -> TokenStream {
    let name = ident(&s.path.name);
    let body: Vec<&Member> = s
        .members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .collect();
    // Locals are prefixed so a member named `value`, `object` or `path` cannot shadow them.
    let local = |m: &Member| quote::format_ident!("m_{}", m.field.trim_start_matches("r#"));
    let decls = s.members.iter().map(|m| {
        let f = local(m);
        let ty = rust_type(service, &m.value);
        let ty = if m.boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        };
        quote!(let mut #f: ::std::option::Option<#ty> = ::std::option::Option::None;)
    });
    let arms = body.iter().map(|m| {
        let f = local(m);
        let key = &m.json_name;
        let de = de_expr(service, &m.value, quote!(value), quote!(&path));
        let de = if m.boxed {
            quote!(#de.map(::std::boxed::Box::new))
        } else {
            de
        };
        quote! {
            #key if !value.is_null() => {
                let path = path.key(#key);
                #f = ::std::option::Option::Some(#de?);
            }
        }
    });
    let fields = s.members.iter().map(|m| {
        let f = ident(&m.field);
        let l = local(m);
        if m.optional {
            return quote!(#f: #l,);
        }
        let key = &m.json_name;
        match zero_value(service, m, quote!(#l)) {
            Some(filled) => quote!(#f: #filled,),
            None => {
                let msg = format!("the required member `{key}` is missing");
                quote! {
                    #f: match #l {
                        ::std::option::Option::Some(v) => v,
                        ::std::option::Option::None => {
                            return ::std::result::Result::Err(crate::rt::json::DeserializeError::new(path, #msg));
                        }
                    },
                }
            }
        }
    });
    let hidden = if crate::emit::structure::has_request_id(s) {
        quote!(_request_id: ::std::option::Option::None,)
    } else {
        TokenStream::new()
    };
    let read_loop = if body.is_empty() {
        quote!(crate::rt::json::de_object(value, path)?;)
    } else {
        quote! {
            let object = crate::rt::json::de_object(value, path)?;
            for (key, value) in object {
                match key.as_str() {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    let writes = body.iter().map(|m| {
        let f = ident(&m.field);
        let key = &m.json_name;
        let ser = ser_expr(&m.value, quote!(value));
        if m.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &self.#f {
                    object.insert(::std::string::String::from(#key), #ser);
                }
            }
        } else {
            quote! {
                {
                    let value = &self.#f;
                    object.insert(::std::string::String::from(#key), #ser);
                }
            }
        }
    });
    let object_decl = if body.is_empty() {
        quote!(let object = ::serde_json::Map::new();)
    } else {
        quote!(let mut object = ::serde_json::Map::new();)
    };
    let what = match s.role {
        StructRole::Input | StructRole::Output => "its body members'",
        _ => "its",
    };
    let from_doc = format!(
        " Reads the value from {what} restJson1 JSON form (wire names, base64 blobs, epoch-second timestamps unless the model says otherwise). Unknown keys are skipped and `null` means unset."
    );
    let to_doc = format!(" Writes {what} restJson1 JSON form.");
    quote! {
        impl #name {
            #[doc = #from_doc]
            #[allow(clippy::single_match, unused_mut)]
            pub fn from_json(
                value: &::serde_json::Value,
                path: &crate::rt::json::Path<'_>,
            ) -> ::std::result::Result<Self, crate::rt::json::DeserializeError> {
                #(#decls)*
                #read_loop
                ::std::result::Result::Ok(#name {
                    #(#fields)*
                    #hidden
                })
            }

            #[doc = #to_doc]
            pub fn to_json(&self) -> ::serde_json::Value {
                #object_decl
                #(#writes)*
                ::serde_json::Value::Object(object)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.to_json(), serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #name::from_json(&value, &crate::rt::json::Path::root())
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}

/// `from_json`, `to_json` and serde impls for a union.
pub fn union_codec(service: &Service, u: &Union) -> TokenStream {
    let name = ident(&u.path.name);
    let arms = u.variants.iter().map(|m| {
        let var = ident(&m.field);
        let key = &m.json_name;
        if is_unit(&m.value.ty) {
            quote!(#key => #name::#var,)
        } else {
            let de = de_expr(service, &m.value, quote!(value), quote!(&path));
            let de = if m.boxed {
                quote!(#de.map(::std::boxed::Box::new))
            } else {
                de
            };
            quote! {
                #key => {
                    let path = path.key(#key);
                    #name::#var(#de?)
                }
            }
        }
    });
    let writes = u.variants.iter().map(|m| {
        let var = ident(&m.field);
        let key = &m.json_name;
        if is_unit(&m.value.ty) {
            quote!(#name::#var => (#key, ::serde_json::Value::Object(::serde_json::Map::new())),)
        } else {
            let ser = ser_expr(&m.value, quote!(value));
            quote!(#name::#var(value) => (#key, #ser),)
        }
    });
    quote! {
        impl #name {
            /// Reads the union from its restJson1 JSON form: exactly one member set
            /// (members sent as `null` and a top-level `__type` are ignored); a member this
            /// model does not know gives [`Self::Unknown`].
            pub fn from_json(
                value: &::serde_json::Value,
                path: &crate::rt::json::Path<'_>,
            ) -> ::std::result::Result<Self, crate::rt::json::DeserializeError> {
                let object = crate::rt::json::de_object(value, path)?;
                let mut found: ::std::option::Option<Self> = ::std::option::Option::None;
                for (key, value) in object {
                    if value.is_null() || key == "__type" {
                        continue;
                    }
                    let variant = match key.as_str() {
                        #(#arms)*
                        _ => #name::Unknown,
                    };
                    if found.is_some() {
                        return ::std::result::Result::Err(crate::rt::json::DeserializeError::new(
                            path,
                            "a union must have exactly one member set, but several are",
                        ));
                    }
                    found = ::std::option::Option::Some(variant);
                }
                found.ok_or_else(|| crate::rt::json::DeserializeError::new(
                    path,
                    "a union must have exactly one member set, but none is",
                ))
            }

            /// Writes the union's restJson1 JSON form. [`Self::Unknown`] cannot be sent and
            /// writes an empty object (`validate()` reports it).
            pub fn to_json(&self) -> ::serde_json::Value {
                let (key, value) = match self {
                    #(#writes)*
                    #name::Unknown => return ::serde_json::Value::Object(::serde_json::Map::new()),
                };
                let mut object = ::serde_json::Map::new();
                object.insert(::std::string::String::from(key), value);
                ::serde_json::Value::Object(object)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.to_json(), serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #name::from_json(&value, &crate::rt::json::Path::root())
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}

/// Statements validating `x` (a `&T`) at member path `p` (a `&str`) into `v`.
fn validate_value(
    service: &Service,
    vs: &ValueShape,
    x: TokenStream,
    p: TokenStream,
) -> TokenStream {
    let c = &vs.constraints;
    let mut out = TokenStream::new();
    if let Some((min, max)) = c.length {
        let len = match &vs.ty {
            Type::String => Some(quote!(#x.chars().count())),
            Type::Blob => Some(quote!(#x.as_bytes().len())),
            Type::List(_) | Type::Map(_) => Some(quote!(#x.len())),
            _ => None,
        };
        if let Some(len) = len {
            let (min, max) = (opt_u64(min), opt_u64(max));
            out.extend(quote!(v.length(#p, #len, #min, #max);));
        }
    }
    if let (Some(pattern), Type::String) = (&c.pattern, &vs.ty) {
        out.extend(quote!(v.pattern(#p, #x, #pattern);));
    }
    if let Some((min, max)) = c.range {
        match &vs.ty {
            Type::Byte | Type::Short | Type::Integer | Type::Long => {
                let conv = |b: Option<f64>, up: bool| match b {
                    Some(f) => {
                        let n = if up { f.ceil() } else { f.floor() } as i64;
                        quote!(::std::option::Option::Some(#n))
                    }
                    None => quote!(::std::option::Option::None),
                };
                let (min, max) = (conv(min, true), conv(max, false));
                let value = if vs.ty == Type::Long {
                    quote!(*#x)
                } else {
                    quote!(i64::from(*#x))
                };
                out.extend(quote!(v.range_i64(#p, #value, #min, #max);));
            }
            Type::Float | Type::Double => {
                let conv = |b: Option<f64>| match b {
                    Some(f) => {
                        let lit = Literal::f64_suffixed(f);
                        quote!(::std::option::Option::Some(#lit))
                    }
                    None => quote!(::std::option::Option::None),
                };
                let (min, max) = (conv(min), conv(max));
                let value = if vs.ty == Type::Double {
                    quote!(*#x)
                } else {
                    quote!(f64::from(*#x))
                };
                out.extend(quote!(v.range_f64(#p, #value, #min, #max);));
            }
            Type::BigInteger | Type::BigDecimal => {
                // The bounds as decimal text (`f64`'s `Display` never uses an
                // exponent and round-trips), compared exactly with the value's text.
                let conv = |b: Option<f64>| match b {
                    Some(f) => {
                        let text = f.to_string();
                        quote!(::std::option::Option::Some(#text))
                    }
                    None => quote!(::std::option::Option::None),
                };
                let (min, max) = (conv(min), conv(max));
                out.extend(quote!(v.range_decimal(#p, #x.as_str(), #min, #max);));
            }
            _ => {}
        }
    }
    match &vs.ty {
        Type::Enum(_) => {
            let ty = rust_type(service, vs);
            out.extend(quote!(v.enum_value(#p, #x.as_str(), <#ty>::values());));
        }
        Type::IntEnum(_) => {
            let ty = rust_type(service, vs);
            out.extend(quote!(v.int_enum_value(#p, #x.as_i32(), <#ty>::values());));
        }
        Type::Structure(_) | Type::Union(_) => {
            out.extend(quote!(#x.validate_members(#p, v);));
        }
        Type::List(col) => {
            if col.unique {
                out.extend(quote!(v.unique_items(#p, #x);));
            }
            let inner = validate_value(service, &col.member, quote!(item), quote!(&item_path));
            if !inner.is_empty() {
                let body = if col.sparse {
                    quote!(if let ::std::option::Option::Some(item) = item { #inner })
                } else {
                    inner
                };
                out.extend(quote! {
                    for (index, item) in #x.iter().enumerate() {
                        let item_path = crate::rt::validate::index_path(#p, index);
                        #body
                    }
                });
            }
        }
        Type::Map(col) => {
            let key_vs = ValueShape {
                target: col.shape.clone(),
                ty: Type::String,
                timestamp_format: None,
                media_type: None,
                constraints: col.key_constraints.clone(),
                sensitive: false,
            };
            let mut key_check = validate_value(service, &key_vs, quote!(key), quote!(&item_path));
            if let Some(e) = col.key_enum.as_ref().and_then(|id| service.types.get(id)) {
                let ty = path_tokens(e.path());
                key_check.extend(quote!(v.enum_value(&item_path, key, <#ty>::values());));
            }
            let inner = validate_value(service, &col.member, quote!(item), quote!(&item_path));
            let inner = if col.sparse && !inner.is_empty() {
                quote!(if let ::std::option::Option::Some(item) = item { #inner })
            } else {
                inner
            };
            if !key_check.is_empty() || !inner.is_empty() {
                let bind_item = if inner.is_empty() {
                    quote!(_item)
                } else {
                    quote!(item)
                };
                out.extend(quote! {
                    let mut entries: ::std::vec::Vec<_> = #x.iter().collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    for (key, #bind_item) in entries {
                        let item_path = crate::rt::validate::key_path(#p, key);
                        #key_check
                        #inner
                    }
                });
            }
        }
        _ => {}
    }
    out
}

fn member_checks(service: &Service, members: &[Member]) -> Vec<TokenStream> {
    members
        .iter()
        .filter_map(|m| {
            let f = ident(&m.field);
            let name = &m.name;
            let inner = validate_value(service, &m.value, quote!(value), quote!(&member_path));
            let required = m.required && m.optional;
            if inner.is_empty() && !required {
                return None;
            }
            let required_check = if required {
                quote!(v.required(&member_path, &self.#f);)
            } else {
                TokenStream::new()
            };
            let body = if inner.is_empty() {
                TokenStream::new()
            } else if m.optional {
                quote!(if let ::std::option::Option::Some(value) = &self.#f { #inner })
            } else {
                quote!({ let value = &self.#f; #inner })
            };
            Some(quote! {
                {
                    let member_path = crate::rt::validate::member_path(path, #name);
                    #required_check
                    #body
                }
            })
        })
        .collect()
}

/// `validate_members` for a structure: constraint checks of every member, recursively.
pub fn structure_validate(service: &Service, s: &Structure) -> TokenStream {
    let name = ident(&s.path.name);
    let checks = member_checks(service, &s.members);
    let (path, v) = if checks.is_empty() {
        (quote!(_path), quote!(_v))
    } else {
        (quote!(path), quote!(v))
    };
    let input_validate = if s.role == StructRole::Input {
        quote! {
            /// Checks every constraint of the model (required members, `@length`, `@pattern`,
            /// `@range`, enum values) and reports all violations at once, each with its member path.
            ///
            /// `build_request` does not call this: the service stays the judge of what it accepts.
            pub fn validate(&self) -> ::std::result::Result<(), crate::rt::validate::ValidationError> {
                let mut v = crate::rt::validate::Validator::new();
                self.validate_members("", &mut v);
                v.finish()
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        impl #name {
            #input_validate

            /// Adds this value's constraint violations under `path` to `v`.
            #[allow(clippy::only_used_in_recursion)]
            pub fn validate_members(&self, #path: &str, #v: &mut crate::rt::validate::Validator) {
                #(#checks)*
            }
        }
    }
}

/// `validate_members` for a union: the set variant's checks; `Unknown` is a violation.
pub fn union_validate(service: &Service, u: &Union) -> TokenStream {
    let name = ident(&u.path.name);
    let arms = u.variants.iter().map(|m| {
        let var = ident(&m.field);
        let key = &m.name;
        if is_unit(&m.value.ty) {
            return quote!(#name::#var => {});
        }
        let inner = validate_value(service, &m.value, quote!(value), quote!(&member_path));
        if inner.is_empty() {
            quote!(#name::#var(_) => {})
        } else {
            quote! {
                #name::#var(value) => {
                    let member_path = crate::rt::validate::member_path(path, #key);
                    #inner
                }
            }
        }
    });
    quote! {
        impl #name {
            /// Adds this value's constraint violations under `path` to `v`.
            pub fn validate_members(&self, path: &str, v: &mut crate::rt::validate::Validator) {
                match self {
                    #(#arms)*
                    #name::Unknown => v.violation(path, "union", "an unknown union member cannot be sent"),
                }
            }
        }
    }
}

/// An expression giving the text form of `x` (a `&T`) for a label, query value or header.
fn text_expr(
    vs: &ValueShape,
    x: TokenStream,
    default_format: TimestampFormat,
    header: bool,
) -> TokenStream {
    match &vs.ty {
        Type::String if header && vs.media_type.is_some() => {
            quote!(crate::rt::blob::Blob::from(#x.as_str()).to_base64())
        }
        Type::String => quote!(::std::clone::Clone::clone(#x)),
        Type::Enum(_) => quote!(#x.as_str().to_owned()),
        Type::IntEnum(_) => quote!(#x.as_i32().to_string()),
        Type::Boolean => quote!(crate::rt::http::fmt_bool(*#x)),
        Type::Byte | Type::Short | Type::Integer | Type::Long => quote!(#x.to_string()),
        Type::Float => quote!(crate::rt::http::fmt_f32(*#x)),
        Type::Double => quote!(crate::rt::http::fmt_f64(*#x)),
        Type::BigInteger | Type::BigDecimal => quote!(#x.as_str().to_owned()),
        Type::Timestamp => {
            let f = format_tokens(vs.timestamp_format.unwrap_or(default_format));
            quote!(#x.fmt(#f))
        }
        Type::Blob => quote!(#x.to_base64()),
        Type::Document => quote!(#x.to_string()),
        _ => quote!(::std::string::String::new()),
    }
}

/// An expression usable as the `&str` value of a query parameter for `x` (a `&T`):
/// strings and enums are borrowed, other types formatted as by [`text_expr`]
/// (timestamps default to `date-time`).
fn query_text(vs: &ValueShape, x: TokenStream) -> TokenStream {
    match &vs.ty {
        Type::String | Type::Enum(_) => quote!(#x.as_str()),
        _ => {
            let text = text_expr(vs, x, TimestampFormat::DateTime, false);
            quote!(&#text)
        }
    }
}

/// An expression of type `Result<T, String>` parsing header text `s` (a `&str`) named `name`.
fn header_parse_expr(
    service: &Service,
    vs: &ValueShape,
    s: TokenStream,
    name: &str,
) -> TokenStream {
    let http = quote!(crate::rt::http);
    match &vs.ty {
        Type::String if vs.media_type.is_some() => quote! {
            crate::rt::blob::Blob::from_base64(#s)
                .map_err(|e| ::std::format!("header `{}`: {}", #name, e))
                .and_then(|b| ::std::string::String::from_utf8(b.into_inner())
                    .map_err(|_| ::std::format!("header `{}`: base64 value is not UTF-8", #name)))
        },
        Type::String => {
            quote!(::std::result::Result::<_, ::std::string::String>::Ok(#s.to_owned()))
        }
        Type::Enum(_) => {
            let ty = rust_type(service, vs);
            quote!(::std::result::Result::<_, ::std::string::String>::Ok(<#ty>::from(#s)))
        }
        Type::IntEnum(_) => {
            let ty = rust_type(service, vs);
            quote!(#http::parse_header_i32(#name, #s).map(<#ty>::from))
        }
        Type::Boolean => quote!(#http::parse_header_bool(#name, #s)),
        Type::Byte => quote!(#http::parse_header_i8(#name, #s)),
        Type::Short => quote!(#http::parse_header_i16(#name, #s)),
        Type::Integer => quote!(#http::parse_header_i32(#name, #s)),
        Type::Long => quote!(#http::parse_header_i64(#name, #s)),
        Type::Float => quote!(#http::parse_header_f32(#name, #s)),
        Type::Double => quote!(#http::parse_header_f64(#name, #s)),
        Type::BigInteger => {
            quote!(#s.trim().parse::<crate::rt::big_number::BigInteger>().map_err(|e| ::std::format!("header `{}`: {}", #name, e)))
        }
        Type::BigDecimal => {
            quote!(#s.trim().parse::<crate::rt::big_number::BigDecimal>().map_err(|e| ::std::format!("header `{}`: {}", #name, e)))
        }
        Type::Timestamp => {
            let f = format_tokens(vs.timestamp_format.unwrap_or(TimestampFormat::HttpDate));
            quote!(#http::parse_header_timestamp(#name, #s, #f))
        }
        Type::Blob => {
            quote!(crate::rt::blob::Blob::from_base64(#s).map_err(|e| ::std::format!("header `{}`: {}", #name, e)))
        }
        _ => quote!(::std::result::Result::<(), ::std::string::String>::Err(
            ::std::format!("header `{}`: unsupported type", #name)
        )),
    }
}

/// Functions of an operation module: `build_request`, `parse_response` and the codecs
/// of its input and output.
pub fn operation(service: &Service, op: &Operation) -> TokenStream {
    let (Some(input), Some(output)) = (service.structure(&op.input), service.structure(&op.output))
    else {
        return TokenStream::new();
    };
    let input_name = ident(&input.path.name);
    let output_name = ident(&output.path.name);
    let error_name = ident(&naming::operation_error_name(&op.name));
    let input_codec = structure_codec(service, input);
    let output_codec = structure_codec(service, output);
    let input_validate = structure_validate(service, input);
    let output_validate = structure_validate(service, output);
    let request = build_request(op, input);
    let response = parse_response(service, op, output, &output_name, &error_name);
    let _ = input_name;
    quote! {
        #input_codec
        #input_validate
        #output_codec
        #output_validate
        #request
        #response
    }
}

/// `if let Some(var) = &input.field { body }` for optional members, else `{ let var = &input.field; body }`.
fn bind_member(m: &Member, var: TokenStream, body: TokenStream) -> TokenStream {
    let f = ident(&m.field);
    if m.optional {
        quote!(if let ::std::option::Option::Some(#var) = &input.#f #body)
    } else {
        quote!({ let #var = &input.#f; #body })
    }
}

fn build_request(op: &Operation, input: &Structure) -> TokenStream {
    let input_name = ident(&input.path.name);
    let member = |name: &str| input.members.iter().find(|m| m.name == name);

    // Path.
    let mut path_stmts = Vec::new();
    for seg in &op.http.path {
        match seg {
            UriSegment::Literal(text) => {
                let lit = format!("/{text}");
                path_stmts.push(quote!(uri.push_str(#lit);));
            }
            UriSegment::Label { name, greedy } => {
                let Some(m) = member(name) else { continue };
                let f = ident(&m.field);
                let text = text_expr(&m.value, quote!(value), TimestampFormat::DateTime, false);
                let greedy = *greedy;
                let missing = quote!(crate::rt::error::BuildRequestError::empty_label(#name));
                let get = if m.optional {
                    quote! {
                        let ::std::option::Option::Some(value) = &input.#f else {
                            return ::std::result::Result::Err(#missing);
                        };
                    }
                } else {
                    quote!(let value = &input.#f;)
                };
                path_stmts.push(quote! {
                    {
                        #get
                        let text: ::std::string::String = #text;
                        if text.is_empty() {
                            return ::std::result::Result::Err(#missing);
                        }
                        uri.push('/');
                        uri.push_str(&crate::rt::http::encode_label(&text, #greedy));
                    }
                });
            }
        }
    }
    if op.http.path.is_empty() {
        path_stmts.push(quote!(uri.push('/');));
    }

    // Query. The URI's literal query (`/q?flag&mode=fixed`) is sent verbatim, first:
    // `flag` stays `flag` (no `=`), as written in the model.
    let literal_query: String = op
        .http
        .uri
        .split_once('?')
        .map(|(_, q)| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("&")
        })
        .unwrap_or_default();
    let literal_keys: Vec<&String> = op.http.query_literals.iter().map(|(k, _)| k).collect();
    let mut query_stmts = Vec::new();
    for m in &input.members {
        let Binding::Query(key) = &m.binding else {
            continue;
        };
        let f = ident(&m.field);
        let push = match &m.value.ty {
            Type::List(c) => {
                let text = query_text(&c.member, quote!(item));
                if c.sparse {
                    quote! { for item in value.iter().flatten() { query.push(#key, #text); } }
                } else {
                    quote! { for item in value { query.push(#key, #text); } }
                }
            }
            _ => {
                let text = query_text(&m.value, quote!(value));
                quote!(query.push(#key, #text);)
            }
        };
        query_stmts.push(if m.optional {
            quote!(if let ::std::option::Option::Some(value) = &input.#f { #push })
        } else {
            quote!({ let value = &input.#f; #push })
        });
    }
    for m in &input.members {
        if m.binding != Binding::QueryParams {
            continue;
        }
        let Type::Map(c) = &m.value.ty else { continue };
        let push = match &c.member.ty {
            Type::List(inner) => {
                let text = query_text(&inner.member, quote!(item));
                quote! { for item in items.iter() { query.push(key, #text); } }
            }
            _ => {
                let text = query_text(&c.member, quote!(items));
                quote!(query.push(key, #text);)
            }
        };
        let literal_check = if literal_keys.is_empty() {
            TokenStream::new()
        } else {
            quote! {
                if [#(#literal_keys),*].contains(&key.as_str()) {
                    continue;
                }
            }
        };
        let iter_value = if c.sparse {
            quote!(let ::std::option::Option::Some(items) = items else { continue };)
        } else {
            TokenStream::new()
        };
        query_stmts.push(bind_member(
            m,
            quote!(map),
            quote! {
                {
                    let mut entries: ::std::vec::Vec<_> = map.iter().collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    for (key, items) in entries {
                        #iter_value
                        // A set `@httpQuery` member, or a literal of the URI, wins over the same key from the map.
                        #literal_check
                        if explicit_keys.contains(&key.as_str()) {
                            continue;
                        }
                        #push
                    }
                }
            },
        ));
    }
    // The keys of the `@httpQuery` members that are set (even to an empty
    // list): the map's entries for them are left out.
    let explicit: Vec<TokenStream> = input
        .members
        .iter()
        .filter_map(|m| match &m.binding {
            Binding::Query(k) => {
                let f = ident(&m.field);
                Some(if m.optional {
                    quote!((#k, input.#f.is_some()))
                } else {
                    quote!((#k, true))
                })
            }
            _ => None,
        })
        .collect();
    let has_params = input
        .members
        .iter()
        .any(|m| m.binding == Binding::QueryParams);
    let explicit_decl = match (has_params, explicit.is_empty()) {
        (false, _) => TokenStream::new(),
        (true, true) => quote!(let explicit_keys: [&str; 0] = [];),
        (true, false) => quote! {
            let explicit_keys: ::std::vec::Vec<&str> = [#(#explicit),*]
                .into_iter()
                .filter_map(|(key, set)| set.then_some(key))
                .collect();
        },
    };
    let query_block = match (query_stmts.is_empty(), literal_query.is_empty()) {
        (true, true) => TokenStream::new(),
        (true, false) => {
            let lit = format!("?{literal_query}");
            quote!(uri.push_str(#lit);)
        }
        (false, true) => quote! {
            let mut query = crate::rt::http::QueryParams::new();
            #explicit_decl
            #(#query_stmts)*
            if !query.is_empty() {
                uri.push('?');
                uri.push_str(&query.to_query_string());
            }
        },
        (false, false) => {
            let lit = format!("?{literal_query}");
            quote! {
                let mut query = crate::rt::http::QueryParams::new();
                #explicit_decl
                #(#query_stmts)*
                uri.push_str(#lit);
                if !query.is_empty() {
                    uri.push('&');
                    uri.push_str(&query.to_query_string());
                }
            }
        }
    };

    // Headers.
    let mut header_stmts = Vec::new();
    for m in &input.members {
        let f = ident(&m.field);
        let mname = &m.name;
        match &m.binding {
            Binding::Header(h) => {
                let value_expr = match &m.value.ty {
                    Type::List(c) => match (
                        &c.member.ty,
                        c.member
                            .timestamp_format
                            .unwrap_or(TimestampFormat::HttpDate),
                    ) {
                        (Type::Timestamp, f) => {
                            let f = format_tokens(f);
                            quote!(crate::rt::http::fmt_timestamp_list(value, #f))
                        }
                        (Type::String, _) if c.member.media_type.is_none() && !c.sparse => {
                            quote!(crate::rt::http::fmt_header_list(value))
                        }
                        _ => {
                            let text =
                                text_expr(&c.member, quote!(item), TimestampFormat::HttpDate, true);
                            if c.sparse {
                                quote!(crate::rt::http::fmt_header_list(&value.iter().flatten().map(|item| #text).collect::<::std::vec::Vec<_>>()))
                            } else {
                                quote!(crate::rt::http::fmt_header_list(&value.iter().map(|item| #text).collect::<::std::vec::Vec<_>>()))
                            }
                        }
                    },
                    _ => text_expr(&m.value, quote!(value), TimestampFormat::HttpDate, true),
                };
                let mut set = quote! {
                    let text: ::std::string::String = #value_expr;
                    let header = ::http::HeaderValue::from_str(&text)
                        .map_err(|_| crate::rt::error::BuildRequestError::invalid_header_value(#mname, #h))?;
                    request = request.header(#h, header);
                };
                if matches!(m.value.ty, Type::List(_)) {
                    // An empty list has no value to send: the header is left out.
                    set = quote!(if !value.is_empty() { #set });
                }
                header_stmts.push(if m.optional {
                    quote!(if let ::std::option::Option::Some(value) = &input.#f { #set })
                } else {
                    quote!({ let value = &input.#f; #set })
                });
            }
            Binding::PrefixHeaders(prefix) => {
                let Type::Map(c) = &m.value.ty else { continue };
                let text = text_expr(&c.member, quote!(value), TimestampFormat::HttpDate, true);
                let unwrap = if c.sparse {
                    quote!(let ::std::option::Option::Some(value) = value else { continue };)
                } else {
                    TokenStream::new()
                };
                header_stmts.push(bind_member(m, quote!(map), quote! {
                    {
                        let mut entries: ::std::vec::Vec<_> = map.iter().collect();
                        entries.sort_by(|a, b| a.0.cmp(b.0));
                        for (key, value) in entries {
                            #unwrap
                            let name = ::std::format!("{}{}", #prefix, key);
                            let header_name = ::http::HeaderName::from_bytes(name.as_bytes())
                                .map_err(|_| crate::rt::error::BuildRequestError::invalid_header_name(#mname, &name))?;
                            let text: ::std::string::String = #text;
                            let header = ::http::HeaderValue::from_str(&text)
                                .map_err(|_| crate::rt::error::BuildRequestError::invalid_header_value(#mname, &name))?;
                            request = request.header(header_name, header);
                        }
                    }
                }));
            }
            _ => {}
        }
    }

    // Body. A member bound to `Content-Type` replaces the default content type
    // when it is set.
    let content_type_member = input.members.iter().any(
        |m| matches!(&m.binding, Binding::Header(h) if h.eq_ignore_ascii_case("content-type")),
    );
    let default_content_type = |value: &str| {
        let set = quote!(request = request.header(::http::header::CONTENT_TYPE, #value););
        if content_type_member {
            quote! {
                if !request.headers_ref().is_some_and(|h| h.contains_key(::http::header::CONTENT_TYPE)) {
                    #set
                }
            }
        } else {
            set
        }
    };
    let payload = input.members.iter().find(|m| m.binding == Binding::Payload);
    let body_members: Vec<&Member> = input
        .members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .collect();
    let body_block = if let Some(p) = payload {
        let (bytes, content_type) = match &p.value.ty {
            Type::Blob => (
                quote!(value.as_bytes().to_vec()),
                p.value
                    .media_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".into()),
            ),
            Type::String => (
                quote!(value.as_bytes().to_vec()),
                p.value
                    .media_type
                    .clone()
                    .unwrap_or_else(|| "text/plain".into()),
            ),
            Type::Enum(_) => (
                quote!(value.as_str().as_bytes().to_vec()),
                "text/plain".into(),
            ),
            Type::Document => (
                quote!(::serde_json::to_vec(value).unwrap_or_default()),
                "application/json".into(),
            ),
            _ => (
                quote!(::serde_json::to_vec(&value.to_json()).unwrap_or_default()),
                p.value
                    .media_type
                    .clone()
                    .unwrap_or_else(|| "application/json".into()),
            ),
        };
        let set_content_type = default_content_type(&content_type);
        let set = bind_member(
            p,
            quote!(value),
            quote! {
                {
                    body = #bytes;
                    #set_content_type
                }
            },
        );
        quote! {
            let mut body = ::std::vec::Vec::new();
            #set
        }
    } else if !body_members.is_empty() {
        let set_content_type = default_content_type("application/json");
        quote! {
            let body = ::serde_json::to_vec(&input.to_json()).unwrap_or_default();
            #set_content_type
        }
    } else {
        quote!(let body = ::std::vec::Vec::new();)
    };
    let doc = format!(
        " Builds the `{} {}` request for `{}`.\n\n `endpoint` is the service's base URL, such as `https://service.us-east-1.amazonaws.com`; a path it carries prefixes the operation's path. The request has no `Host`, authentication or `Content-Length` header: the HTTP client and the signer add them.\n\n # Errors\n\n Fails when the endpoint is not an `http(s)://host[:port][/path]` URL, a URI label is unset or empty, or a header value is not valid in HTTP.",
        op.http.method, op.http.uri, op.name
    );
    let doc_lines = doc.lines().map(|l| quote!(#[doc = #l]));
    let request_mut = if header_stmts.is_empty() && payload.is_none() && body_members.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    // An input that binds nothing (an empty `@input` structure) is not read.
    let unused_input = if input.members.is_empty() {
        quote!(let _ = input;)
    } else {
        TokenStream::new()
    };
    quote! {
        #(#doc_lines)*
        pub fn build_request(
            input: &#input_name,
            endpoint: &str,
        ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::rt::error::BuildRequestError> {
            #unused_input
            let mut uri = ::std::string::String::from(crate::rt::http::endpoint_prefix(endpoint)?);
            #(#path_stmts)*
            #query_block
            #request_mut = ::http::Request::builder().method(METHOD).uri(uri);
            #(#header_stmts)*
            #body_block
            request.body(body).map_err(crate::rt::error::BuildRequestError::http)
        }

        impl #input_name {
            /// Builds this input's HTTP request; see [`build_request`].
            pub fn to_http_request(&self, endpoint: &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::rt::error::BuildRequestError> {
                build_request(self, endpoint)
            }
        }
    }
}

fn header_bindings(service: &Service, s: &Structure, target: TokenStream) -> Vec<TokenStream> {
    let mut stmts = Vec::new();
    for m in &s.members {
        let f = ident(&m.field);
        let wrap = |e: TokenStream| {
            if m.optional {
                quote!(::std::option::Option::Some(#e))
            } else {
                e
            }
        };
        match &m.binding {
            Binding::Header(h) => {
                let h_lower = h.to_ascii_lowercase();
                let stmt = match &m.value.ty {
                    Type::List(c) => {
                        let parse_all = match (
                            &c.member.ty,
                            c.member
                                .timestamp_format
                                .unwrap_or(TimestampFormat::HttpDate),
                        ) {
                            (Type::Timestamp, TimestampFormat::HttpDate) => quote! {
                                let items = crate::rt::http::parse_http_date_list(text)
                                    .map_err(|e| ::std::format!("header `{}`: {}", #h, e))?;
                            },
                            _ => {
                                let parse =
                                    header_parse_expr(service, &c.member, quote!(item.as_str()), h);
                                let parse = if c.sparse {
                                    quote!(#parse.map(::std::option::Option::Some))
                                } else {
                                    parse
                                };
                                quote! {
                                    let items = crate::rt::http::parse_header_list(text)
                                        .iter()
                                        .map(|item| #parse)
                                        .collect::<::std::result::Result<::std::vec::Vec<_>, ::std::string::String>>()?;
                                }
                            }
                        };
                        let items = wrap(quote!(items));
                        quote! {
                            let values: ::std::vec::Vec<&str> = headers
                                .get_all(#h_lower)
                                .iter()
                                .map(|v| v.to_str().map_err(|_| ::std::format!("header `{}` is not visible ASCII", #h)))
                                .collect::<::std::result::Result<_, _>>()?;
                            if !values.is_empty() {
                                let joined = values.join(", ");
                                let text = joined.as_str();
                                #parse_all
                                #target.#f = #items;
                            }
                        }
                    }
                    _ => {
                        let parse = header_parse_expr(service, &m.value, quote!(text), h);
                        let value = wrap(quote!(value));
                        quote! {
                            if let ::std::option::Option::Some(text) = crate::rt::http::header_str(headers, #h_lower)? {
                                let value = #parse?;
                                #target.#f = #value;
                            }
                        }
                    }
                };
                stmts.push(stmt);
            }
            Binding::PrefixHeaders(prefix) => {
                let Type::Map(c) = &m.value.ty else { continue };
                let parse = header_parse_expr(service, &c.member, quote!(text.as_str()), prefix);
                let parse = if c.sparse {
                    quote!(#parse.map(::std::option::Option::Some))
                } else {
                    parse
                };
                let map = wrap(quote!(map));
                stmts.push(quote! {
                    {
                        let raw = crate::rt::http::prefix_headers(headers, #prefix)?;
                        if !raw.is_empty() {
                            let mut map = ::std::collections::HashMap::new();
                            for (key, text) in raw {
                                map.insert(key, #parse?);
                            }
                            #target.#f = #map;
                        }
                    }
                });
            }
            Binding::ResponseCode => {
                let value = wrap(quote!(i32::from(status)));
                stmts.push(quote!(#target.#f = #value;));
            }
            _ => {}
        }
    }
    stmts
}

fn parse_response(
    service: &Service,
    op: &Operation,
    output: &Structure,
    output_name: &proc_macro2::Ident,
    error_name: &proc_macro2::Ident,
) -> TokenStream {
    let payload = output
        .members
        .iter()
        .find(|m| m.binding == Binding::Payload);
    let header_stmts = header_bindings(service, output, quote!(output));
    let has_body_members = output.members.iter().any(|m| m.binding == Binding::Body);
    let (read_body, set_payload) = match payload {
        // Nothing is read from the body: whatever the service sent (`{}`, nothing, a
        // text such as `OK`) is ignored rather than failing the response.
        None if !has_body_members => (
            quote! {
                let _ = body;
                let value = ::serde_json::Value::Object(::serde_json::Map::new());
            },
            TokenStream::new(),
        ),
        None => (
            quote! {
                let value = crate::rt::json::parse_body(body).map_err(|e| crate::rt::error::ResponseError::deserialize(status, request_id.clone(), e))?;
            },
            TokenStream::new(),
        ),
        Some(p) => {
            let f = ident(&p.field);
            let wrap = |e: TokenStream| {
                if p.optional {
                    quote!(::std::option::Option::Some(#e))
                } else {
                    e
                }
            };
            let read = match &p.value.ty {
                Type::Blob => {
                    let v = wrap(quote!(crate::rt::blob::Blob::new(body.to_vec())));
                    quote!(if !body.is_empty() { output.#f = #v; })
                }
                Type::String => {
                    let v = wrap(quote!(text));
                    quote! {
                        if !body.is_empty() {
                            let text = ::std::string::String::from_utf8(body.to_vec())
                                .map_err(|_| crate::rt::error::ResponseError::with_message(status, request_id.clone(), "the text payload is not UTF-8"))?;
                            output.#f = #v;
                        }
                    }
                }
                Type::Enum(_) => {
                    let ty = rust_type(service, &p.value);
                    let v = wrap(quote!(<#ty>::from(text.as_str())));
                    quote! {
                        if !body.is_empty() {
                            let text = ::std::string::String::from_utf8(body.to_vec())
                                .map_err(|_| crate::rt::error::ResponseError::with_message(status, request_id.clone(), "the text payload is not UTF-8"))?;
                            output.#f = #v;
                        }
                    }
                }
                _ => {
                    let de = de_expr(
                        service,
                        &p.value,
                        quote!(&payload),
                        quote!(&crate::rt::json::Path::root()),
                    );
                    let de = if p.boxed {
                        quote!(#de.map(::std::boxed::Box::new))
                    } else {
                        de
                    };
                    let v = wrap(quote!(parsed));
                    quote! {
                        if !body.iter().all(|b| b.is_ascii_whitespace()) {
                            let payload = crate::rt::json::parse_body(body).map_err(|e| crate::rt::error::ResponseError::deserialize(status, request_id.clone(), e))?;
                            let parsed = #de.map_err(|e| crate::rt::error::ResponseError::deserialize(status, request_id.clone(), e))?;
                            output.#f = #v;
                        }
                    }
                }
            };
            (
                quote!(let value = ::serde_json::Value::Object(::serde_json::Map::new());),
                read,
            )
        }
    };
    let header_block = if header_stmts.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            let read_headers = |output: &mut #output_name| -> ::std::result::Result<(), ::std::string::String> {
                #(#header_stmts)*
                ::std::result::Result::Ok(())
            };
            read_headers(&mut output).map_err(|e| crate::rt::error::ResponseError::with_message(status, request_id.clone(), e))?;
        }
    };

    let error_arms = op.errors.iter().filter_map(|id| service.types.get(id)).filter_map(|named| {
        let NamedType::Structure(s) = named else { return None };
        let var = ident(&s.path.name);
        let ty = path_tokens(&s.path);
        let code = s.id.name();
        let headers = header_bindings(service, s, quote!(error));
        let header_block = if headers.is_empty() {
            TokenStream::new()
        } else {
            quote! {
                let read_headers = |error: &mut #ty| -> ::std::result::Result<(), ::std::string::String> {
                    #(#headers)*
                    ::std::result::Result::Ok(())
                };
                if let ::std::result::Result::Err(e) = read_headers(&mut error) {
                    return #error_name::InvalidResponse(crate::rt::error::ResponseError::with_message(status, request_id, e));
                }
            }
        };
        let fill_message = match crate::emit::error::message_member(s) {
            Some(m) if m.optional => {
                let f = ident(&m.field);
                quote! {
                    if error.#f.is_none() {
                        error.#f = crate::rt::http::error_message(&value);
                    }
                }
            }
            _ => TokenStream::new(),
        };
        Some(quote! {
            ::std::option::Option::Some(#code) => {
                let mut error = match <#ty>::from_json(&value, &crate::rt::json::Path::root()) {
                    ::std::result::Result::Ok(error) => error,
                    ::std::result::Result::Err(e) => {
                        return #error_name::InvalidResponse(crate::rt::error::ResponseError::deserialize(status, request_id, e));
                    }
                };
                #fill_message
                #header_block
                error._request_id = request_id;
                #error_name::#var(error)
            }
        })
    });
    let parse_doc = format!(
        " Reads the HTTP response of `{}`: the output on a 2xx status, else the matching error.\n\n The error name comes from the `X-Amzn-Errortype` header, else the body's `code`, else its `__type`, and is matched against the operation's and the service's errors; anything else is [`{}::Unhandled`].",
        op.name, error_name
    );
    let parse_doc = parse_doc.lines().map(|l| quote!(#[doc = #l]));
    let error_doc = format!(
        " Reads an error response (any non-2xx status) of `{}`.",
        op.name
    );
    let error_arms: Vec<TokenStream> = error_arms.collect();
    let unhandled = quote! {
        #error_name::Unhandled(crate::rt::error::UnhandledError {
            status,
            code,
            message: crate::rt::http::error_message(&value),
            request_id,
        })
    };
    let match_code = if error_arms.is_empty() {
        unhandled
    } else {
        quote! {
            match code.as_deref() {
                #(#error_arms)*
                _ => #unhandled,
            }
        }
    };
    quote! {
        #(#parse_doc)*
        ///
        /// # Errors
        ///
        /// Every non-2xx response, and a 2xx response whose body or headers cannot be read.
        // The error enum holds each modeled error by value, so callers can match
        // and move out of it; with many errors it is large, by design.
        #[allow(clippy::result_large_err)]
        pub fn parse_response<B: ::std::convert::AsRef<[u8]>>(
            response: &::http::Response<B>,
        ) -> ::std::result::Result<#output_name, #error_name> {
            let status = response.status().as_u16();
            if !(200..300).contains(&status) {
                return ::std::result::Result::Err(parse_error(status, response.headers(), response.body().as_ref()));
            }
            parse_output(status, response.headers(), response.body().as_ref()).map_err(#error_name::InvalidResponse)
        }

        fn parse_output(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
        ) -> ::std::result::Result<#output_name, crate::rt::error::ResponseError> {
            let request_id = crate::rt::http::request_id(headers);
            #read_body
            let mut output = #output_name::from_json(&value, &crate::rt::json::Path::root())
                .map_err(|e| crate::rt::error::ResponseError::deserialize(status, request_id.clone(), e))?;
            #set_payload
            #header_block
            output._request_id = request_id;
            let _ = status;
            ::std::result::Result::Ok(output)
        }

        #[doc = #error_doc]
        pub fn parse_error(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> #error_name {
            let request_id = crate::rt::http::request_id(headers);
            // A body that is not JSON (an HTML error page, say) still lets the header name the error.
            let value = crate::rt::json::parse_body(body)
                .ok()
                .filter(|v| v.is_object())
                .unwrap_or_else(|| ::serde_json::Value::Object(::serde_json::Map::new()));
            let code = crate::rt::http::error_code(headers, &value);
            #match_code
        }
    }
}
