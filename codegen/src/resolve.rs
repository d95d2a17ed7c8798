//! Resolve and check: turns the loaded [`Model`] into the [`ir::Service`](crate::ir::Service) the
//! emitters consume.
//!
//! Phases, each collecting every problem before the run stops:
//! 1. fold the prelude, mixins and `apply` entries into one flat shape table;
//! 2. check every reference in the model (dangling targets, wrong shape kinds);
//! 3. find the service and the selected operations, compute their closure,
//!    decide optionality and bindings, assign Rust names, box recursion.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::ast::{MemberDef, Model, Shape, ShapeRef, Traits};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{
    Binding, Collection, Constraints, Enum, EnumValue, ErrorInfo, Fault, HttpTrait, IntEnum,
    IntEnumValue, Member, NamedType, Operation, Protocol, RustPath, Service, StructRole, Structure,
    TimestampFormat, Type, Union, UriSegment, ValueShape,
};
use crate::naming;
use crate::prelude;
use crate::shape_id::{PRELUDE_NAMESPACE, ShapeId};

/// Which operations of the service to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum OperationSelection {
    /// Every operation bound to the service (directly or through resources).
    #[default]
    All,
    /// Only these operations, by shape name (e.g. `GetUploadJob`).
    Named(Vec<String>),
}

/// Trait ids used by the resolver.
mod t {
    pub const DOC: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const INPUT: &str = "smithy.api#input";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const HTTP: &str = "smithy.api#http";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const LENGTH: &str = "smithy.api#length";
    pub const PATTERN: &str = "smithy.api#pattern";
    pub const RANGE: &str = "smithy.api#range";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const ENUM: &str = "smithy.api#enum";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const TITLE: &str = "smithy.api#title";
    pub const REST_JSON1: &str = "aws.protocols#restJson1";
    pub const AWS_SERVICE: &str = "aws.api#service";
}

/// A flattened shape with the file it came from.
struct Flat {
    shape: Shape,
    file: Option<usize>,
}

/// The shape table after prelude, mixins and `apply` are folded in.
pub struct FlatModel<'m> {
    model: &'m Model,
    shapes: BTreeMap<ShapeId, Flat>,
}

fn quote_key(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn shape_path(id: &ShapeId) -> String {
    format!("shapes.{}", quote_key(&id.to_string()))
}

impl<'m> FlatModel<'m> {
    fn diag(&self, id: &ShapeId, path: String, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::new(message)
            .at_shape(id.to_string())
            .at_path(path);
        if let Some(file) = self.model.file_of(id) {
            d = d.in_file(file);
        }
        d
    }

    fn get(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id).map(|f| &f.shape)
    }

    /// The shape ids, in order.
    pub fn ids(&self) -> impl Iterator<Item = &ShapeId> {
        self.shapes.keys()
    }
}

/// Phase 1: prelude, mixins and `apply` folded into one table.
pub fn flatten(model: &Model) -> Result<FlatModel<'_>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut flat = FlatModel {
        model,
        shapes: BTreeMap::new(),
    };
    for (name, shape) in prelude::shapes() {
        let id = ShapeId::parse(&format!("{PRELUDE_NAMESPACE}#{name}"));
        if let Ok(id) = id {
            flat.shapes.insert(id, Flat { shape, file: None });
        }
    }
    for (id, located) in &model.shapes {
        flat.shapes.insert(
            id.clone(),
            Flat {
                shape: located.value.clone(),
                file: Some(located.file),
            },
        );
    }

    // Mixins: resolve each shape's mixins depth-first, memoising finished shapes.
    let ids: Vec<ShapeId> = flat.shapes.keys().cloned().collect();
    let mut done: BTreeSet<ShapeId> = BTreeSet::new();
    for id in &ids {
        let mut stack = Vec::new();
        apply_mixins(&mut flat, id, &mut done, &mut stack, &mut diags);
    }

    // `apply` entries, in file order.
    for (target, traits) in &model.applies {
        let root = target.root();
        let file = model.files.get(traits.value_file()).cloned();
        let path = shape_path(target);
        let Some(entry) = flat.shapes.get_mut(&root) else {
            let mut d =
                Diagnostic::new(format!("`apply` targets `{target}`, which is not defined"))
                    .at_shape(target.to_string())
                    .at_path(path);
            if let Some(f) = file {
                d = d.in_file(f);
            }
            diags.push(d);
            continue;
        };
        let dest: Option<&mut Traits> = match target.member() {
            None => Some(entry.shape.traits_mut()),
            Some(m) => member_traits_mut(&mut entry.shape, m),
        };
        match dest {
            Some(dest) => {
                for (k, v) in &traits.value {
                    dest.insert(k.clone(), v.clone());
                }
            }
            None => {
                let mut d = Diagnostic::new(format!(
                    "`apply` targets member `{target}`, but `{root}` has no such member"
                ))
                .at_shape(target.to_string())
                .at_path(path);
                if let Some(f) = file {
                    d = d.in_file(f);
                }
                diags.push(d);
            }
        }
    }
    diags.into_result(flat)
}

trait LocatedFile {
    fn value_file(&self) -> usize;
}

impl<T> LocatedFile for crate::ast::Located<T> {
    fn value_file(&self) -> usize {
        self.file
    }
}

fn member_traits_mut<'a>(shape: &'a mut Shape, member: &str) -> Option<&'a mut Traits> {
    match shape {
        Shape::List(l) | Shape::Set(l) => (member == "member").then_some(&mut l.member.traits),
        Shape::Map(m) => match member {
            "key" => Some(&mut m.key.traits),
            "value" => Some(&mut m.value.traits),
            _ => None,
        },
        other => other
            .members_mut()
            .and_then(|ms| ms.get_mut(member))
            .map(|m| &mut m.traits),
    }
}

/// How deep mixin chains and directly nested lists and maps may go. The
/// resolver walks both recursively; a fixed limit turns a hostile model into a
/// diagnostic instead of a stack overflow (AWS models stay below 10).
const MAX_NESTING: usize = 128;

fn apply_mixins(
    flat: &mut FlatModel<'_>,
    id: &ShapeId,
    done: &mut BTreeSet<ShapeId>,
    stack: &mut Vec<ShapeId>,
    diags: &mut Diagnostics,
) {
    if done.contains(id) {
        return;
    }
    if stack.contains(id) {
        let cycle: Vec<String> = stack.iter().map(ToString::to_string).collect();
        diags.push(flat.diag(
            id,
            format!("{}.mixins", shape_path(id)),
            format!("mixin cycle: {} -> {id}", cycle.join(" -> ")),
        ));
        done.insert(id.clone());
        return;
    }
    if stack.len() >= MAX_NESTING {
        diags.push(
            flat.diag(
                id,
                format!("{}.mixins", shape_path(id)),
                format!(
                    "mixins nest more than {MAX_NESTING} deep (from `{}`)",
                    stack.first().unwrap_or(id)
                ),
            )
            .with_help("flatten the mixin chain; no real model needs this depth"),
        );
        done.insert(id.clone());
        return;
    }
    let Some(entry) = flat.shapes.get(id) else {
        return;
    };
    let mixins: Vec<ShapeRef> = entry.shape.mixins().to_vec();
    if mixins.is_empty() {
        done.insert(id.clone());
        return;
    }
    stack.push(id.clone());
    let mut inherited_members: indexmap::IndexMap<String, MemberDef> = indexmap::IndexMap::new();
    let mut inherited_traits = Traits::new();
    for (i, mixin) in mixins.iter().enumerate() {
        let path = format!("{}.mixins[{i}].target", shape_path(id));
        let mixin_id = match ShapeId::parse(&mixin.target) {
            Ok(m) => m,
            Err(e) => {
                diags.push(flat.diag(id, path, format!("invalid mixin target: {e}")));
                continue;
            }
        };
        apply_mixins(flat, &mixin_id, done, stack, diags);
        let Some(mixin_shape) = flat.get(&mixin_id) else {
            diags.push(flat.diag(id, path, format!("mixin `{mixin_id}` is not defined")));
            continue;
        };
        if !mixin_shape.traits().contains_key(t::MIXIN) {
            diags.push(flat.diag(
                id,
                path,
                format!("`{mixin_id}` is used as a mixin but has no `@mixin` trait"),
            ));
            continue;
        }
        let own_type = flat.get(id).map(Shape::type_name);
        if own_type != Some(mixin_shape.type_name()) {
            diags.push(flat.diag(
                id,
                path,
                format!(
                    "mixin `{mixin_id}` is a {} but `{id}` is a {}",
                    mixin_shape.type_name(),
                    own_type.unwrap_or("?")
                ),
            ));
            continue;
        }
        if let Some(ms) = mixin_shape.members() {
            for (k, v) in ms {
                inherited_members.insert(k.clone(), v.clone());
            }
        }
        for (k, v) in mixin_shape.traits() {
            if k != t::MIXIN {
                inherited_traits.insert(k.clone(), v.clone());
            }
        }
    }
    stack.pop();
    if let Some(entry) = flat.shapes.get_mut(id) {
        let own_traits = entry.shape.traits().clone();
        let mut traits = inherited_traits;
        for (k, v) in own_traits {
            traits.insert(k, v);
        }
        *entry.shape.traits_mut() = traits;
        if let Some(own) = entry.shape.members_mut() {
            let mut merged = inherited_members;
            for (k, mut v) in std::mem::take(own) {
                if let Some(existing) = merged.get(&k) {
                    // A local member re-declaring a mixin member keeps the mixin's traits
                    // under its own.
                    let mut traits = existing.traits.clone();
                    for (tk, tv) in v.traits {
                        traits.insert(tk, tv);
                    }
                    v.traits = traits;
                }
                merged.insert(k, v);
            }
            *own = merged;
        }
    }
    done.insert(id.clone());
}

