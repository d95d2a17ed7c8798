//! Shared helpers for the integration tests in `tests/tests/`.

use std::path::PathBuf;

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// `../shared/models` beside the workspace: the real AWS models used as test input.
pub fn shared_models() -> PathBuf {
    workspace_root().join("../shared/models")
}

/// The newest real Customer Profiles model.
pub fn real_customer_profiles() -> PathBuf {
    shared_models().join("customer-profiles/customer-profiles-2020-08-15.json")
}
