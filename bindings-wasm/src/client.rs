//! The client's native half: settings, requests from inputs, outputs from responses, retries, pacing.

use js_sys::{Array, Object, Uint8Array};
use onfido_core::call::{self, Now};
use onfido_core::dynamic;
use onfido_core::retry::RetryPolicy;
use onfido_core::{ApiVersion, Failure, HttpResponse, OperationId, Region};
use wasm_bindgen::prelude::*;

use crate::convert::{core_error, from_json, request_to_js, seconds, set, to_js};

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
        app_name: Option<String>,
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
        if let Some(app_name) = app_name {
            builder = builder.app_name(app_name);
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

/// Parses an operation's response in `apiVersion` (absent: v2) into the answer as JSON reads it,
/// for v2 as for v3.x (the core's `dynamic::parse_response_in`): lists as the API's wrapper
/// (`{"applicants": [...]}`) or bare array, 204 as `{}`, files as
/// `{content_type, filename, size, sha256, content_base64}`. `undefined` when the body itself is
/// the answer (a v3.x JSON body of its declared types, `v3::check_response`): `JSON.parse` reads
/// it, faster than building the objects here.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    operation: &str,
    status: u16,
    headers: JsValue,
    body: Vec<u8>,
    api_version: Option<String>,
) -> Result<JsValue, JsValue> {
    let response = HttpResponse { status, headers: crate::convert::header_pairs(headers)?, body };
    let version = ApiVersion::parse(api_version.as_deref().unwrap_or("v2")).map_err(|e| core_error(&e))?;
    if version.is_v3() {
        return match onfido_core::v3::check_response(version, operation, response).map_err(|e| core_error(&e))? {
            onfido_core::v3::Checked::Body(_) => Ok(JsValue::UNDEFINED),
            onfido_core::v3::Checked::Value(value) => to_js(&value),
        };
    }
    let value = dynamic::parse_response_in(version, operation, response).map_err(|e| core_error(&e))?;
    to_js(&value)
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

/// A client's state between calls (config, retry policy, pacer, OAuth token): the core's
/// `call::Session`.
#[wasm_bindgen]
pub struct Session {
    inner: call::Session,
}

#[wasm_bindgen]
impl Session {
    /// A session: the retry policy (`maxAttempts` 1 never retries), pacing under the token's rate
    /// limit or not, and the timeout of each try, all in milliseconds.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        config: &Config,
        max_attempts: u32,
        initial_delay_ms: f64,
        max_delay_ms: f64,
        max_retry_after_ms: f64,
        deadline_ms: f64,
        pace: bool,
        timeout_ms: f64,
    ) -> Session {
        let policy = RetryPolicy {
            max_attempts,
            initial_delay_ms: millis(initial_delay_ms),
            max_delay_ms: millis(max_delay_ms),
            max_retry_after_ms: millis(max_retry_after_ms),
            deadline_ms: millis(deadline_ms),
            ..RetryPolicy::default()
        };
        let inner = call::Session::new(config.inner.clone())
            .with_retry(policy)
            .with_pacing(pace)
            .with_timeout_ms(millis(timeout_ms));
        Session { inner }
    }
}

/// One operation's requests, driven by the core (`call::Call`): JavaScript only sends, sleeps and
/// returns what the steps say.
///
/// Steps: `{kind: "send", request, timeoutMs, attempt, purpose}`, `{kind: "wait", ms, reason}`,
/// `{kind: "done", status, headers, body, next}` (`next`: the next page's input as JSON text);
/// a failed call throws its `CoreError`.
#[wasm_bindgen]
pub struct Call {
    inner: call::Call,
}