/// What a reference may point at.
#[derive(Clone, Copy, PartialEq)]
enum RefKind {
    /// A member target: any data shape.
    Value,
    /// An operation input/output or error: a structure.
    Structure,
    /// An error: a structure with `@error`.
    Error,
    /// A service or resource binding an operation.
    Operation,
    /// A service or resource binding a resource.
    Resource,
}

fn check_ref(
    flat: &FlatModel<'_>,
    owner: &ShapeId,
    path: String,
    target: &str,
    kind: RefKind,
    diags: &mut Diagnostics,
) -> Option<ShapeId> {
    let id = match ShapeId::parse(target) {
        Ok(id) => id,
        Err(e) => {
            diags.push(flat.diag(owner, path, format!("invalid target: {e}")));
            return None;
        }
    };
    let Some(shape) = flat.get(&id) else {
        let mut d = flat.diag(
            owner,
            path,
            format!("target `{id}` is not defined in the model"),
        );
        if let Some(similar) = similar_name(flat, &id) {
            d = d.with_help(format!("did you mean `{similar}`?"));
        } else {
            d = d.with_help("define the shape, or fix the target id (ids are case-sensitive)");
        }
        diags.push(d);
        return None;
    };
    let ok = match (kind, shape) {
        (RefKind::Value, Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_)) => false,
        (RefKind::Value, _) => true,
        (RefKind::Structure, Shape::Structure(_)) => true,
        (RefKind::Error, Shape::Structure(s)) => s.traits.contains_key(t::ERROR),
        (RefKind::Operation, Shape::Operation(_)) => true,
        (RefKind::Resource, Shape::Resource(_)) => true,
        _ => false,
    };
    if !ok {
        let expected = match kind {
            RefKind::Value => "a data shape",
            RefKind::Structure => "a structure",
            RefKind::Error => "a structure with the `@error` trait",
            RefKind::Operation => "an operation",
            RefKind::Resource => "a resource",
        };
        diags.push(flat.diag(
            owner,
            path,
            format!(
                "target `{id}` is a {}, but {expected} is expected here",
                shape.type_name()
            ),
        ));
        return None;
    }
    Some(id)
}

fn similar_name(flat: &FlatModel<'_>, id: &ShapeId) -> Option<ShapeId> {
    let wanted = id.name().to_ascii_lowercase();
    flat.shapes
        .keys()
        .find(|k| {
            k.name().to_ascii_lowercase() == wanted && !k.is_prelude()
                || (k.is_prelude() && k.name().to_ascii_lowercase() == wanted)
        })
        .cloned()
}

/// Phase 2: every reference of every shape checked, so a broken model is reported whole.
pub fn check_references(flat: &FlatModel<'_>) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    for (id, entry) in &flat.shapes {
        if entry.file.is_none() {
            continue;
        }
        let base = shape_path(id);
        let is_mixin = entry.shape.traits().contains_key(t::MIXIN);
        match &entry.shape {
            Shape::List(l) | Shape::Set(l) => {
                check_ref(
                    flat,
                    id,
                    format!("{base}.member.target"),
                    &l.member.target,
                    RefKind::Value,
                    &mut diags,
                );
            }
            Shape::Map(m) => {
                if let Some(k) = check_ref(
                    flat,
                    id,
                    format!("{base}.key.target"),
                    &m.key.target,
                    RefKind::Value,
                    &mut diags,
                ) {
                    if !matches!(flat.get(&k), Some(Shape::String(_) | Shape::Enum(_))) {
                        diags.push(flat.diag(
                            id,
                            format!("{base}.key.target"),
                            format!("map keys must target a string or enum shape, not `{k}`"),
                        ));
                    }
                }
                check_ref(
                    flat,
                    id,
                    format!("{base}.value.target"),
                    &m.value.target,
                    RefKind::Value,
                    &mut diags,
                );
            }
            Shape::Structure(s) | Shape::Union(s) => {
                for name in s.members.keys() {
                    if !crate::shape_id::is_identifier(name) {
                        diags.push(flat.diag(id, format!("{base}.members.{}", quote_member(name)), format!("member name `{name}` is not a Smithy identifier (letters, digits and `_`, starting with a letter or `_`, and not only `_`)")));
                    }
                }
                for (name, m) in &s.members {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.members.{}.target", quote_member(name)),
                        &m.target,
                        RefKind::Value,
                        &mut diags,
                    );
                }
            }
            Shape::Enum(s) | Shape::IntEnum(s) if s.members.is_empty() && !is_mixin => {
                diags.push(flat.diag(
                    id,
                    format!("{base}.members"),
                    "an enum needs at least one member",
                ));
            }
            Shape::Operation(o) => {
                for (key, r) in [("input", &o.input), ("output", &o.output)] {
                    if let Some(r) = r {
                        check_ref(
                            flat,
                            id,
                            format!("{base}.{key}.target"),
                            &r.target,
                            RefKind::Structure,
                            &mut diags,
                        );
                    }
                }
                for (i, e) in o.errors.iter().enumerate() {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.errors[{i}].target"),
                        &e.target,
                        RefKind::Error,
                        &mut diags,
                    );
                }
            }
            Shape::Service(s) => {
                for (i, r) in s.operations.iter().enumerate() {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.operations[{i}].target"),
                        &r.target,
                        RefKind::Operation,
                        &mut diags,
                    );
                }
                for (i, r) in s.resources.iter().enumerate() {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.resources[{i}].target"),
                        &r.target,
                        RefKind::Resource,
                        &mut diags,
                    );
                }
                for (i, e) in s.errors.iter().enumerate() {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.errors[{i}].target"),
                        &e.target,
                        RefKind::Error,
                        &mut diags,
                    );
                }
            }
            Shape::Resource(r) => {
                for (i, op) in r.all_operations().into_iter().enumerate() {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.operations[{i}].target"),
                        &op.target,
                        RefKind::Operation,
                        &mut diags,
                    );
                }
                for (i, child) in r.resources.iter().enumerate() {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.resources[{i}].target"),
                        &child.target,
                        RefKind::Resource,
                        &mut diags,
                    );
                }
                for (name, ident) in &r.identifiers {
                    check_ref(
                        flat,
                        id,
                        format!("{base}.identifiers.{}.target", quote_member(name)),
                        &ident.target,
                        RefKind::Value,
                        &mut diags,
                    );
                }
            }
            _ => {}
        }
    }
    diags.into_result(())
}

fn quote_member(name: &str) -> String {
    if crate::shape_id::is_identifier(name) {
        name.to_string()
    } else {
        quote_key(name)
    }
}

/// Every operation bound to a service (directly or through its resources), sorted by id.
pub fn service_operations(flat: &FlatModel<'_>, service: &ShapeId) -> Vec<ShapeId> {
    let mut ops = BTreeSet::new();
    let mut seen_resources = BTreeSet::new();
    let mut resources: Vec<ShapeId> = Vec::new();
    if let Some(Shape::Service(s)) = flat.get(service) {
        for r in &s.operations {
            if let Ok(id) = ShapeId::parse(&r.target) {
                ops.insert(id);
            }
        }
        for r in &s.resources {
            if let Ok(id) = ShapeId::parse(&r.target) {
                resources.push(id);
            }
        }
    }
    while let Some(rid) = resources.pop() {
        if !seen_resources.insert(rid.clone()) {
            continue;
        }
        if let Some(Shape::Resource(r)) = flat.get(&rid) {
            for op in r.all_operations() {
                if let Ok(id) = ShapeId::parse(&op.target) {
                    ops.insert(id);
                }
            }
            for child in &r.resources {
                if let Ok(id) = ShapeId::parse(&child.target) {
                    resources.push(id);
                }
            }
        }
    }
    ops.into_iter().collect()
}

/// Loads nothing; runs phases 1–3 over a loaded model.
pub fn resolve(model: &Model, selection: &OperationSelection) -> Result<Service, Diagnostics> {
    let flat = flatten(model)?;
    check_references(&flat)?;
    Resolver::new(&flat).run(selection)
}

struct Resolver<'f, 'm> {
    flat: &'f FlatModel<'m>,
    diags: Diagnostics,
    service_id: Option<ShapeId>,
    /// See [`Service::unchecked_patterns`].
    unchecked_patterns: Vec<(String, String, String)>,
}

fn trait_str<'a>(traits: &'a Traits, key: &str) -> Option<&'a str> {
    traits.get(key).and_then(Value::as_str)
}

fn doc_of(traits: &Traits) -> Option<String> {
    trait_str(traits, t::DOC)
        .map(str::to_string)
        .filter(|d| !d.trim().is_empty())
}

