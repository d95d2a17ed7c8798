//! Generates the GetUploadJob code from the workspace's model into `OUT_DIR`.
//!
//! `Config::generate` prints `cargo:rerun-if-changed` for the model, so cargo
//! reruns this script when the model changes, and only then.

fn main() -> Result<(), codegen::build_helper::BuildError> {
    codegen::build_helper::Config::new()
        .model("../../model/customer-profiles.json")
        .operation("GetUploadJob")
        .generate()?;
    Ok(())
}
