//! `codegen diff OLD NEW`: what a model change does to the generated Rust API.
//!
//! Both models are resolved to the IR (the same view the emitters have), and
//! compared operation by operation and type by type. Each change is classified
//! for the generated crate's users:
//!
//! - **breaking**: code that compiled (or requests that worked) may no longer:
//!   a removed operation, type, member, enum value or error; a member becoming
//!   required; a changed Rust type or optionality; a changed HTTP binding or
//!   wire name; a tighter `@length`, `@range` or `@pattern` (`validate()` may
//!   reject inputs it accepted);
//! - **additive**: safe to take in a minor release, because structs, enums and
//!   error enums are `#[non_exhaustive]` and enums keep unknown values: a new
//!   operation, type, optional member, enum value or error; a looser constraint;
//! - **documentation**: only the rustdoc changes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::ir::{Binding, Member, NamedType, Operation, Service, Type, ValueShape};
use crate::shape_id::ShapeId;

/// How a change affects users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// Existing code or requests may break.
    Breaking,
    /// New API, safe for existing users.
    Additive,
    /// Only documentation changed.
    Documentation,
}

impl Category {
    /// The category's name in reports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Breaking => "breaking",
            Category::Additive => "additive",
            Category::Documentation => "documentation",
        }
    }

    /// Parses a category name (`breaking`, `additive`, `documentation`).
    pub fn parse(text: &str) -> Option<Category> {
        match text {
            "breaking" => Some(Category::Breaking),
            "additive" => Some(Category::Additive),
            "documentation" | "docs" => Some(Category::Documentation),
            _ => None,
        }
    }
}

/// One change in the generated API.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// How it affects users.
    pub category: Category,
    /// What changed, as a Rust path (`operation::get_upload_job`, `types::Foo.bar`).
    pub subject: String,
    /// What happened to it.
    pub detail: String,
}

/// Every change between two model versions, sorted by category then subject.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The operations the comparison was limited to (empty: the whole service).
    pub scope: Vec<String>,
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// The number of changes in a category.
    pub fn count(&self, category: Category) -> usize {
        self.changes
            .iter()
            .filter(|c| c.category == category)
            .count()
    }

    /// The suggested semver bump: `major`, `minor`, `patch` or `none`.
    pub fn semver(&self) -> &'static str {
        if self.count(Category::Breaking) > 0 {
            "major"
        } else if self.count(Category::Additive) > 0 {
            "minor"
        } else if self.count(Category::Documentation) > 0 {
            "patch"
        } else {
            "none"
        }
    }

    fn semver_sentence(&self) -> &'static str {
        match self.semver() {
            "major" => "major (breaking changes; for a 0.x crate, bump the minor version)",
            "minor" => "minor (additive changes only; for a 0.x crate, bump the patch version)",
            "patch" => "patch (documentation only)",
            _ => "none (the generated API is unchanged)",
        }
    }

    /// The report as readable text.
    pub fn to_text(&self, old: &str, new: &str) -> String {
        let mut out = String::new();
        let scope = if self.scope.is_empty() {
            "the whole service".to_string()
        } else {
            format!("operations {}", self.scope.join(", "))
        };
        let _ = writeln!(out, "Changes from {old} to {new} ({scope}):");
        for category in [
            Category::Breaking,
            Category::Additive,
            Category::Documentation,
        ] {
            let n = self.count(category);
            if n == 0 {
                continue;
            }
            let _ = writeln!(out, "\n{} ({n}):", category.as_str());
            for c in self.changes.iter().filter(|c| c.category == category) {
                let _ = writeln!(out, "  - {}: {}", c.subject, c.detail);
            }
        }
        if self.changes.is_empty() {
            let _ = writeln!(out, "\nno changes");
        }
        let _ = writeln!(out, "\nSuggested version bump: {}", self.semver_sentence());
        out
    }

    /// The report as JSON.
    pub fn to_json(&self, old: &str, new: &str) -> Value {
        json!({
            "old": old,
            "new": new,
            "scope": self.scope,
            "counts": {
                "breaking": self.count(Category::Breaking),
                "additive": self.count(Category::Additive),
                "documentation": self.count(Category::Documentation),
            },
            "semver": self.semver(),
            "changes": self.changes.iter().map(|c| json!({
                "category": c.category.as_str(),
                "subject": c.subject,
                "detail": c.detail,
            })).collect::<Vec<_>>(),
        })
    }
}

