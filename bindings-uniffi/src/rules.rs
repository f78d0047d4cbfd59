//! The core's rules without a client: webhooks, referrer patterns, check results, links, SDK tokens.

use std::fmt;

use onfido_core::models::{ReportResult as CoreResult, SdkTokenClaims as CoreClaims};
use onfido_core::webhook::{self, Algorithm};
use onfido_core::Error;

use crate::enums::{CheckResult, ReportResult, ResourceType, WebhookEvent};
use crate::error::OnfidoError;
use crate::http::HttpHeader;

/// A webhook signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SignatureAlgorithm {
    /// HMAC-SHA1 in `X-Signature` (API v2).
    Sha1,
    /// HMAC-SHA256 in `X-SHA2-Signature` (preferred).
    Sha256,
}

impl From<SignatureAlgorithm> for Algorithm {
    fn from(a: SignatureAlgorithm) -> Self {
        match a {
            SignatureAlgorithm::Sha1 => Algorithm::Sha1,
            SignatureAlgorithm::Sha256 => Algorithm::Sha256,
        }
    }
}

/// A verified webhook notification: what happened, to which resource.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct WebhookNotification {
    /// `check` or `report`.
    pub resource_type: ResourceType,
    /// The event (`check.completed`, …).
    pub action: WebhookEvent,
    /// The resource's id.
    pub object_id: String,
    /// Its status after the event.
    pub object_status: Option<String>,
    /// Its API URL.
    pub object_href: Option<String>,
    /// When it completed, as sent (ISO 8601 first, else the v2 format).
    pub completed_at: Option<String>,
    /// When it completed, Unix seconds.
    pub completed_at_unix: Option<i64>,
    /// The whole body, JSON.
    pub raw_json: String,
}

impl From<webhook::Event> for WebhookNotification {
    fn from(event: webhook::Event) -> Self {
        let object = &event.payload.object;
        WebhookNotification {
            resource_type: (&event.payload.resource_type).into(),
            action: (&event.payload.action).into(),
            object_id: object.id.clone(),
            object_status: object.status.clone(),
            object_href: object.href.clone(),
            completed_at: object.completed().map(|t| t.as_str().to_owned()),
            completed_at_unix: object.completed().and_then(|t| t.unix_seconds()),
            raw_json: serde_json::to_string(&event).unwrap_or_else(|_| "{}".to_owned()),
        }
    }
}

/// Verifies a notification's raw body against `X-SHA2-Signature` (preferred) or `X-Signature`
/// with the webhook's token, then parses it. Throws `Signature` when it does not verify.
#[uniffi::export]
pub fn verify_webhook(
    body: Vec<u8>,
    headers: Vec<HttpHeader>,
    secret: String,
) -> Result<WebhookNotification, OnfidoError> {
    let pairs = headers.iter().map(|h| (h.name.as_str(), h.value.as_str()));
    Ok(webhook::verify_event(&body, pairs, &secret)?.into())
}

/// Whether `signature` (hex) is the body's signature under `secret`; constant time.
#[uniffi::export]
pub fn verify_webhook_signature(
    body: Vec<u8>,
    signature: String,
    secret: String,
    algorithm: SignatureAlgorithm,
) -> bool {
    webhook::verify(&body, &signature, &secret, algorithm.into())
}

/// The hex signature of a body, as Onfido sends it (for tests and local deliveries).
#[uniffi::export]
pub fn sign_webhook(body: Vec<u8>, secret: String, algorithm: SignatureAlgorithm) -> String {
    webhook::sign(&body, &secret, algorithm.into())
}

/// A Web SDK referrer pattern (Chrome-style: scheme, host with an optional wildcard, path), matched as the API matches it.
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct ReferrerPattern {
    inner: onfido_core::referrer::ReferrerPattern,
    text: String,
}

impl fmt::Display for ReferrerPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ReferrerPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ReferrerPattern({:?})", self.text)
    }
}

#[uniffi::export]
impl ReferrerPattern {
    /// Parses a pattern; an invalid one is a `Validation` error on `referrer`.
    #[uniffi::constructor]
    pub fn new(pattern: String) -> Result<Self, OnfidoError> {
        let inner = onfido_core::referrer::ReferrerPattern::parse(&pattern)
            .map_err(|e| Error::validation("referrer", format!("is not a valid referrer pattern: {e}")))?;
        Ok(ReferrerPattern { inner, text: pattern })
    }

    /// Whether a page URL matches.
    pub fn matches(&self, url: String) -> bool {
        self.inner.matches(&url)
    }

    /// Warnings a user should see about the pattern (too broad, plain http, ...).
    pub fn lint(&self) -> Vec<String> {
        self.inner.lint()
    }
}

/// A check's result from its reports' results: `Clear` when all are clear, `Consider` when any needs
/// review, `None` while some are unknown.
#[uniffi::export]
pub fn check_result(report_results: Vec<Option<ReportResult>>) -> Option<CheckResult> {
    let parsed: Vec<Option<CoreResult>> = report_results.iter().map(|r| r.as_ref().map(Into::into)).collect();
    onfido_core::results::check_result(parsed.iter().map(Option::as_ref)).as_ref().map(Into::into)
}

/// The targets of a `Link` header's pagination relations.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct LinkRelations {
    /// `rel="next"`
    pub next: Option<String>,
    /// `rel="prev"`
    pub prev: Option<String>,
    /// `rel="first"`
    pub first: Option<String>,
    /// `rel="last"`
    pub last: Option<String>,
}

/// Parses a `Link` header (RFC 8288); a malformed one is a `Decode` error.
#[uniffi::export]
pub fn parse_link_header(header: String) -> Result<LinkRelations, OnfidoError> {
    let links = onfido_core::pagination::parse_link_header(&header)
        .map_err(|e| Error::decode(0, format!("invalid Link header: {e}"), header.as_bytes()))?;
    Ok(LinkRelations { next: links.next, prev: links.prev, first: links.first, last: links.last })
}

/// The page to ask for after page `current` of a listing whose answer's `next` link names page
/// `next`: `None` at the end; a `Decode` error when it is not after `current` (a server that keeps
/// naming the same page), the core's rule that ends every binding's listing loop.
#[uniffi::export]
pub fn next_page_after(current: i32, next: Option<i32>) -> Result<Option<i32>, OnfidoError> {
    let current = u64::try_from(current).unwrap_or(1).max(1);
    let next = next.map(|n| u32::try_from(n).unwrap_or(0));
    let after = onfido_core::pagination::next_page_after(current, next, 200)?;
    Ok(after.map(|n| i32::try_from(n).unwrap_or(i32::MAX)))
}

/// A Web SDK token's claims, read without checking its signature.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct SdkTokenClaims {
    /// Expiry, Unix seconds.
    pub exp: Option<i64>,
    /// Issued at, Unix seconds.
    pub iat: Option<i64>,
}

/// Reads a Web SDK token's claims (a `Validation` error on `token` if it is not a JWT).
#[uniffi::export]
pub fn sdk_token_claims(token: String) -> Result<SdkTokenClaims, OnfidoError> {
    let claims = CoreClaims::decode(&token)?;
    Ok(SdkTokenClaims { exp: claims.exp, iat: claims.iat })
}

/// Every operation id (`create_applicant`, …), in the reference's order.
#[uniffi::export]
pub fn operation_ids() -> Vec<String> {
    onfido_core::OperationId::ALL.iter().map(|o| o.as_str().to_owned()).collect()
}

/// This library's version.
#[uniffi::export]
pub fn core_version() -> String {
    onfido_core::VERSION.to_owned()
}
