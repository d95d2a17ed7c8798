//! The resolved intermediate representation: what the emitters consume.
//!
//! Everything here is already checked: every target exists, mixins and `apply`
//! are folded in, optionality is decided, recursion is boxed and every Rust
//! name is assigned. Collections are ordered (`Vec` in model order or sorted,
//! `BTreeMap` by shape id) so output is deterministic.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::shape_id::ShapeId;

/// The protocol a service speaks on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`.
    RestJson1,
}

/// A service and the part of its model reachable from the selected operations.
#[derive(Debug, Clone)]
pub struct Service {
    /// The service shape id.
    pub id: ShapeId,
    /// `smithy.api#title`, when present.
    pub title: Option<String>,
    /// The service documentation (HTML as in the model).
    pub doc: Option<String>,
    /// `aws.api#service` `sdkId`, when present.
    pub sdk_id: Option<String>,
    /// The service version.
    pub version: Option<String>,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The selected operations, sorted by name.
    pub operations: Vec<Operation>,
    /// Every named Rust type the selected operations reach, by shape id.
    pub types: BTreeMap<ShapeId, NamedType>,
    /// Errors the service declares for every operation.
    pub service_errors: Vec<ShapeId>,
    /// Operations of the service left out of an all-operations run, with why
    /// (event streams, which the generator does not support yet).
    pub skipped_operations: Vec<(String, String)>,
    /// `@pattern`s that `validate()` leaves out because they do not compile
    /// even after [`crate::pattern::to_rust_syntax`]: `(JSON path, pattern, why)`.
    pub unchecked_patterns: Vec<(String, String, String)>,
}

impl Service {
    /// The structure with this id, when it is one.
    pub fn structure(&self, id: &ShapeId) -> Option<&Structure> {
        match self.types.get(id) {
            Some(NamedType::Structure(s)) => Some(s),
            _ => None,
        }
    }
}

/// Where a generated type lives: `crate::<module...>::<name>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustPath {
    /// Module segments below the crate root, e.g. `["types"]`.
    pub module: Vec<String>,
    /// The type name.
    pub name: String,
}

/// A shape that becomes a named Rust type.
#[derive(Debug, Clone)]
pub enum NamedType {
    /// A structure (plain, operation input/output or error).
    Structure(Structure),
    /// A tagged union.
    Union(Union),
    /// A string enum.
    Enum(Enum),
    /// An integer enum.
    IntEnum(IntEnum),
}

impl NamedType {
    /// The Rust path of the type.
    pub fn path(&self) -> &RustPath {
        match self {
            NamedType::Structure(s) => &s.path,
            NamedType::Union(u) => &u.path,
            NamedType::Enum(e) => &e.path,
            NamedType::IntEnum(e) => &e.path,
        }
    }

    /// The shape's documentation.
    pub fn doc(&self) -> Option<&str> {
        match self {
            NamedType::Structure(s) => s.doc.as_deref(),
            NamedType::Union(u) => u.doc.as_deref(),
            NamedType::Enum(e) => e.doc.as_deref(),
            NamedType::IntEnum(e) => e.doc.as_deref(),
        }
    }
}

/// What a structure is used as.
#[derive(Debug, Clone, PartialEq)]
pub enum StructRole {
    /// An ordinary structure in the `types` module.
    Plain,
    /// The input of the named operation.
    Input,
    /// The output of the named operation.
    Output,
    /// An error shape.
    Error(ErrorInfo),
}

/// Whether an error is the caller's fault or the service's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `@error("client")`.
    Client,
    /// `@error("server")`.
    Server,
}

/// The `error` and `httpError` traits of an error structure.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// Client or server.
    pub fault: Fault,
    /// `@httpError` status, else 400 for client and 500 for server errors.
    pub http_status: u16,
    /// `@retryable`.
    pub retryable: bool,
}

