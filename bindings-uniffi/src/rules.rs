//! The core's rules without a client: webhooks, referrer patterns, check results, links, SDK
//! tokens, and what the description cannot state about the generated v2 records (a check's result
//! from its expanded reports, a report's findings and sub-result meaning, whether either is
//! finished, OCR MRZ lines): hand-written here, read by Kotlin's extension properties
//! (`check.derivedResult`, `report.findings`…; `Extensions.kt`).

use std::fmt;

use onfido_core::models::{self as m, ReportResult as CoreResult, SdkTokenClaims as CoreClaims};
use onfido_core::webhook::{self, Algorithm};
use onfido_core::Error;
use serde::de::DeserializeOwned;

use crate::error::OnfidoError;
use crate::http::HttpHeader;
use crate::v2::{V2Check, V2OcrResult, V2Report};
use crate::v3::{FromJson, JsonText, ToJson};
use serde_json::Value;

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
    /// `check` or `report` (another value kept as sent).
    pub resource_type: String,
    /// The event (`check.completed`, …; another value kept as sent).
    pub action: String,
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
            resource_type: event.payload.resource_type.as_str().to_owned(),
            action: event.payload.action.as_str().to_owned(),
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

/// A check's result from its reports' results (`clear`, `consider`, `unidentified`): `clear` when
/// all are clear, `consider` when any needs review, `None` while some are unknown.
#[uniffi::export]
pub fn check_result(report_results: Vec<Option<String>>) -> Option<String> {
    let parsed: Vec<Option<CoreResult>> = report_results.into_iter().map(|r| r.map(CoreResult::from)).collect();
    onfido_core::results::check_result(parsed.iter().map(Option::as_ref)).map(|r| r.as_str().to_owned())
}

/// A generated record as the core's model (through the JSON both read).
fn core_model<T: DeserializeOwned + Default>(record: &impl ToJson) -> T {
    record.to_json("").ok().and_then(|json| serde_json::from_value(json).ok()).unwrap_or_default()
}

/// A member's JSON text read back as an answer is (serde_json's own nesting limit, not the one on
/// inputs: a breakdown tree the core parsed stays readable).
fn answer_json<T: DeserializeOwned>(text: &JsonText) -> Option<T> {
    serde_json::from_str(&text.0).ok()
}

/// What the core's check rules read of a v2 check: its status and reports (ids or expanded).
fn check_model(check: &V2Check) -> m::Check {
    m::Check {
        status: check.status.clone().map(m::CheckStatus::from),
        reports: check.reports.iter().flatten().filter_map(answer_json).collect(),
        ..Default::default()
    }
}

/// What the core's report rules read of a v2 report: its status, results and breakdown tree.
fn report_model(report: &V2Report) -> m::Report {
    m::Report {
        status: report.status.clone().map(m::ReportStatus::from),
        result: report.result.clone().map(m::ReportResult::from),
        sub_result: report.sub_result.clone().map(m::SubResult::from),
        breakdown: report.breakdown.as_ref().and_then(answer_json).unwrap_or_default(),
        ..Default::default()
    }
}

/// A v2 check's result derived from its expanded reports (create answers, `expand=reports`):
/// `None` while any report is an id only or has no result (see [`check_result`]).
#[uniffi::export]
pub fn v2_check_derived_result(check: V2Check) -> Option<String> {
    check_model(&check).derived_result().map(|r| r.as_str().to_owned())
}

/// Every report's id of a v2 check, in order (`reports` holds ids, or reports when expanded).
#[uniffi::export]
pub fn v2_check_report_ids(check: V2Check) -> Vec<String> {
    check_model(&check).reports.iter().map(|r| r.id().to_owned()).collect()
}

/// A v2 check's reports when expanded (create answers, `expand=reports`); none with ids only.
#[uniffi::export]
pub fn v2_check_reports(check: V2Check) -> Vec<V2Report> {
    let items = check.reports.iter().flatten().filter_map(answer_json::<Value>);
    items.filter(Value::is_object).filter_map(|report| V2Report::from_json(&report)).collect()
}

/// Whether a v2 check reached a state it will not leave by itself.
#[uniffi::export]
pub fn v2_check_is_finished(check: V2Check) -> bool {
    check_model(&check).is_finished()
}

