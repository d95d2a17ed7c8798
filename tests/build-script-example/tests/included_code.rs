//! The code `build.rs` generated and `src/lib.rs` included works like the
//! committed crate: requests are built, responses and errors parsed.

use build_script_example::customer_profiles::operation::get_upload_job::{
    self, GetUploadJobError, GetUploadJobInput,
};
use build_script_example::customer_profiles::types::{StatusReason, UploadJobStatus};

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("response")
}

#[test]
fn builds_the_get_upload_job_request() {
    let input = GetUploadJobInput::builder()
        .domain_name("my-domain")
        .job_id("a/b c")
        .build()
        .expect("input");
    let request =
        get_upload_job::build_request(&input, "https://profile.example.com/").expect("request");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "https://profile.example.com/domains/my-domain/upload-jobs/a%2Fb%20c"
    );
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn missing_required_members_are_named() {
    let err = GetUploadJobInput::builder()
        .build()
        .expect_err("nothing set");
    let text = err.to_string();
    assert!(
        text.contains("DomainName") && text.contains("JobId"),
        "{text}"
    );
}

#[test]
fn parses_the_output_and_an_error() {
    let ok = get_upload_job::parse_response(&response(
        200,
        &[("x-amzn-requestid", "req-1")],
        r#"{"JobId":"j1","Status":"PARTIALLY_SUCCEEDED","StatusReason":"SOMETHING_NEW","CreatedAt":1700000000.5,
            "ResultsSummary":{"UpdatedRecords":1,"CreatedRecords":2,"FailedRecords":3}}"#,
    ))
    .expect("output");
    assert_eq!(ok.job_id.as_deref(), Some("j1"));
    assert_eq!(ok.status, Some(UploadJobStatus::PartiallySucceeded));
    assert_eq!(
        ok.status_reason.as_ref().map(StatusReason::as_str),
        Some("SOMETHING_NEW")
    );
    let summary = ok.results_summary.expect("summary");
    assert_eq!(
        (
            summary.updated_records,
            summary.created_records,
            summary.failed_records
        ),
        (Some(1), Some(2), Some(3))
    );
    assert_eq!(
        ok.created_at.map(|t| t.to_string()),
        Some("2023-11-14T22:13:20.500Z".to_string())
    );

    let err = get_upload_job::parse_response(&response(
        404,
        &[("X-Amzn-Errortype", "ResourceNotFoundException")],
        r#"{"Message":"job not found"}"#,
    ))
    .expect_err("404");
    let GetUploadJobError::ResourceNotFoundException(e) = err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.message.as_deref(), Some("job not found"));
}
