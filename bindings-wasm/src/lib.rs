//! The Rust core for JavaScript: the native layer of the npm package `onfido-core`.
//!
//! Everything here is IO-free; the JavaScript side brings the transport, the clock and the sleeps.
//! Core errors are thrown as a JS `Error` named `CoreError` whose `core` property holds the core
//! error's JSON (`Error::to_json`); the package turns them into its `OnfidoError` classes.
//! Inputs are read straight from JS objects by serde-wasm-bindgen's deserializer (upload bytes as
//! `Uint8Array`s); outputs cross as plain objects: the API's field names, `null` for absent values,
//! unknown fields kept (one JSON text for the engine's `JSON.parse`: see `to_js`).

use js_sys::{Array, Object, Reflect, Uint8Array};
use onfido_core::dynamic::{self, AnyOutput, OutputVisitor};
use onfido_core::error::RetryAfter;
use onfido_core::models::{Applicant, Report, ReportResult, SdkTokenClaims};
use onfido_core::operations::checks::CreateCheck;
use onfido_core::referrer::ReferrerPattern as CorePattern;
use onfido_core::retry::{Attempt, Decision, Outcome, RetryPolicy};
use onfido_core::sandbox::{Sandbox as CoreSandbox, SandboxOptions};
use onfido_core::webhook::{self, Algorithm};
use onfido_core::{ApiVersion, Error, HttpRequest, HttpResponse, Method, OperationId, Region};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A core error as a thrown JS value: an `Error` named `CoreError` carrying the error's JSON in `core`.
fn core_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("CoreError");
    // Setting a property on a fresh Error object cannot fail; if it did, the message still tells.
    let _ = Reflect::set(&js, &JsValue::from_str("core"), &JsValue::from_str(&error.to_json().to_string()));
    js.into()
}

/// A decode error for values that could not cross the boundary.
fn conversion_error(message: &str) -> JsValue {
    core_error(&Error::decode(0, message, &[]))
}

/// Rust values to plain JS values (objects, arrays, strings, numbers, booleans, null).
///
/// The value crosses as one JSON text read by the engine's `JSON.parse`: the same objects
/// serde-wasm-bindgen's JSON-compatible serializer makes, about four times faster for
/// models (one string crossing instead of one per key and value).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| conversion_error(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| conversion_error("the engine refused the JSON the core wrote"))
}

/// JS values to Rust values; a mismatch is a validation error on `field`.
fn from_js<T: DeserializeOwned>(value: JsValue, field: &str) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| core_error(&Error::validation(field, e.to_string())))
}

/// Header pairs from `[[name, value], ...]`.
fn header_pairs(headers: JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if headers.is_null() || headers.is_undefined() {
        return Ok(Vec::new());
    }
    from_js(headers, "headers")
}

