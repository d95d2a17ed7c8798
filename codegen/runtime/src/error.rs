//! Error types shared by all operations.

use std::error::Error as StdError;
use std::fmt;

use super::json::DeserializeError;
use super::validate::ValidationError;

/// Who is to blame for an error: the caller or the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorFault {
    /// The request was wrong (`@error("client")`, HTTP 4xx).
    Client,
    /// The service failed (`@error("server")`, HTTP 5xx).
    Server,
}

impl ErrorFault {
    /// `Server` for HTTP status 500 and above, `Client` otherwise.
    pub fn from_status(status: u16) -> Self {
        if status >= 500 {
            ErrorFault::Server
        } else {
            ErrorFault::Client
        }
    }
}

impl fmt::Display for ErrorFault {
    /// `client` or `server`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorFault::Client => "client",
            ErrorFault::Server => "server",
        })
    }
}

/// An error response that matches none of the operation's modeled errors.
///
/// ```ignore
/// use crate::rt::error::UnhandledError;
///
/// let e = UnhandledError {
///     status: 400,
///     code: Some("Foo".into()),
///     message: Some("bad things".into()),
///     request_id: None,
/// };
/// assert_eq!(e.to_string(), "unhandled error (HTTP 400, code Foo): bad things");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnhandledError {
    /// HTTP status code.
    pub status: u16,
    /// Error code, as found by [`super::http::error_code`].
    pub code: Option<String>,
    /// Error message, as found by [`super::http::error_message`].
    pub message: Option<String>,
    /// Request id, as found by [`super::http::request_id`].
    pub request_id: Option<String>,
}

impl UnhandledError {
    /// Collects status, code, message and request id from an error response
    /// whose body has already been parsed (use an empty object when the body
    /// is not JSON).
    pub fn from_response(
        status: u16,
        headers: &::http::HeaderMap,
        body: &::serde_json::Value,
    ) -> Self {
        UnhandledError {
            status,
            code: super::http::error_code(headers, body),
            message: super::http::error_message(body),
            request_id: super::http::request_id(headers),
        }
    }

    /// Client or server fault, from the status code.
    pub fn fault(&self) -> ErrorFault {
        ErrorFault::from_status(self.status)
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unhandled error (HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, ", code {code}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl StdError for UnhandledError {}

/// An operation input could not be turned into an HTTP request.
///
/// ```ignore
/// use crate::rt::error::BuildRequestError;
///
/// let e = BuildRequestError::empty_label("JobId");
/// assert_eq!(e.member(), Some("JobId"));
/// assert_eq!(e.to_string(), "cannot build request: label `JobId` is unset or empty");
/// ```
#[derive(Debug)]
pub struct BuildRequestError {
    member: Option<String>,
    reason: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl BuildRequestError {
    /// A custom failure about `member`.
    pub fn new(member: impl Into<String>, reason: impl Into<String>) -> Self {
        BuildRequestError {
            member: Some(member.into()),
            reason: reason.into(),
            source: None,
        }
    }

    /// A failure that concerns no particular member.
    pub fn other(reason: impl Into<String>) -> Self {
        BuildRequestError {
            member: None,
            reason: reason.into(),
            source: None,
        }
    }

    /// The `@httpLabel` member is unset or empty: `label `JobId` is unset or
    /// empty`.
    pub fn empty_label(member: &str) -> Self {
        Self::new(member, format!("label `{member}` is unset or empty"))
    }

    /// A `@required` member is unset: `required member `Name` is unset`.
    pub fn missing_required(member: &str) -> Self {
        Self::new(member, format!("required member `{member}` is unset"))
    }

    /// The member's value cannot be sent in the header `header`
    /// (e.g. it contains a newline or non-ASCII characters).
    pub fn invalid_header_value(member: &str, header: &str) -> Self {
        Self::new(
            member,
            format!("member `{member}` is not a valid value for header `{header}`"),
        )
    }

    /// A `@httpPrefixHeaders` key produced an invalid header name.
    pub fn invalid_header_name(member: &str, header: &str) -> Self {
        Self::new(
            member,
            format!("member `{member}` yields invalid header name `{header}`"),
        )
    }

    /// The `http` crate rejected the request (method, URI, ...).
    pub fn http(err: ::http::Error) -> Self {
        BuildRequestError {
            member: None,
            reason: format!("invalid HTTP request: {err}"),
            source: Some(Box::new(err)),
        }
    }

    /// The input failed its constraint checks.
    pub fn validation(err: ValidationError) -> Self {
        BuildRequestError {
            member: err.violations.first().map(|v| v.path.clone()),
            reason: format!("input is invalid: {err}"),
            source: Some(Box::new(err)),
        }
    }

    /// The member concerned, if any.
    pub fn member(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// Why the request could not be built.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for BuildRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build request: {}", self.reason)
    }
}

impl StdError for BuildRequestError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

impl From<::http::Error> for BuildRequestError {
    fn from(err: ::http::Error) -> Self {
        Self::http(err)
    }
}

impl From<ValidationError> for BuildRequestError {
    fn from(err: ValidationError) -> Self {
        Self::validation(err)
    }
}

/// A response (success or error) that could not be understood: its body is
/// not the expected JSON, or a bound header has an invalid value.
///
/// ```ignore
/// use crate::rt::error::ResponseError;
///
/// let e = ResponseError::with_message(200, Some("req-1".into()), "header `X-Count`: invalid 32-bit integer `x`");
/// assert_eq!(
///     e.to_string(),
///     "cannot parse HTTP 200 response (request id req-1): header `X-Count`: invalid 32-bit integer `x`",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    status: u16,
    request_id: Option<String>,
    detail: Detail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Detail {
    Deserialize(DeserializeError),
    Message(String),
}

impl ResponseError {
    /// The body could not be deserialized.
    pub fn deserialize(status: u16, request_id: Option<String>, err: DeserializeError) -> Self {
        ResponseError {
            status,
            request_id,
            detail: Detail::Deserialize(err),
        }
    }

    /// Any other problem, described by `message`.
    pub fn with_message(
        status: u16,
        request_id: Option<String>,
        message: impl Into<String>,
    ) -> Self {
        ResponseError {
            status,
            request_id,
            detail: Detail::Message(message.into()),
        }
    }

    /// HTTP status code of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Request id of the response, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body deserialization error, when that was the problem.
    pub fn deserialize_error(&self) -> Option<&DeserializeError> {
        match &self.detail {
            Detail::Deserialize(e) => Some(e),
            Detail::Message(_) => None,
        }
    }

    /// A description of the problem (without status and request id).
    pub fn message(&self) -> String {
        match &self.detail {
            Detail::Deserialize(e) => e.to_string(),
            Detail::Message(m) => m.clone(),
        }
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot parse HTTP {} response", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        match &self.detail {
            Detail::Deserialize(e) => write!(f, ": {e}"),
            Detail::Message(m) => write!(f, ": {m}"),
        }
    }
}

impl StdError for ResponseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.detail {
            Detail::Deserialize(e) => Some(e),
            Detail::Message(_) => None,
        }
    }
}
