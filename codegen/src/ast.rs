//! The Smithy 2.0 JSON AST as typed Rust values, and the loader that reads it.
//!
//! This is the only stage that sees raw JSON. Every shape is decoded on its own,
//! so one bad shape does not hide problems in the others: all problems of the
//! load phase are collected into [`Diagnostics`], each with the file, the shape
//! id and the JSON path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::shape_id::ShapeId;

/// Trait values of a shape or member, keyed by trait shape id (e.g. `smithy.api#required`).
pub type Traits = IndexMap<String, Value>;

/// A reference to another shape: `{ "target": "ns#Name" }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeRef {
    /// The absolute id of the referenced shape.
    pub target: String,
}

/// A member of an aggregate shape (structure, union, enum, list, map).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberDef {
    /// The absolute id of the member's target.
    pub target: String,
    /// Traits applied to the member.
    #[serde(default)]
    pub traits: Traits,
}

/// Fields common to every shape: traits and mixins.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimpleShape {
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins this shape uses.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// A shape with named members: structure, union, enum and intEnum.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregateShape {
    /// The members, in model order.
    #[serde(default)]
    pub members: IndexMap<String, MemberDef>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins this shape uses.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// A list (or Smithy 1.0 set) shape.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListShape {
    /// The element member.
    pub member: MemberDef,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins this shape uses.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// A map shape.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapShape {
    /// The key member (targets a string shape).
    pub key: MemberDef,
    /// The value member.
    pub value: MemberDef,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins this shape uses.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// A service shape.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceShape {
    /// The service version string.
    #[serde(default)]
    pub version: Option<String>,
    /// Operations bound directly to the service.
    #[serde(default)]
    pub operations: Vec<ShapeRef>,
    /// Resources bound to the service.
    #[serde(default)]
    pub resources: Vec<ShapeRef>,
    /// Errors every operation of the service can return.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Shape renames that disambiguate names in the service closure.
    #[serde(default)]
    pub rename: IndexMap<String, String>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins this shape uses.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// An operation shape.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationShape {
    /// The input structure (`smithy.api#Unit` when absent).
    #[serde(default)]
    pub input: Option<ShapeRef>,
    /// The output structure (`smithy.api#Unit` when absent).
    #[serde(default)]
    pub output: Option<ShapeRef>,
    /// Errors the operation can return.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins this shape uses.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

/// A resource shape: its lifecycle operations and nested resources.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceShape {
    /// Identifier names to their target shapes.
    #[serde(default)]
    pub identifiers: IndexMap<String, ShapeRef>,
    /// Property names to their target shapes.
    #[serde(default)]
    pub properties: IndexMap<String, ShapeRef>,
    /// The `create` lifecycle operation.
    #[serde(default)]
    pub create: Option<ShapeRef>,
    /// The `put` lifecycle operation.
    #[serde(default)]
    pub put: Option<ShapeRef>,
    /// The `read` lifecycle operation.
    #[serde(default)]
    pub read: Option<ShapeRef>,
    /// The `update` lifecycle operation.
    #[serde(default)]
    pub update: Option<ShapeRef>,
    /// The `delete` lifecycle operation.
    #[serde(default)]
    pub delete: Option<ShapeRef>,
    /// The `list` lifecycle operation.
    #[serde(default)]
    pub list: Option<ShapeRef>,
    /// Instance operations.
    #[serde(default)]
    pub operations: Vec<ShapeRef>,
    /// Collection operations.
    #[serde(default, rename = "collectionOperations")]
    pub collection_operations: Vec<ShapeRef>,
    /// Child resources.
    #[serde(default)]
    pub resources: Vec<ShapeRef>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins this shape uses.
    #[serde(default)]
    pub mixins: Vec<ShapeRef>,
}

impl ResourceShape {
    /// Every operation the resource binds, lifecycle ones first, in a fixed order.
    pub fn all_operations(&self) -> Vec<&ShapeRef> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(self.operations.iter())
        .chain(self.collection_operations.iter())
        .collect()
    }
}

/// An `apply` entry: traits added to a shape or member defined elsewhere.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyShape {
    /// The traits to add.
    #[serde(default)]
    pub traits: Traits,
}

