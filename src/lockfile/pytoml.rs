//! stub
use super::LockfileError;
use crate::package::Package;
pub(super) fn parse_poetry(_text: &str, _path: &str) -> Result<Vec<Package>, LockfileError> {
    Ok(Vec::new())
}
pub(super) fn parse_uv(_text: &str, _path: &str) -> Result<Vec<Package>, LockfileError> {
    Ok(Vec::new())
}
pub(super) fn parse_pylock(_text: &str, _path: &str) -> Result<Vec<Package>, LockfileError> {
    Ok(Vec::new())
}
