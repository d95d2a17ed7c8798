//! Smithy shape ids (`namespace#Name` and `namespace#Name$member`), parsed and checked.

use std::fmt;

/// An absolute shape id such as `com.example#Foo`, optionally with a member (`com.example#Foo$bar`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
    member: Option<String>,
}

/// The namespace of Smithy's prelude shapes.
pub const PRELUDE_NAMESPACE: &str = "smithy.api";

impl ShapeId {
    /// Parses an absolute shape id, checking the Smithy syntax
    /// (`namespace` = identifiers joined by `.`, then `#`, an identifier, and optionally `$member`).
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let Some((namespace, rest)) = text.split_once('#') else {
            return Err(format!(
                "`{text}` is not an absolute shape id: it has no `#` between namespace and name"
            ));
        };
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(format!(
                "`{text}` has an invalid namespace `{namespace}`: expected identifiers separated by `.`"
            ));
        }
        let (name, member) = match rest.split_once('$') {
            Some((name, member)) => (name, Some(member)),
            None => (rest, None),
        };
        if !is_identifier(name) {
            return Err(format!("`{text}` has an invalid shape name `{name}`"));
        }
        if let Some(member) = member {
            if !is_identifier(member) {
                return Err(format!("`{text}` has an invalid member name `{member}`"));
            }
        }
        Ok(ShapeId {
            namespace: namespace.to_string(),
            name: name.to_string(),
            member: member.map(str::to_string),
        })
    }

    /// The namespace, e.g. `com.example`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The shape name, e.g. `Foo`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The member name, when this id names a member.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// The id without its member part.
    pub fn root(&self) -> ShapeId {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: None,
        }
    }

    /// True for shapes of the `smithy.api` prelude.
    pub fn is_prelude(&self) -> bool {
        self.namespace == PRELUDE_NAMESPACE
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(m) = &self.member {
            write!(f, "${m}")?;
        }
        Ok(())
    }
}

/// True when `s` is a Smithy identifier: `[A-Za-z_][A-Za-z0-9_]*`, not only underscores.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && s.chars().any(|c| c != '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_shape_and_member_ids() {
        let id = ShapeId::parse("com.example#Foo$bar").unwrap();
        assert_eq!(id.namespace(), "com.example");
        assert_eq!(id.name(), "Foo");
        assert_eq!(id.member(), Some("bar"));
        assert_eq!(id.to_string(), "com.example#Foo$bar");
        assert_eq!(id.root().to_string(), "com.example#Foo");
        assert!(ShapeId::parse("smithy.api#String").unwrap().is_prelude());
    }

    #[test]
    fn rejects_bad_ids() {
        assert!(ShapeId::parse("Foo").unwrap_err().contains("no `#`"));
        assert!(
            ShapeId::parse("com..example#Foo")
                .unwrap_err()
                .contains("invalid namespace")
        );
        assert!(
            ShapeId::parse("com.example#1Foo")
                .unwrap_err()
                .contains("invalid shape name")
        );
        assert!(
            ShapeId::parse("com.example#Foo$")
                .unwrap_err()
                .contains("invalid member")
        );
        assert!(ShapeId::parse("com.example#__").is_err());
    }
}
