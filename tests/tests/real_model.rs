//! The generator on the real Customer Profiles model in `../shared/models`.

use std::path::Path;
use std::process::Command;

use codegen::{GeneratedFiles, Generator};
use integration_tests::{real_customer_profiles, workspace_root};

/// The text of a generated file with every documentation line removed
/// (`///`, `//!`), the only place the two models may differ.
fn without_docs(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("///") || t.starts_with("//!"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn generate(model: &Path, operation: Option<&str>) -> GeneratedFiles {
    let mut generator = Generator::new().model(model);
    if let Some(op) = operation {
        generator = generator.operation(op);
    }
    generator
        .generate()
        .unwrap_or_else(|d| panic!("{} must generate:\n{d}", model.display()))
}

#[test]
fn get_upload_job_from_the_real_model_matches_ours_apart_from_docs() {
    let ours = generate(&workspace_root().join("model/customer-profiles.json"), None);
    let real = generate(&real_customer_profiles(), Some("GetUploadJob"));
    let our_paths: Vec<_> = ours.iter().map(|(p, _)| p.clone()).collect();
    let real_paths: Vec<_> = real.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(our_paths, real_paths, "the same files are generated");
    let mut differing_docs = 0;
    for (path, text) in ours.iter() {
        let other = real
            .get(&path.display().to_string())
            .expect("same file set");
        assert_eq!(
            without_docs(text),
            without_docs(other),
            "{} differs in more than documentation",
            path.display()
        );
        if text != other {
            differing_docs += 1;
        }
    }
    // Our model's documentation is our own words, so the doc comments must differ.
    assert!(
        differing_docs > 5,
        "only {differing_docs} files differ in their docs"
    );
}

#[test]
fn every_real_operation_generates_a_crate_that_compiles_and_documents_without_warnings() {
    let files = generate(&real_customer_profiles(), None);
    let ops = files
        .iter()
        .filter(|(p, _)| p.starts_with("src/operation") && !p.ends_with("mod.rs"))
        .count();
    assert!(
        ops >= 80,
        "expected every operation of the service, got {ops}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    files.write(dir.path()).expect("write crate");
    // Share the workspace's target directory so dependencies build once.
    let target = workspace_root().join("target/real-model-check");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("run cargo check");
    assert!(
        output.status.success(),
        "cargo check failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The model's HTML documentation becomes rustdoc that builds without a warning.
    let output = Command::new(env!("CARGO"))
        .args(["doc", "--quiet", "--no-deps"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("run cargo doc");
    assert!(
        output.status.success(),
        "cargo doc failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn generation_is_deterministic() {
    let a = generate(&real_customer_profiles(), None);
    let b = generate(&real_customer_profiles(), None);
    assert_eq!(a, b);
}
