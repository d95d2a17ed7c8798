//! GetUploadJob over real HTTP: a small server on 127.0.0.1 inside the test, a
//! real client (`ureq`), and only the generated request/response functions.

use std::sync::mpsc;

use customer_profiles::RequestId;
use customer_profiles::operation::get_upload_job::{self, GetUploadJobError, GetUploadJobInput};
use customer_profiles::types::UploadJobStatus;

const JOB: &str = "0123456789abcdef0123456789abcdef";

struct Seen {
    method: String,
    url: String,
    body_len: usize,
}

fn send(
    agent: &ureq::Agent,
    endpoint: &str,
    job_id: &str,
) -> Result<get_upload_job::GetUploadJobOutput, GetUploadJobError> {
    let input = GetUploadJobInput::builder()
        .domain_name("my-domain")
        .job_id(job_id)
        .build()
        .expect("input");
    let request = get_upload_job::build_request(&input, endpoint).expect("request");
    let response = agent.run(request).expect("transport");
    let (parts, mut body) = response.into_parts();
    let response = http::Response::from_parts(parts, body.read_to_vec().expect("body"));
    get_upload_job::parse_response(&response)
}

#[test]
fn get_upload_job_round_trip_over_a_real_socket() {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1");
    let endpoint = format!("http://{}", server.server_addr());
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        for _ in 0..2 {
            let Ok(mut request) = server.recv() else {
                return;
            };
            let mut body = Vec::new();
            let _ = request.as_reader().read_to_end(&mut body);
            let url = request.url().to_string();
            let _ = tx.send(Seen {
                method: request.method().to_string(),
                url: url.clone(),
                body_len: body.len(),
            });
            let response = if url.ends_with(JOB) {
                tiny_http::Response::from_string(format!(
                    r#"{{"JobId":"{JOB}","Status":"IN_PROGRESS","CreatedAt":1700000000,"DataExpiry":7}}"#
                ))
                .with_status_code(200)
                .with_header(tiny_http::Header::from_bytes("x-amzn-RequestId", "req-ok").expect("header"))
            } else {
                tiny_http::Response::from_string(r#"{"Message":"job not found"}"#)
                    .with_status_code(404)
                    .with_header(
                        tiny_http::Header::from_bytes(
                            "X-Amzn-Errortype",
                            "ResourceNotFoundException:http://internal.example/",
                        )
                        .expect("header"),
                    )
                    .with_header(
                        tiny_http::Header::from_bytes("x-amzn-RequestId", "req-404")
                            .expect("header"),
                    )
            };
            let _ = request.respond(response);
        }
    });
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();

    let out = send(&agent, &endpoint, JOB).expect("success");
    assert_eq!(out.job_id.as_deref(), Some(JOB));
    assert_eq!(out.status, Some(UploadJobStatus::InProgress));
    assert_eq!(out.created_at.map(|t| t.secs()), Some(1_700_000_000));
    assert_eq!(out.data_expiry, Some(7));
    assert_eq!(out.request_id(), Some("req-ok"));
    let seen = rx.recv().expect("server saw the request");
    assert_eq!(seen.method, "GET");
    assert_eq!(seen.url, format!("/domains/my-domain/upload-jobs/{JOB}"));
    assert_eq!(seen.body_len, 0);

    let err = send(&agent, &endpoint, "a/b c").expect_err("404");
    let GetUploadJobError::ResourceNotFoundException(e) = &err else {
        panic!("wrong variant: {err:?}")
    };
    assert_eq!(e.message(), Some("job not found"));
    assert_eq!(err.request_id(), Some("req-404"));
    let seen = rx.recv().expect("server saw the request");
    assert_eq!(seen.url, "/domains/my-domain/upload-jobs/a%2Fb%20c");
    handle.join().expect("server thread");
}
