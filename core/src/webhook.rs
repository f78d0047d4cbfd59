//! Webhook notifications: signature verification, signing, and event parsing.

use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha1::Sha1;
use sha2::Sha256;

use crate::error::Error;
use crate::hex;
use crate::models::{Extra, WebhookEvent};
use crate::serde_util::{deserialize_model, string_enum};
use crate::timestamp::Timestamp;

/// The header carrying the HMAC-SHA1 signature (API v2).
pub const SHA1_HEADER: &str = "X-Signature";
/// The header carrying the HMAC-SHA256 signature (API v3).
pub const SHA256_HEADER: &str = "X-SHA2-Signature";

/// A webhook signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC-SHA1 in `X-Signature`.
    Sha1,
    /// HMAC-SHA256 in `X-SHA2-Signature` (preferred).
    Sha256,
}

impl Algorithm {
    /// The header this algorithm's signature travels in.
    pub fn header(self) -> &'static str {
        match self {
            Algorithm::Sha1 => SHA1_HEADER,
            Algorithm::Sha256 => SHA256_HEADER,
        }
    }

    /// Parses `sha1` or `sha256`, or says why not (a validation error on `algorithm`).
    pub fn from_name(name: &str) -> Result<Algorithm, Error> {
        Algorithm::parse(name).ok_or_else(|| Error::validation("algorithm", "must be sha1 or sha256"))
    }

    /// Parses `sha1` or `sha256`.
    pub fn parse(name: &str) -> Option<Algorithm> {
        match name.to_ascii_lowercase().as_str() {
            "sha1" => Some(Algorithm::Sha1),
            "sha256" | "sha2" => Some(Algorithm::Sha256),
            _ => None,
        }
    }
}

/// The hex signature of a body under a webhook's token.
pub fn sign(body: &[u8], secret: &str, algorithm: Algorithm) -> String {
    hex::encode(&hmac(body, secret, algorithm))
}

/// The HMAC of a body under a webhook's token (the bytes [`sign`] writes as hex).
pub fn hmac(body: &[u8], secret: &str, algorithm: Algorithm) -> Vec<u8> {
    match algorithm {
        Algorithm::Sha1 => mac::<Hmac<Sha1>>(secret, body),
        Algorithm::Sha256 => mac::<Hmac<Sha256>>(secret, body),
    }
}

