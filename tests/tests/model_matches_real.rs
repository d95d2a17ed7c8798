//! Our hand-written `model/customer-profiles.json` must agree with the real
//! AWS Customer Profiles model on everything except documentation.
//!
//! * The shape set is exactly the `GetUploadJob` closure of the real model plus
//!   the service shape.
//! * Every non-service shape equals the real one once every
//!   `smithy.api#documentation` trait is removed (members keep their order).
//! * The service agrees on type, version and non-documentation,
//!   non-`smithy.rules#*` traits, and lists only `GetUploadJob`.
//! * Documentation sits in exactly the same places as in the real model, and
//!   none of it is the real wording: no string is equal to the real one and
//!   none contains a full sentence of it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use integration_tests::{real_customer_profiles, workspace_root};
use serde_json::{Map, Value};

const NS: &str = "com.amazonaws.customerprofiles#";
const SERVICE: &str = "com.amazonaws.customerprofiles#CustomerProfiles_20200815";
const OPERATION: &str = "com.amazonaws.customerprofiles#GetUploadJob";
const DOC: &str = "smithy.api#documentation";

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

struct Models {
    ours_text: String,
    real_text: String,
    ours: Value,
    real: Value,
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn load() -> Models {
    let ours_path = workspace_root().join("model/customer-profiles.json");
    let real_path = real_customer_profiles();
    let ours_text = read(&ours_path);
    let real_text = read(&real_path);
    let ours = serde_json::from_str(&ours_text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", ours_path.display()));
    let real = serde_json::from_str(&real_text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", real_path.display()));
    Models {
        ours_text,
        real_text,
        ours,
        real,
    }
}

fn shapes<'a>(model: &'a Value, which: &str) -> &'a Map<String, Value> {
    model
        .get("shapes")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("the {which} model has no `shapes` object"))
}

fn shape<'a>(shapes: &'a Map<String, Value>, id: &str, which: &str) -> &'a Map<String, Value> {
    shapes
        .get(id)
        .and_then(Value::as_object)
        .unwrap_or_else(|| {
            panic!("shape {id} is missing from the {which} model (or is not an object)")
        })
}

// ---------------------------------------------------------------------------
// Closure of GetUploadJob in the real model
// ---------------------------------------------------------------------------

/// Targets a shape refers to: input, output, errors, list member, map
/// key/value, and structure/union/enum members.
fn references(shape: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    let target = |v: &Value| v.get("target").and_then(Value::as_str).map(str::to_owned);
    for key in ["input", "output", "member", "key", "value"] {
        if let Some(t) = shape.get(key).and_then(target) {
            out.push(t);
        }
    }
    if let Some(errors) = shape.get("errors").and_then(Value::as_array) {
        out.extend(errors.iter().filter_map(target));
    }
    if let Some(members) = shape.get("members").and_then(Value::as_object) {
        out.extend(members.values().filter_map(target));
    }
    out
}

/// Every shape of the model's own namespace reachable from `root` (prelude
/// shapes such as `smithy.api#Unit` are not part of the model and are skipped).
fn closure(shapes: &Map<String, Value>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_owned()];
    while let Some(id) = stack.pop() {
        if !id.starts_with(NS) || seen.contains(&id) {
            continue;
        }
        let s = shape(shapes, &id, "real");
        seen.insert(id);
        stack.extend(references(s));
    }
    seen
}

// ---------------------------------------------------------------------------
// Documentation helpers
// ---------------------------------------------------------------------------

/// Removes `smithy.api#documentation` from every `traits` object at any depth
/// (shape and members), dropping a `traits` object that becomes empty.
fn strip_docs(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                if k == "traits" {
                    if let Value::Object(traits) = v {
                        let kept: Map<String, Value> = traits
                            .iter()
                            .filter(|(name, _)| name.as_str() != DOC)
                            .map(|(name, t)| (name.clone(), strip_docs(t)))
                            .collect();
                        if !kept.is_empty() {
                            out.insert(k.clone(), Value::Object(kept));
                        }
                        continue;
                    }
                }
                out.insert(k.clone(), strip_docs(v));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(strip_docs).collect()),
        other => other.clone(),
    }
}