/// A structure shape.
#[derive(Debug, Clone)]
pub struct Structure {
    /// The shape id (synthetic `smithy.synthetic#<Op>Input`/`Output` for operation input/output).
    pub id: ShapeId,
    /// Where the Rust type lives.
    pub path: RustPath,
    /// The file stem of its module.
    pub module: String,
    /// Documentation (HTML).
    pub doc: Option<String>,
    /// Members in model order.
    pub members: Vec<Member>,
    /// Role of the structure.
    pub role: StructRole,
    /// `@sensitive` on the structure.
    pub sensitive: bool,
}

impl Structure {
    /// Whether the builder's `build()` returns a `Result`: some member must be
    /// set by the caller (required, and without a default the builder can use).
    pub fn builder_is_fallible(&self) -> bool {
        self.members.iter().any(Member::builder_requires)
    }
}

impl Member {
    /// Whether the builder fails without this member: it is `@required` and
    /// either stays an `Option` (inputs) or has no `@default` to fall back on.
    pub fn builder_requires(&self) -> bool {
        self.required && (self.optional || self.default.is_none())
    }
}

/// A tagged union shape.
#[derive(Debug, Clone)]
pub struct Union {
    /// The shape id.
    pub id: ShapeId,
    /// Where the Rust type lives.
    pub path: RustPath,
    /// The file stem of its module.
    pub module: String,
    /// Documentation (HTML).
    pub doc: Option<String>,
    /// Variants in model order; `Member::field` holds the UpperCamel variant name.
    pub variants: Vec<Member>,
    /// `@sensitive` on the union.
    pub sensitive: bool,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// The shape id.
    pub id: ShapeId,
    /// Where the Rust type lives.
    pub path: RustPath,
    /// The file stem of its module.
    pub module: String,
    /// Documentation (HTML).
    pub doc: Option<String>,
    /// Values in model order.
    pub values: Vec<EnumValue>,
    /// `@sensitive` on the enum.
    pub sensitive: bool,
}

/// One value of a string enum.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The member name in the model.
    pub name: String,
    /// The Rust variant name.
    pub variant: String,
    /// The wire string.
    pub value: String,
    /// Documentation (HTML).
    pub doc: Option<String>,
}

/// An integer enum.
#[derive(Debug, Clone)]
pub struct IntEnum {
    /// The shape id.
    pub id: ShapeId,
    /// Where the Rust type lives.
    pub path: RustPath,
    /// The file stem of its module.
    pub module: String,
    /// Documentation (HTML).
    pub doc: Option<String>,
    /// Values in model order.
    pub values: Vec<IntEnumValue>,
}

/// One value of an integer enum.
#[derive(Debug, Clone)]
pub struct IntEnumValue {
    /// The member name in the model.
    pub name: String,
    /// The Rust variant name.
    pub variant: String,
    /// The wire integer.
    pub value: i32,
    /// Documentation (HTML).
    pub doc: Option<String>,
}

/// The timestamp wire formats of `@timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimestampFormat {
    /// `epoch-seconds`.
    EpochSeconds,
    /// `date-time` (RFC 3339).
    DateTime,
    /// `http-date` (IMF-fixdate).
    HttpDate,
}

/// A value type as Rust sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// `blob`.
    Blob,
    /// `boolean`.
    Boolean,
    /// `string`.
    String,
    /// `byte` (i8).
    Byte,
    /// `short` (i16).
    Short,
    /// `integer` (i32).
    Integer,
    /// `long` (i64).
    Long,
    /// `float` (f32).
    Float,
    /// `double` (f64).
    Double,
    /// `bigInteger`.
    BigInteger,
    /// `bigDecimal`.
    BigDecimal,
    /// `timestamp`.
    Timestamp,
    /// `document`.
    Document,
    /// A string enum, by shape id.
    Enum(ShapeId),
    /// An integer enum, by shape id.
    IntEnum(ShapeId),
    /// A structure, by shape id.
    Structure(ShapeId),
    /// A union, by shape id.
    Union(ShapeId),
    /// A list (inlined as `Vec`).
    List(Box<Collection>),
    /// A map with string keys (inlined as `HashMap`).
    Map(Box<Collection>),
}