/// Unix seconds from a JS number; non-finite values count as absent.
fn seconds(now: Option<f64>) -> Option<i64> {
    now.filter(|n| n.is_finite()).map(|n| n.floor() as i64)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Defining a property on a plain object we just created cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn optional_str(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn headers_to_js(headers: &[(String, String)]) -> Array {
    headers.iter().map(|(n, v)| Array::of2(&JsValue::from_str(n), &JsValue::from_str(v))).collect()
}

/// `{method, url, headers: [[name, value], ...], body: Uint8Array}`.
fn request_to_js(request: &HttpRequest) -> JsValue {
    let out = Object::new();
    set(&out, "method", &JsValue::from_str(request.method.as_str()));
    set(&out, "url", &JsValue::from_str(&request.url));
    set(&out, "headers", &headers_to_js(&request.headers));
    set(&out, "body", &Uint8Array::from(request.body.as_slice()));
    out.into()
}

fn algorithm(name: &str) -> Result<Algorithm, JsValue> {
    Algorithm::from_name(name).map_err(|e| core_error(&e))
}

/// Client settings: token, region, API version, base URL. The token never leaves Rust memory.
#[wasm_bindgen]
pub struct Config {
    inner: onfido_core::Config,
}

#[wasm_bindgen]
impl Config {
    /// Checks the settings together: a token whose prefix contradicts the region, a token with a
    /// control character or a non-https base URL (http only on loopback) is a `config` error.
    #[wasm_bindgen(constructor)]
    pub fn new(
        api_token: Option<String>,
        region: Option<String>,
        api_version: Option<String>,
        base_url: Option<String>,
        binding: Option<String>,
    ) -> Result<Config, JsValue> {
        let version = ApiVersion::parse(api_version.as_deref().unwrap_or("v2")).map_err(|e| core_error(&e))?;
        let mut builder = onfido_core::Config::builder().api_version(version);
        if let Some(token) = api_token {
            builder = builder.api_token(token);
        }
        if let Some(region) = region {
            builder = builder.region(Region::parse(&region).map_err(|e| core_error(&e))?);
        }
        if let Some(base_url) = base_url {
            builder = builder.base_url(base_url);
        }
        let inner = builder.binding(binding.as_deref().unwrap_or("node")).build().map_err(|e| core_error(&e))?;
        Ok(Config { inner })
    }

    /// `eu`, `us` or `ca`.
    #[wasm_bindgen(getter)]
    pub fn region(&self) -> String {
        self.inner.region().as_str().to_owned()
    }

    /// `v2` or `v3.4`.
    #[wasm_bindgen(getter, js_name = apiVersion)]
    pub fn api_version(&self) -> String {
        self.inner.api_version().as_str().to_owned()
    }

    /// The base URL, ending in `/`.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// `sandbox` or `live` from the token's prefix, if known.
    #[wasm_bindgen(getter)]
    pub fn environment(&self) -> Option<String> {
        self.inner.environment().map(|e| {
            match e {
                onfido_core::Environment::Sandbox => "sandbox",
                onfido_core::Environment::Live => "live",
            }
            .to_owned()
        })
    }

    /// The `User-Agent` sent.
    #[wasm_bindgen(getter, js_name = userAgent)]
    pub fn user_agent(&self) -> String {
        self.inner.user_agent().to_owned()
    }

    /// Whether a token is set (false in token-less mode).
    #[wasm_bindgen(getter, js_name = hasToken)]
    pub fn has_token(&self) -> bool {
        self.inner.token().is_some()
    }

    /// A description without the token.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        let token = self.inner.token().map_or_else(|| "none".to_owned(), |t| format!("{t:?}"));
        format!(
            "Config(region={}, apiVersion={}, baseUrl={}, token={token})",
            self.inner.region().as_str(),
            self.inner.api_version().as_str(),
            self.inner.base_url().as_str()
        )
    }
}

/// Builds an operation's request from its input (an object of the API's field names; uploads
/// carry `file: {filename, content: Uint8Array}`); `now` (Unix seconds) enables the rules that
/// need the date. Returns `{method, url, headers, body}`.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(operation: &str, config: &Config, input: JsValue, now: Option<f64>) -> Result<JsValue, JsValue> {
    let input = if input.is_null() || input.is_undefined() { Object::new().into() } else { input };
    let de = serde_wasm_bindgen::Deserializer::from(input);
    let request =
        dynamic::build_request_from(operation, &config.inner, de, seconds(now)).map_err(|e| core_error(&e))?;
    Ok(request_to_js(&request))
}

/// Parses an operation's response: an object; `{items, page}` for lists;
/// `{content: Uint8Array, contentType, filename}` for downloads; `null` for 204s.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(operation: &str, status: u16, headers: JsValue, body: Vec<u8>) -> Result<JsValue, JsValue> {
    let response = HttpResponse { status, headers: header_pairs(headers)?, body };
    let output = dynamic::parse_output(operation, response).map_err(|e| core_error(&e))?;
    output_to_js(&output)
}

