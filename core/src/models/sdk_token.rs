//! A Web SDK token (a JWT bound to one applicant and referrer).

use std::fmt;

use serde::Serialize;

use super::Extra;
use crate::serde_util::deserialize_model;

/// A Web SDK token; its `Debug` hides the token.
#[derive(Clone, Default, PartialEq, Serialize)]
pub struct SdkToken {
    /// The JWT to hand to the Web SDK.
    pub token: String,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for SdkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SdkToken").field("token", &"***").finish_non_exhaustive()
    }
}

deserialize_model!(SdkToken required "token" {
    token: "token",
});