/// One entry of the `shapes` object, by its `type`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[allow(missing_docs)]
pub enum Shape {
    Blob(SimpleShape),
    Boolean(SimpleShape),
    String(SimpleShape),
    Enum(AggregateShape),
    Byte(SimpleShape),
    Short(SimpleShape),
    Integer(SimpleShape),
    IntEnum(AggregateShape),
    Long(SimpleShape),
    Float(SimpleShape),
    Double(SimpleShape),
    BigInteger(SimpleShape),
    BigDecimal(SimpleShape),
    Timestamp(SimpleShape),
    Document(SimpleShape),
    List(ListShape),
    /// Smithy 1.0 `set`: a list with unique items.
    Set(ListShape),
    Map(MapShape),
    Structure(AggregateShape),
    Union(AggregateShape),
    Service(ServiceShape),
    Operation(OperationShape),
    Resource(ResourceShape),
    Apply(ApplyShape),
}

impl Shape {
    /// The Smithy type name (`structure`, `string`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Enum(_) => "enum",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::IntEnum(_) => "intEnum",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::List(_) => "list",
            Shape::Set(_) => "set",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Service(_) => "service",
            Shape::Operation(_) => "operation",
            Shape::Resource(_) => "resource",
            Shape::Apply(_) => "apply",
        }
    }

    /// The shape's own traits.
    pub fn traits(&self) -> &Traits {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.traits,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => &s.traits,
            Shape::List(s) | Shape::Set(s) => &s.traits,
            Shape::Map(s) => &s.traits,
            Shape::Service(s) => &s.traits,
            Shape::Operation(s) => &s.traits,
            Shape::Resource(s) => &s.traits,
            Shape::Apply(s) => &s.traits,
        }
    }

    /// The shape's own traits, mutably.
    pub fn traits_mut(&mut self) -> &mut Traits {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &mut s.traits,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => {
                &mut s.traits
            }
            Shape::List(s) | Shape::Set(s) => &mut s.traits,
            Shape::Map(s) => &mut s.traits,
            Shape::Service(s) => &mut s.traits,
            Shape::Operation(s) => &mut s.traits,
            Shape::Resource(s) => &mut s.traits,
            Shape::Apply(s) => &mut s.traits,
        }
    }

    /// The mixins the shape uses.
    pub fn mixins(&self) -> &[ShapeRef] {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.mixins,
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => &s.mixins,
            Shape::List(s) | Shape::Set(s) => &s.mixins,
            Shape::Map(s) => &s.mixins,
            Shape::Service(s) => &s.mixins,
            Shape::Operation(s) => &s.mixins,
            Shape::Resource(s) => &s.mixins,
            Shape::Apply(_) => &[],
        }
    }

    /// Named members (structure, union, enum, intEnum), in model order.
    pub fn members(&self) -> Option<&IndexMap<String, MemberDef>> {
        match self {
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => {
                Some(&s.members)
            }
            _ => None,
        }
    }

    /// Named members, mutably.
    pub fn members_mut(&mut self) -> Option<&mut IndexMap<String, MemberDef>> {
        match self {
            Shape::Enum(s) | Shape::IntEnum(s) | Shape::Structure(s) | Shape::Union(s) => {
                Some(&mut s.members)
            }
            _ => None,
        }
    }
}

/// Where a shape was defined.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Index into [`Model::files`].
    pub file: usize,
}

/// One or more model files merged: every shape by id, plus `apply` entries and metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// The files read, in the order given.
    pub files: Vec<PathBuf>,
    /// The Smithy IDL version each file declared.
    pub versions: Vec<String>,
    /// Shapes by id (ordered, for deterministic iteration).
    pub shapes: BTreeMap<ShapeId, Located<Shape>>,
    /// `apply` entries in file order, each targeting a shape or member id.
    pub applies: Vec<(ShapeId, Located<Traits>)>,
    /// Merged `metadata` of all files.
    pub metadata: BTreeMap<String, Value>,
}

impl Model {
    /// The file a shape was defined in, for diagnostics.
    pub fn file_of(&self, id: &ShapeId) -> Option<&Path> {
        let root = id.root();
        self.shapes
            .get(&root)
            .and_then(|s| self.files.get(s.file))
            .map(PathBuf::as_path)
    }

    /// Reads and merges model files. All problems in all files are reported together.
    pub fn load_files(paths: &[PathBuf]) -> Result<Model, Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut sources = Vec::new();
        for path in paths {
            match std::fs::read(path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => sources.push((path.clone(), text)),
                    Err(e) => diags.push(
                        Diagnostic::new(format!(
                            "the model file is not UTF-8 text (invalid byte at offset {})",
                            e.utf8_error().valid_up_to()
                        ))
                        .in_file(path)
                        .with_help("a Smithy JSON AST model is a UTF-8 JSON file; was a binary or another encoding given?"),
                    ),
                },
                Err(e) => diags.push(
                    Diagnostic::new(format!("cannot read the model file: {e}"))
                        .in_file(path)
                        .with_help("check that the model path is right"),
                ),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let borrowed: Vec<(&Path, &str)> = sources
            .iter()
            .map(|(p, t)| (p.as_path(), t.as_str()))
            .collect();
        Model::load_sources(&borrowed)
    }

