//! `codegen diff`: the model-change report, on the real published history of
//! Customer Profiles and on crafted edits of our own model.

use std::path::{Path, PathBuf};

use codegen::diff::{Category, Report, diff};
use codegen::{Generator, OperationSelection};
use serde_json::Value;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn history(date: &str) -> PathBuf {
    workspace().join(format!(
        "../shared/models/customer-profiles/history/customer-profiles-{date}.json"
    ))
}

fn service(path: &Path) -> codegen::ir::Service {
    Generator::new()
        .model(path)
        .selection(OperationSelection::All)
        .resolve()
        .unwrap_or_else(|d| panic!("{} resolves:\n{d}", path.display()))
}

fn report(old: &Path, new: &Path, ops: &[&str]) -> Report {
    let ops: Vec<String> = ops.iter().map(|s| s.to_string()).collect();
    diff(&service(old), &service(new), &ops)
}

#[test]
fn upload_job_operations_appear_in_2025_07_03() {
    let r = report(&history("2025-06-09"), &history("2025-07-03"), &[]);
    let added: Vec<&str> = r
        .changes
        .iter()
        .filter(|c| c.category == Category::Additive && c.detail.starts_with("operation `"))
        .map(|c| c.detail.as_str())
        .collect();
    for op in [
        "CreateUploadJob",
        "GetUploadJob",
        "ListUploadJobs",
        "StartUploadJob",
        "StopUploadJob",
    ] {
        assert!(
            added.contains(&format!("operation `{op}` added").as_str()),
            "{op} missing from {added:?}"
        );
    }
    insta::assert_snapshot!(
        "history_2025_06_09_to_2025_07_03_service",
        r.to_text("2025-06-09", "2025-07-03")
    );
}

#[test]
fn get_upload_job_alone_is_added_in_2025_07_03() {
    let r = report(
        &history("2025-06-09"),
        &history("2025-07-03"),
        &["GetUploadJob"],
    );
    assert_eq!(r.count(Category::Breaking), 0);
    assert!(
        r.changes
            .iter()
            .any(|c| c.detail == "operation `GetUploadJob` added"),
        "{r:?}"
    );
    assert_eq!(r.semver(), "minor");
    insta::assert_snapshot!(
        "history_2025_06_09_to_2025_07_03_get_upload_job",
        r.to_text("2025-06-09", "2025-07-03")
    );
}

#[test]
fn get_upload_job_closure_is_untouched_from_2025_07_03_to_2025_07_31() {
    let r = report(
        &history("2025-07-03"),
        &history("2025-07-31"),
        &["GetUploadJob"],
    );
    assert!(r.changes.is_empty(), "{}", r.to_text("old", "new"));
    assert_eq!(r.semver(), "none");
    insta::assert_snapshot!(
        "history_2025_07_03_to_2025_07_31_get_upload_job",
        r.to_text("2025-07-03", "2025-07-31")
    );
    let whole = report(&history("2025-07-03"), &history("2025-07-31"), &[]);
    assert!(!whole.changes.is_empty(), "the profile shapes changed");
    assert!(
        whole
            .changes
            .iter()
            .all(|c| !c.subject.contains("get_upload_job")),
        "{:?}",
        whole.changes
    );
    insta::assert_snapshot!(
        "history_2025_07_03_to_2025_07_31_service",
        whole.to_text("2025-07-03", "2025-07-31")
    );
    let json =
        serde_json::to_string_pretty(&whole.to_json("2025-07-03", "2025-07-31")).expect("json");
    insta::assert_snapshot!("history_2025_07_03_to_2025_07_31_service_json", json);
}

