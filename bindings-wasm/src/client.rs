//! The client's native half: settings, requests from inputs, outputs from responses, retries, pacing.

use js_sys::{Array, Object, Uint8Array};
use onfido_core::dynamic::{self, AnyOutput, OutputVisitor};
use onfido_core::error::RetryAfter;
use onfido_core::retry::{Attempt, Decision, Outcome, RetryPolicy};
use onfido_core::{ApiVersion, HttpResponse, OperationId, Region};
use wasm_bindgen::prelude::*;

use crate::convert::{core_error, request_to_js, seconds, set, to_js};

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

/// Builds an operation's request from its input, JSON text of the API's field names (uploads
/// carry `file: {filename, content_base64}`); `now` (Unix seconds) enables the rules that need the
/// date. Returns `{method, url, headers, body}`.
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(operation: &str, config: &Config, input: &str, now: Option<f64>) -> Result<JsValue, JsValue> {
    let request = dynamic::build_request_json(operation, &config.inner, input.as_bytes(), seconds(now))
        .map_err(|e| core_error(&e))?;
    Ok(request_to_js(&request))
}

/// Parses an operation's response. v2 (`apiVersion` absent or "v2"): an object; `{items, page}`
/// for lists; `{content: Uint8Array, contentType, filename}` for downloads; `null` for 204s.
/// v3.x: the answer as JSON reads it (the core's `v3::parse_response`).
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    operation: &str,
    status: u16,
    headers: JsValue,
    body: Vec<u8>,
    api_version: Option<String>,
) -> Result<JsValue, JsValue> {
    let response = HttpResponse { status, headers: crate::convert::header_pairs(headers)?, body };
    let version = api_version.as_deref().map(ApiVersion::parse).transpose().map_err(|e| core_error(&e))?;
    if let Some(version) = version.filter(|v| v.is_v3()) {
        let value = onfido_core::v3::parse_response(version, operation, response).map_err(|e| core_error(&e))?;
        return to_js(&value);
    }
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
            let optional = |v: Option<&str>| v.map_or(JsValue::NULL, JsValue::from_str);
            let out = Object::new();
            set(&out, "content", &Uint8Array::from(download.content.as_slice()));
            set(&out, "contentType", &optional(download.content_type.as_deref()));
            set(&out, "filename", &optional(download.filename.as_deref()));
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

/// The page to ask for after page `current` of a listing whose response's `next` link names page
/// `next`: `undefined` at the end; throws the core's decode error when it is not after `current`.
#[wasm_bindgen(js_name = nextPageAfter)]
pub fn next_page_after(current: f64, next: Option<u32>) -> Result<Option<u32>, JsValue> {
    let current = seconds(Some(current)).map_or(1, |n| u64::try_from(n).unwrap_or(1));
    onfido_core::pagination::next_page_after(current, next, 200).map_err(|e| core_error(&e))
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
/// Unix seconds; `elapsedMs` the time since the first try began; `jitter` a random number in `[0, 1)`.
#[wasm_bindgen(js_name = retryDelay)]
#[allow(clippy::too_many_arguments)]
pub fn retry_delay(
    max_attempts: u32,
    initial_delay_ms: f64,
    max_delay_ms: f64,
    max_retry_after_ms: f64,
    deadline_ms: f64,
    elapsed_ms: f64,
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
        deadline_ms: millis(deadline_ms),
        ..RetryPolicy::default()
    };
    let outcome = Outcome::from_parts(status, failure.as_deref());
    let retry_after = retry_after.as_deref().map(RetryAfter::for_retry);
    let now = seconds(Some(now)).unwrap_or(0);
    let elapsed_ms = millis(elapsed_ms);
    match policy.decide(&Attempt { number: attempt, idempotent, outcome, retry_after, now, elapsed_ms, jitter }) {
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