/// A breakdown that needs a reviewer: its path, result, properties and what it means.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// The dotted breakdown path (`image_integrity.image_quality`).
    pub path: String,
    /// `consider` or `unidentified`.
    pub result: String,
    /// The breakdown's properties, JSON (`None` when it has none).
    pub properties_json: Option<String>,
    /// What the breakdown asserts, for breakdowns the reference describes.
    pub description: Option<String>,
}

/// A v2 report's breakdowns a reviewer must look at, deepest first.
#[uniffi::export]
pub fn v2_report_findings(report: V2Report) -> Vec<Finding> {
    report_model(&report)
        .findings()
        .into_iter()
        .map(|f| Finding {
            path: f.path,
            result: f.result.as_str().to_owned(),
            properties_json: (!f.properties.is_null()).then(|| f.properties.to_string()),
            description: f.description.map(str::to_owned),
        })
        .collect()
}

/// Whether a v2 report reached a state it will not leave.
#[uniffi::export]
pub fn v2_report_is_finished(report: V2Report) -> bool {
    report_model(&report).is_finished()
}

/// What a v2 document report's sub-result means, in the reference's words (`None` without one).
#[uniffi::export]
pub fn v2_report_sub_result_meaning(report: V2Report) -> Option<String> {
    report.sub_result.map(|s| m::SubResult::from(s).meaning().to_owned())
}

/// The MRZ lines 1 to 3 OCR Autofill read (`mrz_line1` or `mrz_line_1`), in order.
#[uniffi::export]
pub fn v2_ocr_mrz_lines(result: V2OcrResult) -> Vec<String> {
    let model = core_model::<m::OcrResult>(&result);
    let fields = model.extracted_data.as_ref().and_then(|d| d.ocr_results.as_ref());
    fields.map_or_else(Vec::new, |r| (1..=3).filter_map(|n| r.mrz_line(n).map(str::to_owned)).collect())
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::v2::{V2Check, V2OcrResult, V2Report};

    #[test]
    fn v2_rules_read_the_generated_records() {
        let report = json!({"id": "r1", "name": "document", "status": "complete", "result": "consider", "sub_result": "rejected",
            "breakdown": {"image_integrity": {"result": "consider", "breakdown": {"image_quality": {"result": "consider", "properties": {"blur": "consider"}}}}}});
        let check = V2Check::from_json(
            &json!({"id": "c1", "status": "complete", "reports": [report.clone(), {"id": "r2", "result": "clear"}]}),
        )
        .unwrap();
        assert_eq!(v2_check_derived_result(check.clone()).as_deref(), Some("consider"));
        assert!(v2_check_is_finished(check.clone()));
        assert_eq!(v2_check_report_ids(check.clone()), ["r1", "r2"]);
        assert_eq!(v2_check_reports(check).len(), 2);
        let ids_only = V2Check::from_json(&json!({"id": "c2", "reports": ["r1", "r2"]})).unwrap();
        assert_eq!((v2_check_derived_result(ids_only.clone()), v2_check_reports(ids_only).len()), (None, 0));

        let report = V2Report::from_json(&report).unwrap();
        let findings = v2_report_findings(report.clone());
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].path.as_str(), findings[0].result.as_str()),
            ("image_integrity.image_quality", "consider")
        );
        assert_eq!(findings[0].properties_json.as_deref(), Some(r#"{"blur":"consider"}"#));
        assert!(v2_report_is_finished(report.clone()));
        assert!(v2_report_sub_result_meaning(report).is_some());

        let ocr = V2OcrResult::from_json(
            &json!({"extracted_data": {"ocr_results": {"mrz_line1": "P<GBR", "mrz_line_2": "123"}}}),
        )
        .unwrap();
        assert_eq!(v2_ocr_mrz_lines(ocr), ["P<GBR", "123"]);
        assert_eq!(check_result(vec![Some("clear".into()), Some("unidentified".into())]).as_deref(), Some("consider"));
        assert_eq!(check_result(vec![Some("clear".into()), None]), None);
    }

    #[test]
    fn files_read_from_the_cores_json_shape() {
        use crate::inputs::FileInput;
        let file = FileInput::from_json(&json!({"filename": "a.png", "content_base64": "AAEC"})).unwrap();
        assert_eq!((file.filename.as_deref(), file.content.as_slice()), (Some("a.png"), &[0u8, 1, 2][..]));
        assert!(FileInput::from_json(&json!({"content_base64": "AAEC", "other": 1})).is_none());
        assert!(FileInput::from_json(&json!({"content_base64": "not base64!"})).is_none());
    }
}
