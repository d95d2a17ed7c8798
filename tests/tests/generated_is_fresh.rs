//! The committed `generated/` crate is exactly what the generator makes from
//! `model/` today (the same check `cargo run -p codegen -- --check` does in CI).

use codegen::Generator;
use integration_tests::workspace_root;

#[test]
fn committed_generated_crate_equals_fresh_output() {
    let root = workspace_root();
    let files = Generator::new()
        .model(root.join("model/customer-profiles.json"))
        .generate()
        .unwrap_or_else(|d| panic!("model/ must generate:\n{d}"));
    let stale = files
        .check(&root.join("generated"))
        .expect("read generated/");
    let list: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(
        list.is_empty(),
        "generated/ is stale; run `cargo run -p codegen` and commit:\n{}",
        list.join("\n")
    );
}

/// The restJson1 fixture crate, which `fixture_wire.rs` tests, is what the
/// generator makes from its model today, so those tests exercise the current
/// generator and not an old copy of its output.
#[test]
fn committed_fixture_crate_equals_fresh_output() {
    let root = workspace_root();
    let fixture = root.join("tests/fixtures/bindings");
    let files = Generator::new()
        .model(fixture.join("model.json"))
        .crate_name("bindings-fixture")
        .generate()
        .unwrap_or_else(|d| panic!("the fixture model must generate:\n{d}"));
    let stale = files
        .check(&fixture.join("crate"))
        .expect("read the fixture crate");
    let list: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert!(
        list.is_empty(),
        "tests/fixtures/bindings/crate is stale; run `cargo run -p codegen -- --model \
         tests/fixtures/bindings/model.json --out tests/fixtures/bindings/crate \
         --crate-name bindings-fixture` and commit:\n{}",
        list.join("\n")
    );
}