fn output_to_js(output: &AnyOutput) -> Result<JsValue, JsValue> {
    /// Objects as plain objects, lists as `{items, page}`, downloads with `content` bytes, 204 as null.
    struct ToJs;
    impl OutputVisitor for ToJs {
        type Result = Result<JsValue, JsValue>;
        fn object<T: serde::Serialize>(self, value: &T) -> Self::Result {
            to_js(value)
        }
        fn list<T: serde::Serialize>(self, items: &[T], page: &onfido_core::Page) -> Self::Result {
            let out = Object::new();
            set(&out, "items", &to_js(&items)?);
            set(&out, "page", &to_js(page)?);
            Ok(out.into())
        }
        fn download(self, download: &onfido_core::Download) -> Self::Result {
            let out = Object::new();
            set(&out, "content", &Uint8Array::from(download.content.as_slice()));
            set(&out, "contentType", &optional_str(download.content_type.as_deref()));
            set(&out, "filename", &optional_str(download.filename.as_deref()));
            Ok(out.into())
        }
        fn no_content(self) -> Self::Result {
            Ok(JsValue::NULL)
        }
    }
    output.visit(ToJs)
}

/// Every operation id (`create_applicant`, …).
#[wasm_bindgen]
pub fn operations() -> Array {
    OperationId::ALL.iter().map(|o| JsValue::from_str(o.as_str())).collect()
}

/// Whether repeating an operation cannot create a second resource.
#[wasm_bindgen(js_name = isIdempotent)]
pub fn is_idempotent(operation: &str) -> Result<bool, JsValue> {
    dynamic::is_idempotent(operation).map_err(|e| core_error(&e))
}

/// Milliseconds from a JS number (negative and non-finite values count as 0).
fn millis(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        value as u64
    } else {
        0
    }
}

/// The retry decision after a try: milliseconds to wait, or `undefined` to give up.
///
/// `status` is the response's status, or `undefined` when the transport failed with `failure`
/// (`connect`, `timeout` or `lost`); `retryAfter` is the response's `Retry-After` header; `now` is
/// Unix seconds; `jitter` a random number in `[0, 1)`.
#[wasm_bindgen(js_name = retryDelay)]
#[allow(clippy::too_many_arguments)]
pub fn retry_delay(
    max_attempts: u32,
    initial_delay_ms: f64,
    max_delay_ms: f64,
    max_retry_after_ms: f64,
    attempt: u32,
    idempotent: bool,
    status: Option<u16>,
    failure: Option<String>,
    retry_after: Option<String>,
    now: f64,
    jitter: f64,
) -> Option<f64> {
    let policy = RetryPolicy {
        max_attempts,
        initial_delay_ms: millis(initial_delay_ms),
        max_delay_ms: millis(max_delay_ms),
        max_retry_after_ms: millis(max_retry_after_ms),
    };
    let outcome = Outcome::from_parts(status, failure.as_deref());
    let retry_after = retry_after.as_deref().and_then(RetryAfter::parse);
    let now = seconds(Some(now)).unwrap_or(0);
    match policy.decide(&Attempt { number: attempt, idempotent, outcome, retry_after, now, jitter }) {
        Decision::Retry { delay_ms } => Some(delay_ms as f64),
        Decision::GiveUp => None,
    }
}

/// Keeps requests under a per-minute limit; time comes in as an argument.
#[wasm_bindgen]
pub struct Pacer {
    inner: onfido_core::pacing::Pacer,
}

#[wasm_bindgen]
impl Pacer {
    /// A pacer for a limit in requests per minute (the API's: 400 live, 30 sandbox).
    #[wasm_bindgen(constructor)]
    pub fn new(requests_per_minute: u32) -> Pacer {
        Pacer { inner: onfido_core::pacing::Pacer::new(requests_per_minute) }
    }

    /// Takes a slot at `nowMs` (milliseconds); returns the milliseconds to wait before sending.
    pub fn acquire(&mut self, now_ms: f64) -> f64 {
        self.inner.acquire(millis(now_ms)) as f64
    }
}

/// Verifies a webhook notification (X-SHA2-Signature preferred, else X-Signature) and parses its event.
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(body: &[u8], headers: JsValue, secret: &str) -> Result<JsValue, JsValue> {
    let headers = header_pairs(headers)?;
    let pairs = headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let event = webhook::verify_event(body, pairs, secret).map_err(|e| core_error(&e))?;
    to_js(&event)
}