fn mac<M: Mac + KeyInit>(secret: &str, body: &[u8]) -> Vec<u8> {
    match <M as KeyInit>::new_from_slice(secret.as_bytes()) {
        Ok(mut m) => {
            m.update(body);
            m.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// Whether `signature` (hex, any case) is the body's signature; compared in constant time.
///
/// A signature of the wrong length or with non-hex characters is simply not valid.
pub fn verify(body: &[u8], signature: &str, secret: &str, algorithm: Algorithm) -> bool {
    verify_mac(signature, &hmac(body, secret, algorithm))
}

/// Whether `signature` (hex, any case, 1 to 64 bytes) equals a MAC, in constant time: the MAC
/// [`verify`] computes, or one a runtime computed itself.
pub fn verify_mac(signature: &str, mac: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    let mut expected = [0u8; MAX_SIGNATURE_BYTES];
    match hex::decode_into(signature.trim(), &mut expected) {
        Some(n) if n > 0 => expected.get(..n).is_some_and(|e| bool::from(e.ct_eq(mac))),
        _ => false,
    }
}

/// The longest signature taken seriously, in bytes (HMAC-SHA1 and HMAC-SHA256 are 20 and 32).
const MAX_SIGNATURE_BYTES: usize = 64;

/// Verifies a notification from its raw body and headers (names in any case).
///
/// `X-SHA2-Signature` is used when present, else `X-Signature`; returns the algorithm that verified.
pub fn verify_headers<'a>(
    body: &[u8],
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    secret: &str,
) -> Result<Algorithm, Error> {
    if secret.is_empty() {
        return Err(secret_is_empty());
    }
    let (algorithm, signature) = signature_header(headers)?;
    if verify(body, signature, secret, algorithm) {
        Ok(algorithm)
    } else {
        Err(mismatch(algorithm))
    }
}

/// The signature to check and its algorithm: `X-SHA2-Signature` when present, else `X-Signature`.
pub fn signature_header<'a>(
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(Algorithm, &'a str), Error> {
    let (mut sha1, mut sha256) = (None, None);
    for (name, value) in headers {
        if name.eq_ignore_ascii_case(SHA256_HEADER) && sha256.is_none() {
            sha256 = Some(value);
        } else if name.eq_ignore_ascii_case(SHA1_HEADER) && sha1.is_none() {
            sha1 = Some(value);
        }
    }
    match (sha256, sha1) {
        (Some(s), _) => Ok((Algorithm::Sha256, s)),
        (None, Some(s)) => Ok((Algorithm::Sha1, s)),
        (None, None) => Err(Error::Signature(format!("neither {SHA256_HEADER} nor {SHA1_HEADER} is present"))),
    }
}

/// The error for an empty webhook token.
pub fn secret_is_empty() -> Error {
    Error::validation("secret", "the webhook token is empty")
}

/// The error for a signature that does not match the body.
pub fn mismatch(algorithm: Algorithm) -> Error {
    Error::Signature(format!("the {} signature does not match the body", algorithm.header()))
}

/// Verifies a notification, then parses its event.
pub fn verify_event<'a>(
    body: &[u8],
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    secret: &str,
) -> Result<Event, Error> {
    verify_headers(body, headers, secret)?;
    parse_event(body)
}

/// Parses a notification body (without verifying it).
pub fn parse_event(body: &[u8]) -> Result<Event, Error> {
    serde_json::from_slice(body).map_err(|e| Error::decode(200, format!("not a webhook event: {e}"), body))
}

string_enum! {
    /// The kind of resource an event is about.
    ResourceType {
        /// A check.
        Check => "check",
        /// A report.
        Report => "report",
    }
}

/// A webhook notification: `{"payload": {...}}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Event {
    /// What happened.
    pub payload: EventPayload,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What happened, to which resource.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EventPayload {
    /// `check` or `report`.
    pub resource_type: ResourceType,
    /// The event (`report.completed`, …); unknown actions are kept.
    pub action: WebhookEvent,
    /// The resource the event is about.
    pub object: EventObject,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The resource an event is about.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EventObject {
    /// Its id.
    pub id: String,
    /// Its status after the event.
    pub status: Option<String>,
    /// Its API URL.
    pub href: Option<String>,
    /// When it completed (`2014-05-23 13:50:33 UTC` in v2).
    pub completed_at: Option<Timestamp>,
    /// When it completed, ISO 8601 (v3).
    pub completed_at_iso8601: Option<Timestamp>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl EventObject {
    /// The completion time from whichever field carries it, ISO 8601 first.
    pub fn completed(&self) -> Option<&Timestamp> {
        self.completed_at_iso8601.as_ref().or(self.completed_at.as_ref())
    }
}

deserialize_model!(Event required "payload" {
    payload: "payload",
});

deserialize_model!(EventPayload required "action" {
    resource_type: "resource_type",
    action: "action",
    object: "object",
});

deserialize_model!(EventObject required "id" {
    id: "id",
    status: "status",
    href: "href",
    completed_at: "completed_at",
    completed_at_iso8601: "completed_at_iso8601",
});

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"payload":{"resource_type":"report","action":"report.completed","object":{"id":"r1","status":"completed","completed_at":"2014-05-23 13:50:33 UTC","href":"https://api.onfido.com/v2/checks/c1/reports/r1"}}}"#;

    #[test]
    fn sign_then_verify() {
        for alg in [Algorithm::Sha1, Algorithm::Sha256] {
            let sig = sign(BODY, "secret", alg);
            assert!(verify(BODY, &sig, "secret", alg));
            assert!(verify(BODY, &sig.to_uppercase(), "secret", alg));
            assert!(!verify(BODY, &sig, "other", alg));
            assert!(!verify(BODY, &sig[..sig.len() - 2], "secret", alg));
            assert!(!verify(BODY, "zz", "secret", alg));
        }
        assert_eq!(sign(b"", "key", Algorithm::Sha1), "f42bb0eeb018ebbd4597ae7213711ec60760843f");
    }

    #[test]
    fn macs_computed_elsewhere() {
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(b"s").unwrap().chain_update(BODY).finalize().into_bytes();
        let signature = sign(BODY, "s", Algorithm::Sha256);
        assert!(verify_mac(&signature, &mac));
        assert!(verify_mac(&format!(" {} ", signature.to_uppercase()), &mac));
        assert!(!verify_mac(&signature[..62], &mac));
        assert!(!verify_mac(&signature, &mac[..31]));
        assert!(!verify_mac("", &[]));
        assert!(!verify_mac(&"0".repeat(64), &mac));
        let (algorithm, value) = signature_header([("x-signature", "a"), ("x-sha2-signature", "b")]).unwrap();
        assert_eq!((algorithm, value), (Algorithm::Sha256, "b"));
        assert!(matches!(signature_header([("content-type", "x")]), Err(Error::Signature(_))));
    }

    #[test]
    fn headers_prefer_sha256() {
        let sha1 = sign(BODY, "s", Algorithm::Sha1);
        let sha256 = sign(BODY, "s", Algorithm::Sha256);
        let headers = [("x-signature", sha1.as_str()), ("X-Sha2-Signature", sha256.as_str())];
        assert_eq!(verify_headers(BODY, headers, "s").unwrap(), Algorithm::Sha256);
        let bad = [("x-signature", sha1.as_str()), ("X-SHA2-Signature", "00")];
        assert!(matches!(verify_headers(BODY, bad, "s"), Err(Error::Signature(_))));
        let event = verify_event(BODY, [("X-Signature", sha1.as_str())], "s").unwrap();
        assert_eq!(event.payload.action, WebhookEvent::ReportCompleted);
        assert_eq!(event.payload.object.completed().and_then(Timestamp::unix_seconds), Some(1_400_853_033));
    }
}
