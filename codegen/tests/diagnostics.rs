//! Bad models: each gives clear diagnostics (what, which file, which shape and
//! JSON path), all problems of a phase at once, and never a panic.

use std::path::Path;

use codegen::ast::Model;
use codegen::resolve::{OperationSelection, resolve};

const SERVICE: &str = r#""ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#GetThing"}],
      "traits": {"aws.protocols#restJson1": {}}}"#;

fn run(shapes: &str, selection: OperationSelection) -> String {
    let text = format!("{{\"smithy\": \"2.0\", \"shapes\": {{ {shapes} }} }}");
    let result = Model::load_sources(&[(Path::new("bad.json"), &text)])
        .and_then(|model| resolve(&model, &selection));
    match result {
        Ok(_) => panic!("expected diagnostics for:\n{shapes}"),
        Err(d) => d.to_string(),
    }
}

fn op(input_members: &str, uri: &str) -> String {
    format!(
        r#"{SERVICE},
        "ex#GetThing": {{"type": "operation", "input": {{"target": "ex#GetThingInput"}},
            "traits": {{"smithy.api#http": {{"method": "GET", "uri": "{uri}"}}}}}},
        "ex#GetThingInput": {{"type": "structure", "members": {{ {input_members} }}, "traits": {{"smithy.api#input": {{}}}}}}"#
    )
}

