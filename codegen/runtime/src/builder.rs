//! Errors from generated builders, and the request-id accessor shared by outputs and errors.

use std::fmt;

/// `build()` was called on a builder with required members unset.
///
/// Lists every missing member at once, by its model name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// A build error for `type_name` with the given unset required members.
    pub fn missing_members(type_name: &'static str, missing: Vec<&'static str>) -> Self {
        BuildError { type_name, missing }
    }

    /// The type that could not be built.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The required members that were not set (model names).
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.missing.len() == 1 {
            "member"
        } else {
            "members"
        };
        write!(
            f,
            "cannot build `{}`: required {plural} not set: {}",
            self.type_name,
            self.missing.join(", ")
        )
    }
}

impl std::error::Error for BuildError {}

/// Access to the request id the service returned (`x-amzn-requestid`), on outputs and errors.
pub trait RequestId {
    /// The request id of the response this value was parsed from, when the service sent one.
    fn request_id(&self) -> Option<&str>;
}

/// The raw wire value of an enum value this crate's model does not know.
///
/// Only the generated `From<&str>` conversions create it, so an unknown value can
/// never shadow a known one.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownVariantValue(pub(crate) String);

impl UnknownVariantValue {
    /// The wire string exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
