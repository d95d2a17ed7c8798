//! The single-file form used by build scripts compiles when `include!`d inside a
//! module of another crate (every `crate::` path is rebased onto that module).

use std::path::PathBuf;
use std::process::Command;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn single_file_compiles_inside_a_module_without_warnings() {
    let text = codegen::Generator::new()
        .model(workspace().join("model/customer-profiles.json"))
        .generate_single_file(&["api".to_string(), "customer_profiles".to_string()])
        .unwrap_or_else(|d| panic!("model/ must generate:\n{d}"));
    assert!(
        text.contains("crate::api::customer_profiles::rt::json::Path"),
        "paths are rebased"
    );
    assert!(
        !text.contains("#![forbid"),
        "no crate-level attributes in an included file"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let manifest = workspace().join("generated/Cargo.toml");
    let deps = std::fs::read_to_string(&manifest).expect("generated/Cargo.toml");
    let deps = deps
        .split("[dependencies]")
        .nth(1)
        .expect("dependencies section");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        format!("[package]\nname = \"include-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]{deps}\n[workspace]\n"),
    )
    .expect("write manifest");
    std::fs::create_dir(dir.path().join("src")).expect("src");
    std::fs::write(dir.path().join("src/customer_profiles.rs"), &text).expect("write include");
    std::fs::write(
        dir.path().join("src/lib.rs"),
        "//! Includes the generated code.\npub mod api {\n    //! The API.\n    pub mod customer_profiles {\n        //! Customer Profiles.\n        include!(\"customer_profiles.rs\");\n    }\n}\n",
    )
    .expect("write lib");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", workspace().join("target/include-check"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("run cargo check");
    assert!(
        output.status.success(),
        "cargo check failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
