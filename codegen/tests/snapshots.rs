//! One insta snapshot per generated file of the GetUploadJob crate (from our
//! own `model/`), so every change to the generated text is reviewed on purpose
//! (`cargo insta review`, or `INSTA_UPDATE=always` then `git diff`).

use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn every_generated_file_matches_its_snapshot() {
    let files = codegen::Generator::new()
        .model(workspace().join("model/customer-profiles.json"))
        .generate()
        .unwrap_or_else(|d| panic!("model/ must generate:\n{d}"));
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    assert!(
        names.contains(&"src/operation/get_upload_job.rs".to_string()),
        "{names:?}"
    );
    insta::with_settings!({
        snapshot_path => "snapshots/customer_profiles",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        for (path, text) in files.iter() {
            let name = path.display().to_string().replace('/', "__");
            insta::assert_snapshot!(name, text);
        }
    });
}