    /// Parses and merges model texts; each is named by its path for diagnostics.
    pub fn load_sources(sources: &[(&Path, &str)]) -> Result<Model, Diagnostics> {
        let mut model = Model::default();
        let mut diags = Diagnostics::new();
        for (path, text) in sources {
            let file = model.files.len();
            model.files.push(path.to_path_buf());
            load_one(&mut model, file, path, text, &mut diags);
        }
        diags.into_result(model)
    }
}

fn json_key(key: &str) -> String {
    format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\""))
}

fn load_one(model: &mut Model, file: usize, path: &Path, text: &str, diags: &mut Diagnostics) {
    // Editors on some systems start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::new("the model file is empty")
                .in_file(path)
                .with_help("a Smithy JSON AST model is an object such as {\"smithy\": \"2.0\", \"shapes\": {...}}"),
        );
        return;
    }
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the location is reported separately.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            diags.push(
                Diagnostic::new(format!("the model file is not valid JSON: {message}"))
                    .in_file(path)
                    .at_line_col(e.line(), e.column()),
            );
            return;
        }
    };
    let Value::Object(mut top) = root else {
        diags.push(
            Diagnostic::new("the model file must hold a JSON object with `smithy` and `shapes`")
                .in_file(path)
                .at_path("$"),
        );
        return;
    };
    match top.get("smithy") {
        Some(Value::String(v)) if v == "2.0" || v == "2" || v == "1.0" || v == "1" => {
            model.versions.push(v.clone());
        }
        Some(other) => diags.push(
            Diagnostic::new(format!("unsupported Smithy version {other}"))
                .in_file(path)
                .at_path("smithy")
                .with_help("this generator reads Smithy JSON AST version \"2.0\" (and \"1.0\")"),
        ),
        None => diags.push(
            Diagnostic::new("the model file has no `smithy` version key")
                .in_file(path)
                .at_path("smithy")
                .with_help("add \"smithy\": \"2.0\" at the top level"),
        ),
    }
    if let Some(meta) = top.remove("metadata") {
        match meta {
            Value::Object(map) => {
                for (k, v) in map {
                    model.metadata.insert(k, v);
                }
            }
            _ => diags.push(
                Diagnostic::new("`metadata` must be a JSON object")
                    .in_file(path)
                    .at_path("metadata"),
            ),
        }
    }
    let shapes = match top.remove("shapes") {
        Some(Value::Object(map)) => map,
        Some(_) => {
            diags.push(
                Diagnostic::new("`shapes` must be a JSON object keyed by shape id")
                    .in_file(path)
                    .at_path("shapes"),
            );
            return;
        }
        None => serde_json::Map::new(),
    };
    for (key, value) in shapes {
        let json_path = format!("shapes.{}", json_key(&key));
        let id = match ShapeId::parse(&key) {
            Ok(id) => id,
            Err(msg) => {
                diags.push(
                    Diagnostic::new(format!("invalid shape id: {msg}"))
                        .in_file(path)
                        .at_path(json_path),
                );
                continue;
            }
        };
        let shape: Shape = match Shape::deserialize(&value) {
            Ok(s) => s,
            Err(e) => {
                // Point at the member when one of them is the problem.
                let (json_path, message) = match failing_member(&value) {
                    Some((sub, member_error)) => (format!("{json_path}.{sub}"), member_error),
                    None => (json_path, e.to_string()),
                };
                let mut d = Diagnostic::new(format!("invalid shape definition: {message}"))
                    .in_file(path)
                    .at_shape(key.as_str())
                    .at_path(json_path);
                if e.to_string().contains("unknown variant") {
                    d = d.with_help(
                        "`type` must be one of the Smithy 2.0 shape types (structure, string, list, ...) or `apply`",
                    );
                }
                diags.push(d);
                continue;
            }
        };
        if let Shape::Apply(apply) = shape {
            model.applies.push((
                id,
                Located {
                    value: apply.traits,
                    file,
                },
            ));
            continue;
        }
        if id.member().is_some() {
            diags.push(
                Diagnostic::new("a shape id with a `$member` part can only be used by `apply`")
                    .in_file(path)
                    .at_shape(key.as_str())
                    .at_path(json_path),
            );
            continue;
        }
        match model.shapes.get(&id) {
            Some(existing) if existing.value != shape => {
                let first = model
                    .files
                    .get(existing.file)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::new(format!(
                        "shape `{id}` is defined twice with different definitions (first in {first})"
                    ))
                    .in_file(path)
                    .at_shape(key.as_str())
                    .at_path(json_path),
                );
            }
            Some(_) => {}
            None => {
                model.shapes.insert(id, Located { value: shape, file });
            }
        }
    }
}

