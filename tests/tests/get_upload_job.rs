//! Behaviour of the generated GetUploadJob crate: JSON bodies in, typed values
//! out and back; requests built from inputs; responses and errors parsed.

use customer_profiles::RequestId;
use customer_profiles::Timestamp;
use customer_profiles::operation::get_upload_job::{
    self, GetUploadJobError, GetUploadJobInput, GetUploadJobOutput,
};
use customer_profiles::types::{FieldContentType, StatusReason, UploadJobStatus};
use serde_json::json;

const JOB_ID: &str = "0123456789abcdef0123456789abcdef";

fn realistic_body() -> serde_json::Value {
    json!({
        "JobId": JOB_ID,
        "DisplayName": "customers-2024-11.csv",
        "Status": "PARTIALLY_SUCCEEDED",
        "StatusReason": "SOMETHING_NEW",
        "CreatedAt": 1700000000.5,
        "CompletedAt": null,
        "Fields": {
            "email": {"Source": "_source.Email", "Target": "_profile.EmailAddress", "ContentType": "EMAIL_ADDRESS"},
            "first": {"Source": "_source.First", "Target": "_profile.FirstName", "ContentType": "NAME"}
        },
        "UniqueKey": "email",
        "ResultsSummary": {"UpdatedRecords": 12, "CreatedRecords": 30, "FailedRecords": 2},
        "DataExpiry": 14,
        "SomeFutureKey": {"nested": [1, 2, 3]}
    })
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder
        .body(body.as_bytes().to_vec())
        .expect("valid test response")
}

#[test]
fn realistic_body_deserializes_into_typed_output() {
    let out: GetUploadJobOutput = serde_json::from_value(realistic_body()).expect("body parses");
    assert_eq!(out.job_id.as_deref(), Some(JOB_ID));
    assert_eq!(out.display_name.as_deref(), Some("customers-2024-11.csv"));
    assert_eq!(out.status, Some(UploadJobStatus::PartiallySucceeded));
    let reason = out.status_reason.clone().expect("status reason set");
    assert_eq!(reason.as_str(), "SOMETHING_NEW");
    assert!(matches!(reason, StatusReason::Unknown(_)));
    assert_eq!(
        out.created_at,
        Some(Timestamp::from_secs_and_nanos(1_700_000_000, 500_000_000))
    );
    assert_eq!(out.completed_at, None);
    let fields = out.fields.as_ref().expect("fields set");
    assert_eq!(fields.len(), 2);
    let email = &fields["email"];
    assert_eq!(email.source.as_deref(), Some("_source.Email"));
    assert_eq!(email.target.as_deref(), Some("_profile.EmailAddress"));
    assert_eq!(email.content_type, Some(FieldContentType::EmailAddress));
    assert_eq!(fields["first"].content_type, Some(FieldContentType::Name));
    assert_eq!(out.unique_key.as_deref(), Some("email"));
    let summary = out.results_summary.as_ref().expect("summary set");
    assert_eq!(summary.updated_records, Some(12));
    assert_eq!(summary.created_records, Some(30));
    assert_eq!(summary.failed_records, Some(2));
    assert_eq!(out.data_expiry, Some(14));
}

#[test]
fn output_serializes_back_to_the_wire_form() {
    let out: GetUploadJobOutput = serde_json::from_value(realistic_body()).expect("body parses");
    let back = serde_json::to_value(&out).expect("serializes");
    // Unset members and unknown keys are not written; the unknown enum value is kept exactly.
    let expected = json!({
        "JobId": JOB_ID,
        "DisplayName": "customers-2024-11.csv",
        "Status": "PARTIALLY_SUCCEEDED",
        "StatusReason": "SOMETHING_NEW",
        "CreatedAt": 1700000000.5,
        "Fields": {
            "email": {"Source": "_source.Email", "Target": "_profile.EmailAddress", "ContentType": "EMAIL_ADDRESS"},
            "first": {"Source": "_source.First", "Target": "_profile.FirstName", "ContentType": "NAME"}
        },
        "UniqueKey": "email",
        "ResultsSummary": {"UpdatedRecords": 12, "CreatedRecords": 30, "FailedRecords": 2},
        "DataExpiry": 14
    });
    assert_eq!(back, expected);
}

#[test]
fn debug_redacts_the_sensitive_field_map() {
    let out: GetUploadJobOutput = serde_json::from_value(realistic_body()).expect("body parses");
    let debug = format!("{out:?}");
    assert!(
        debug.contains("fields: \"*** Sensitive Data Redacted ***\""),
        "{debug}"
    );
    for secret in [
        "_source.Email",
        "_profile.EmailAddress",
        "EMAIL_ADDRESS",
        "_profile.FirstName",
    ] {
        assert!(!debug.contains(secret), "Debug leaks {secret}: {debug}");
    }
    assert!(debug.contains("customers-2024-11.csv"), "{debug}");
}