struct Collector {
    changes: Vec<Change>,
}

impl Collector {
    fn push(&mut self, category: Category, subject: impl Into<String>, detail: impl Into<String>) {
        self.changes.push(Change {
            category,
            subject: subject.into(),
            detail: detail.into(),
        });
    }
}

/// Compares two resolved services. With `operations`, only those operations and
/// the types they reach are compared (an operation missing on one side is
/// reported as added or removed).
pub fn diff(old: &Service, new: &Service, operations: &[String]) -> Report {
    let mut c = Collector {
        changes: Vec::new(),
    };
    let in_scope = |op: &Operation| operations.is_empty() || operations.contains(&op.name);
    let old_ops: BTreeMap<&str, &Operation> = old
        .operations
        .iter()
        .filter(|o| in_scope(o))
        .map(|o| (o.name.as_str(), o))
        .collect();
    let new_ops: BTreeMap<&str, &Operation> = new
        .operations
        .iter()
        .filter(|o| in_scope(o))
        .map(|o| (o.name.as_str(), o))
        .collect();

    if old.doc != new.doc && operations.is_empty() {
        c.push(
            Category::Documentation,
            "crate",
            "service documentation changed",
        );
    }
    for (name, op) in &old_ops {
        let subject = format!("operation::{}", op.module);
        match new_ops.get(name) {
            None => c.push(
                Category::Breaking,
                subject,
                format!("operation `{name}` removed"),
            ),
            Some(new_op) => compare_operation(&mut c, &subject, old, op, new, new_op),
        }
    }
    for (name, op) in &new_ops {
        if !old_ops.contains_key(name) {
            c.push(
                Category::Additive,
                format!("operation::{}", op.module),
                format!("operation `{name}` added"),
            );
        }
    }

    let old_types = reachable(old, old_ops.values().copied());
    let new_types = reachable(new, new_ops.values().copied());
    let old_named = by_path(old, &old_types);
    let new_named = by_path(new, &new_types);
    let validated = validated_types(new);
    for (path, ty) in &old_named {
        match new_named.get(path) {
            None => c.push(Category::Breaking, path.clone(), "type removed"),
            Some(new_ty) => compare_type(&mut c, path, old, ty, new, new_ty, &validated),
        }
    }
    for path in new_named.keys() {
        if !old_named.contains_key(path) {
            c.push(Category::Additive, path.clone(), "type added");
        }
    }
    let mut changes = c.changes;
    changes.sort();
    changes.dedup();
    Report {
        scope: operations.to_vec(),
        changes,
    }
}

/// The shape ids of every named type the operations reach (input, output, errors and members).
fn reachable<'a>(service: &Service, ops: impl Iterator<Item = &'a Operation>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = Vec::new();
    for op in ops {
        stack.push(op.input.clone());
        stack.push(op.output.clone());
        stack.extend(op.errors.iter().cloned());
    }
    fn refs(v: &ValueShape, out: &mut Vec<ShapeId>) {
        match &v.ty {
            Type::Enum(id) | Type::IntEnum(id) | Type::Structure(id) | Type::Union(id) => {
                out.push(id.clone())
            }
            Type::List(c) | Type::Map(c) => {
                if let Some(k) = &c.key_enum {
                    out.push(k.clone());
                }
                refs(&c.member, out);
            }
            _ => {}
        }
    }
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let members = match service.types.get(&id) {
            Some(NamedType::Structure(s)) => &s.members,
            Some(NamedType::Union(u)) => &u.variants,
            _ => continue,
        };
        for m in members {
            refs(&m.value, &mut stack);
        }
    }
    seen
}

fn by_path<'s>(service: &'s Service, ids: &BTreeSet<ShapeId>) -> BTreeMap<String, &'s NamedType> {
    ids.iter()
        .filter_map(|id| service.types.get(id))
        .map(|t| {
            (
                format!("{}::{}", t.path().module.join("::"), t.path().name),
                t,
            )
        })
        .collect()
}