/// A list or map: the element (or value) type and the collection's traits.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    /// The list or map shape id.
    pub shape: ShapeId,
    /// The element (list) or value (map) type.
    pub member: ValueShape,
    /// The map key's constraints (maps only).
    pub key_constraints: Constraints,
    /// Map keys that are enums are kept as strings; this names the enum for validation.
    pub key_enum: Option<ShapeId>,
    /// `@sparse`: nulls are kept.
    pub sparse: bool,
    /// `@uniqueItems` (or a Smithy 1.0 set).
    pub unique: bool,
}

/// A type together with the traits that shape its wire form and validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueShape {
    /// The target shape id.
    pub target: ShapeId,
    /// The Rust type.
    pub ty: Type,
    /// `@timestampFormat` (member's, else target's).
    pub timestamp_format: Option<TimestampFormat>,
    /// `@mediaType` of the target.
    pub media_type: Option<String>,
    /// Constraint traits (member's over target's).
    pub constraints: Constraints,
    /// `@sensitive` on the target.
    pub sensitive: bool,
}

/// Constraint traits checked by `validate()`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `@length` min and max.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@pattern` regex.
    pub pattern: Option<String>,
    /// `@range` min and max.
    pub range: Option<(Option<f64>, Option<f64>)>,
}

/// Where a member goes in an HTTP message.
#[derive(Debug, Clone, PartialEq)]
pub enum Binding {
    /// In the JSON body under its wire name.
    Body,
    /// A URI label; `greedy` for `{Name+}`.
    Label {
        /// Whether the label is greedy.
        greedy: bool,
    },
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpHeader("name")`.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`.
    PrefixHeaders(String),
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
}

/// A structure or union member.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member name in the model.
    pub name: String,
    /// The Rust field (snake_case, escaped) or variant (UpperCamel) name.
    pub field: String,
    /// The JSON key: `@jsonName`, else the member name.
    pub json_name: String,
    /// Documentation (HTML): the member's, else the target's.
    pub doc: Option<String>,
    /// The value type and its traits.
    pub value: ValueShape,
    /// `@required`.
    pub required: bool,
    /// Whether the Rust field is an `Option`.
    pub optional: bool,
    /// `@default` value, when set and not null.
    pub default: Option<Value>,
    /// Whether the value is boxed to break a recursive cycle.
    pub boxed: bool,
    /// `@sensitive` on the member's target (or the member's container).
    pub sensitive: bool,
    /// The HTTP binding.
    pub binding: Binding,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// `@deprecated` message, when deprecated.
    pub deprecated: Option<String>,
}

/// A piece of an operation's URI path.
#[derive(Debug, Clone, PartialEq)]
pub enum UriSegment {
    /// Literal text of one path segment.
    Literal(String),
    /// A label, by member name.
    Label {
        /// The member name.
        name: String,
        /// `{Name+}`.
        greedy: bool,
    },
}

/// The `@http` trait.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpTrait {
    /// The HTTP method.
    pub method: String,
    /// The URI as written in the model.
    pub uri: String,
    /// Path segments (between `/`).
    pub path: Vec<UriSegment>,
    /// Literal query parameters of the URI (`?a=b&c`).
    pub query_literals: Vec<(String, String)>,
    /// The success status code.
    pub code: u16,
}

/// An operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The shape id.
    pub id: ShapeId,
    /// The shape name (`GetUploadJob`).
    pub name: String,
    /// The module name (`get_upload_job`).
    pub module: String,
    /// Documentation (HTML).
    pub doc: Option<String>,
    /// The synthetic input structure id.
    pub input: ShapeId,
    /// The synthetic output structure id.
    pub output: ShapeId,
    /// Errors: the operation's then the service's, sorted by name, without repeats.
    pub errors: Vec<ShapeId>,
    /// The HTTP binding.
    pub http: HttpTrait,
    /// `@deprecated` message, when deprecated.
    pub deprecated: Option<String>,
}
