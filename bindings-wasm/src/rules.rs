//! The core's rules: webhook signatures, referrer patterns, check results, findings,
//! applicant-data requirements, Web SDK token claims, Link headers.

use js_sys::Array;
use onfido_core::models::{Applicant, Report, ReportResult, SdkTokenClaims};
use onfido_core::operations::checks::CreateCheck;
use onfido_core::referrer::ReferrerPattern as CorePattern;
use onfido_core::webhook::{self, Algorithm};
use onfido_core::Error;
use wasm_bindgen::prelude::*;

use crate::convert::{core_error, from_json, to_js_small};

fn algorithm(name: &str) -> Result<Algorithm, JsValue> {
    Algorithm::from_name(name).map_err(|e| core_error(&e))
}

/// The first step of verifying a notification with a MAC the caller computes (Node's `crypto`):
/// which signature header to check, given which of `X-SHA2-Signature` and `X-Signature` are
/// present. Returns `true` for X-SHA2-Signature (HMAC-SHA256), `false` for X-Signature (HMAC-SHA1);
/// throws when neither is present or the token is empty.
#[wasm_bindgen(js_name = webhookSignatureIsSha256)]
pub fn webhook_signature_is_sha256(has_sha256: bool, has_sha1: bool, secret_is_empty: bool) -> Result<bool, JsValue> {
    if secret_is_empty {
        return Err(core_error(&webhook::secret_is_empty()));
    }
    let headers = [(webhook::SHA256_HEADER, has_sha256), (webhook::SHA1_HEADER, has_sha1)];
    let present = headers.iter().filter(|(_, present)| *present).map(|(name, _)| (*name, ""));
    let (algorithm, _) = webhook::signature_header(present).map_err(|e| core_error(&e))?;
    Ok(algorithm == Algorithm::Sha256)
}

/// The second step: whether the header's signature equals the MAC the caller computed (hex), in
/// constant time and with the core's rules for what a signature may look like.
#[wasm_bindgen(js_name = webhookMacMatches)]
pub fn webhook_mac_matches(signature: &str, mac_hex: &str) -> bool {
    let mut mac = [0u8; 64];
    match onfido_core::hex::decode_into(mac_hex, &mut mac) {
        Some(n) => mac.get(..n).is_some_and(|mac| webhook::verify_mac(signature, mac)),
        None => false,
    }
}

/// The error for a signature that does not match (to throw after [`webhook_mac_matches`]).
#[wasm_bindgen(js_name = webhookMismatchError)]
pub fn webhook_mismatch_error(is_sha256: bool) -> JsValue {
    core_error(&webhook::mismatch(if is_sha256 { Algorithm::Sha256 } else { Algorithm::Sha1 }))
}

/// The error for a body that is not a webhook event (the package reads events with `JSON.parse`),
/// to throw: the core's decode error, with its message and token-free excerpt.
#[wasm_bindgen(js_name = webhookEventError)]
pub fn webhook_event_error(why: &str, body: &[u8]) -> JsValue {
    core_error(&Error::decode(200, format!("not a webhook event: {why}"), body))
}

/// The HMAC of a body under a webhook's token (`sha1` or `sha256`), computed by the core.
#[wasm_bindgen(js_name = webhookMac)]
pub fn webhook_mac(body: &[u8], secret: &str, algorithm_name: &str) -> Result<Vec<u8>, JsValue> {
    Ok(webhook::hmac(body, secret, algorithm(algorithm_name)?))
}

/// Verifies one signature value with one algorithm (`sha1` or `sha256`), in constant time.
#[wasm_bindgen(js_name = verifySignature)]
pub fn verify_signature(body: &[u8], signature: &str, secret: &str, algorithm_name: &str) -> Result<bool, JsValue> {
    Ok(webhook::verify(body, signature, secret, algorithm(algorithm_name)?))
}

/// The hex signature of a body (`sha1` or `sha256`), as Onfido sends it.
#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(body: &[u8], secret: &str, algorithm_name: &str) -> Result<String, JsValue> {
    Ok(webhook::sign(body, secret, algorithm(algorithm_name)?))
}

/// A Web SDK referrer pattern (`https://*.example.com/*`), matched as the API matches it.
#[wasm_bindgen]
pub struct ReferrerPattern {
    inner: CorePattern,
    text: String,
}

#[wasm_bindgen]
impl ReferrerPattern {
    /// Parses a pattern; an invalid one is a `validation` error on `referrer`.
    #[wasm_bindgen(constructor)]
    pub fn new(pattern: &str) -> Result<ReferrerPattern, JsValue> {
        let inner = CorePattern::parse(pattern)
            .map_err(|e| core_error(&Error::validation("referrer", format!("is not a valid referrer pattern: {e}"))))?;
        Ok(ReferrerPattern { inner, text: pattern.to_owned() })
    }

    /// Whether a page URL matches.
    pub fn matches(&self, url: &str) -> bool {
        self.inner.matches(url)
    }

    /// Warnings a user should see about the pattern.
    pub fn lint(&self) -> Array {
        self.inner.lint().iter().map(|w| JsValue::from_str(w)).collect()
    }

    /// The pattern as given.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.text.clone()
    }
}

/// A check's result from its reports' results (`clear`, `consider` or `null` while undecided).
#[wasm_bindgen(js_name = checkResult)]
pub fn check_result(results: JsValue) -> Result<Option<String>, JsValue> {
    let results: Vec<Option<String>> = serde_wasm_bindgen::from_value(results)
        .map_err(|e| core_error(&Error::validation("report_results", e.to_string())))?;
    let parsed: Vec<Option<ReportResult>> = results.into_iter().map(|r| r.map(ReportResult::from)).collect();
    Ok(onfido_core::results::check_result(parsed.iter().map(Option::as_ref)).map(|r| r.as_str().to_owned()))
}

/// The findings of a report (JSON text of the report as parsed): paths, results, properties, descriptions.
#[wasm_bindgen]
pub fn findings(report: &str) -> Result<JsValue, JsValue> {
    let report: Report = from_json(report, "report")?;
    to_js_small(&report.findings())
}

/// The applicant data a check's reports need and the applicant lacks (both as JSON text).
#[wasm_bindgen(js_name = missingApplicantData)]
pub fn missing_applicant_data(check: &str, applicant: &str) -> Result<JsValue, JsValue> {
    let check: CreateCheck = from_json(check, "check")?;
    let applicant: Applicant = from_json(applicant, "applicant")?;
    to_js_small(&onfido_core::requirements::missing_applicant_data(&check, &applicant))
}

/// A Web SDK token's claims (`exp`, `iat`…), read without checking its signature.
#[wasm_bindgen(js_name = sdkTokenClaims)]
pub fn sdk_token_claims(token: &str) -> Result<JsValue, JsValue> {
    to_js_small(&SdkTokenClaims::decode(token).map_err(|e| core_error(&e))?)
}

/// The `next`, `prev`, `first` and `last` targets of a `Link` header (RFC 8288).
#[wasm_bindgen(js_name = parseLinkHeader)]
pub fn parse_link_header(header: &str) -> Result<JsValue, JsValue> {
    let links = onfido_core::pagination::parse_link_header(header)
        .map_err(|e| core_error(&Error::decode(0, format!("invalid Link header: {e}"), header.as_bytes())))?;
    to_js_small(&links)
}
