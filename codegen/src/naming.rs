//! Every Rust name the generator emits is decided here: case conversion (with
//! `heck`), keyword escaping and the renames that keep identifiers legal.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords of every edition up to 2024 (strict and reserved), which need `r#` or a rename.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is illegal): they get a `_` suffix.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// True when `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// A field, function or module name: snake_case, escaped when it is a keyword.
///
/// Returns the identifier text as it must appear in code (`r#type`, `self_`).
pub fn snake_ident(name: &str) -> String {
    let snake = name.to_snake_case();
    let snake = if snake.is_empty() {
        "value".to_string()
    } else {
        snake
    };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else {
        snake
    };
    escape(snake)
}

/// Names a structure's builder defines for itself, which a member's setter
/// must not take.
const BUILDER_METHODS: &[&str] = &["build"];

/// A structure member's field name: [`snake_ident`], with a `_value` suffix
/// where the builder's own methods need the name (`Build` gives `build_value`,
/// so the setter does not collide with `build()`).
pub fn member_field(name: &str) -> String {
    let field = snake_ident(name);
    if BUILDER_METHODS.contains(&field.as_str()) {
        format!("{field}_value")
    } else {
        field
    }
}

/// The snake_case part of a union variant's `is_*` / `as_*` accessors.
pub fn variant_accessor(name: &str) -> String {
    snake_ident(name).trim_start_matches("r#").to_string()
}

/// A type or variant name: UpperCamelCase, renamed when it is a keyword (`Self` becomes `SelfValue`).
pub fn camel_ident(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    let camel = if camel.is_empty() {
        "Value".to_string()
    } else {
        camel
    };
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    };
    if camel == "Self" {
        "SelfValue".to_string()
    } else {
        camel
    }
}

/// A module / file name for a shape: snake_case, with keywords given a `_` suffix
/// (raw identifiers are legal for modules but make awkward file names).
pub fn module_name(name: &str) -> String {
    let snake = name.to_snake_case();
    if is_keyword(&snake) {
        format!("{snake}_")
    } else {
        snake
    }
}

fn escape(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if is_keyword(&ident) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// The Rust name of an operation's input struct (`GetUploadJob` gives `GetUploadJobInput`).
pub fn input_name(operation: &str) -> String {
    format!("{}Input", camel_ident(operation))
}

/// The Rust name of an operation's output struct.
pub fn output_name(operation: &str) -> String {
    format!("{}Output", camel_ident(operation))
}

/// The Rust name of an operation's error enum.
pub fn operation_error_name(operation: &str) -> String {
    format!("{}Error", camel_ident(operation))
}

/// The Rust name of a structure's builder.
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// A crate name from a service's SDK id or shape name: kebab-case, ASCII only.
pub fn crate_name(service: &str) -> String {
    use heck::ToKebabCase;
    let kebab = service.to_kebab_case();
    let kebab: String = kebab
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if kebab.is_empty() {
        "generated-service".to_string()
    } else if kebab.starts_with(|c: char| c.is_ascii_digit()) {
        // Cargo package names cannot start with a digit.
        format!("service-{kebab}")
    } else {
        kebab
    }
}

/// Why `name` cannot be a Cargo package name, if it cannot: it must be
/// non-empty ASCII letters, digits, `-` and `_`, not start with a digit, and
/// not be a Rust keyword once `-` becomes `_`.
pub fn check_package_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "it contains {c:?}; use only ASCII letters, digits, `-` and `_`"
        ));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("it starts with a digit".into());
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return Err("it has uppercase letters; crate names are lowercase (`my-service`)".into());
    }
    let as_ident = name.replace('-', "_");
    if is_keyword(&as_ident)
        || ["test", "std", "core", "alloc", "proc_macro"].contains(&as_ident.as_str())
    {
        return Err(format!("`{as_ident}` is reserved in Rust"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_and_keywords() {
        assert_eq!(snake_ident("DomainName"), "domain_name");
        assert_eq!(snake_ident("JobId"), "job_id");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("Type"), "r#type");
        assert_eq!(snake_ident("gen"), "r#gen");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("super"), "super_");
        assert_eq!(snake_ident("crate"), "crate_");
        assert_eq!(snake_ident("2fa"), "_2fa");
    }

    #[test]
    fn camel_case_and_self() {
        assert_eq!(camel_ident("IN_PROGRESS"), "InProgress");
        assert_eq!(camel_ident("SELF"), "SelfValue");
        assert_eq!(camel_ident("self"), "SelfValue");
        assert_eq!(camel_ident("1X"), "V1x");
        assert_eq!(camel_ident("phone_number"), "PhoneNumber");
    }

    #[test]
    fn derived_names() {
        assert_eq!(input_name("GetUploadJob"), "GetUploadJobInput");
        assert_eq!(output_name("GetUploadJob"), "GetUploadJobOutput");
        assert_eq!(operation_error_name("GetUploadJob"), "GetUploadJobError");
        assert_eq!(crate_name("Customer Profiles"), "customer-profiles");
        assert_eq!(module_name("GetUploadJob"), "get_upload_job");
        assert_eq!(module_name("Type"), "type_");
    }
}
