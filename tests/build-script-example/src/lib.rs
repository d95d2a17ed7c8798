//! An example of using the generator from a build script: `build.rs` writes
//! the Customer Profiles `GetUploadJob` code into `OUT_DIR`, and this crate
//! includes it as the module [`customer_profiles`].
#![forbid(unsafe_code)]

/// Amazon Connect Customer Profiles, as much of it as `GetUploadJob` needs,
/// generated at build time from `model/customer-profiles.json`.
pub mod customer_profiles {
    include!(concat!(env!("OUT_DIR"), "/customer_profiles.rs"));
}