#[test]
fn enums_keep_unknown_values_and_list_known_ones() {
    assert_eq!(
        UploadJobStatus::values(),
        &[
            "CREATED",
            "IN_PROGRESS",
            "PARTIALLY_SUCCEEDED",
            "SUCCEEDED",
            "FAILED",
            "STOPPED"
        ]
    );
    assert_eq!(
        UploadJobStatus::from("IN_PROGRESS"),
        UploadJobStatus::InProgress
    );
    let unknown: UploadJobStatus = "PAUSED".parse().expect("infallible");
    assert_eq!(unknown.as_str(), "PAUSED");
    assert_eq!(unknown.to_string(), "PAUSED");
    assert_ne!(unknown, UploadJobStatus::Stopped);
    assert_eq!(
        serde_json::to_value(&unknown).expect("serializes"),
        json!("PAUSED")
    );
    assert_eq!(
        StatusReason::values(),
        &["VALIDATION_FAILURE", "INTERNAL_FAILURE"]
    );
    assert_eq!(FieldContentType::PhoneNumber.as_str(), "PHONE_NUMBER");
}

#[test]
fn builder_reports_every_missing_required_member() {
    let err = GetUploadJobInput::builder()
        .build()
        .expect_err("both members missing");
    assert_eq!(err.missing(), &["DomainName", "JobId"]);
    assert_eq!(
        err.to_string(),
        "cannot build `GetUploadJobInput`: required members not set: DomainName, JobId"
    );
    let input = GetUploadJobInput::builder()
        .domain_name("my-domain")
        .job_id(JOB_ID)
        .build()
        .expect("complete input");
    assert_eq!(input.domain_name.as_deref(), Some("my-domain"));
}

#[test]
fn request_has_encoded_path_and_no_body() {
    let input = GetUploadJobInput::builder()
        .domain_name("my-domain")
        .job_id("a/b c:1+2")
        .build()
        .expect("complete input");
    let request = get_upload_job::build_request(&input, "https://profile.us-east-1.amazonaws.com/")
        .expect("request builds");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "https://profile.us-east-1.amazonaws.com/domains/my-domain/upload-jobs/a%2Fb%20c%3A1%2B2"
    );
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
    assert_eq!(request.headers().len(), 0);
}

#[test]
fn label_encoding_keeps_only_unreserved_characters() {
    let input = GetUploadJobInput::builder()
        .domain_name("d")
        .job_id(" %:/?#[]@!$&'()*+,;=\u{1F600}-._~AZaz09")
        .build()
        .expect("complete input");
    let request = input
        .to_http_request("http://localhost")
        .expect("request builds");
    assert_eq!(
        request.uri().path(),
        "/domains/d/upload-jobs/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%80-._~AZaz09"
    );
}

#[test]
fn unset_or_empty_label_is_an_error_not_a_request() {
    let missing = GetUploadJobInput::default();
    let err = get_upload_job::build_request(&missing, "http://localhost").expect_err("no labels");
    assert_eq!(err.member(), Some("DomainName"));
    let empty = GetUploadJobInput::builder()
        .domain_name("d")
        .job_id("")
        .build()
        .expect("set");
    let err = get_upload_job::build_request(&empty, "http://localhost").expect_err("empty label");
    assert_eq!(err.member(), Some("JobId"));
    assert!(err.to_string().contains("JobId"), "{err}");
}

#[test]
fn validate_reports_every_violation_with_its_path() {
    let input = GetUploadJobInput::builder()
        .domain_name("bad domain!")
        .job_id("NOT-A-UUID")
        .build()
        .expect("set");
    let err = input.validate().expect_err("two pattern violations");
    let paths: Vec<&str> = err.violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["DomainName", "JobId"]);
    assert!(
        err.violations.iter().all(|v| v.constraint == "pattern"),
        "{err}"
    );
    assert!(err.to_string().contains("^[a-f0-9]{32}$"), "{err}");
    let missing = GetUploadJobInput::default()
        .validate()
        .expect_err("required");
    let constraints: Vec<(&str, &str)> = missing
        .violations
        .iter()
        .map(|v| (v.path.as_str(), v.constraint.as_str()))
        .collect();
    assert_eq!(
        constraints,
        [("DomainName", "required"), ("JobId", "required")]
    );
    let long = GetUploadJobInput::builder()
        .domain_name("x".repeat(65))
        .job_id(JOB_ID)
        .build()
        .expect("set");
    let err = long.validate().expect_err("too long");
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].constraint, "length");
    let ok = GetUploadJobInput::builder()
        .domain_name("my-domain")
        .job_id(JOB_ID)
        .build()
        .expect("set");
    assert!(ok.validate().is_ok());
}

#[test]
fn success_response_is_parsed_with_request_id() {
    let body = realistic_body().to_string();
    let out =
        get_upload_job::parse_response(&response(200, &[("x-amzn-RequestId", "req-123")], &body))
            .expect("success");
    assert_eq!(out.request_id(), Some("req-123"));
    assert_eq!(out.status, Some(UploadJobStatus::PartiallySucceeded));
    assert_eq!(out.data_expiry, Some(14));
}

#[test]
fn empty_success_body_is_an_empty_output() {
    let out = get_upload_job::parse_response(&response(200, &[], "")).expect("empty body is {}");
    assert_eq!(out, GetUploadJobOutput::builder().build());
    assert_eq!(out.request_id(), None);
}