/// Our model with one edit applied to its JSON, written to a temp file.
fn edited(edit: impl FnOnce(&mut Value)) -> (tempfile::TempDir, PathBuf) {
    let text =
        std::fs::read_to_string(workspace().join("model/customer-profiles.json")).expect("model");
    let mut model: Value = serde_json::from_str(&text).expect("json");
    edit(&mut model["shapes"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("edited.json");
    std::fs::write(&path, serde_json::to_string_pretty(&model).expect("json")).expect("write");
    (dir, path)
}

fn ours() -> PathBuf {
    workspace().join("model/customer-profiles.json")
}

const NS: &str = "com.amazonaws.customerprofiles#";

#[test]
fn crafted_edits_are_classified() {
    // A new enum value: additive.
    let (_d, p) = edited(|s| {
        s[format!("{NS}UploadJobStatus")]["members"]["PAUSED"] = serde_json::json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "PAUSED"}});
    });
    let r = report(&ours(), &p, &[]);
    insta::assert_snapshot!("edit_add_enum_value", r.to_text("ours", "edited"));
    assert_eq!(r.semver(), "minor");

    // A removed member: breaking.
    let (_d, p) = edited(|s| {
        s[format!("{NS}ResultsSummary")]["members"]
            .as_object_mut()
            .expect("members")
            .remove("FailedRecords");
    });
    let r = report(&ours(), &p, &[]);
    insta::assert_snapshot!("edit_remove_member", r.to_text("ours", "edited"));
    assert_eq!(r.semver(), "major");

    // A member becoming required: breaking (its type changes from Option<i64> to i64,
    // and the builder becomes fallible).
    let (_d, p) = edited(|s| {
        s[format!("{NS}ResultsSummary")]["members"]["CreatedRecords"]["traits"]["smithy.api#required"] =
            serde_json::json!({});
    });
    let r = report(&ours(), &p, &[]);
    insta::assert_snapshot!("edit_member_required", r.to_text("ours", "edited"));
    assert_eq!(r.count(Category::Breaking), 3);

    // A changed jsonName: breaking on the wire.
    let (_d, p) = edited(|s| {
        s[format!("{NS}GetUploadJobResponse")]["members"]["DisplayName"]["traits"]["smithy.api#jsonName"] =
            serde_json::json!("displayName");
    });
    let r = report(&ours(), &p, &[]);
    insta::assert_snapshot!("edit_json_name", r.to_text("ours", "edited"));
    assert_eq!(r.semver(), "major");

    // A changed label (URI and member renamed together): breaking.
    let (_d, p) = edited(|s| {
        let op = &mut s[format!("{NS}GetUploadJob")]["traits"]["smithy.api#http"]["uri"];
        *op = serde_json::json!("/domains/{DomainName}/jobs/{JobId}");
    });
    let r = report(&ours(), &p, &[]);
    insta::assert_snapshot!("edit_label", r.to_text("ours", "edited"));
    assert_eq!(r.semver(), "major");

    // The JobId label becomes a query parameter: the member's binding and the
    // URI both change, both breaking.
    let (_d, p) = edited(|s| {
        s[format!("{NS}GetUploadJob")]["traits"]["smithy.api#http"]["uri"] =
            serde_json::json!("/domains/{DomainName}/upload-jobs");
        let traits = &mut s[format!("{NS}GetUploadJobRequest")]["members"]["JobId"]["traits"];
        let traits = traits.as_object_mut().expect("traits");
        traits.remove("smithy.api#httpLabel");
        traits.insert("smithy.api#httpQuery".into(), serde_json::json!("jobId"));
    });
    let r = report(&ours(), &p, &[]);
    let details: Vec<String> = r
        .changes
        .iter()
        .map(|c| format!("{:?} {}: {}", c.category, c.subject, c.detail))
        .collect();
    assert_eq!(
        details,
        [
            "Breaking operation::get_upload_job: HTTP binding changed from `GET /domains/{DomainName}/upload-jobs/{JobId}` (200) to `GET /domains/{DomainName}/upload-jobs` (200)",
            "Breaking operation::get_upload_job::GetUploadJobInput.job_id: HTTP binding changed from a URI label to query parameter `jobId`",
        ],
        "{}",
        r.to_text("ours", "edited")
    );

    // Constraints: on inputs a tighter @length is breaking and a changed
    // @pattern is for review; on outputs, which are not validated, a changed
    // @range is documentation.
    let (_d, p) = edited(|s| {
        s[format!("{NS}name")]["traits"]["smithy.api#length"] =
            serde_json::json!({"min": 1, "max": 32});
        s[format!("{NS}uuid")]["traits"]["smithy.api#pattern"] =
            serde_json::json!("^[a-f0-9]{36}$");
        s[format!("{NS}expirationDaysInteger")]["traits"]["smithy.api#range"] =
            serde_json::json!({"min": 1, "max": 2000});
    });
    let r = report(&ours(), &p, &["GetUploadJob"]);
    insta::assert_snapshot!("edit_constraints", r.to_text("ours", "edited"));
    assert_eq!(r.count(Category::Breaking), 1);
    // A looser @length on an input is additive.
    let (_d, p) = edited(|s| {
        s[format!("{NS}name")]["traits"]["smithy.api#length"] =
            serde_json::json!({"min": 1, "max": 100});
    });
    let r = report(&ours(), &p, &["GetUploadJob"]);
    let details: Vec<(Category, &str)> = r
        .changes
        .iter()
        .map(|c| (c.category, c.detail.as_str()))
        .collect();
    assert_eq!(
        details,
        [(
            Category::Additive,
            "`@length` changed from 1..=64 to 1..=100 (looser)"
        )]
    );

    // Documentation only: patch.
    let (_d, p) = edited(|s| {
        s[format!("{NS}ResultsSummary")]["traits"]["smithy.api#documentation"] =
            serde_json::json!("<p>Counts.</p>");
    });
    let r = report(&ours(), &p, &[]);
    assert_eq!(r.semver(), "patch", "{}", r.to_text("ours", "edited"));
}

#[test]
fn a_builder_that_stops_failing_is_breaking_2025_05_20_to_2025_06_09() {
    // `Range.Value` and `Range.Unit` went from @required to having defaults, so
    // `RangeBuilder::build()` went from `Result<Range, BuildError>` to `Range`.
    let r = report(&history("2025-05-20"), &history("2025-06-09"), &[]);
    let breaking: Vec<(&str, &str)> = r
        .changes
        .iter()
        .filter(|c| c.category == Category::Breaking)
        .map(|c| (c.subject.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(
        breaking,
        [(
            "types::Range",
            "the builder's `build()` no longer returns a `Result` (no member is required without a default any more); code using `?` or `unwrap()` on it stops compiling"
        )]
    );
    assert_eq!(r.semver(), "major");
}