/// Documented places of one shape: `id` for the shape itself and
/// `id$Member` for members, mapped to the documentation string.
fn documented_places(id: &str, shape: &Map<String, Value>) -> BTreeMap<String, String> {
    let doc_of = |v: &Value| -> Option<String> {
        v.get("traits").and_then(|t| t.get(DOC)).map(|d| {
            d.as_str()
                .unwrap_or_else(|| panic!("{id}: documentation is not a string"))
                .to_owned()
        })
    };
    let mut out = BTreeMap::new();
    if let Some(d) = doc_of(&Value::Object(shape.clone())) {
        out.insert(id.to_owned(), d);
    }
    if let Some(members) = shape.get("members").and_then(Value::as_object) {
        for (name, m) in members {
            if let Some(d) = doc_of(m) {
                out.insert(format!("{id}${name}"), d);
            }
        }
    }
    out
}

/// Tags that end a sentence-like piece of text (block-level HTML).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "li",
    "ul",
    "ol",
    "fullname",
    "br",
    "note",
    "important",
    "dl",
    "dt",
    "dd",
];

/// Plain text of an HTML documentation string: tags removed (block tags become
/// a line break), whitespace collapsed, lower-cased.
fn plain_lines(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            text.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = &rest[start + 1..start + len];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        text.push(if BLOCK_TAGS.contains(&name.as_str()) {
            '\n'
        } else {
            ' '
        });
        rest = &rest[start + len + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'");
    text.split('\n')
        .map(|line| {
            line.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|line| !line.is_empty())
        .collect()
}

/// The whole documentation string as one normalised line.
fn plain_text(html: &str) -> String {
    plain_lines(html).join(" ")
}

/// Minimum word count for a piece of real documentation to count as a
/// sentence; shorter pieces are names and link labels (for example the
/// product name), which our documentation may legitimately repeat.
const MIN_SENTENCE_WORDS: usize = 5;

/// Sentences of a documentation string: pieces between block tags, split
/// further after `.`, `!` or `?` followed by whitespace (so `a.b` stays whole),
/// without the final punctuation.
fn sentences(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in plain_lines(html) {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            let ends =
                matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace());
            if ends {
                out.push(std::mem::take(&mut current));
            } else {
                current.push(c);
            }
        }
        out.push(current);
    }
    out.into_iter()
        .map(|s| s.trim().trim_end_matches([':', ';', ',']).trim().to_owned())
        .filter(|s| s.split_whitespace().count() >= MIN_SENTENCE_WORDS)
        .collect()
}

// ---------------------------------------------------------------------------
// Order-preserving JSON reader (serde_json without `preserve_order` sorts
// object keys, so member order is checked with this small parser).
// ---------------------------------------------------------------------------

enum Node {
    Leaf,
    Array,
    Object(Vec<(String, Node)>),
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            bytes: text.as_bytes(),
            text,
            pos: 0,
        }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Result<u8, String> {
        self.skip_ws();
        self.bytes
            .get(self.pos)
            .copied()
            .ok_or_else(|| "unexpected end of JSON".to_owned())
    }

    fn expect(&mut self, b: u8) -> Result<(), String> {
        if self.peek()? == b {
            self.pos += 1;
            Ok(())
        } else {
            Err(format!("expected `{}` at byte {}", b as char, self.pos))
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.skip_ws();
        let start = self.pos;
        self.expect(b'"')?;
        while self.pos < self.bytes.len() {
            match self.bytes[self.pos] {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return serde_json::from_str(&self.text[start..self.pos])
                        .map_err(|e| format!("bad string at byte {start}: {e}"));
                }
                _ => self.pos += 1,
            }
        }
        Err(format!("unterminated string at byte {start}"))
    }

    fn value(&mut self) -> Result<Node, String> {
        match self.peek()? {
            b'{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                if self.peek()? == b'}' {
                    self.pos += 1;
                    return Ok(Node::Object(entries));
                }
                loop {
                    let key = self.string()?;
                    self.expect(b':')?;
                    entries.push((key, self.value()?));
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b'}' => {
                            self.pos += 1;
                            return Ok(Node::Object(entries));
                        }
                        _ => return Err(format!("expected `,` or `}}` at byte {}", self.pos)),
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                if self.peek()? == b']' {
                    self.pos += 1;
                    return Ok(Node::Array);
                }
                loop {
                    self.value()?;
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b']' => {
                            self.pos += 1;
                            return Ok(Node::Array);
                        }
                        _ => return Err(format!("expected `,` or `]` at byte {}", self.pos)),
                    }
                }
            }
            b'"' => self.string().map(|_| Node::Leaf),
            _ => {
                while self.pos < self.bytes.len()
                    && !matches!(self.bytes[self.pos], b',' | b'}' | b']')
                    && !self.bytes[self.pos].is_ascii_whitespace()
                {
                    self.pos += 1;
                }
                Ok(Node::Leaf)
            }
        }
    }
}