#[test]
fn epoch_seconds_accept_integer_exponent_and_fraction() {
    for (text, secs, nanos) in [
        ("1700000000", 1_700_000_000, 0),
        ("1.7E9", 1_700_000_000, 0),
        ("1700000000.123", 1_700_000_000, 123_000_000),
    ] {
        let body = format!("{{\"CreatedAt\": {text}}}");
        let out = get_upload_job::parse_response(&response(200, &[], &body)).expect("parses");
        assert_eq!(
            out.created_at,
            Some(Timestamp::from_secs_and_nanos(secs, nanos)),
            "{text}"
        );
    }
}

#[test]
fn unknown_enum_value_inside_the_field_map_is_kept() {
    let body = r#"{"Fields": {"age": {"Source": "_source.Age", "Target": "_profile.Attributes.Age", "ContentType": "DATE_OF_BIRTH"}}}"#;
    let out = get_upload_job::parse_response(&response(200, &[], body)).expect("parses");
    let field = &out.fields.expect("fields")["age"];
    let content_type = field.content_type.as_ref().expect("content type");
    assert!(matches!(content_type, FieldContentType::Unknown(_)));
    assert_eq!(content_type.as_str(), "DATE_OF_BIRTH");
}

#[test]
fn malformed_success_body_is_an_invalid_response_naming_the_member() {
    let err = get_upload_job::parse_response(&response(
        200,
        &[("x-amzn-requestid", "r1")],
        r#"{"DataExpiry": 3000000000}"#,
    ))
    .expect_err("out of range");
    let GetUploadJobError::InvalidResponse(inner) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(inner.status(), 200);
    assert_eq!(err.request_id(), Some("r1"));
    let text = err.to_string();
    assert!(text.contains("DataExpiry"), "{text}");
    assert!(text.contains("3000000000"), "{text}");
}

#[test]
fn not_found_error_from_header_with_suffix() {
    let err = get_upload_job::parse_response(&response(
        404,
        &[
            (
                "X-Amzn-Errortype",
                "ResourceNotFoundException:http://internal.example/",
            ),
            ("x-amzn-requestid", "req-404"),
        ],
        r#"{"Message":"job not found"}"#,
    ))
    .expect_err("404");
    let GetUploadJobError::ResourceNotFoundException(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.message.as_deref(), Some("job not found"));
    assert_eq!(e.http_status(), 404);
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert_eq!(err.message(), Some("job not found"));
    assert_eq!(err.request_id(), Some("req-404"));
    assert_eq!(err.to_string(), "ResourceNotFoundException: job not found");
    assert_eq!(e.fault(), customer_profiles::error::ErrorFault::Client);
}

#[test]
fn bad_request_from_body_type_with_namespace_and_lowercase_message() {
    let err = get_upload_job::parse_response(&response(
        400,
        &[],
        r#"{"__type":"com.example.v1#BadRequestException","message":"bad"}"#,
    ))
    .expect_err("400");
    let GetUploadJobError::BadRequestException(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.message(), Some("bad"));
    assert_eq!(err.code(), Some("BadRequestException"));
}

#[test]
fn unknown_error_code_is_unhandled_with_code_and_message() {
    let err = get_upload_job::parse_response(&response(
        400,
        &[("x-amz-request-id", "req-x")],
        r#"{"code":"QuotaExceededException","errorMessage":"too many jobs"}"#,
    ))
    .expect_err("400");
    let GetUploadJobError::Unhandled(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.status, 400);
    assert_eq!(e.code.as_deref(), Some("QuotaExceededException"));
    assert_eq!(e.message.as_deref(), Some("too many jobs"));
    assert_eq!(e.request_id.as_deref(), Some("req-x"));
}

#[test]
fn throttling_from_header_with_empty_body() {
    let err = get_upload_job::parse_response(&response(
        429,
        &[("X-Amzn-Errortype", "ThrottlingException")],
        "",
    ))
    .expect_err("429");
    let GetUploadJobError::ThrottlingException(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.message(), None);
    assert_eq!(err.http_status(), Some(429));
}

#[test]
fn html_error_page_is_unhandled_with_status() {
    let err = get_upload_job::parse_response(&response(
        500,
        &[("content-type", "text/html")],
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    ))
    .expect_err("500");
    let GetUploadJobError::Unhandled(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.status, 500);
    assert_eq!(e.code, None);
    assert_eq!(e.message, None);
}

#[test]
fn modeled_errors_carry_status_and_fault() {
    use customer_profiles::error::{
        AccessDeniedException, ErrorFault, InternalServerException, ThrottlingException,
    };
    assert_eq!(AccessDeniedException::HTTP_STATUS, 403);
    assert_eq!(ThrottlingException::HTTP_STATUS, 429);
    let e = InternalServerException::builder().message("boom").build();
    assert_eq!(e.fault(), ErrorFault::Server);
    assert_eq!(e.http_status(), 500);
    assert_eq!(e.to_string(), "InternalServerException: boom");
    let source: &dyn std::error::Error = &e;
    assert!(source.source().is_none());
}
