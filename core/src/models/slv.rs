//! The answer to a Street Level verification code submission.

use serde::Serialize;

use super::Extra;
use crate::serde_util::deserialize_model;

/// Whether a Street Level code was accepted.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SlvResult {
    /// Whether the code was accepted.
    pub success: bool,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_model!(SlvResult {
    success: "success" or_default,
});