fn compare_operation(
    c: &mut Collector,
    subject: &str,
    _old: &Service,
    a: &Operation,
    _new: &Service,
    b: &Operation,
) {
    if (a.http.method.as_str(), a.http.uri.as_str(), a.http.code)
        != (b.http.method.as_str(), b.http.uri.as_str(), b.http.code)
    {
        c.push(
            Category::Breaking,
            subject,
            format!(
                "HTTP binding changed from `{} {}` ({}) to `{} {}` ({})",
                a.http.method, a.http.uri, a.http.code, b.http.method, b.http.uri, b.http.code
            ),
        );
    }
    let names = |op: &Operation| -> BTreeSet<String> {
        op.errors.iter().map(|e| e.name().to_string()).collect()
    };
    let (ea, eb) = (names(a), names(b));
    for removed in ea.difference(&eb) {
        c.push(
            Category::Breaking,
            subject,
            format!("error `{removed}` removed"),
        );
    }
    for added in eb.difference(&ea) {
        c.push(
            Category::Additive,
            subject,
            format!("error `{added}` added"),
        );
    }
    if a.doc != b.doc {
        c.push(Category::Documentation, subject, "documentation changed");
    }
    if a.deprecated != b.deprecated {
        c.push(Category::Documentation, subject, "deprecation changed");
    }
}

fn kind(t: &NamedType) -> &'static str {
    match t {
        NamedType::Structure(_) => "structure",
        NamedType::Union(_) => "union",
        NamedType::Enum(_) => "enum",
        NamedType::IntEnum(_) => "intEnum",
    }
}

fn compare_type(
    c: &mut Collector,
    path: &str,
    old: &Service,
    a: &NamedType,
    new: &Service,
    b: &NamedType,
    validated: &BTreeSet<ShapeId>,
) {
    if a.doc() != b.doc() {
        c.push(Category::Documentation, path, "documentation changed");
    }
    match (a, b) {
        (NamedType::Structure(x), NamedType::Structure(y)) => {
            if x.role != y.role {
                c.push(
                    Category::Breaking,
                    path,
                    format!("error traits changed from {:?} to {:?}", x.role, y.role),
                );
            }
            if x.sensitive != y.sensitive {
                c.push(
                    Category::Additive,
                    path,
                    format!(
                        "`@sensitive` {}",
                        if y.sensitive { "added" } else { "removed" }
                    ),
                );
            }
            match (x.builder_is_fallible(), y.builder_is_fallible()) {
                (true, false) => c.push(
                    Category::Breaking,
                    path,
                    "the builder's `build()` no longer returns a `Result` (no member is required without a default any more); code using `?` or `unwrap()` on it stops compiling",
                ),
                (false, true) => c.push(
                    Category::Breaking,
                    path,
                    "the builder's `build()` now returns a `Result` (a member became required)",
                ),
                _ => {}
            }
            let validated = validated.contains(&y.id);
            compare_members(c, path, old, &x.members, new, &y.members, false, validated);
        }
        (NamedType::Union(x), NamedType::Union(y)) => {
            let validated = validated.contains(&y.id);
            compare_members(c, path, old, &x.variants, new, &y.variants, true, validated);
        }
        (NamedType::Enum(x), NamedType::Enum(y)) => {
            let va: BTreeMap<&str, &str> = x
                .values
                .iter()
                .map(|v| (v.variant.as_str(), v.value.as_str()))
                .collect();
            let vb: BTreeMap<&str, &str> = y
                .values
                .iter()
                .map(|v| (v.variant.as_str(), v.value.as_str()))
                .collect();
            for (variant, value) in &va {
                match vb.get(variant) {
                    None => c.push(
                        Category::Breaking,
                        format!("{path}::{variant}"),
                        format!("enum value `{value}` removed"),
                    ),
                    Some(nv) if nv != value => c.push(
                        Category::Breaking,
                        format!("{path}::{variant}"),
                        format!("wire value changed from `{value}` to `{nv}`"),
                    ),
                    Some(_) => {}
                }
            }
            for (variant, value) in &vb {
                if !va.contains_key(variant) {
                    c.push(
                        Category::Additive,
                        format!("{path}::{variant}"),
                        format!("enum value `{value}` added"),
                    );
                }
            }
            let docs_a: BTreeMap<&str, &Option<String>> = x
                .values
                .iter()
                .map(|v| (v.variant.as_str(), &v.doc))
                .collect();
            for v in &y.values {
                if docs_a.get(v.variant.as_str()).is_some_and(|d| **d != v.doc) {
                    c.push(
                        Category::Documentation,
                        format!("{path}::{}", v.variant),
                        "documentation changed",
                    );
                }
            }
        }
        (NamedType::IntEnum(x), NamedType::IntEnum(y)) => {
            let va: BTreeMap<&str, i32> = x
                .values
                .iter()
                .map(|v| (v.variant.as_str(), v.value))
                .collect();
            let vb: BTreeMap<&str, i32> = y
                .values
                .iter()
                .map(|v| (v.variant.as_str(), v.value))
                .collect();
            for (variant, value) in &va {
                match vb.get(variant) {
                    None => c.push(
                        Category::Breaking,
                        format!("{path}::{variant}"),
                        format!("enum value `{value}` removed"),
                    ),
                    Some(nv) if nv != value => c.push(
                        Category::Breaking,
                        format!("{path}::{variant}"),
                        format!("wire value changed from `{value}` to `{nv}`"),
                    ),
                    Some(_) => {}
                }
            }
            for (variant, value) in &vb {
                if !va.contains_key(variant) {
                    c.push(
                        Category::Additive,
                        format!("{path}::{variant}"),
                        format!("enum value `{value}` added"),
                    );
                }
            }
        }
        _ => c.push(
            Category::Breaking,
            path,
            format!("changed from a {} to a {}", kind(a), kind(b)),
        ),
    }
}

