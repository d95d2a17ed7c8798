//! The `codegen` binary end to end: exit codes, messages, write-if-changed,
//! `--check`, and that a failing model writes nothing.
//!
//! Every test writes a small inline model (a restJson1 service with one GET
//! operation) into a temporary directory and generates into it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};
use tempfile::TempDir;

/// A tiny restJson1 service with one GET operation.
fn weather_model() -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "example.weather#Weather": {
                "type": "service",
                "version": "2024-01-01",
                "operations": [{ "target": "example.weather#GetCity" }],
                "traits": { "aws.protocols#restJson1": {} }
            },
            "example.weather#GetCity": {
                "type": "operation",
                "input": { "target": "example.weather#GetCityInput" },
                "output": { "target": "example.weather#GetCityOutput" },
                "traits": {
                    "smithy.api#http": { "method": "GET", "uri": "/cities/{cityId}", "code": 200 },
                    "smithy.api#readonly": {}
                }
            },
            "example.weather#GetCityInput": {
                "type": "structure",
                "members": {
                    "cityId": {
                        "target": "smithy.api#String",
                        "traits": { "smithy.api#required": {}, "smithy.api#httpLabel": {} }
                    }
                },
                "traits": { "smithy.api#input": {} }
            },
            "example.weather#GetCityOutput": {
                "type": "structure",
                "members": {
                    "name": { "target": "smithy.api#String" },
                    "coordinates": { "target": "example.weather#Coordinates" }
                },
                "traits": { "smithy.api#output": {} }
            },
            "example.weather#Coordinates": {
                "type": "structure",
                "members": {
                    "latitude": { "target": "smithy.api#Float" },
                    "longitude": { "target": "smithy.api#Float" }
                }
            }
        }
    })
}

/// `shapes.<id>` of a model, for editing it.
fn shape<'a>(model: &'a mut Value, id: &str) -> &'a mut Value {
    &mut model["shapes"][id]
}

struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Self {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `model` to `<tmp>/<name>` and returns its path.
    fn model(&self, name: &str, model: &Value) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, serde_json::to_string_pretty(model).unwrap()).unwrap();
        path
    }

    /// Runs the binary in the temporary directory.
    fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        Run::from(output)
    }

    /// Generates `model` (written to `weather.json`) into `<tmp>/out`, which must succeed.
    fn generate(&self, model: &Value) -> Run {
        self.model("weather.json", model);
        let run = self.run(&["--model", "weather.json", "--out", "out"]);
        run.assert_code(0);
        run
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    fn assert_stderr_has(&self, needle: &str) {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
    }

    fn assert_stdout_has(&self, needle: &str) {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
    }
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Moves a file's mtime far into the past, so any rewrite shows whatever the
/// file system's timestamp resolution.
fn age(path: &Path) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

// ---------------------------------------------------------------------------
// Model problems: exit 1, diagnostics on stderr, nothing written
// ---------------------------------------------------------------------------

#[test]
fn invalid_json_names_file_and_line_column() {
    let fx = Fixture::new();
    let bad = fx.path("bad.json");
    fs::write(&bad, "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}\n").unwrap();
    let run = fx.run(&["--model", bad.to_str().unwrap(), "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has("the model file is not valid JSON");
    run.assert_stderr_has(&format!("{}:3:14", bad.display()));
    run.assert_stderr_has("1 problem found");
    assert!(
        !fx.path("out").exists(),
        "a failing model must not create the output directory"
    );
}

#[test]
fn dangling_member_target_names_shape_and_json_path() {
    let fx = Fixture::new();
    let mut model = weather_model();
    shape(&mut model, "example.weather#GetCityOutput")["members"]["x"] =
        json!({ "target": "example.weather#Nowhere" });
    let path = fx.model("weather.json", &model);
    let run = fx.run(&["--model", "weather.json", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has("shape: example.weather#GetCityOutput");
    run.assert_stderr_has("at: shapes.\"example.weather#GetCityOutput\".members.x.target");
    run.assert_stderr_has("example.weather#Nowhere");
    run.assert_stderr_has(&format!("--> {}", Path::new("weather.json").display()));
    assert!(path.exists());
    assert!(!fx.path("out").exists());
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let fx = Fixture::new();
    let mut model = weather_model();
    *shape(&mut model, "example.weather#Odd") = json!({ "type": "strng" });
    fx.model("weather.json", &model);
    let run = fx.run(&["--model", "weather.json", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has("shape: example.weather#Odd");
    run.assert_stderr_has("unknown variant `strng`");
    assert!(!fx.path("out").exists());
}

#[test]
fn unknown_operation_is_named() {
    let fx = Fixture::new();
    fx.model("weather.json", &weather_model());
    let run = fx.run(&[
        "--model",
        "weather.json",
        "--operation",
        "Nope",
        "--out",
        "out",
    ]);
    run.assert_code(1);
    run.assert_stderr_has(
        "operation `Nope` is not an operation of service `example.weather#Weather`",
    );
    assert!(!fx.path("out").exists());
}

#[test]
fn missing_model_file_is_a_model_problem() {
    let fx = Fixture::new();
    let run = fx.run(&["--model", "absent.json", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has("cannot read the model file");
    run.assert_stderr_has("absent.json");
    assert!(!fx.path("out").exists());
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

#[test]
fn operation_conflicts_with_all_operations() {
    let fx = Fixture::new();
    fx.model("weather.json", &weather_model());
    let run = fx.run(&[
        "--model",
        "weather.json",
        "--operation",
        "GetCity",
        "--all-operations",
        "--out",
        "out",
    ]);
    run.assert_code(2);
    run.assert_stderr_has("cannot be used with");
    assert!(!fx.path("out").exists());
}

#[test]
fn io_error_exits_2_and_names_the_path() {
    let fx = Fixture::new();
    fx.model("weather.json", &weather_model());
    fs::write(
        fx.path("out"),
        "a file where the output directory should be",
    )
    .unwrap();
    let run = fx.run(&["--model", "weather.json", "--out", "out"]);
    run.assert_code(2);
    run.assert_stderr_has("error: cannot ");
    run.assert_stderr_has("out");
}

#[test]
fn default_model_is_the_workspace_model_whatever_the_current_dir() {
    // Runs in a temporary directory with no --model: the embedded default
    // (`<workspace>/model/customer-profiles.json`) must still be found. `--check`
    // against an empty directory writes nothing and lists the files as missing.
    let fx = Fixture::new();
    let run = fx.run(&["--check", "--out", "empty"]);
    run.assert_code(1);
    run.assert_stdout_has("missing: Cargo.toml");
    run.assert_stdout_has("missing: src/lib.rs");
    assert!(!fx.path("empty").exists());
}

// ---------------------------------------------------------------------------
// Writing: summary, write-if-changed, orphans
// ---------------------------------------------------------------------------

#[test]
fn second_run_writes_nothing_and_keeps_mtimes() {
    let fx = Fixture::new();
    let out = fx.path("out");
    let first = fx.generate(&weather_model());
    let files = files_under(&out);
    assert!(files.contains(&PathBuf::from("Cargo.toml")), "{files:?}");
    assert!(
        files.contains(&Path::new("src").join("lib.rs")),
        "{files:?}"
    );
    first.assert_stdout_has(&format!(
        "wrote {} files, 0 unchanged, 0 removed in out",
        files.len()
    ));

    for f in &files {
        age(&out.join(f));
    }
    let before: Vec<SystemTime> = files.iter().map(|f| mtime(&out.join(f))).collect();

    let second = fx.generate(&weather_model());
    second.assert_stdout_has(&format!(
        "wrote 0 files, {} unchanged, 0 removed in out",
        files.len()
    ));
    let after: Vec<SystemTime> = files.iter().map(|f| mtime(&out.join(f))).collect();
    assert_eq!(before, after, "an unchanged file was rewritten");
    assert_eq!(
        files_under(&out),
        files,
        "no temporary or extra file may be left behind"
    );
}

#[test]
fn quiet_prints_nothing_on_success() {
    let fx = Fixture::new();
    fx.model("weather.json", &weather_model());
    let run = fx.run(&["--model", "weather.json", "--out", "out", "--quiet"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "");
}

#[test]
fn a_shape_removed_from_the_model_leaves_no_orphan() {
    let fx = Fixture::new();
    fx.generate(&weather_model());

    let mut smaller = weather_model();
    shape(&mut smaller, "example.weather#GetCityOutput")["members"]
        .as_object_mut()
        .unwrap()
        .remove("coordinates");
    smaller["shapes"]
        .as_object_mut()
        .unwrap()
        .remove("example.weather#Coordinates");
    let run = fx.generate(&smaller);
    assert!(!run.stdout.contains(" 0 removed"), "{}", run.stdout);

    let check = fx.run(&["--model", "weather.json", "--out", "out", "--check"]);
    check.assert_code(0);
    check.assert_stdout_has("up to date");
}

// ---------------------------------------------------------------------------
// --check
// ---------------------------------------------------------------------------

#[test]
fn check_reports_changed_and_extra_files_and_writes_nothing() {
    let fx = Fixture::new();
    let out = fx.path("out");
    fx.generate(&weather_model());
    let check = || fx.run(&["--model", "weather.json", "--out", "out", "--check"]);

    let run = check();
    run.assert_code(0);
    assert_eq!(run.stdout, "up to date\n");

    // An edited generated file.
    let lib = out.join("src").join("lib.rs");
    let original = fs::read_to_string(&lib).unwrap();
    fs::write(&lib, format!("{original}// edited by hand\n")).unwrap();
    let run = check();
    run.assert_code(1);
    assert_eq!(run.stdout, "changed: src/lib.rs\n");
    run.assert_stderr_has(
        "is out of date (1 file); run `cargo run -p codegen -- --model weather.json --out out` to regenerate",
    );
    assert!(
        fs::read_to_string(&lib)
            .unwrap()
            .ends_with("// edited by hand\n"),
        "--check must not write"
    );

    // An orphan module as well.
    fs::write(&lib, &original).unwrap();
    let orphan = out.join("src").join("types").join("orphan.rs");
    fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    fs::write(
        &orphan,
        "// Code generated by codegen from a Smithy model. DO NOT EDIT.\npub struct Orphan;\n",
    )
    .unwrap();
    // A hand-written module is not the generator's to report or remove.
    fs::write(out.join("src").join("mine.rs"), "pub struct Mine;\n").unwrap();
    let run = check();
    run.assert_code(1);
    assert_eq!(run.stdout, "extra: src/types/orphan.rs\n");
    assert!(orphan.exists(), "--check must not delete");

    // A missing file.
    fs::remove_file(&lib).unwrap();
    let run = check();
    run.assert_code(1);
    assert_eq!(
        run.stdout,
        "missing: src/lib.rs\nextra: src/types/orphan.rs\n"
    );
    run.assert_stderr_has("(2 files)");

    // Regenerating fixes everything and removes the orphan.
    let run = fx.generate(&weather_model());
    run.assert_stdout_has("wrote 1 file, ");
    run.assert_stdout_has(", 1 removed in out");
    assert!(!orphan.exists());
    check().assert_code(0);
}

// ---------------------------------------------------------------------------
// Names that are Rust keywords
// ---------------------------------------------------------------------------

#[test]
fn keyword_member_and_enum_names_generate() {
    let fx = Fixture::new();
    let mut model = weather_model();
    let members = shape(&mut model, "example.weather#GetCityOutput")["members"]
        .as_object_mut()
        .unwrap();
    members.insert("type".into(), json!({ "target": "smithy.api#String" }));
    members.insert("self".into(), json!({ "target": "smithy.api#String" }));
    members.insert("kind".into(), json!({ "target": "example.weather#Kind" }));
    *shape(&mut model, "example.weather#Kind") = json!({
        "type": "enum",
        "members": {
            "SELF": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "SELF" } },
            "OTHER": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "OTHER" } }
        }
    });
    fx.generate(&model);

    let out = fx.path("out");
    let code: String = files_under(&out)
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| fs::read_to_string(out.join(f)).unwrap())
        .collect();
    for ident in ["r#type", "self_", "SelfValue"] {
        assert!(code.contains(ident), "generated code lacks `{ident}`");
    }
}

/// `codegen diff OLD NEW` on a model and an edit of it.
fn diff_fixture(edit: impl FnOnce(&mut Value)) -> Fixture {
    let f = Fixture::new();
    let old = weather_model();
    let mut new = old.clone();
    edit(&mut new);
    f.model("old.json", &old);
    f.model("new.json", &new);
    f
}

#[test]
fn diff_reports_an_additive_change_as_text_and_passes_deny_breaking() {
    let f = diff_fixture(|m| {
        shape(m, "example.weather#GetCityOutput")["members"]["population"] =
            json!({ "target": "smithy.api#Long" });
    });
    let run = f.run(&["diff", "old.json", "new.json", "--deny", "breaking"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "Changes from old.json to new.json (the whole service):\n\n\
         additive (1):\n  \
         - operation::get_city::GetCityOutput.population: optional member `population` added\n\n\
         Suggested version bump: minor (additive changes only; for a 0.x crate, bump the patch version)\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn diff_deny_breaking_fails_on_a_removed_member_with_json_output() {
    let f = diff_fixture(|m| {
        let members = shape(m, "example.weather#Coordinates")["members"]
            .as_object_mut()
            .unwrap();
        members.remove("longitude");
    });
    let run = f.run(&[
        "diff", "old.json", "new.json", "--format", "json", "--deny", "breaking",
    ]);
    run.assert_code(1);
    let report: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(report["semver"], "major");
    assert_eq!(
        report["counts"],
        json!({ "breaking": 1, "additive": 0, "documentation": 0 })
    );
    assert_eq!(
        report["changes"][0]["subject"],
        "types::Coordinates.longitude"
    );
    assert_eq!(report["changes"][0]["category"], "breaking");
    run.assert_stderr_has("error: denied changes found: 1 breaking");
}

#[test]
fn diff_without_deny_exits_0_even_on_breaking_changes() {
    let f = diff_fixture(|m| {
        shape(m, "example.weather#GetCity")["traits"]["smithy.api#http"]["uri"] =
            json!("/towns/{cityId}");
    });
    let run = f.run(&["diff", "old.json", "new.json"]);
    run.assert_code(0);
    assert!(
        run.stdout
            .contains("breaking (1):\n  - operation::get_city: HTTP binding changed from `GET /cities/{cityId}` (200) to `GET /towns/{cityId}` (200)"),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_of_identical_models_suggests_no_bump() {
    let f = diff_fixture(|_| {});
    let run = f.run(&["diff", "old.json", "new.json", "--deny", "documentation"]);
    run.assert_code(0);
    assert!(run.stdout.contains("no changes"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Suggested version bump: none"),
        "{}",
        run.stdout
    );
}

#[test]
fn diff_bad_model_or_operation_exits_2_with_the_reason() {
    let f = diff_fixture(|_| {});
    fs::write(
        f.path("broken.json"),
        "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n}",
    )
    .unwrap();
    let run = f.run(&["diff", "old.json", "broken.json"]);
    run.assert_code(2);
    run.assert_stderr_has("the new model (broken.json) cannot be compared");
    run.assert_stderr_has("--> broken.json:4:1");
    assert_eq!(run.stdout, "");

    let run = f.run(&["diff", "old.json", "new.json", "--operation", "GetTown"]);
    run.assert_code(2);
    run.assert_stderr_has("operation `GetTown` is in neither old.json nor new.json");

    let run = f.run(&["diff", "old.json"]);
    run.assert_code(2);
    run.assert_stderr_has("<NEW>");
}

#[test]
fn generate_flags_are_not_taken_by_diff() {
    let f = diff_fixture(|_| {});
    let run = f.run(&["--check", "diff", "old.json", "new.json"]);
    run.assert_code(2);
    assert_eq!(run.stdout, "");
}

#[test]
fn bad_crate_names_are_usage_errors_and_write_nothing() {
    let fx = Fixture::new();
    fx.model("weather.json", &weather_model());
    for (name, reason) in [
        ("bad name!", "it contains ' '"),
        ("", "it is empty"),
        ("9lives", "it starts with a digit"),
        ("self", "`self` is reserved in Rust"),
        ("std", "`std` is reserved in Rust"),
        ("Foo_Bar", "it has uppercase letters"),
    ] {
        let run = fx.run(&[
            "--model",
            "weather.json",
            "--out",
            "out",
            "--crate-name",
            name,
        ]);
        run.assert_code(2);
        run.assert_stderr_has(&format!(
            "invalid value '{name}' for '--crate-name <NAME>': {reason}"
        ));
        assert!(!fx.path("out").exists(), "{name}: nothing is written");
    }
}

#[test]
fn crate_version_sets_the_manifest_version_and_is_checked() {
    let fx = Fixture::new();
    fx.model("weather.json", &weather_model());
    fx.run(&[
        "--model",
        "weather.json",
        "--out",
        "out",
        "--crate-version",
        "1.4.0",
    ])
    .assert_code(0);
    let manifest = fs::read_to_string(fx.path("out/Cargo.toml")).unwrap();
    assert!(manifest.contains("\nversion = \"1.4.0\"\n"), "{manifest}");
    let run = fx.run(&[
        "--model",
        "weather.json",
        "--out",
        "out2",
        "--crate-version",
        "1.4",
    ]);
    run.assert_code(1);
    run.assert_stderr_has("`1.4` is not a crate version (expected MAJOR.MINOR.PATCH, like 1.2.3)");
    assert!(!fx.path("out2").exists());
}

#[test]
fn a_title_with_quotes_and_newlines_stays_valid_toml() {
    let fx = Fixture::new();
    let mut model = weather_model();
    shape(&mut model, "example.weather#Weather")["traits"]["smithy.api#title"] =
        json!("Weather \"Now\"\nand later \\ more");
    fx.generate(&model);
    let manifest = fs::read_to_string(fx.path("out/Cargo.toml")).unwrap();
    assert!(
        manifest
            .contains(r#"description = "Weather \"Now\"\nand later \\ more: types and restJson1"#),
        "{manifest}"
    );
}

#[test]
fn empty_binary_and_bom_model_files() {
    let fx = Fixture::new();
    fs::write(fx.path("empty.json"), "  \n").unwrap();
    let run = fx.run(&["--model", "empty.json", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has("error: the model file is empty\n  --> empty.json");

    fs::write(fx.path("utf16.json"), b"\xff\xfe{\x00}\x00").unwrap();
    let run = fx.run(&["--model", "utf16.json", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has("the model file is not UTF-8 text (invalid byte at offset 0)");

    // A byte-order mark is accepted.
    let text = serde_json::to_string(&weather_model()).unwrap();
    fs::write(fx.path("bom.json"), format!("\u{feff}{text}")).unwrap();
    fx.run(&["--model", "bom.json", "--out", "out"])
        .assert_code(0);
    assert!(fx.path("out/src/lib.rs").exists());
}

#[test]
fn event_stream_operations_are_left_out_with_a_note_or_refused_by_name() {
    let fx = Fixture::new();
    let mut model = weather_model();
    model["shapes"]["example.weather#Weather"]["operations"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "target": "example.weather#WatchCity" }));
    model["shapes"]["example.weather#WatchCity"] = json!({
        "type": "operation",
        "output": { "target": "example.weather#WatchCityOutput" },
        "traits": { "smithy.api#http": { "method": "GET", "uri": "/watch", "code": 200 } }
    });
    model["shapes"]["example.weather#WatchCityOutput"] = json!({
        "type": "structure",
        "members": { "events": { "target": "example.weather#Events", "traits": { "smithy.api#httpPayload": {} } } }
    });
    model["shapes"]["example.weather#Events"] = json!({
        "type": "union",
        "members": { "tick": { "target": "example.weather#Coordinates" } },
        "traits": { "smithy.api#streaming": {} }
    });
    fx.model("weather.json", &model);

    let run = fx.run(&["--model", "weather.json", "--out", "out"]);
    run.assert_code(0);
    run.assert_stderr_has(
        "note: operation `WatchCity` was not generated: it uses an event stream (`example.weather#WatchCityOutput$events`), which is not supported yet",
    );
    assert!(fx.path("out/src/operation/get_city.rs").exists());
    assert!(!fx.path("out/src/operation/watch_city.rs").exists());
    let lib = fs::read_to_string(fx.path("out/src/lib.rs")).unwrap();
    assert!(
        lib.contains("//! # Not generated\n//!\n//! - `WatchCity` uses an event stream"),
        "{lib}"
    );

    let run = fx.run(&[
        "--model",
        "weather.json",
        "--out",
        "out2",
        "--operation",
        "WatchCity",
    ]);
    run.assert_code(1);
    run.assert_stderr_has("error: operation `WatchCity` uses an event stream");
    assert!(!fx.path("out2").exists());
}