fn deprecated_of(traits: &Traits) -> Option<String> {
    traits.get(t::DEPRECATED).map(|v| {
        let message = v.get("message").and_then(Value::as_str).unwrap_or("");
        let since = v.get("since").and_then(Value::as_str);
        match since {
            Some(s) if message.is_empty() => format!("since {s}"),
            Some(s) => format!("{message} (since {s})"),
            None => message.to_string(),
        }
    })
}

fn parse_timestamp_format(v: &str) -> Option<TimestampFormat> {
    match v {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}

impl<'f, 'm> Resolver<'f, 'm> {
    fn new(flat: &'f FlatModel<'m>) -> Self {
        Resolver {
            flat,
            diags: Diagnostics::new(),
            service_id: None,
            unchecked_patterns: Vec::new(),
        }
    }

    fn diag(&mut self, id: &ShapeId, path: String, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.flat.diag(id, path, message);
        self.diags.push(d);
        let last = self.diags.0.len() - 1;
        &mut self.diags.0[last]
    }

    fn find_service(&mut self) -> Option<(ShapeId, crate::ast::ServiceShape)> {
        let services: Vec<(&ShapeId, &crate::ast::ServiceShape)> = self
            .flat
            .shapes
            .iter()
            .filter_map(|(id, f)| match &f.shape {
                Shape::Service(s) if f.file.is_some() => Some((id, s)),
                _ => None,
            })
            .collect();
        match services.as_slice() {
            [(id, s)] => Some(((*id).clone(), (*s).clone())),
            [] => {
                let mut d = Diagnostic::new("the model defines no service shape").with_help(
                    "add a shape with \"type\": \"service\" that lists the operations to generate",
                );
                if let Some(f) = self.flat.model.files.first() {
                    d = d.in_file(f);
                }
                self.diags.push(d);
                None
            }
            many => {
                let names: Vec<String> = many.iter().map(|(id, _)| id.to_string()).collect();
                let mut d = Diagnostic::new(format!(
                    "the model defines {} services ({}); generate one model file per service",
                    many.len(),
                    names.join(", ")
                ));
                if let Some(f) = self.flat.model.files.first() {
                    d = d.in_file(f);
                }
                self.diags.push(d);
                None
            }
        }
    }

    fn run(mut self, selection: &OperationSelection) -> Result<Service, Diagnostics> {
        let Some((service_id, service)) = self.find_service() else {
            return Err(self.diags);
        };
        self.service_id = Some(service_id.clone());
        let protocol = if service.traits.contains_key(t::REST_JSON1) {
            Protocol::RestJson1
        } else {
            let found: Vec<&str> = service
                .traits
                .keys()
                .filter(|k| k.starts_with("aws.protocols#") || k.starts_with("smithy.protocols#"))
                .map(String::as_str)
                .collect();
            let message = if found.is_empty() {
                "the service declares no protocol trait".to_string()
            } else {
                format!(
                    "the service's protocol ({}) is not supported yet",
                    found.join(", ")
                )
            };
            self.diag(
                &service_id,
                format!("{}.traits", shape_path(&service_id)),
                message,
            )
            .help = Some("this generator supports `aws.protocols#restJson1` services".into());
            return Err(self.diags);
        };

        let all_ops = service_operations(self.flat, &service_id);
        let selected: Vec<ShapeId> = match selection {
            OperationSelection::All => all_ops.clone(),
            OperationSelection::Named(names) => {
                let mut out = Vec::new();
                for name in names {
                    match all_ops.iter().find(|id| id.name() == name) {
                        Some(id) => {
                            if !out.contains(id) {
                                out.push(id.clone());
                            }
                        }
                        None => {
                            let lower = name.to_ascii_lowercase();
                            let close: Vec<&str> = all_ops
                                .iter()
                                .map(|id| id.name())
                                .filter(|n| {
                                    let l = n.to_ascii_lowercase();
                                    l == lower || l.contains(&lower) || lower.contains(&l)
                                })
                                .take(5)
                                .collect();
                            let help = if close.is_empty() {
                                format!(
                                    "the service has {} operation{}; run with --all-operations or pick one of: {}",
                                    all_ops.len(),
                                    if all_ops.len() == 1 { "" } else { "s" },
                                    all_ops
                                        .iter()
                                        .take(8)
                                        .map(|i| i.name())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            } else {
                                format!("did you mean {}?", close.join(", "))
                            };
                            let mut d = Diagnostic::new(format!(
                                "operation `{name}` is not an operation of service `{service_id}`"
                            ))
                            .at_shape(service_id.to_string())
                            .with_help(help);
                            if let Some(f) = self.flat.model.file_of(&service_id) {
                                d = d.in_file(f);
                            }
                            self.diags.push(d);
                        }
                    }
                }
                out
            }
        };
        // Event streams (a `@streaming` union in the input or output) need a
        // framing layer this generator does not have yet: asked for by name,
        // that is an error; in an all-operations run the operation is left out
        // and listed in the crate's documentation.
        let mut skipped_operations = Vec::new();
        let mut kept = Vec::new();
        for op_id in selected {
            match self.event_stream_member(&op_id) {
                None => kept.push(op_id),
                Some(member) => {
                    let why =
                        format!("uses an event stream (`{member}`), which is not supported yet");
                    if matches!(selection, OperationSelection::Named(_)) {
                        self.diag(
                            &op_id,
                            shape_path(&op_id),
                            format!("operation `{}` {why}", op_id.name()),
                        )
                        .help = Some(
                            "leave it out of --operation; the rest of the service generates".into(),
                        );
                    } else {
                        skipped_operations.push((op_id.name().to_string(), why));
                    }
                }
            }
        }
        let selected = kept;
        if !self.diags.is_empty() {
            return Err(self.diags);
        }

        let service_errors: Vec<ShapeId> = service
            .errors
            .iter()
            .filter_map(|r| ShapeId::parse(&r.target).ok())
            .collect();

        let mut types: BTreeMap<ShapeId, NamedType> = BTreeMap::new();
        let mut operations = Vec::new();
        let mut queue: Vec<ShapeId> = Vec::new();
        let mut renames: BTreeMap<ShapeId, String> = BTreeMap::new();
        for (key, name) in &service.rename {
            let at = format!("{}.rename.{}", shape_path(&service_id), quote_key(key));
            let problem = match ShapeId::parse(key) {
                Err(e) => Some(format!("`{key}` is not a shape id: {e}")),
                Ok(id) if self.flat.get(&id).is_none() => {
                    Some(format!("`rename` names `{id}`, which is not defined"))
                }
                Ok(_) if !crate::shape_id::is_identifier(name) => Some(format!(
                    "`rename` gives `{key}` the name {name:?}, which is not a Smithy identifier"
                )),
                Ok(id) => {
                    renames.insert(id, name.clone());
                    None
                }
            };
            if let Some(message) = problem {
                self.diag(&service_id, at, message);
            }
        }

        for op_id in &selected {
            let Some(Shape::Operation(op)) = self.flat.get(op_id).cloned() else {
                continue;
            };
            let op_name = renames
                .get(op_id)
                .cloned()
                .unwrap_or_else(|| op_id.name().to_string());
            let module = naming::module_name(&op_name);
            let input_target = op
                .input
                .as_ref()
                .and_then(|r| ShapeId::parse(&r.target).ok());
            let output_target = op
                .output
                .as_ref()
                .and_then(|r| ShapeId::parse(&r.target).ok());
            let mut errors: Vec<ShapeId> = op
                .errors
                .iter()
                .filter_map(|r| ShapeId::parse(&r.target).ok())
                .chain(service_errors.iter().cloned())
                .collect();
            errors.sort_by(|a, b| a.name().cmp(b.name()).then(a.cmp(b)));
            errors.dedup();

            let http = self.http_trait(op_id, &op.traits);
            let synth =
                |suffix: &str| ShapeId::parse(&format!("smithy.synthetic#{op_name}{suffix}"));
            let (Ok(input_id), Ok(output_id)) = (synth("Input"), synth("Output")) else {
                self.diag(
                    op_id,
                    shape_path(op_id),
                    "operation name is not a valid identifier",
                );
                continue;
            };
            let op_module = vec!["operation".to_string(), module.clone()];
            let input = self.structure(
                input_target.as_ref(),
                input_id.clone(),
                RustPath {
                    module: op_module.clone(),
                    name: naming::input_name(&op_name),
                },
                module.clone(),
                StructRole::Input,
                &mut queue,
            );
            let output = self.structure(
                output_target.as_ref(),
                output_id.clone(),
                RustPath {
                    module: op_module.clone(),
                    name: naming::output_name(&op_name),
                },
                module.clone(),
                StructRole::Output,
                &mut queue,
            );
            if let (Some(http), Some(input)) = (&http, &input) {
                self.check_labels(op_id, http, input);
            }
            if let Some(input) = input {
                types.insert(input_id.clone(), NamedType::Structure(input));
            }
            if let Some(output) = output {
                types.insert(output_id.clone(), NamedType::Structure(output));
            }
            queue.extend(errors.iter().cloned());
            if let Some(http) = http {
                operations.push(Operation {
                    id: op_id.clone(),
                    name: op_name.clone(),
                    module,
                    doc: doc_of(&op.traits),
                    input: input_id,
                    output: output_id,
                    errors,
                    http,
                    deprecated: deprecated_of(&op.traits),
                });
            }
        }
        queue.extend(service_errors.iter().cloned());

        // The closure: every named type reached from the operations.
        while let Some(id) = queue.pop() {
            if types.contains_key(&id) {
                continue;
            }
            let Some(shape) = self.flat.get(&id).cloned() else {
                continue;
            };
            let name = renames
                .get(&id)
                .cloned()
                .unwrap_or_else(|| id.name().to_string());
            let rust_name = naming::camel_ident(&name);
            let module = naming::module_name(&name);
            let named = match &shape {
                Shape::Structure(s) => {
                    let role = match self.error_info(&id, &s.traits) {
                        Some(info) => StructRole::Error(info),
                        None => StructRole::Plain,
                    };
                    let modname = if matches!(role, StructRole::Error(_)) {
                        "error"
                    } else {
                        "types"
                    };
                    self.structure(
                        Some(&id),
                        id.clone(),
                        RustPath {
                            module: vec![modname.to_string()],
                            name: rust_name,
                        },
                        module,
                        role,
                        &mut queue,
                    )
                    .map(NamedType::Structure)
                }
                Shape::Union(u) => {
                    let mut variants = Vec::new();
                    for (mname, m) in &u.members {
                        if let Some(mut member) = self.member(&id, mname, m, false, &mut queue) {
                            member.field = naming::camel_ident(mname);
                            if member.field == "Unknown" {
                                member.field = "UnknownValue".to_string();
                            }
                            member.optional = false;
                            variants.push(member);
                        }
                    }
                    if variants.is_empty() {
                        self.diag(
                            &id,
                            format!("{}.members", shape_path(&id)),
                            "a union needs at least one member",
                        );
                    }
                    self.check_member_names(&id, &variants, true);
                    Some(NamedType::Union(Union {
                        id: id.clone(),
                        path: RustPath {
                            module: vec!["types".into()],
                            name: rust_name,
                        },
                        module,
                        doc: doc_of(&u.traits),
                        variants,
                        sensitive: u.traits.contains_key(t::SENSITIVE),
                    }))
                }
                Shape::Enum(e) => {
                    Some(NamedType::Enum(self.string_enum(&id, e, rust_name, module)))
                }
                Shape::String(s) if s.traits.contains_key(t::ENUM) => Some(NamedType::Enum(
                    self.legacy_enum(&id, &s.traits, rust_name, module),
                )),
                Shape::IntEnum(e) => {
                    Some(NamedType::IntEnum(self.int_enum(&id, e, rust_name, module)))
                }
                _ => None,
            };
            if let Some(named) = named {
                types.insert(id, named);
            }
        }

        self.check_names(&types, &operations);
        box_recursion(&mut types);
        for (id, member) in unbuildable_cycles(&types) {
            self.diag(
                &id,
                format!("{}.members.{}", shape_path(&id), quote_member(&member)),
                format!(
                    "`{id}` can never be built: its member `{member}` must be set, and leads back to `{id}` through members that must be set too"
                ),
            )
            .help = Some("make one member of the cycle optional (drop `@required`), or go through a list or map".into());
        }
        let service_doc = doc_of(&service.traits);
        let title = trait_str(&service.traits, t::TITLE).map(str::to_string);
        let sdk_id = service
            .traits
            .get(t::AWS_SERVICE)
            .and_then(|v| v.get("sdkId"))
            .and_then(Value::as_str)
            .map(str::to_string);
        operations.sort_by(|a, b| a.name.cmp(&b.name));
        let diags = self.diags;
        diags.into_result(Service {
            id: service_id,
            title,
            doc: service_doc,
            sdk_id,
            version: service.version.clone(),
            protocol,
            operations,
            types,
            service_errors,
            skipped_operations,
            unchecked_patterns: {
                let mut v = self.unchecked_patterns;
                v.sort();
                v
            },
        })
    }

    /// The input or output member (`Input$member`) of `op_id` that targets an
    /// event stream: a union with `@streaming`.
    fn event_stream_member(&self, op_id: &ShapeId) -> Option<String> {
        let Some(Shape::Operation(op)) = self.flat.get(op_id) else {
            return None;
        };
        for r in [&op.input, &op.output].into_iter().flatten() {
            let Ok(io) = ShapeId::parse(&r.target) else {
                continue;
            };
            let Some(Shape::Structure(s)) = self.flat.get(&io) else {
                continue;
            };
            for (name, m) in &s.members {
                let target = ShapeId::parse(&m.target).ok();
                let streaming_union = target.and_then(|t| self.flat.get(&t)).is_some_and(|shape| {
                    matches!(shape, Shape::Union(_)) && shape.traits().contains_key(t::STREAMING)
                });
                if streaming_union {
                    return Some(format!("{io}${name}"));
                }
            }
        }
        None
    }

    fn error_info(&mut self, id: &ShapeId, traits: &Traits) -> Option<ErrorInfo> {
        let fault = match trait_str(traits, t::ERROR)? {
            "client" => Fault::Client,
            "server" => Fault::Server,
            other => {
                self.diag(
                    id,
                    format!("{}.traits.{}", shape_path(id), quote_key(t::ERROR)),
                    format!("`@error` must be \"client\" or \"server\", not \"{other}\""),
                );
                Fault::Client
            }
        };
        let default_status = if fault == Fault::Client { 400 } else { 500 };
        let http_status = match traits.get(t::HTTP_ERROR) {
            None => default_status,
            Some(v) => {
                match v
                    .as_u64()
                    .and_then(|n| u16::try_from(n).ok())
                    .filter(|n| (100..600).contains(n))
                {
                    Some(code) => code,
                    None => {
                        self.diag(
                        id,
                        format!("{}.traits.{}", shape_path(id), quote_key(t::HTTP_ERROR)),
                        format!("`@httpError` must be an HTTP status code between 100 and 599, not {v}"),
                    );
                        default_status
                    }
                }
            }
        };
        Some(ErrorInfo {
            fault,
            http_status,
            retryable: traits.contains_key(t::RETRYABLE),
        })
    }

    fn http_trait(&mut self, op_id: &ShapeId, traits: &Traits) -> Option<HttpTrait> {
        let path = format!("{}.traits.{}", shape_path(op_id), quote_key(t::HTTP));
        let Some(v) = traits.get(t::HTTP) else {
            self.diag(
                op_id,
                format!("{}.traits", shape_path(op_id)),
                "a restJson1 operation needs the `@http` trait",
            )
            .help =
                Some("add \"smithy.api#http\": {\"method\": \"GET\", \"uri\": \"/...\"}".into());
            return None;
        };
        let method = v.get("method").and_then(Value::as_str);
        let uri = v.get("uri").and_then(Value::as_str);
        let code = match v.get("code") {
            None => Some(200),
            Some(c) => c
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .filter(|n| (100..600).contains(n)),
        };
        let (Some(method), Some(uri), Some(code)) = (method, uri, code) else {
            self.diag(op_id, path, "`@http` needs a string `method`, a string `uri` and an optional status `code` (100–599)");
            return None;
        };
        if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
            self.diag(
                op_id,
                format!("{path}.method"),
                format!("`{method}` is not a valid HTTP method"),
            );
            return None;
        }
        if !uri.starts_with('/') {
            self.diag(
                op_id,
                format!("{path}.uri"),
                format!("the URI `{uri}` must start with `/`"),
            );
            return None;
        }
        let (path_part, query_part) = match uri.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (uri, None),
        };
        let mut segments = Vec::new();
        let raw_segments: Vec<&str> = path_part[1..].split('/').collect();
        let count = raw_segments.len();
        for (i, seg) in raw_segments.into_iter().enumerate() {
            if seg.is_empty() && i + 1 == count {
                continue;
            }
            if let Some(inner) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                let (name, greedy) = match inner.strip_suffix('+') {
                    Some(n) => (n, true),
                    None => (inner, false),
                };
                if !crate::shape_id::is_identifier(name) {
                    self.diag(
                        op_id,
                        format!("{path}.uri"),
                        format!("`{{{inner}}}` in `{uri}` is not a valid label"),
                    );
                    return None;
                }
                if greedy && i + 1 != count {
                    // Greedy labels may appear mid-path in Smithy, but only one per URI.
                }
                segments.push(UriSegment::Label {
                    name: name.to_string(),
                    greedy,
                });
            } else if seg.contains('{') || seg.contains('}') {
                self.diag(op_id, format!("{path}.uri"), format!("the path segment `{seg}` of `{uri}` mixes a label with text; a label must be a whole segment"));
                return None;
            } else {
                segments.push(UriSegment::Literal(seg.to_string()));
            }
        }
        let greedy_count = segments
            .iter()
            .filter(|s| matches!(s, UriSegment::Label { greedy: true, .. }))
            .count();
        if greedy_count > 1 {
            self.diag(
                op_id,
                format!("{path}.uri"),
                format!("`{uri}` has more than one greedy label"),
            );
            return None;
        }
        let mut query_literals = Vec::new();
        if let Some(q) = query_part {
            for pair in q.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                query_literals.push((k.to_string(), v.to_string()));
            }
        }
        Some(HttpTrait {
            method: method.to_string(),
            uri: uri.to_string(),
            path: segments,
            query_literals,
            code,
        })
    }

    fn check_labels(&mut self, op_id: &ShapeId, http: &HttpTrait, input: &Structure) {
        let path = format!("{}.traits.{}.uri", shape_path(op_id), quote_key(t::HTTP));
        let mut seen_labels = BTreeSet::new();
        for seg in &http.path {
            if let UriSegment::Label { name, .. } = seg {
                if !seen_labels.insert(name.as_str()) {
                    self.diag(
                        op_id,
                        path.clone(),
                        format!(
                            "the URI `{}` has the label `{{{name}}}` more than once",
                            http.uri
                        ),
                    );
                    continue;
                }
                let found = input.members.iter().find(|m| &m.name == name);
                match found {
                    Some(m) if matches!(m.binding, Binding::Label { .. }) && !m.required => {
                        self.diag(
                            op_id,
                            path.clone(),
                            format!("input member `{name}` is bound to the URI label `{{{name}}}` but is not `@required`"),
                        )
                        .help = Some("Smithy requires every `@httpLabel` member to be `@required`".into());
                    }
                    Some(m) if matches!(m.binding, Binding::Label { .. }) => {}
                    Some(_) => {
                        self.diag(op_id, path.clone(), format!("the URI label `{{{name}}}` names input member `{name}`, which lacks `@httpLabel`"));
                    }
                    None => {
                        self.diag(
                            op_id,
                            path.clone(),
                            format!("the URI label `{{{name}}}` has no input member of that name"),
                        );
                    }
                }
            }
        }
        for m in &input.members {
            if matches!(m.binding, Binding::Label { .. })
                && !http
                    .path
                    .iter()
                    .any(|s| matches!(s, UriSegment::Label { name, .. } if name == &m.name))
            {
                self.diag(
                    op_id,
                    path.clone(),
                    format!(
                        "input member `{}` has `@httpLabel` but the URI `{}` has no `{{{}}}`",
                        m.name, http.uri, m.name
                    ),
                );
            }
        }
    }

    fn structure(
        &mut self,
        source: Option<&ShapeId>,
        id: ShapeId,
        path: RustPath,
        module: String,
        role: StructRole,
        queue: &mut Vec<ShapeId>,
    ) -> Option<Structure> {
        let shape = match source {
            Some(src) if !(src.is_prelude() && src.name() == "Unit") => match self.flat.get(src) {
                Some(Shape::Structure(s)) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        };
        let is_io = matches!(role, StructRole::Input | StructRole::Output);
        let input_like = role == StructRole::Input
            || shape
                .as_ref()
                .is_some_and(|s| s.traits.contains_key(t::INPUT));
        let mut members = Vec::new();
        if let (Some(src), Some(s)) = (source, &shape) {
            for (name, m) in &s.members {
                if let Some(mut member) = self.member(src, name, m, input_like, queue) {
                    // HTTP bindings mean something only on operation inputs,
                    // outputs and errors; elsewhere every member is in the body.
                    if !is_io && !matches!(role, StructRole::Error(_)) {
                        member.binding = Binding::Body;
                    }
                    members.push(member);
                }
            }
        }
        if let (Some(src), true) = (source, is_io || matches!(role, StructRole::Error(_))) {
            self.check_bindings(src, &members);
        }
        if let Some(src) = source {
            self.check_member_names(src, &members, false);
            let mut wire: BTreeMap<&str, &str> = BTreeMap::new();
            let mut clashes = Vec::new();
            for m in members.iter().filter(|m| m.binding == Binding::Body) {
                if let Some(other) = wire.insert(&m.json_name, &m.name) {
                    clashes.push((other.to_string(), m.name.clone(), m.json_name.clone()));
                }
            }
            for (other, name, json) in clashes {
                self.diag(
                    src,
                    format!("{}.members.{}", shape_path(src), quote_member(&name)),
                    format!("members `{other}` and `{name}` of `{src}` are both sent as the JSON key {json:?}"),
                )
                .help = Some("change the `@jsonName` of one of them".into());
            }
        }
        let doc = shape.as_ref().and_then(|s| doc_of(&s.traits));
        let sensitive = shape
            .as_ref()
            .is_some_and(|s| s.traits.contains_key(t::SENSITIVE));
        Some(Structure {
            id,
            path,
            module,
            doc,
            members,
            role,
            sensitive,
        })
    }

    fn member(
        &mut self,
        owner: &ShapeId,
        name: &str,
        m: &MemberDef,
        input_like: bool,
        queue: &mut Vec<ShapeId>,
    ) -> Option<Member> {
        let target = ShapeId::parse(&m.target).ok()?;
        let mpath = format!("{}.members.{}", shape_path(owner), quote_member(name));
        let value = self.value_shape(owner, &mpath, &target, &m.traits, queue, &mut Vec::new())?;
        let traits = &m.traits;
        let required = traits.contains_key(t::REQUIRED);
        let default = traits
            .get(t::DEFAULT)
            .cloned()
            .or_else(|| {
                self.flat
                    .get(&target)
                    .and_then(|s| s.traits().get(t::DEFAULT).cloned())
            })
            .filter(|v| !v.is_null());
        if let Some(d) = &default {
            if let Some(problem) = self.default_problem(&value.ty, d) {
                let origin = if traits.contains_key(t::DEFAULT) {
                    format!("{mpath}.traits.\"{}\"", t::DEFAULT)
                } else {
                    format!("{}.traits.\"{}\"", shape_path(&target), t::DEFAULT)
                };
                self.diag(
                    owner,
                    origin,
                    format!("invalid @default {d} for member `{name}`: {problem}"),
                )
                .help = Some("give a default of the member's type (or remove the trait)".into());
            }
        }
        let optional = if input_like || traits.contains_key(t::CLIENT_OPTIONAL) {
            true
        } else {
            !(required || default.is_some())
        };
        let binding = if traits.contains_key(t::HTTP_LABEL) {
            Binding::Label { greedy: false }
        } else if let Some(q) = trait_str(traits, t::HTTP_QUERY) {
            Binding::Query(q.to_string())
        } else if traits.contains_key(t::HTTP_QUERY_PARAMS) {
            Binding::QueryParams
        } else if let Some(h) = trait_str(traits, t::HTTP_HEADER) {
            Binding::Header(h.to_string())
        } else if let Some(p) = trait_str(traits, t::HTTP_PREFIX_HEADERS) {
            Binding::PrefixHeaders(p.to_string())
        } else if traits.contains_key(t::HTTP_PAYLOAD) {
            Binding::Payload
        } else if traits.contains_key(t::HTTP_RESPONSE_CODE) {
            Binding::ResponseCode
        } else {
            Binding::Body
        };
        let json_name = trait_str(traits, t::JSON_NAME).unwrap_or(name).to_string();
        let sensitive = value.sensitive || traits.contains_key(t::SENSITIVE);
        Some(Member {
            name: name.to_string(),
            field: naming::member_field(name),
            json_name,
            doc: doc_of(traits),
            value,
            required,
            optional,
            default,
            boxed: false,
            sensitive,
            binding,
            idempotency_token: traits.contains_key(t::IDEMPOTENCY_TOKEN),
            deprecated: deprecated_of(traits),
        })
    }

    /// What is wrong with `default` as the `@default` of a member of type `ty`,
    /// if anything (Smithy 2.0 "Default value constraints").
    fn default_problem(&self, ty: &Type, default: &Value) -> Option<String> {
        let int_range = |min: i64, max: i64, kind: &str| match default.as_i64() {
            Some(v) if (min..=max).contains(&v) => None,
            Some(v) => Some(format!("{v} is out of range for {kind} ({min} to {max})")),
            None => Some(format!("{kind} defaults must be integer numbers")),
        };
        match ty {
            Type::String => (!default.is_string()).then(|| "a string default must be a string".into()),
            Type::Boolean => (!default.is_boolean()).then(|| "a boolean default must be true or false".into()),
            Type::Byte => int_range(i8::MIN.into(), i8::MAX.into(), "byte"),
            Type::Short => int_range(i16::MIN.into(), i16::MAX.into(), "short"),
            Type::Integer => int_range(i32::MIN.into(), i32::MAX.into(), "integer"),
            Type::Long => int_range(i64::MIN, i64::MAX, "long"),
            Type::IntEnum(_) => int_range(i32::MIN.into(), i32::MAX.into(), "intEnum"),
            Type::BigInteger => default
                .as_i64()
                .is_none()
                .then(|| "a bigInteger default must be an integer number within 64 bits".into()),
            Type::Float => match default.as_f64() {
                Some(v) if (v as f32).is_finite() => None,
                Some(v) => Some(format!("{v} is out of range for a float")),
                None => Some("a float default must be a number".into()),
            },
            Type::Double | Type::BigDecimal => {
                (!default.is_number()).then(|| "a number default must be a JSON number".into())
            }
            Type::Timestamp => (!default.is_number()).then(|| {
                "a timestamp default must be epoch seconds as a number (date-time strings are not supported yet)".into()
            }),
            Type::Blob => match default.as_str() {
                Some(text) => {
                    use base64::Engine as _;
                    base64::engine::general_purpose::STANDARD
                        .decode(text)
                        .err()
                        .map(|e| format!("a blob default must be base64 text: {e}"))
                }
                None => Some("a blob default must be a base64 string".into()),
            },
            Type::List(_) => (default.as_array().is_none_or(|a| !a.is_empty()))
                .then(|| "a list default can only be the empty list []".into()),
            Type::Map(_) => (default.as_object().is_none_or(|o| !o.is_empty()))
                .then(|| "a map default can only be the empty map {}".into()),
            Type::Enum(id) => {
                let Some(text) = default.as_str() else {
                    return Some("an enum default must be a string".into());
                };
                let Some(Shape::Enum(e)) = self.flat.get(id) else {
                    return None;
                };
                let known = e.members.iter().any(|(name, m)| {
                    trait_str(&m.traits, t::ENUM_VALUE).unwrap_or(name) == text
                });
                (!known).then(|| format!("`{text}` is not a value of the enum `{id}`"))
            }
            Type::Structure(_) | Type::Union(_) => {
                Some("structures and unions cannot have a default".into())
            }
            Type::Document => None,
        }
    }

    fn constraints(
        &mut self,
        owner: &ShapeId,
        path: &str,
        target_traits: &Traits,
        member_traits: &Traits,
    ) -> Constraints {
        let get = |k: &str| member_traits.get(k).or_else(|| target_traits.get(k));
        let length = get(t::LENGTH).map(|v| {
            (
                v.get("min").and_then(Value::as_u64),
                v.get("max").and_then(Value::as_u64),
            )
        });
        let range = get(t::RANGE).map(|v| {
            (
                v.get("min").and_then(Value::as_f64),
                v.get("max").and_then(Value::as_f64),
            )
        });
        let inverted = match (length, range) {
            (Some((Some(lo), Some(hi))), _) if lo > hi => {
                Some((t::LENGTH, lo.to_string(), hi.to_string()))
            }
            (_, Some((Some(lo), Some(hi)))) if lo > hi => {
                Some((t::RANGE, lo.to_string(), hi.to_string()))
            }
            _ => None,
        };
        if let Some((key, lo, hi)) = inverted {
            self.diag(
                owner,
                format!("{path}.traits.{}", quote_key(key)),
                format!(
                    "`@{}` has min {lo} above max {hi}: no value can satisfy it",
                    key.trim_start_matches("smithy.api#")
                ),
            );
        }
        let mut pattern = get(t::PATTERN).and_then(Value::as_str).map(str::to_string);
        if let Some(p) = &pattern {
            if p.is_empty() {
                self.diag(
                    owner,
                    format!("{path}.traits.{}", quote_key(t::PATTERN)),
                    "`@pattern` is empty",
                );
            }
        }
        // ECMA-262 syntax rewritten for the generated crate's regex engine; a
        // pattern that still does not compile is not checked (rather than
        // failing every value), and the run says so.
        if let Some(p) = pattern.take() {
            let rust = crate::pattern::to_rust_syntax(&p);
            match crate::pattern::compile_problem(&rust) {
                None => pattern = Some(rust),
                Some(why) => {
                    let at = format!("{path}.traits.{}", quote_key(t::PATTERN));
                    if !self.unchecked_patterns.iter().any(|(a, _, _)| a == &at) {
                        self.unchecked_patterns.push((at, p, why));
                    }
                }
            }
        }
        Constraints {
            length,
            pattern,
            range,
        }
    }

    fn value_shape(
        &mut self,
        owner: &ShapeId,
        path: &str,
        target: &ShapeId,
        member_traits: &Traits,
        queue: &mut Vec<ShapeId>,
        collections: &mut Vec<ShapeId>,
    ) -> Option<ValueShape> {
        let shape = self.flat.get(target)?.clone();
        let ttraits = shape.traits().clone();
        let ty = match &shape {
            Shape::Blob(_) => Type::Blob,
            Shape::Boolean(_) => Type::Boolean,
            Shape::String(s) if s.traits.contains_key(t::ENUM) => {
                queue.push(target.clone());
                Type::Enum(target.clone())
            }
            Shape::String(_) => Type::String,
            Shape::Byte(_) => Type::Byte,
            Shape::Short(_) => Type::Short,
            Shape::Integer(_) => Type::Integer,
            Shape::Long(_) => Type::Long,
            Shape::Float(_) => Type::Float,
            Shape::Double(_) => Type::Double,
            Shape::BigInteger(_) => Type::BigInteger,
            Shape::BigDecimal(_) => Type::BigDecimal,
            Shape::Timestamp(_) => Type::Timestamp,
            Shape::Document(_) => Type::Document,
            Shape::Enum(_) => {
                queue.push(target.clone());
                Type::Enum(target.clone())
            }
            Shape::IntEnum(_) => {
                queue.push(target.clone());
                Type::IntEnum(target.clone())
            }
            Shape::Structure(_) => {
                if target.is_prelude() && target.name() == "Unit" {
                    // Unit members (union variants without a value) are represented as an empty structure.
                }
                queue.push(target.clone());
                Type::Structure(target.clone())
            }
            Shape::Union(_) => {
                queue.push(target.clone());
                Type::Union(target.clone())
            }
            Shape::List(_) | Shape::Set(_) | Shape::Map(_) if collections.len() >= MAX_NESTING => {
                self.diag(
                    owner,
                    path.to_string(),
                    format!("lists and maps nest more than {MAX_NESTING} deep here"),
                );
                return None;
            }
            Shape::List(l) | Shape::Set(l) => {
                if collections.contains(target) {
                    self.diag(owner, path.to_string(), format!("list `{target}` contains itself without a structure or union in between"));
                    return None;
                }
                collections.push(target.clone());
                let mt = ShapeId::parse(&l.member.target).ok()?;
                let member = self.value_shape(
                    target,
                    &format!("{}.member", shape_path(target)),
                    &mt,
                    &l.member.traits,
                    queue,
                    collections,
                )?;
                collections.pop();
                Type::List(Box::new(Collection {
                    shape: target.clone(),
                    member,
                    key_constraints: Constraints::default(),
                    key_enum: None,
                    sparse: l.traits.contains_key(t::SPARSE),
                    unique: matches!(shape, Shape::Set(_))
                        || l.traits.contains_key(t::UNIQUE_ITEMS),
                }))
            }
            Shape::Map(m) => {
                if collections.contains(target) {
                    self.diag(
                        owner,
                        path.to_string(),
                        format!(
                            "map `{target}` contains itself without a structure or union in between"
                        ),
                    );
                    return None;
                }
                collections.push(target.clone());
                let kt = ShapeId::parse(&m.key.target).ok()?;
                let vt = ShapeId::parse(&m.value.target).ok()?;
                let key_shape = self.flat.get(&kt).cloned();
                let key_traits = key_shape
                    .as_ref()
                    .map(|s| s.traits().clone())
                    .unwrap_or_default();
                let key_constraints = self.constraints(
                    target,
                    &format!("{}.key", shape_path(target)),
                    &key_traits,
                    &m.key.traits,
                );
                let key_enum = match key_shape {
                    Some(Shape::Enum(_)) => Some(kt.clone()),
                    Some(Shape::String(s)) if s.traits.contains_key(t::ENUM) => Some(kt.clone()),
                    _ => None,
                };
                if let Some(k) = &key_enum {
                    queue.push(k.clone());
                }
                let member = self.value_shape(
                    target,
                    &format!("{}.value", shape_path(target)),
                    &vt,
                    &m.value.traits,
                    queue,
                    collections,
                )?;
                collections.pop();
                Type::Map(Box::new(Collection {
                    shape: target.clone(),
                    member,
                    key_constraints,
                    key_enum,
                    sparse: m.traits.contains_key(t::SPARSE),
                    unique: false,
                }))
            }
            Shape::Service(_) | Shape::Operation(_) | Shape::Resource(_) | Shape::Apply(_) => {
                return None;
            }
        };
        let format_trait = member_traits
            .get(t::TIMESTAMP_FORMAT)
            .or_else(|| ttraits.get(t::TIMESTAMP_FORMAT));
        let timestamp_format = match format_trait {
            None => None,
            Some(v) => match v.as_str().and_then(parse_timestamp_format) {
                Some(f) => Some(f),
                None => {
                    self.diag(
                        owner,
                        format!("{path}.traits.{}", quote_key(t::TIMESTAMP_FORMAT)),
                        format!("unknown timestamp format {v}"),
                    )
                    .help = Some("use \"epoch-seconds\", \"date-time\" or \"http-date\"".into());
                    None
                }
            },
        };
        let constraints = self.constraints(owner, path, &ttraits, member_traits);
        Some(ValueShape {
            target: target.clone(),
            ty,
            timestamp_format,
            media_type: trait_str(&ttraits, t::MEDIA_TYPE).map(str::to_string),
            constraints,
            sensitive: ttraits.contains_key(t::SENSITIVE),
        })
    }

    fn string_enum(
        &mut self,
        id: &ShapeId,
        e: &crate::ast::AggregateShape,
        rust_name: String,
        module: String,
    ) -> Enum {
        let mut values = Vec::new();
        for (name, m) in &e.members {
            let value = match m.traits.get(t::ENUM_VALUE) {
                None => name.clone(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => {
                    self.diag(
                        id,
                        format!(
                            "{}.members.{}.traits.{}",
                            shape_path(id),
                            quote_member(name),
                            quote_key(t::ENUM_VALUE)
                        ),
                        format!("a string enum value must be a string, not {other}"),
                    );
                    continue;
                }
            };
            if let Some(other) = values.iter().find(|v: &&EnumValue| v.value == value) {
                let other = other.name.clone();
                self.diag(
                    id,
                    format!("{}.members.{}", shape_path(id), quote_member(name)),
                    format!("enum members `{other}` and `{name}` have the same value {value:?}"),
                )
                .help =
                    Some("Smithy requires enum values to be unique; remove or change one".into());
                continue;
            }
            values.push(EnumValue {
                name: name.clone(),
                variant: naming::camel_ident(name),
                value,
                doc: doc_of(&m.traits),
            });
        }
        self.fix_variants(
            id,
            values
                .iter_mut()
                .map(|v| (&v.name, &mut v.variant))
                .collect(),
        );
        Enum {
            id: id.clone(),
            path: RustPath {
                module: vec!["types".into()],
                name: rust_name,
            },
            module,
            doc: doc_of(&e.traits),
            values,
            sensitive: e.traits.contains_key(t::SENSITIVE),
        }
    }

    fn legacy_enum(
        &mut self,
        id: &ShapeId,
        traits: &Traits,
        rust_name: String,
        module: String,
    ) -> Enum {
        let mut values = Vec::new();
        let list = traits
            .get(t::ENUM)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, entry) in list.iter().enumerate() {
            let Some(value) = entry.get("value").and_then(Value::as_str) else {
                self.diag(
                    id,
                    format!("{}.traits.{}[{i}]", shape_path(id), quote_key(t::ENUM)),
                    "an `@enum` entry needs a string `value`",
                );
                continue;
            };
            let name = entry
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| {
                    value
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                        .collect()
                });
            values.push(EnumValue {
                variant: naming::camel_ident(&name),
                name,
                value: value.to_string(),
                doc: entry
                    .get("documentation")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            });
        }
        self.fix_variants(
            id,
            values
                .iter_mut()
                .map(|v| (&v.name, &mut v.variant))
                .collect(),
        );
        Enum {
            id: id.clone(),
            path: RustPath {
                module: vec!["types".into()],
                name: rust_name,
            },
            module,
            doc: doc_of(traits),
            values,
            sensitive: traits.contains_key(t::SENSITIVE),
        }
    }

    fn int_enum(
        &mut self,
        id: &ShapeId,
        e: &crate::ast::AggregateShape,
        rust_name: String,
        module: String,
    ) -> IntEnum {
        let mut values = Vec::new();
        for (name, m) in &e.members {
            let value = m
                .traits
                .get(t::ENUM_VALUE)
                .and_then(Value::as_i64)
                .and_then(|v| i32::try_from(v).ok());
            let Some(value) = value else {
                self.diag(
                    id,
                    format!(
                        "{}.members.{}.traits.{}",
                        shape_path(id),
                        quote_member(name),
                        quote_key(t::ENUM_VALUE)
                    ),
                    "an intEnum member needs an integer `@enumValue` that fits in 32 bits",
                );
                continue;
            };
            if let Some(other) = values.iter().find(|v: &&IntEnumValue| v.value == value) {
                let other = other.name.clone();
                self.diag(
                    id,
                    format!("{}.members.{}", shape_path(id), quote_member(name)),
                    format!("intEnum members `{other}` and `{name}` have the same value {value}"),
                )
                .help =
                    Some("Smithy requires enum values to be unique; remove or change one".into());
                continue;
            }
            values.push(IntEnumValue {
                name: name.clone(),
                variant: naming::camel_ident(name),
                value,
                doc: doc_of(&m.traits),
            });
        }
        self.fix_variants(
            id,
            values
                .iter_mut()
                .map(|v| (&v.name, &mut v.variant))
                .collect(),
        );
        IntEnum {
            id: id.clone(),
            path: RustPath {
                module: vec!["types".into()],
                name: rust_name,
            },
            module,
            doc: doc_of(&e.traits),
            values,
        }
    }

    /// Renames a model value whose variant would be `Unknown` (ours) and reports
    /// two values that convert to the same variant name.
    fn fix_variants(&mut self, id: &ShapeId, mut variants: Vec<(&String, &mut String)>) {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (name, variant) in variants.iter_mut() {
            if variant.as_str() == "Unknown" {
                **variant = "UnknownValue".to_string();
            }
            if let Some(first) = seen.insert(variant.to_string(), name.to_string()) {
                let msg = format!(
                    "enum members `{first}` and `{name}` both become the Rust variant `{variant}`"
                );
                self.diag(id, format!("{}.members", shape_path(id)), msg)
                    .help = Some("rename one of the members".into());
            }
        }
    }

    fn check_names(&mut self, types: &BTreeMap<ShapeId, NamedType>, operations: &[Operation]) {
        // (module path, type name) -> shape; (module path, file stem) -> shape.
        let mut names: BTreeMap<(Vec<String>, String), ShapeId> = BTreeMap::new();
        let mut files: BTreeMap<(Vec<String>, String), ShapeId> = BTreeMap::new();
        for (id, ty) in types {
            let path = ty.path();
            let mut claimed = vec![path.name.clone()];
            if matches!(ty, NamedType::Structure(_)) {
                claimed.push(naming::builder_name(&path.name));
            }
            for name in claimed {
                if let Some(other) = names.insert((path.module.clone(), name.clone()), id.clone()) {
                    self.diag(
                        id,
                        shape_path(id),
                        format!("the Rust name `{name}` of `{id}` is also used by `{other}`"),
                    )
                    .help =
                        Some("add a `rename` entry for one of them on the service shape".into());
                }
            }
            let module = match ty {
                NamedType::Structure(s) => &s.module,
                NamedType::Union(u) => &u.module,
                NamedType::Enum(e) => &e.module,
                NamedType::IntEnum(e) => &e.module,
            };
            let is_io = matches!(ty, NamedType::Structure(s) if matches!(s.role, StructRole::Input | StructRole::Output));
            if !is_io {
                if let Some(other) = files.insert((path.module.clone(), module.clone()), id.clone())
                {
                    if &other != id {
                        self.diag(
                            id,
                            shape_path(id),
                            format!(
                                "`{id}` and `{other}` both map to the module file `{module}.rs`"
                            ),
                        )
                        .help = Some(
                            "add a `rename` entry for one of them on the service shape".into(),
                        );
                    }
                }
                if module == "mod" {
                    self.diag(
                        id,
                        shape_path(id),
                        format!("`{id}` would be written to `mod.rs`"),
                    )
                    .help = Some("add a `rename` entry for it on the service shape".into());
                }
            }
        }
        let mut modules: BTreeMap<String, ShapeId> = BTreeMap::new();
        for op in operations {
            if let Some(other) = modules.insert(op.module.clone(), op.id.clone()) {
                self.diag(
                    &op.id,
                    shape_path(&op.id),
                    format!(
                        "operations `{}` and `{other}` both map to the module `{}`",
                        op.id, op.module
                    ),
                );
            }
            for err in &op.errors {
                if let Some(NamedType::Structure(s)) = types.get(err) {
                    if s.path.name == "Unhandled" || s.path.name == "InvalidResponse" {
                        self.diag(
                            err,
                            shape_path(err),
                            format!(
                                "an error named `{}` clashes with the generated variant of the same name in `{}`",
                                s.path.name,
                                naming::operation_error_name(&op.name)
                            ),
                        )
                        .help = Some("add a `rename` entry for it on the service shape".into());
                    }
                }
            }
        }
    }
}