#[test]
fn invalid_json_reports_line_and_column() {
    let err = Model::load_sources(&[(
        Path::new("bad.json"),
        "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n    \"a#B\": {\"type\": \"string\",}\n  }\n}",
    )])
    .expect_err("syntax error");
    insta::assert_snapshot!(err.to_string(), @"
    error: the model file is not valid JSON: trailing comma
      --> bad.json:4:30
    1 problem found
    ");
}

#[test]
fn dangling_targets_are_all_reported_with_paths_and_hints() {
    let shapes = op(
        r#""id": {"target": "ex#Idd", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
           "count": {"target": "smithy.api#integer"}"#,
        "/things/{id}",
    ) + r#", "ex#Id": {"type": "string"}"#;
    insta::assert_snapshot!(run(&shapes, OperationSelection::All), @r#"
    error: target `ex#Idd` is not defined in the model
      --> bad.json
      shape: ex#GetThingInput
      at: shapes."ex#GetThingInput".members.id.target
      help: define the shape, or fix the target id (ids are case-sensitive)

    error: target `smithy.api#integer` is not defined in the model
      --> bad.json
      shape: ex#GetThingInput
      at: shapes."ex#GetThingInput".members.count.target
      help: did you mean `smithy.api#Integer`?
    2 problems found
    "#);
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let shapes = format!(r#"{}, "ex#Weird": {{"type": "strng"}}"#, op("", "/things"));
    let text = run(&shapes, OperationSelection::All);
    assert!(text.contains("shape: ex#Weird"), "{text}");
    assert!(text.contains("at: shapes.\"ex#Weird\""), "{text}");
    assert!(text.contains("unknown variant `strng`"), "{text}");
    assert!(text.contains("help: `type` must be one of"), "{text}");
}

#[test]
fn unknown_operation_suggests_close_names() {
    let text = run(
        &op("", "/things"),
        OperationSelection::Named(vec!["getthing".into(), "Nope".into()]),
    );
    insta::assert_snapshot!(text, @"
    error: operation `getthing` is not an operation of service `ex#Svc`
      --> bad.json
      shape: ex#Svc
      help: did you mean GetThing?

    error: operation `Nope` is not an operation of service `ex#Svc`
      --> bad.json
      shape: ex#Svc
      help: the service has 1 operation; run with --all-operations or pick one of: GetThing
    2 problems found
    ");
}

#[test]
fn label_without_member_and_member_without_label() {
    let shapes = op(
        r#""id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}"#,
        "/things/{name}",
    );
    let text = run(&shapes, OperationSelection::All);
    assert!(
        text.contains("the URI label `{name}` has no input member of that name"),
        "{text}"
    );
    assert!(
        text.contains(
            "input member `id` has `@httpLabel` but the URI `/things/{name}` has no `{id}`"
        ),
        "{text}"
    );
    assert!(text.contains("2 problems found"), "{text}");
}

#[test]
fn unsupported_protocol_is_explained() {
    let shapes = r#""ex#Svc": {"type": "service", "traits": {"aws.protocols#awsJson1_1": {}}}"#;
    let text = run(shapes, OperationSelection::All);
    assert!(
        text.contains("the service's protocol (aws.protocols#awsJson1_1) is not supported yet"),
        "{text}"
    );
    assert!(
        text.contains("help: this generator supports `aws.protocols#restJson1`"),
        "{text}"
    );
}

#[test]
fn mixin_cycle_and_missing_apply_target() {
    let shapes = format!(
        r#"{}, "ex#A": {{"type": "structure", "members": {{}}, "mixins": [{{"target": "ex#B"}}], "traits": {{"smithy.api#mixin": {{}}}}}},
        "ex#B": {{"type": "structure", "members": {{}}, "mixins": [{{"target": "ex#A"}}], "traits": {{"smithy.api#mixin": {{}}}}}},
        "ex#Gone$x": {{"type": "apply", "traits": {{"smithy.api#documentation": "hi"}}}}"#,
        op("", "/things")
    );
    let text = run(&shapes, OperationSelection::All);
    assert!(text.contains("mixin cycle"), "{text}");
    assert!(
        text.contains("`apply` targets `ex#Gone$x`, which is not defined"),
        "{text}"
    );
}

#[test]
fn colliding_enum_variants_are_an_error_not_a_silent_merge() {
    let shapes = format!(
        r#"{}, "ex#Color": {{"type": "enum", "members": {{
            "LIGHT_BLUE": {{"target": "smithy.api#Unit", "traits": {{"smithy.api#enumValue": "a"}}}},
            "LightBlue": {{"target": "smithy.api#Unit", "traits": {{"smithy.api#enumValue": "b"}}}}}}}},
        "ex#Out": {{"type": "structure", "members": {{"c": {{"target": "ex#Color"}}}}}}"#,
        op(r#""o": {"target": "ex#Out"}"#, "/things")
    );
    let text = run(&shapes, OperationSelection::All);
    assert!(
        text.contains(
            "enum members `LIGHT_BLUE` and `LightBlue` both become the Rust variant `LightBlue`"
        ),
        "{text}"
    );
}

#[test]
fn member_names_that_clash_in_rust_are_reported() {
    let shapes = op(
        r#""Foo": {"target": "smithy.api#String"}, "SetFoo": {"target": "smithy.api#String"}"#,
        "/things",
    ) + r#", "ex#Pick": {"type": "union", "members": {"FooBar": {"target": "smithy.api#String"}, "Foo_Bar": {"target": "smithy.api#String"}}},
        "ex#Other": {"type": "operation", "input": {"target": "ex#OtherInput"}, "traits": {"smithy.api#http": {"method": "POST", "uri": "/other"}}},
        "ex#OtherInput": {"type": "structure", "members": {"pick": {"target": "ex#Pick"}}}"#;
    let shapes = shapes.replace(
        r#""operations": [{"target": "ex#GetThing"}]"#,
        r#""operations": [{"target": "ex#GetThing"}, {"target": "ex#Other"}]"#,
    );
    insta::assert_snapshot!(run(&shapes, OperationSelection::All), @r#"
    error: members `Foo` and `SetFoo` of `ex#GetThingInput` both give the Rust name `set_foo`
      --> bad.json
      shape: ex#GetThingInput
      at: shapes."ex#GetThingInput".members.SetFoo
      help: rename one of the members in the model (their Rust names are derived by snake_case / UpperCamelCase conversion)

    error: members `FooBar` and `Foo_Bar` of `ex#Pick` both give the Rust name `FooBar`
      --> bad.json
      shape: ex#Pick
      at: shapes."ex#Pick".members.Foo_Bar
      help: rename one of the members in the model (their Rust names are derived by snake_case / UpperCamelCase conversion)
    2 problems found
    "#);
}

#[test]
fn an_error_named_like_a_generated_variant_is_reported() {
    let shapes = op("", "/things").replace(
        r#""input": {"target": "ex#GetThingInput"},"#,
        r#""input": {"target": "ex#GetThingInput"}, "errors": [{"target": "ex#InvalidResponse"}],"#,
    ) + r#", "ex#InvalidResponse": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server"}}"#;
    let text = run(&shapes, OperationSelection::All);
    assert!(
        text.contains("an error named `InvalidResponse` clashes with the generated variant of the same name in `GetThingError`"),
        "{text}"
    );
    assert!(text.contains("at: shapes.\"ex#InvalidResponse\""), "{text}");
}

#[test]
fn invalid_defaults_are_reported_with_their_trait_path() {
    let shapes = op("", "/things")
        + r#", "ex#Out": {"type": "structure", "members": {
            "small": {"target": "smithy.api#Byte", "traits": {"smithy.api#default": 300}},
            "count": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": "abc"}},
            "data": {"target": "smithy.api#Blob", "traits": {"smithy.api#default": "not base64!"}},
            "tags": {"target": "ex#Tags", "traits": {"smithy.api#default": ["a"]}},
            "mode": {"target": "ex#Mode", "traits": {"smithy.api#default": "FAST"}},
            "fine": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#default": 5}}
        }},
        "ex#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
        "ex#Mode": {"type": "enum", "members": {"SLOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "slow"}}}},
        "ex#Get2": {"type": "operation", "output": {"target": "ex#Out"}, "traits": {"smithy.api#http": {"method": "GET", "uri": "/two"}}}"#;
    let shapes = shapes.replace(
        r#""operations": [{"target": "ex#GetThing"}]"#,
        r#""operations": [{"target": "ex#GetThing"}, {"target": "ex#Get2"}]"#,
    );
    let text = run(&shapes, OperationSelection::All);
    for expected in [
        "invalid @default 300 for member `small`: 300 is out of range for byte (-128 to 127)",
        "at: shapes.\"ex#Out\".members.small.traits.\"smithy.api#default\"",
        "invalid @default \"abc\" for member `count`: integer defaults must be integer numbers",
        "invalid @default \"not base64!\" for member `data`: a blob default must be base64 text",
        "invalid @default [\"a\"] for member `tags`: a list default can only be the empty list []",
        "invalid @default \"FAST\" for member `mode`: `FAST` is not a value of the enum `ex#Mode`",
        "5 problems found",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains("`fine`"), "{text}");
}

#[test]
fn absurd_nesting_is_a_diagnostic_not_a_stack_overflow() {
    // 3,000 lists, each the member of the next, and a 3,000-long mixin chain.
    let mut shapes = op(r#""deep": {"target": "ex#L0"}"#, "/things");
    for i in 0..3000 {
        shapes.push_str(&format!(
            r#", "ex#L{i}": {{"type": "list", "member": {{"target": "ex#L{}"}}}}"#,
            i + 1
        ));
        shapes.push_str(&format!(
            r#", "ex#M{i}": {{"type": "structure", "members": {{}}, "mixins": [{{"target": "ex#M{}"}}], "traits": {{"smithy.api#mixin": {{}}}}}}"#,
            i + 1
        ));
    }
    shapes.push_str(r#", "ex#L3000": {"type": "string"}"#);
    shapes.push_str(
        r#", "ex#M3000": {"type": "structure", "members": {}, "traits": {"smithy.api#mixin": {}}}"#,
    );
    let handle = std::thread::Builder::new()
        // The test thread's stack, not a bigger one: the limit must hold there.
        .stack_size(2 * 1024 * 1024)
        .spawn(move || run(&shapes, OperationSelection::All))
        .expect("spawn");
    let text = handle.join().expect("no stack overflow or panic");
    assert!(text.contains("mixins nest more than 128 deep"), "{text}");
    assert!(text.contains("(from `ex#M0`)"), "{text}");
    assert!(text.contains("at: shapes.\"ex#M128\".mixins"), "{text}");
}

#[test]
fn deeply_nested_lists_are_reported() {
    let mut shapes = op(r#""deep": {"target": "ex#L0"}"#, "/things");
    for i in 0..3000 {
        shapes.push_str(&format!(
            r#", "ex#L{i}": {{"type": "list", "member": {{"target": "ex#L{}"}}}}"#,
            i + 1
        ));
    }
    shapes.push_str(r#", "ex#L3000": {"type": "string"}"#);
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || run(&shapes, OperationSelection::All))
        .expect("spawn");
    let text = handle.join().expect("no stack overflow or panic");
    assert!(
        text.contains("lists and maps nest more than 128 deep here"),
        "{text}"
    );
    assert!(text.contains("1 problem found"), "{text}");
}

#[test]
fn model_rules_smithy_states_are_checked() {
    let shapes = op(
        r#""id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}}},
           "a": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "same"}},
           "b": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "same"}},
           "size": {"target": "smithy.api#Integer", "traits": {"smithy.api#range": {"min": 10, "max": 1}}},
           "mode": {"target": "ex#Mode"}"#,
        "/things/{id}/{id}",
    ) + r#", "ex#Mode": {"type": "enum", "members": {
            "FAST": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "fast"}},
            "QUICK": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "fast"}}}}"#;
    let text = run(&shapes, OperationSelection::All);
    for expected in [
        "the URI `/things/{id}/{id}` has the label `{id}` more than once",
        "input member `id` is bound to the URI label `{id}` but is not `@required`",
        "members `a` and `b` of `ex#GetThingInput` are both sent as the JSON key \"same\"",
        "at: shapes.\"ex#GetThingInput\".members.b",
        "`@range` has min 10 above max 1: no value can satisfy it",
        "enum members `FAST` and `QUICK` have the same value \"fast\"",
        "at: shapes.\"ex#Mode\".members.QUICK",
        "5 problems found",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn a_bad_member_definition_is_located_at_the_member() {
    let shapes = format!(
        r#"{}, "ex#S": {{"type": "structure", "members": {{"ok": {{"target": "smithy.api#String"}}, "bad": {{"traget": "smithy.api#String"}}}}}},
        "ex#L": {{"type": "list", "member": {{"target": 5}}}}"#,
        op("", "/things")
    );
    let text = run(&shapes, OperationSelection::All);
    for expected in [
        "invalid shape definition: unknown field `traget`, expected `target` or `traits`",
        "at: shapes.\"ex#S\".members.bad\n",
        // serde_json says `integer `5`` or `number`, depending on its features.
        "expected a string\n  --> bad.json\n  shape: ex#L",
        "at: shapes.\"ex#L\".member\n",
        "2 problems found",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn http_bindings_that_cannot_work_are_reported() {
    let shapes = op(
        r#""a": {"target": "smithy.api#String", "traits": {"smithy.api#httpPayload": {}}},
           "b": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}},
           "c": {"target": "smithy.api#String"},
           "s": {"target": "ex#Thing", "traits": {"smithy.api#httpHeader": "X-S"}},
           "h1": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "X-A"}},
           "h2": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "x-a"}},
           "q1": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "k"}},
           "q2": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "k"}},
           "p": {"target": "smithy.api#String", "traits": {"smithy.api#httpPrefixHeaders": "X-P-"}}"#,
        "/things",
    ) + r#", "ex#Thing": {"type": "structure", "members": {}}"#;
    let text = run(&shapes, OperationSelection::All);
    for expected in [
        "member `s`: `@httpHeader` needs a string, number, boolean, timestamp or enum member, or a list of them",
        "members `h1` and `h2` are both bound to the header `x-a` (header names ignore case)",
        "members `q1` and `q2` are both bound to the query parameter `k`",
        "member `p`: `@httpPrefixHeaders` needs a map of strings",
        "members `a` and `b` both have `@httpPayload`; a message has one payload",
        "member `c` would go in the body, but `a` is the `@httpPayload`",
        "at: shapes.\"ex#GetThingInput\".members.h2",
        "6 problems found",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn a_response_code_member_must_be_an_integer() {
    let shapes = format!(
        r#"{}, "ex#Out": {{"type": "structure", "members": {{"code": {{"target": "smithy.api#String", "traits": {{"smithy.api#httpResponseCode": {{}}}}}}}}}}"#,
        op("", "/things").replace(
            r#""input": {"target": "ex#GetThingInput"},"#,
            r#""input": {"target": "ex#GetThingInput"}, "output": {"target": "ex#Out"},"#
        )
    );
    let text = run(&shapes, OperationSelection::All);
    assert!(
        text.contains("invalid HTTP binding in `ex#Out`: member `code`: `@httpResponseCode` needs an integer member"),
        "{text}"
    );
    assert!(
        text.contains("at: shapes.\"ex#Out\".members.code"),
        "{text}"
    );
}

#[test]
fn bad_rename_entries_are_reported() {
    let shapes = op("", "/things").replace(
        r#""operations": [{"target": "ex#GetThing"}],"#,
        r#""operations": [{"target": "ex#GetThing"}], "rename": {"ex#Gone": "Here", "ex#GetThingInput": "not valid!"},"#,
    );
    let text = run(&shapes, OperationSelection::All);
    for expected in [
        "`rename` names `ex#Gone`, which is not defined",
        "at: shapes.\"ex#Svc\".rename.\"ex#Gone\"",
        "`rename` gives `ex#GetThingInput` the name \"not valid!\", which is not a Smithy identifier",
        "2 problems found",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn structures_that_require_themselves_are_reported() {
    let shapes = op(
        r#""a": {"target": "ex#A"}, "tree": {"target": "ex#Tree"}"#,
        "/things",
    ) + r#", "ex#A": {"type": "structure", "members": {"b": {"target": "ex#B", "traits": {"smithy.api#required": {}}}}},
        "ex#B": {"type": "structure", "members": {"a": {"target": "ex#A", "traits": {"smithy.api#required": {}}}}},
        "ex#Tree": {"type": "structure", "members": {"left": {"target": "ex#Tree"}, "kids": {"target": "ex#Trees", "traits": {"smithy.api#required": {}}}}},
        "ex#Trees": {"type": "list", "member": {"target": "ex#Tree"}}"#;
    let text = run(&shapes, OperationSelection::All);
    assert!(
        text.contains(
            "`ex#A` can never be built: its member `b` must be set, and leads back to `ex#A`"
        ) || text.contains(
            "`ex#B` can never be built: its member `a` must be set, and leads back to `ex#B`"
        ),
        "{text}"
    );
    // An optional member or a list in between is fine: only the A/B cycle is reported.
    assert!(text.contains("1 problem found"), "{text}");
    assert!(!text.contains("ex#Tree"), "{text}");
}
