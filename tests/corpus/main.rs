//! The corpus suite: real-data tests over `../shared/data`.
//!
//! Run with `CCDEPS_CORPUS=../shared/data cargo test --features corpus --test corpus`.
//! It never skips: an unset variable or missing data is a failure.

mod common;

mod advisories;
mod advisory_cases;
mod lockfiles;
mod node_semver;
mod typosquat;
mod versions;