impl Resolver<'_, '_> {
    /// HTTP binding traits must suit their member's type, and fit together:
    /// one `@httpPayload` and then no body members, no query key or header
    /// bound twice (Smithy's `http*` trait rules).
    fn check_bindings(&mut self, id: &ShapeId, members: &[Member]) {
        let simple = |t: &Type| {
            matches!(
                t,
                Type::String
                    | Type::Boolean
                    | Type::Byte
                    | Type::Short
                    | Type::Integer
                    | Type::Long
                    | Type::Float
                    | Type::Double
                    | Type::BigInteger
                    | Type::BigDecimal
                    | Type::Timestamp
                    | Type::Enum(_)
                    | Type::IntEnum(_)
            )
        };
        let simple_or_list = |t: &Type| match t {
            Type::List(c) => simple(&c.member.ty),
            other => simple(other),
        };
        let mut problems: Vec<(String, String)> = Vec::new();
        let mut headers: BTreeMap<String, &str> = BTreeMap::new();
        let mut queries: BTreeMap<&str, &str> = BTreeMap::new();
        let payloads: Vec<&Member> = members
            .iter()
            .filter(|m| m.binding == Binding::Payload)
            .collect();
        for m in members {
            let ty = &m.value.ty;
            let wrong = match &m.binding {
                Binding::Label { .. } if !simple(ty) => {
                    Some("`@httpLabel` needs a string, number, boolean, timestamp or enum member")
                }
                Binding::Query(_) if !simple_or_list(ty) => Some(
                    "`@httpQuery` needs a string, number, boolean, timestamp or enum member, or a list of them",
                ),
                Binding::Header(_) if !simple_or_list(ty) && *ty != Type::Blob => Some(
                    "`@httpHeader` needs a string, number, boolean, timestamp or enum member, or a list of them",
                ),
                Binding::PrefixHeaders(_) if !matches!(ty, Type::Map(c) if c.member.ty == Type::String) => {
                    Some("`@httpPrefixHeaders` needs a map of strings")
                }
                Binding::QueryParams
                    if !matches!(ty, Type::Map(c) if c.member.ty == Type::String
                        || matches!(&c.member.ty, Type::List(l) if l.member.ty == Type::String)) =>
                {
                    Some("`@httpQueryParams` needs a map of strings, or a map of lists of strings")
                }
                Binding::Payload
                    if !matches!(
                        ty,
                        Type::String
                            | Type::Blob
                            | Type::Structure(_)
                            | Type::Union(_)
                            | Type::Document
                            | Type::Enum(_)
                    ) =>
                {
                    Some(
                        "`@httpPayload` needs a string, blob, structure, union, document or enum member",
                    )
                }
                Binding::ResponseCode if *ty != Type::Integer => {
                    Some("`@httpResponseCode` needs an integer member")
                }
                _ => None,
            };
            if let Some(why) = wrong {
                problems.push((m.name.clone(), format!("member `{}`: {why}", m.name)));
            }
            match &m.binding {
                Binding::Header(h) => {
                    if let Some(other) = headers.insert(h.to_ascii_lowercase(), &m.name) {
                        problems.push((
                            m.name.clone(),
                            format!("members `{other}` and `{}` are both bound to the header `{h}` (header names ignore case)", m.name),
                        ));
                    }
                }
                Binding::Query(q) => {
                    if let Some(other) = queries.insert(q, &m.name) {
                        problems.push((
                            m.name.clone(),
                            format!("members `{other}` and `{}` are both bound to the query parameter `{q}`", m.name),
                        ));
                    }
                }
                _ => {}
            }
        }
        if let [first, second, ..] = payloads.as_slice() {
            problems.push((
                second.name.clone(),
                format!(
                    "members `{}` and `{}` both have `@httpPayload`; a message has one payload",
                    first.name, second.name
                ),
            ));
        }
        if let Some(p) = payloads.first() {
            if let Some(body) = members.iter().find(|m| m.binding == Binding::Body) {
                problems.push((
                    body.name.clone(),
                    format!(
                        "member `{}` would go in the body, but `{}` is the `@httpPayload`; bind it to a header, label or query, or drop `@httpPayload`",
                        body.name, p.name
                    ),
                ));
            }
        }
        for (member, message) in problems {
            self.diag(
                id,
                format!("{}.members.{}", shape_path(id), quote_member(&member)),
                format!("invalid HTTP binding in `{id}`: {message}"),
            );
        }
    }

