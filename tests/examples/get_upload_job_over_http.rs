//! Sends GetUploadJob over real HTTP with a real client (`ureq`), using only the
//! generated crate's `build_request` and `parse_response`.
//!
//! Run it with `cargo run -p integration-tests --example get_upload_job_over_http`.
//! It starts a stand-in service on 127.0.0.1 so it works offline; against AWS,
//! point `endpoint` at `https://profile.<region>.amazonaws.com` and sign the
//! request (SigV4, e.g. with the `aws-sigv4` crate) before sending it.

use customer_profiles::RequestId;
use customer_profiles::operation::get_upload_job::{self, GetUploadJobError, GetUploadJobInput};

/// Builds, sends and parses one GetUploadJob call.
fn get_upload_job(
    agent: &ureq::Agent,
    endpoint: &str,
    domain: &str,
    job_id: &str,
) -> Result<get_upload_job::GetUploadJobOutput, Box<dyn std::error::Error>> {
    let input = GetUploadJobInput::builder()
        .domain_name(domain)
        .job_id(job_id)
        .build()?;
    input.validate()?;
    let request = get_upload_job::build_request(&input, endpoint)?;
    // Sign `request` here when talking to AWS.
    let response = agent.run(request)?;
    let (parts, mut body) = response.into_parts();
    let response = http::Response::from_parts(parts, body.read_to_vec()?);
    Ok(get_upload_job::parse_response(&response)?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = tiny_http::Server::http("127.0.0.1:0").map_err(|e| e.to_string())?;
    let endpoint = format!("http://{}", server.server_addr());
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let found = request
                .url()
                .ends_with("/upload-jobs/0123456789abcdef0123456789abcdef");
            let (status, error_type, body) = if found {
                (
                    200,
                    None,
                    r#"{"JobId":"0123456789abcdef0123456789abcdef","Status":"SUCCEEDED","CreatedAt":1700000000.5,"ResultsSummary":{"CreatedRecords":42}}"#,
                )
            } else {
                (
                    404,
                    Some("ResourceNotFoundException"),
                    r#"{"Message":"no such job"}"#,
                )
            };
            let mut response = tiny_http::Response::from_string(body)
                .with_status_code(status)
                .with_header(
                    tiny_http::Header::from_bytes("x-amzn-RequestId", "example-request")
                        .expect("valid header"),
                );
            if let Some(error_type) = error_type {
                response = response.with_header(
                    tiny_http::Header::from_bytes("X-Amzn-Errortype", error_type)
                        .expect("valid header"),
                );
            }
            let _ = request.respond(response);
        }
    });

    // Error statuses are answers to parse, not transport failures.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();

    let job = get_upload_job(
        &agent,
        &endpoint,
        "my-domain",
        "0123456789abcdef0123456789abcdef",
    )?;
    println!(
        "job {:?}: status {:?}, created {:?}, {:?} records created (request {:?})",
        job.job_id,
        job.status.as_ref().map(|s| s.as_str()),
        job.created_at.map(|t| t.to_string()),
        job.results_summary.as_ref().and_then(|s| s.created_records),
        job.request_id(),
    );

    match get_upload_job(
        &agent,
        &endpoint,
        "my-domain",
        "ffffffffffffffffffffffffffffffff",
    ) {
        Err(e) => match e.downcast_ref::<GetUploadJobError>() {
            Some(GetUploadJobError::ResourceNotFoundException(not_found)) => {
                println!("not found: {:?}", not_found.message());
            }
            _ => return Err(e),
        },
        Ok(other) => println!("unexpected: {other:?}"),
    }
    Ok(())
}
