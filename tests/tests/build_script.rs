//! The build-script front end under cargo itself: the example crate in
//! `tests/build-script-example` is copied (with the model, at the same relative
//! path) into a temporary directory and built three times.
//!
//! - A second build with nothing changed reruns nothing: the build script does
//!   not run, the generated file keeps its modification time, and the crate is
//!   not recompiled.
//! - Touching the model reruns the build script (that is what the helper's
//!   `cargo:rerun-if-changed` line is for), which leaves the identical file
//!   alone.
//! - Editing the model regenerates the file and recompiles the crate.
//!
//! The builds use their own target directory (`target/build-script-check`): the
//! workspace's is locked by the `cargo test` running this test.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use serde_json::Value;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// What one `cargo build` of the example did.
struct Build {
    /// The build script's `OUT_DIR`.
    out_dir: PathBuf,
    /// Whether cargo found the example's library up to date (not recompiled).
    lib_fresh: bool,
}

fn cargo_build(dir: &Path) -> Build {
    let output = Command::new(env!("CARGO"))
        .args(["build", "--message-format=json", "--quiet"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/build-script-check"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo build");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo build failed:\n{}\n{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut out_dir = None;
    let mut lib_fresh = None;
    for line in stdout.lines() {
        let Ok(msg) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let ours = msg["package_id"]
            .as_str()
            .is_some_and(|id| id.contains("build-script-example"));
        if !ours {
            continue;
        }
        match msg["reason"].as_str() {
            Some("build-script-executed") => {
                out_dir = msg["out_dir"].as_str().map(PathBuf::from);
            }
            Some("compiler-artifact") if msg["target"]["kind"][0] == "lib" => {
                lib_fresh = msg["fresh"].as_bool();
            }
            _ => {}
        }
    }
    Build {
        out_dir: out_dir.expect("a build-script-executed message for the example"),
        lib_fresh: lib_fresh.expect("a compiler-artifact message for the example's lib"),
    }
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The example's manifest, standalone: inherited keys spelled out, the
/// generator by absolute path.
fn standalone_manifest() -> String {
    let original = fs::read_to_string(workspace().join("tests/build-script-example/Cargo.toml"))
        .expect("example manifest");
    let deps = original
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("[build-dependencies]").next())
        .expect("a [dependencies] section before [build-dependencies]");
    let codegen = workspace().join("codegen");
    format!(
        "[package]\nname = \"build-script-example\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]{deps}\n\
         [build-dependencies]\ncodegen = {{ path = {:?}, default-features = false }}\n\n[workspace]\n",
        codegen.display().to_string()
    )
}

#[test]
fn build_script_regenerates_only_when_the_model_changes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    let krate = root.join("tests/build-script-example");
    fs::create_dir_all(krate.join("src")).expect("mkdir");
    fs::create_dir_all(root.join("model")).expect("mkdir");
    let model = root.join("model/customer-profiles.json");
    let model_text =
        fs::read_to_string(workspace().join("model/customer-profiles.json")).expect("model");
    fs::write(&model, &model_text).expect("copy model");
    for file in ["build.rs", "src/lib.rs"] {
        fs::copy(
            workspace().join("tests/build-script-example").join(file),
            krate.join(file),
        )
        .expect("copy example");
    }
    fs::write(krate.join("Cargo.toml"), standalone_manifest()).expect("manifest");
    // The workspace's lock file pins the same dependency versions.
    fs::copy(workspace().join("Cargo.lock"), krate.join("Cargo.lock")).expect("lock file");

    let first = cargo_build(&krate);
    assert!(!first.lib_fresh, "the first build compiles the crate");
    let generated = first.out_dir.join("customer_profiles.rs");
    // cargo records each build-script run in `output`, next to `out/`.
    let script_run = first.out_dir.join("../output");
    let text = fs::read_to_string(&generated).expect("generated file");
    assert!(
        text.contains("pub mod get_upload_job"),
        "GetUploadJob is generated"
    );
    assert!(
        text.contains("crate::customer_profiles::rt::"),
        "paths go through the including module"
    );
    let (generated_at, script_ran_at) = (mtime(&generated), mtime(&script_run));

    // 1. Nothing changed: nothing runs, nothing is written or recompiled.
    let second = cargo_build(&krate);
    assert_eq!(second.out_dir, first.out_dir);
    assert!(
        second.lib_fresh,
        "an unchanged model must not recompile the crate"
    );
    assert_eq!(
        mtime(&generated),
        generated_at,
        "the generated file was rewritten"
    );
    assert_eq!(
        mtime(&script_run),
        script_ran_at,
        "the build script ran again"
    );

    // 2. The model is touched (same bytes, newer mtime): the script reruns and
    //    regenerates, and finds nothing to write.
    let later = SystemTime::now() + Duration::from_secs(2);
    fs::File::options()
        .write(true)
        .open(&model)
        .and_then(|f| f.set_modified(later))
        .expect("touch the model");
    cargo_build(&krate);
    assert!(
        mtime(&script_run) > script_ran_at,
        "touching the model must rerun the build script"
    );
    assert_eq!(
        mtime(&generated),
        generated_at,
        "identical output must not be rewritten"
    );
    assert_eq!(fs::read_to_string(&generated).expect("generated"), text);

    // 3. The model changes: the file is regenerated and the crate recompiled.
    let edited = model_text.replace(
        "Looks up one upload job in a domain",
        "Fetches one upload job of a domain",
    );
    assert_ne!(edited, model_text, "the edit applies to the model");
    fs::write(&model, edited).expect("edit the model");
    let fs_time = SystemTime::now() + Duration::from_secs(4);
    fs::File::options()
        .write(true)
        .open(&model)
        .and_then(|f| f.set_modified(fs_time))
        .expect("date the edit");
    let fourth = cargo_build(&krate);
    assert!(!fourth.lib_fresh, "a changed model recompiles the crate");
    let regenerated = fs::read_to_string(&generated).expect("generated");
    assert!(regenerated.contains("Fetches one upload job of a domain"));
    assert!(!regenerated.contains("Looks up one upload job in a domain"));
    assert_ne!(mtime(&generated), generated_at);
}