    /// Two members of one shape must not give the same Rust item: a field and
    /// its builder methods (`foo`, `set_foo`, `get_foo`) for structures, a
    /// variant and its `is_`/`as_` accessors for unions. Smithy requires member
    /// names to differ ignoring case, which rules out most clashes; the rest
    /// (`Foo` and `SetFoo`) are reported here rather than merged.
    fn check_member_names(&mut self, id: &ShapeId, members: &[Member], union: bool) {
        let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
        let mut clashes: Vec<(String, String, String)> = Vec::new();
        for m in members {
            let names = if union {
                let snake = naming::variant_accessor(&m.name);
                vec![
                    m.field.clone(),
                    format!("is_{snake}"),
                    format!("as_{snake}"),
                ]
            } else {
                let plain = m.field.trim_start_matches("r#");
                vec![
                    plain.to_string(),
                    format!("set_{plain}"),
                    format!("get_{plain}"),
                ]
            };
            for name in names {
                match claimed.get(name.as_str()) {
                    Some(other) if *other != m.name => {
                        // One report per pair of members, for the first name they share.
                        let seen = clashes.iter().any(|(a, b, _)| a == &m.name && b == other);
                        if !seen {
                            clashes.push((m.name.clone(), other.to_string(), name));
                        }
                    }
                    _ => {
                        claimed.insert(name, &m.name);
                    }
                }
            }
        }
        for (name, other, rust) in clashes {
            self.diag(
                id,
                format!("{}.members.{}", shape_path(id), quote_member(&name)),
                format!(
                    "members `{other}` and `{name}` of `{id}` both give the Rust name `{rust}`"
                ),
            )
            .help = Some(
                "rename one of the members in the model (their Rust names are derived by snake_case / UpperCamelCase conversion)"
                    .into(),
            );
        }
    }
}