impl Node {
    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn keys(&self) -> Vec<String> {
        match self {
            Node::Object(entries) => entries.iter().map(|(k, _)| k.clone()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Member names, in file order, of every shape that has `members`.
fn member_orders(text: &str, which: &str) -> BTreeMap<String, Vec<String>> {
    let root = Reader::new(text)
        .value()
        .unwrap_or_else(|e| panic!("order-preserving read of the {which} model failed: {e}"));
    let shapes = root
        .get("shapes")
        .unwrap_or_else(|| panic!("the {which} model has no `shapes` object"));
    let Node::Object(entries) = shapes else {
        panic!("`shapes` of the {which} model is not an object");
    };
    entries
        .iter()
        .filter_map(|(id, s)| s.get("members").map(|m| (id.clone(), m.keys())))
        .collect()
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn top_level_is_smithy_2_with_shapes_only() {
    let m = load();
    let top = m.ours.as_object().expect("our model must be a JSON object");
    assert_eq!(
        top.get("smithy"),
        Some(&Value::from("2.0")),
        "our model must declare \"smithy\": \"2.0\""
    );
    let keys: BTreeSet<&str> = top.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["smithy", "shapes"]),
        "our model must hold only `smithy` and `shapes` (no metadata)"
    );
}

#[test]
fn shape_set_is_the_get_upload_job_closure_plus_service() {
    let m = load();
    let mut expected = closure(shapes(&m.real, "real"), OPERATION);
    expected.insert(SERVICE.to_owned());
    let actual: BTreeSet<String> = shapes(&m.ours, "our").keys().cloned().collect();
    let missing: Vec<_> = expected.difference(&actual).collect();
    let extra: Vec<_> = actual.difference(&expected).collect();
    assert!(
        missing.is_empty(),
        "shapes of the GetUploadJob closure missing from our model: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "shapes in our model that are not in the GetUploadJob closure: {extra:?}"
    );
}

#[test]
fn shapes_equal_real_ones_without_documentation() {
    let m = load();
    let real = shapes(&m.real, "real");
    for (id, ours) in shapes(&m.ours, "our") {
        if id == SERVICE {
            continue;
        }
        let theirs = real
            .get(id)
            .unwrap_or_else(|| panic!("shape {id} of our model does not exist in the real model"));
        assert_eq!(
            strip_docs(ours),
            strip_docs(theirs),
            "shape {id} differs from the real model (documentation ignored)"
        );
    }
}

#[test]
fn member_order_matches_real() {
    let m = load();
    let ours = member_orders(&m.ours_text, "our");
    let real = member_orders(&m.real_text, "real");
    for (id, order) in &ours {
        let theirs = real.get(id).unwrap_or_else(|| {
            panic!("shape {id} has members in our model but none in the real model")
        });
        assert_eq!(
            order, theirs,
            "member order of shape {id} differs from the real model"
        );
    }
    for id in shapes(&m.ours, "our").keys() {
        assert_eq!(
            ours.contains_key(id),
            real.contains_key(id),
            "shape {id}: presence of `members` differs from the real model"
        );
    }
}

#[test]
fn service_matches_real_except_docs_and_rules() {
    let m = load();
    let ours = shape(shapes(&m.ours, "our"), SERVICE, "our");
    let real = shape(shapes(&m.real, "real"), SERVICE, "real");

    for key in ["type", "version"] {
        assert_eq!(
            ours.get(key),
            real.get(key),
            "service {SERVICE}: `{key}` differs from the real model"
        );
    }

    let keys: BTreeSet<&str> = ours.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        BTreeSet::from(["type", "version", "operations", "traits"]),
        "service {SERVICE}: unexpected top-level keys (resources etc. are not wanted)"
    );

    let operations = ours
        .get("operations")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("service {SERVICE}: `operations` must be an array"));
    assert_eq!(
        operations,
        &vec![serde_json::json!({ "target": OPERATION })],
        "service {SERVICE}: operations must be exactly [GetUploadJob]"
    );
    let real_ops = real
        .get("operations")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("real service {SERVICE}: `operations` must be an array"));
    assert!(
        real_ops.contains(&operations[0]),
        "real service {SERVICE} does not list GetUploadJob"
    );

