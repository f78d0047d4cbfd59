//! A Web SDK token (a JWT bound to one applicant and referrer).

use std::fmt;

use serde::Serialize;

use base64::Engine as _;

use super::Extra;
use crate::error::Error;
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

/// The claims of a Web SDK token (a JWT), read without checking its signature.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SdkTokenClaims {
    /// Expiry, Unix seconds (`exp`).
    pub exp: Option<i64>,
    /// Issued at, Unix seconds (`iat`).
    pub iat: Option<i64>,
    /// Every other claim.
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_model!(SdkTokenClaims { exp: "exp", iat: "iat" });

impl SdkTokenClaims {
    /// Reads the claims of a JWT (`header.payload.signature`); the signature is not checked.
    pub fn decode(jwt: &str) -> Result<SdkTokenClaims, Error> {
        let invalid = |why: &str| Error::validation("token", format!("not a JWT: {why}"));
        let mut parts = jwt.trim().split('.');
        let (Some(_header), Some(payload), Some(_signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid("expected three dot-separated parts"));
        };
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .map_err(|_| invalid("the payload is not base64url"))?;
        serde_json::from_slice(&bytes).map_err(|_| invalid("the payload is not a JSON object"))
    }

    /// Whether the token has expired at `now` (Unix seconds); a token without `exp` never does.
    pub fn is_expired(&self, now: i64) -> bool {
        self.exp.is_some_and(|exp| exp <= now)
    }

    /// Seconds left at `now` (zero once expired); `None` without `exp`.
    pub fn seconds_left(&self, now: i64) -> Option<u64> {
        self.exp.map(|exp| u64::try_from(exp.saturating_sub(now)).unwrap_or(0))
    }
}

impl SdkToken {
    /// The token's claims (expiry…), read without checking the signature.
    pub fn claims(&self) -> Result<SdkTokenClaims, Error> {
        SdkTokenClaims::decode(&self.token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_expiry() {
        use base64::Engine as _;
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"exp":1500000000,"uuid":"x"}"#);
        let token = SdkToken { token: format!("eyJhbGciOiJIUzI1NiJ9.{payload}.sig"), extra: Extra::new() };
        let claims = token.claims().unwrap();
        assert_eq!(claims.exp, Some(1_500_000_000));
        assert!(!claims.is_expired(1_499_999_999) && claims.is_expired(1_500_000_000));
        assert_eq!(claims.seconds_left(1_499_999_000), Some(1000));
        assert!(SdkTokenClaims::decode("header.payload.signature").is_err());
        assert!(SdkTokenClaims::decode("a.b").is_err());
    }
}