/// Marks members that close a cycle of direct structure/union references as boxed.
///
/// Lists and maps already add indirection, so only direct edges count. Every
/// edge `A.m -> B` with `A` and `B` in the same strongly connected component is
/// boxed (deterministic, and enough to give every type a finite size). The
/// components come from Kosaraju's algorithm, linear in the size of the graph.
/// Structures that contain themselves through members that can never be
/// left unset (non-optional structure members): no finite value of them
/// exists. Returns one `(structure, member)` per cycle found, in id order.
fn unbuildable_cycles(types: &BTreeMap<ShapeId, NamedType>) -> Vec<(ShapeId, String)> {
    /// `(member, target)` of the members that must be set.
    type Edges = Vec<(String, ShapeId)>;
    let mandatory = |id: &ShapeId| -> Edges {
        match types.get(id) {
            Some(NamedType::Structure(s)) => s
                .members
                .iter()
                .filter(|m| !m.optional)
                .filter_map(|m| match &m.value.ty {
                    Type::Structure(t) => Some((m.name.clone(), t.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    // Iterative depth-first search; grey nodes are on the current path.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        White,
        Grey,
        Black,
    }
    let mut mark: BTreeMap<&ShapeId, Mark> = types.keys().map(|k| (k, Mark::White)).collect();
    let mut found = Vec::new();
    for start in types.keys() {
        if mark.get(start) != Some(&Mark::White) {
            continue;
        }
        let mut stack: Vec<(&ShapeId, Edges, usize)> = vec![(start, mandatory(start), 0)];
        mark.insert(start, Mark::Grey);
        while let Some((node, edges, next)) = stack.last_mut() {
            let node: &ShapeId = node;
            if let Some((member, target)) = edges.get(*next).cloned() {
                *next += 1;
                let Some((key, _)) = types.get_key_value(&target) else {
                    continue;
                };
                match mark.get(key).copied() {
                    Some(Mark::Grey) => found.push((node.clone(), member)),
                    Some(Mark::White) => {
                        mark.insert(key, Mark::Grey);
                        stack.push((key, mandatory(key), 0));
                    }
                    _ => {}
                }
            } else {
                mark.insert(node, Mark::Black);
                stack.pop();
            }
        }
    }
    found.sort();
    found
}

fn box_recursion(types: &mut BTreeMap<ShapeId, NamedType>) {
    let ids: Vec<ShapeId> = types.keys().cloned().collect();
    let index: BTreeMap<&ShapeId, usize> = ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (i, id) in ids.iter().enumerate() {
        let members: &[Member] = match types.get(id) {
            Some(NamedType::Structure(s)) => &s.members,
            Some(NamedType::Union(u)) => &u.variants,
            _ => continue,
        };
        for m in members {
            if let Type::Structure(t) | Type::Union(t) = &m.value.ty {
                if let Some(&j) = index.get(t) {
                    edges[i].push(j);
                    reverse[j].push(i);
                }
            }
        }
    }
    // Pass 1: finish order by iterative DFS.
    let n = ids.len();
    let mut visited = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&succ) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !visited[succ] {
                    visited[succ] = true;
                    stack.push((succ, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    // Pass 2: components on the reversed graph, in reverse finish order.
    let mut component = vec![usize::MAX; n];
    let mut count = 0;
    for &root in order.iter().rev() {
        if component[root] != usize::MAX {
            continue;
        }
        let mut stack = vec![root];
        component[root] = count;
        while let Some(node) = stack.pop() {
            for &pred in &reverse[node] {
                if component[pred] == usize::MAX {
                    component[pred] = count;
                    stack.push(pred);
                }
            }
        }
        count += 1;
    }
    for (i, id) in ids.iter().enumerate() {
        let members = match types.get_mut(id) {
            Some(NamedType::Structure(s)) => &mut s.members,
            Some(NamedType::Union(u)) => &mut u.variants,
            _ => continue,
        };
        for m in members.iter_mut() {
            if let Type::Structure(t) | Type::Union(t) = &m.value.ty {
                if let Some(&j) = index.get(t) {
                    if component[i] == component[j] {
                        m.boxed = true;
                    }
                }
            }
        }
    }
}
