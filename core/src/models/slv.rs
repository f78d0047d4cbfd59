//! The answer to a Street Level verification code submission.

use serde::{Deserialize, Serialize};

use super::Extra;

/// Whether a Street Level code was accepted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SlvResult {
    /// Whether the code was accepted.
    #[serde(default)]
    pub success: bool,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}