/// Verifies one signature value with one algorithm (`sha1` or `sha256`), in constant time.
#[wasm_bindgen(js_name = verifySignature)]
pub fn verify_signature(body: &[u8], signature: &str, secret: &str, algorithm_name: &str) -> Result<bool, JsValue> {
    Ok(webhook::verify(body, signature, secret, algorithm(algorithm_name)?))
}

/// Parses a webhook event without verifying it.
#[wasm_bindgen(js_name = parseWebhookEvent)]
pub fn parse_webhook_event(body: &[u8]) -> Result<JsValue, JsValue> {
    to_js(&webhook::parse_event(body).map_err(|e| core_error(&e))?)
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
    let results: Vec<Option<String>> = from_js(results, "report_results")?;
    let parsed: Vec<Option<ReportResult>> = results.into_iter().map(|r| r.map(ReportResult::from)).collect();
    Ok(onfido_core::results::check_result(parsed.iter().map(Option::as_ref)).map(|r| r.as_str().to_owned()))
}

/// The findings of a report (an object as parsed): paths, results, properties, descriptions.
#[wasm_bindgen]
pub fn findings(report: JsValue) -> Result<JsValue, JsValue> {
    let report: Report = from_js(report, "report")?;
    to_js(&report.findings())
}

/// The applicant data a check's reports need and the applicant lacks.
#[wasm_bindgen(js_name = missingApplicantData)]
pub fn missing_applicant_data(check: JsValue, applicant: JsValue) -> Result<JsValue, JsValue> {
    let check: CreateCheck = from_js(check, "check")?;
    let applicant: Applicant = from_js(applicant, "applicant")?;
    to_js(&onfido_core::requirements::missing_applicant_data(&check, &applicant))
}

/// A Web SDK token's claims (`exp`, `iat`…), read without checking its signature.
#[wasm_bindgen(js_name = sdkTokenClaims)]
pub fn sdk_token_claims(token: &str) -> Result<JsValue, JsValue> {
    to_js(&SdkTokenClaims::decode(token).map_err(|e| core_error(&e))?)
}

/// The `next`, `prev`, `first` and `last` targets of a `Link` header (RFC 8288).
#[wasm_bindgen(js_name = parseLinkHeader)]
pub fn parse_link_header(header: &str) -> Result<JsValue, JsValue> {
    let links = onfido_core::pagination::parse_link_header(header)
        .map_err(|e| core_error(&Error::decode(0, format!("invalid Link header: {e}"), header.as_bytes())))?;
    to_js(&links)
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    onfido_core::VERSION.to_owned()
}

/// The offline sandbox, in process: the whole v2 API simulated in memory.
#[wasm_bindgen]
pub struct Sandbox {
    inner: CoreSandbox,
}

#[wasm_bindgen]
impl Sandbox {
    /// A fresh sandbox whose links point to `baseUrl`; `rateLimit` requests a minute before 429s.
    #[wasm_bindgen(constructor)]
    pub fn new(base_url: Option<String>, rate_limit: Option<u32>) -> Sandbox {
        let base_url = base_url.unwrap_or_else(|| "https://api.onfido.com".to_owned());
        Sandbox { inner: CoreSandbox::new(SandboxOptions { base_url, rate_limit }) }
    }

    /// Answers one request at `now` (Unix seconds): `{status, headers, body}`.
    pub fn handle(
        &mut self,
        method: &str,
        url: String,
        headers: JsValue,
        body: Vec<u8>,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let method =
            Method::parse(method).ok_or_else(|| core_error(&Error::validation("method", "is not an API method")))?;
        let request = HttpRequest { method, url, headers: header_pairs(headers)?, body };
        let response = self.inner.handle(&request, seconds(Some(now)).unwrap_or(0));
        let out = Object::new();
        set(&out, "status", &JsValue::from(response.status));
        set(&out, "headers", &headers_to_js(&response.headers));
        set(&out, "body", &Uint8Array::from(response.body.as_slice()));
        Ok(out.into())
    }

    /// The signed webhook notifications since the last call: `[{method, url, headers, body}]`.
    #[wasm_bindgen(js_name = takeWebhookDeliveries)]
    pub fn take_webhook_deliveries(&mut self) -> Array {
        self.inner.take_webhook_deliveries().iter().map(request_to_js).collect()
    }
}