/// The first member of a shape's JSON that is not a valid member definition:
/// its JSON path below the shape (`members.Foo`, `member`, `key`, `value`) and
/// what is wrong with it.
fn failing_member(shape: &Value) -> Option<(String, String)> {
    let check = |sub: String, v: &Value| {
        MemberDef::deserialize(v)
            .err()
            .map(|e| (sub, e.to_string()))
    };
    if let Some(Value::Object(members)) = shape.get("members") {
        for (name, m) in members {
            let key = if crate::shape_id::is_identifier(name) {
                name.clone()
            } else {
                json_key(name)
            };
            if let Some(found) = check(format!("members.{key}"), m) {
                return Some(found);
            }
        }
    }
    for single in ["member", "key", "value"] {
        if let Some(m) = shape.get(single) {
            if let Some(found) = check(single.to_string(), m) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Model, Diagnostics> {
        Model::load_sources(&[(Path::new("m.json"), text)])
    }

    #[test]
    fn loads_every_shape_type() {
        let m = load(
            r#"{"smithy":"2.0","shapes":{
            "a#B":{"type":"blob"},"a#Bo":{"type":"boolean"},"a#S":{"type":"string"},
            "a#E":{"type":"enum","members":{"X":{"target":"smithy.api#Unit"}}},
            "a#By":{"type":"byte"},"a#Sh":{"type":"short"},"a#I":{"type":"integer"},
            "a#IE":{"type":"intEnum","members":{"X":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":1}}}},
            "a#L":{"type":"long"},"a#F":{"type":"float"},"a#D":{"type":"double"},
            "a#BI":{"type":"bigInteger"},"a#BD":{"type":"bigDecimal"},"a#T":{"type":"timestamp"},
            "a#Doc":{"type":"document"},"a#Li":{"type":"list","member":{"target":"a#S"}},
            "a#M":{"type":"map","key":{"target":"a#S"},"value":{"target":"a#S"}},
            "a#St":{"type":"structure","members":{"x":{"target":"a#S"}},"mixins":[{"target":"a#Mx"}]},
            "a#Mx":{"type":"structure","members":{},"traits":{"smithy.api#mixin":{}}},
            "a#U":{"type":"union","members":{"x":{"target":"a#S"}}},
            "a#Svc":{"type":"service","version":"1","operations":[{"target":"a#Op"}]},
            "a#Op":{"type":"operation","input":{"target":"a#St"}},
            "a#R":{"type":"resource","identifiers":{"id":{"target":"a#S"}},"read":{"target":"a#Op"}},
            "a#S$x":{"type":"apply","traits":{"smithy.api#documentation":"hi"}}
        }}"#,
        )
        .unwrap();
        assert_eq!(m.shapes.len(), 23);
        assert_eq!(m.applies.len(), 1);
        assert_eq!(m.applies[0].0.to_string(), "a#S$x");
        let st = &m.shapes[&ShapeId::parse("a#St").unwrap()].value;
        assert_eq!(st.type_name(), "structure");
        assert_eq!(st.mixins()[0].target, "a#Mx");
    }

    #[test]
    fn reports_all_problems_with_locations() {
        let err = load(
            r#"{"smithy":"2.0","shapes":{
            "a#Bad":{"type":"strin"},
            "nohash":{"type":"string"},
            "a#NoTarget":{"type":"list","member":{}}
        }}"#,
        )
        .unwrap_err();
        assert_eq!(err.len(), 3, "{err}");
        let text = err.to_string();
        assert!(text.contains("unknown variant `strin`"), "{text}");
        assert!(text.contains("shapes.\"a#Bad\""), "{text}");
        assert!(text.contains("no `#`"), "{text}");
        assert!(text.contains("missing field `target`"), "{text}");
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = load("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line_col, Some((3, 14)));
        assert!(d.message.contains("not valid JSON"), "{}", d.message);
    }
}