#[wasm_bindgen]
impl Call {
    /// The call of `operation` with its input (JSON text of the API's field names; uploads carry
    /// `file: {filename, content_base64}`), checked and built at `now` (Unix seconds); `headers`
    /// (`[[name, value], ...]`) and `timeoutMs` for this call only.
    #[wasm_bindgen(constructor)]
    pub fn new(
        session: &Session,
        operation: &str,
        input: &str,
        now: f64,
        headers: JsValue,
        timeout_ms: Option<f64>,
    ) -> Result<Call, JsValue> {
        let config = session.inner.config();
        let request = dynamic::build_request_json(operation, config, input.as_bytes(), seconds(Some(now)))
            .map_err(|e| core_error(&e))?;
        let mut inner = call::Call::from_request(&session.inner, operation, request).map_err(|e| core_error(&e))?;
        inner = inner.headers(&crate::convert::header_pairs(headers)?).map_err(|e| core_error(&e))?;
        if dynamic::is_paginated_in(config.api_version(), operation).map_err(|e| core_error(&e))? {
            inner = inner.paginate(from_json(if input.trim().is_empty() { "{}" } else { input }, "input")?);
        }
        if let Some(ms) = timeout_ms {
            inner = inner.timeout_ms(millis(ms));
        }
        Ok(Call { inner })
    }

    /// Begins the call at `now`: Unix seconds, a monotonic clock in milliseconds, a random number in [0, 1).
    pub fn start(
        &mut self,
        session: &mut Session,
        unix: f64,
        monotonic_ms: f64,
        jitter: f64,
    ) -> Result<JsValue, JsValue> {
        step(self.inner.start(&mut session.inner, now(unix, monotonic_ms, jitter)))
    }

    /// After a `wait` step.
    pub fn waited(
        &mut self,
        session: &mut Session,
        unix: f64,
        monotonic_ms: f64,
        jitter: f64,
    ) -> Result<JsValue, JsValue> {
        step(self.inner.waited(&mut session.inner, now(unix, monotonic_ms, jitter)))
    }

    /// After a `send` step: the response (`status` 100-599, `headers` pairs, `body`), or, with
    /// `status` undefined, the transport's `failure` (`connect`, `timeout`, `lost`) and `message`.
    #[allow(clippy::too_many_arguments)]
    pub fn received(
        &mut self,
        session: &mut Session,
        unix: f64,
        monotonic_ms: f64,
        jitter: f64,
        status: Option<f64>,
        headers: JsValue,
        body: Option<Vec<u8>>,
        failure: Option<String>,
        message: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let outcome = match status {
            // Out-of-range or fractional statuses become 0, which the core refuses as no HTTP answer.
            Some(status) => Ok(HttpResponse {
                status: if status.fract() == 0.0 && (0.0..=599.0).contains(&status) { status as u16 } else { 0 },
                headers: crate::convert::header_pairs(headers)?,
                body: body.unwrap_or_default(),
            }),
            None => Err((Failure::parse(failure.as_deref().unwrap_or("lost")), message.unwrap_or_default())),
        };
        step(self.inner.received(&mut session.inner, outcome, now(unix, monotonic_ms, jitter)))
    }
}

fn now(unix: f64, monotonic_ms: f64, jitter: f64) -> Now {
    Now { unix: seconds(Some(unix)).unwrap_or(0), monotonic_ms: millis(monotonic_ms), jitter }
}

fn step(step: call::Step) -> Result<JsValue, JsValue> {
    let out = Object::new();
    match step {
        call::Step::Send(send) => {
            set(&out, "kind", &JsValue::from_str("send"));
            set(&out, "request", &request_to_js(&send.request));
            set(&out, "timeoutMs", &JsValue::from_f64(send.timeout_ms as f64));
            set(&out, "attempt", &JsValue::from_f64(f64::from(send.attempt)));
            set(&out, "purpose", &JsValue::from_str(send.purpose.as_str()));
        }
        call::Step::Wait(wait) => {
            set(&out, "kind", &JsValue::from_str("wait"));
            set(&out, "ms", &JsValue::from_f64(wait.ms as f64));
            set(&out, "reason", &JsValue::from_str(wait.reason.as_str()));
        }
        call::Step::Done(Err(error)) => return Err(core_error(&error)),
        call::Step::Done(Ok(answer)) => {
            let response = answer.response;
            set(&out, "kind", &JsValue::from_str("done"));
            set(&out, "status", &JsValue::from_f64(f64::from(response.status)));
            set(&out, "headers", &crate::convert::headers_to_js(&response.headers));
            set(&out, "body", &Uint8Array::from(response.body.as_slice()));
            if let Some(next) = answer.next_input {
                set(&out, "next", &JsValue::from_str(&next.to_string()));
            }
        }
    }
    Ok(out.into())
}