/// A readable Rust type for a member, as users see it.
fn type_text(service: &Service, v: &ValueShape) -> String {
    match &v.ty {
        Type::Blob => "Blob".into(),
        Type::Boolean => "bool".into(),
        Type::String => "String".into(),
        Type::Byte => "i8".into(),
        Type::Short => "i16".into(),
        Type::Integer => "i32".into(),
        Type::Long => "i64".into(),
        Type::Float => "f32".into(),
        Type::Double => "f64".into(),
        Type::BigInteger => "BigInteger".into(),
        Type::BigDecimal => "BigDecimal".into(),
        Type::Timestamp => "Timestamp".into(),
        Type::Document => "serde_json::Value".into(),
        Type::Enum(id) | Type::IntEnum(id) | Type::Structure(id) | Type::Union(id) => service
            .types
            .get(id)
            .map(|t| t.path().name.clone())
            .unwrap_or_else(|| id.name().to_string()),
        Type::List(c) => {
            let inner = type_text(service, &c.member);
            if c.sparse {
                format!("Vec<Option<{inner}>>")
            } else {
                format!("Vec<{inner}>")
            }
        }
        Type::Map(c) => {
            let inner = type_text(service, &c.member);
            if c.sparse {
                format!("HashMap<String, Option<{inner}>>")
            } else {
                format!("HashMap<String, {inner}>")
            }
        }
    }
}

fn field_text(service: &Service, m: &Member) -> String {
    let inner = type_text(service, &m.value);
    let inner = if m.boxed {
        format!("Box<{inner}>")
    } else {
        inner
    };
    if m.optional {
        format!("Option<{inner}>")
    } else {
        inner
    }
}

fn binding_text(b: &Binding) -> String {
    match b {
        Binding::Body => "the JSON body".into(),
        Binding::Label { greedy } => {
            if *greedy {
                "a greedy URI label".into()
            } else {
                "a URI label".into()
            }
        }
        Binding::Query(k) => format!("query parameter `{k}`"),
        Binding::QueryParams => "the query parameter map".into(),
        Binding::Header(h) => format!("header `{h}`"),
        Binding::PrefixHeaders(p) => format!("headers prefixed `{p}`"),
        Binding::Payload => "the HTTP payload".into(),
        Binding::ResponseCode => "the HTTP status code".into(),
    }
}

fn timestamp_formats(v: &ValueShape, out: &mut Vec<String>) {
    out.push(format!("{:?}", v.timestamp_format));
    if let Type::List(c) | Type::Map(c) = &v.ty {
        timestamp_formats(&c.member, out);
    }
}