    let relevant = |traits: Option<&Value>| -> BTreeMap<String, Value> {
        traits
            .and_then(Value::as_object)
            .map(|t| {
                t.iter()
                    .filter(|(k, _)| k.as_str() != DOC && !k.starts_with("smithy.rules#"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        relevant(ours.get("traits")),
        relevant(real.get("traits")),
        "service {SERVICE}: traits other than documentation and smithy.rules#* differ from the real model"
    );
    let our_traits = ours.get("traits").and_then(Value::as_object);
    assert!(
        our_traits.is_some_and(|t| !t.keys().any(|k| k.starts_with("smithy.rules#"))),
        "service {SERVICE}: must not carry smithy.rules#* traits"
    );
}

/// Documented places of our model and of the same shapes in the real model.
fn all_documented_places(m: &Models) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let ours_shapes = shapes(&m.ours, "our");
    let real_shapes = shapes(&m.real, "real");
    let mut ours = BTreeMap::new();
    let mut real = BTreeMap::new();
    for id in ours_shapes.keys() {
        ours.extend(documented_places(id, shape(ours_shapes, id, "our")));
        real.extend(documented_places(id, shape(real_shapes, id, "real")));
    }
    (ours, real)
}

#[test]
fn documentation_is_in_the_same_places_as_real() {
    let m = load();
    let (ours, real) = all_documented_places(&m);
    for place in real.keys() {
        assert!(
            ours.contains_key(place),
            "{place} is documented in the real model but not in ours"
        );
    }
    for place in ours.keys() {
        assert!(
            real.contains_key(place),
            "{place} is documented in our model but not in the real one"
        );
    }
    for (place, doc) in &ours {
        assert!(
            !plain_text(doc).is_empty(),
            "{place}: documentation is empty"
        );
    }
}

#[test]
fn documentation_is_in_our_own_words() {
    let m = load();
    let (ours, real) = all_documented_places(&m);
    for (place, doc) in &ours {
        let Some(real_doc) = real.get(place) else {
            continue;
        };
        assert_ne!(
            doc, real_doc,
            "{place}: documentation is identical to the real model's"
        );
        let ours_plain = plain_text(doc);
        assert_ne!(
            ours_plain,
            plain_text(real_doc),
            "{place}: documentation text is identical to the real model's"
        );
        for sentence in sentences(real_doc) {
            assert!(
                !ours_plain.contains(&sentence),
                "{place}: documentation reuses the real sentence {sentence:?}"
            );
        }
    }
    // No real sentence from any of these shapes may appear anywhere in ours.
    let all_real: BTreeSet<String> = real.values().flat_map(|d| sentences(d)).collect();
    for (place, doc) in &ours {
        let ours_plain = plain_text(doc);
        for sentence in &all_real {
            assert!(
                !ours_plain.contains(sentence.as_str()),
                "{place}: documentation reuses the real sentence {sentence:?}"
            );
        }
    }
}

#[test]
fn sentence_splitter_sanity() {
    let s = sentences(
        "<p>One two three four five. Six <b>seven</b> eight nine ten</p><ul><li><p>a.b c d e f g</p></li></ul>",
    );
    assert_eq!(
        s,
        vec![
            "one two three four five".to_owned(),
            "six seven eight nine ten".to_owned(),
            "a.b c d e f g".to_owned()
        ],
        "sentence splitting of documentation HTML"
    );
}