/// `min..=max` style text for a pair of optional bounds.
fn bounds_text<T: std::fmt::Display>(bounds: &Option<(Option<T>, Option<T>)>) -> String {
    match bounds {
        None | Some((None, None)) => "none".into(),
        Some((Some(lo), Some(hi))) => format!("{lo}..={hi}"),
        Some((Some(lo), None)) => format!("at least {lo}"),
        Some((None, Some(hi))) => format!("at most {hi}"),
    }
}

/// Whether going from bounds `a` to `b` rejects some value `a` accepted.
fn bounds_change(a: (Option<f64>, Option<f64>), b: (Option<f64>, Option<f64>)) -> bool {
    let lo = |x: Option<f64>| x.unwrap_or(f64::NEG_INFINITY);
    let hi = |x: Option<f64>| x.unwrap_or(f64::INFINITY);
    lo(b.0) > lo(a.0) || hi(b.1) < hi(a.1)
}

/// One constraint change: how it affects `validate()` (when the value is
/// validated), what changed, and the effect in words.
type ConstraintChange = (Category, String, &'static str);

/// The constraint changes between two values, each classified for a value
/// that `validate()` checks: a tighter constraint is breaking (`validate()` may
/// reject inputs it accepted), a looser one additive. `place` says where in the
/// value (`""`, `" on items"`).
fn constraint_changes(
    a: &ValueShape,
    b: &ValueShape,
    place: &str,
    out: &mut Vec<ConstraintChange>,
) {
    let (ca, cb) = (&a.constraints, &b.constraints);
    let as_f64 = |l: &Option<(Option<u64>, Option<u64>)>| {
        l.map_or((None, None), |(lo, hi)| {
            (lo.map(|v| v as f64), hi.map(|v| v as f64))
        })
    };
    let mut bounded = |name: &str, old: String, new: String, tighter: bool| {
        if old == new {
            return;
        }
        let (category, effect) = if tighter {
            (
                Category::Breaking,
                "tighter: `validate()` may reject inputs it accepted",
            )
        } else {
            (Category::Additive, "looser")
        };
        out.push((
            category,
            format!("`@{name}`{place} changed from {old} to {new}"),
            effect,
        ));
    };
    bounded(
        "length",
        bounds_text(&ca.length),
        bounds_text(&cb.length),
        bounds_change(as_f64(&ca.length), as_f64(&cb.length)),
    );
    bounded(
        "range",
        bounds_text(&ca.range),
        bounds_text(&cb.range),
        bounds_change(
            ca.range.unwrap_or((None, None)),
            cb.range.unwrap_or((None, None)),
        ),
    );
    match (&ca.pattern, &cb.pattern) {
        (x, y) if x == y => {}
        (Some(x), None) => out.push((
            Category::Additive,
            format!("`@pattern`{place} `{x}` removed"),
            "looser",
        )),
        (None, Some(y)) => out.push((
            Category::Breaking,
            format!("`@pattern`{place} `{y}` added"),
            "tighter: `validate()` may reject inputs it accepted",
        )),
        // Whether one regular expression accepts less than another is not
        // decided here: the change is reported for review, not as breaking.
        (Some(x), Some(y)) => out.push((
            Category::Additive,
            format!("`@pattern`{place} changed from `{x}` to `{y}`"),
            "review it: `validate()` may accept or reject different inputs",
        )),
        (None, None) => {}
    }
    match (&a.ty, &b.ty) {
        (Type::List(x), Type::List(y)) => {
            constraint_changes(&x.member, &y.member, " on items", out)
        }
        (Type::Map(x), Type::Map(y)) => {
            let keys = |c: &crate::ir::Collection| ValueShape {
                constraints: c.key_constraints.clone(),
                ..c.member.clone()
            };
            let (mut ka, mut kb) = (keys(x), keys(y));
            ka.ty = Type::String;
            kb.ty = Type::String;
            constraint_changes(&ka, &kb, " on keys", out);
            constraint_changes(&x.member, &y.member, " on values", out);
        }
        _ => {}
    }
}

/// The structures and unions `validate()` walks: operation inputs and every
/// type reachable from them.
fn validated_types(service: &Service) -> BTreeSet<ShapeId> {
    fn visit(v: &ValueShape, todo: &mut Vec<ShapeId>) {
        match &v.ty {
            Type::Structure(id) | Type::Union(id) => todo.push(id.clone()),
            Type::List(c) | Type::Map(c) => visit(&c.member, todo),
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    let mut todo: Vec<ShapeId> = service.operations.iter().map(|o| o.input.clone()).collect();
    while let Some(id) = todo.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let members: &[Member] = match service.types.get(&id) {
            Some(NamedType::Structure(s)) => &s.members,
            Some(NamedType::Union(u)) => &u.variants,
            _ => continue,
        };
        for m in members {
            visit(&m.value, &mut todo);
        }
    }
    seen
}

#[allow(clippy::too_many_arguments)]
fn compare_members(
    c: &mut Collector,
    path: &str,
    old: &Service,
    a: &[Member],
    new: &Service,
    b: &[Member],
    union: bool,
    validated: bool,
) {
    let sep = if union { "::" } else { "." };
    let ma: BTreeMap<&str, &Member> = a.iter().map(|m| (m.name.as_str(), m)).collect();
    let mb: BTreeMap<&str, &Member> = b.iter().map(|m| (m.name.as_str(), m)).collect();
    for (name, x) in &ma {
        let subject = format!("{path}{sep}{}", x.field.trim_start_matches("r#"));
        let Some(y) = mb.get(name) else {
            let what = if union { "variant" } else { "member" };
            c.push(
                Category::Breaking,
                subject,
                format!("{what} `{name}` removed"),
            );
            continue;
        };
        let (ta, tb) = (field_text(old, x), field_text(new, y));
        if ta != tb {
            c.push(
                Category::Breaking,
                subject.clone(),
                format!("type changed from `{ta}` to `{tb}`"),
            );
        }
        if !x.required && y.required {
            c.push(
                Category::Breaking,
                subject.clone(),
                "became required (builders now fail without it)",
            );
        } else if x.required && !y.required {
            c.push(Category::Additive, subject.clone(), "no longer required");
        }
        if x.json_name != y.json_name {
            c.push(
                Category::Breaking,
                subject.clone(),
                format!(
                    "JSON name changed from `{}` to `{}`",
                    x.json_name, y.json_name
                ),
            );
        }
        if x.binding != y.binding {
            c.push(
                Category::Breaking,
                subject.clone(),
                format!(
                    "HTTP binding changed from {} to {}",
                    binding_text(&x.binding),
                    binding_text(&y.binding)
                ),
            );
        }
        let (mut fa, mut fb) = (Vec::new(), Vec::new());
        timestamp_formats(&x.value, &mut fa);
        timestamp_formats(&y.value, &mut fb);
        if fa != fb {
            c.push(
                Category::Breaking,
                subject.clone(),
                "timestamp format changed",
            );
        }
        let mut changes = Vec::new();
        constraint_changes(&x.value, &y.value, "", &mut changes);
        for (category, detail, effect) in changes {
            if validated {
                c.push(category, subject.clone(), format!("{detail} ({effect})"));
            } else {
                // Only inputs are validated: elsewhere a constraint is documentation.
                c.push(
                    Category::Documentation,
                    subject.clone(),
                    format!("{detail} (documentation only: outputs are not validated)"),
                );
            }
        }
        if x.default != y.default {
            c.push(Category::Additive, subject.clone(), "default value changed");
        }
        if x.sensitive != y.sensitive {
            c.push(
                Category::Additive,
                subject.clone(),
                format!(
                    "`@sensitive` {}",
                    if y.sensitive { "added" } else { "removed" }
                ),
            );
        }
        if x.doc != y.doc {
            c.push(
                Category::Documentation,
                subject.clone(),
                "documentation changed",
            );
        }
        if x.deprecated != y.deprecated {
            c.push(Category::Documentation, subject, "deprecation changed");
        }
    }
    for (name, y) in &mb {
        if ma.contains_key(name) {
            continue;
        }
        let subject = format!("{path}{sep}{}", y.field.trim_start_matches("r#"));
        if union {
            c.push(
                Category::Additive,
                subject,
                format!("variant `{name}` added"),
            );
        } else if y.required && (y.optional || y.default.is_none()) {
            c.push(
                Category::Breaking,
                subject,
                format!("required member `{name}` added (builders now fail without it)"),
            );
        } else {
            c.push(
                Category::Additive,
                subject,
                format!("optional member `{name}` added"),
            );
        }
    }
}
