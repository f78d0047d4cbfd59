//! The offline Onfido sandbox of `onfido-core`: the whole v2 API, and v3.6 and v3.4 beside it,
//! simulated in memory, deterministic, without I/O.
//!
//! [`Sandbox::handle`] answers an [`HttpRequest`] as the real sandbox would, given the time;
//! v2 webhook notifications come out of [`Sandbox::take_webhook_deliveries`] as signed requests,
//! v3 ones out of [`Sandbox::due_webhook_attempts`] on the getting-started guide's retry schedule.
//! Inputs are validated by the same code the client uses before sending.
//!
//! The simulator is what bindings embed as their in-process sandbox transport; it builds for
//! wasm32 too. With the default feature `server`, [`server`] serves it over real HTTP/1.1 on
//! loopback (the `onfido-sandbox` binary and the demo); bindings take this crate with
//! `default-features = false` and compile none of it.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod reports;
mod routes;
#[cfg(feature = "server")]
pub mod server;
mod store;
mod v3;

pub use v3::{WebhookAttempt, ANSWER_WITHIN, DISABLED_FOR, DISABLE_AFTER_FAILURES, RETRY_AFTER};

use std::collections::VecDeque;

use serde_json::{json, Map, Value};

use onfido_core::config::{ApiToken, ApiVersion, Config, Environment};
use onfido_core::error::FieldErrors;
use onfido_core::http::{HttpRequest, HttpResponse};
use onfido_core::webhook::{self, Algorithm};
use store::{Object, Store};

/// The longest string, in characters, the sandbox stores in any field (a longer one is a 422
/// `validation_error` naming the field). The API documents no such limit; this one only keeps a
/// sandbox's memory proportional to sane input.
pub const MAX_FIELD_CHARS: usize = 1_000;

/// The default budget of uploaded bytes a sandbox keeps (documents, live photos and live videos
/// together); past it, uploads are answered 507 `insufficient_storage` and nothing is stored.
pub const DEFAULT_UPLOAD_BUDGET: usize = 256 * 1024 * 1024;

/// How a sandbox behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxOptions {
    /// The origin its links and hrefs point to (`http://127.0.0.1:8080`).
    pub base_url: String,
    /// Requests allowed per minute before 429s (the real sandbox: 30); `None` for no limit.
    pub rate_limit: Option<u32>,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions { base_url: "https://api.onfido.com".to_owned(), rate_limit: None }
    }
}

/// The simulator: state, rate-limit window and the webhook outbox.
#[derive(Clone, Debug)]
pub struct Sandbox {
    options: SandboxOptions,
    store: Store,
    v3: v3::V3Store,
    window: VecDeque<i64>,
    outbox: Vec<HttpRequest>,
    /// Token-less client config used to run the client's own validation on incoming input.
    validation: Result<Config, onfido_core::error::Error>,
    /// The most uploaded bytes kept at once.
    upload_budget: usize,
}

/// A finished answer, or an early one (errors).
type Reply = Result<HttpResponse, HttpResponse>;

impl Sandbox {
    /// An empty sandbox with two report type groups, as an account would have.
    pub fn new(options: SandboxOptions) -> Sandbox {
        let validation = Config::builder()
            .base_url("https://sandbox.invalid/v2")
            .api_version(ApiVersion::V2)
            .binding("sandbox")
            .build();
        let mut sandbox = Sandbox {
            options,
            store: Store::default(),
            v3: v3::V3Store::default(),
            window: VecDeque::new(),
            outbox: Vec::new(),
            validation,
            upload_budget: DEFAULT_UPLOAD_BUDGET,
        };
        sandbox.seed_report_type_groups();
        sandbox
    }

    /// Sets how many uploaded bytes the sandbox keeps at most ([`DEFAULT_UPLOAD_BUDGET`] unless set).
    pub fn set_upload_budget(&mut self, bytes: usize) {
        self.upload_budget = bytes;
    }

    /// Answers one request at `now` (Unix seconds).
    ///
    /// Paths below `/v2/` are API v2; below `/v3.6/` and `/v3.4/` API v3.6 and its v3.4
    /// profile (see the `v3` module's description).
    pub fn handle(&mut self, request: &HttpRequest, now: i64) -> HttpResponse {
        let path = url::Url::parse(&request.url).map(|u| u.path().to_owned()).unwrap_or_default();
        if request.method == onfido_core::http::Method::Get {
            if let Some(file) = v3::sandbox_file(&path) {
                return file;
            }
        }
        let v3 = v3_path(&path);
        if let Err(response) = authenticate(request) {
            return match v3 {
                Some(_) => {
                    v3::error(response.status, "authorization_error", "Please provide a valid sandbox API token.", None)
                }
                None => response,
            };
        }
        if let Some(response) = self.rate_limited(now) {
            return response;
        }
        if let Some((version, rest)) = v3 {
            return v3::handle(self, version, &rest, request, now);
        }
        match routes::route(self, request, now) {
            Ok(response) | Err(response) => response,
        }
    }

    /// The webhook notifications produced since the last call, signed and ready to POST.
    pub fn take_webhook_deliveries(&mut self) -> Vec<HttpRequest> {
        std::mem::take(&mut self.outbox)
    }

    fn rate_limited(&mut self, now: i64) -> Option<HttpResponse> {
        let limit = usize::try_from(self.options.rate_limit?).unwrap_or(usize::MAX);
        while self.window.front().is_some_and(|t| *t <= now - 60) {
            self.window.pop_front();
        }
        if self.window.len() >= limit {
            let wait = self.window.front().map_or(1, |oldest| (oldest + 60 - now).max(1));
            let mut response = error(429, "rate_limit", "Rate limit exceeded. Please try again later.", None);
            response.headers.push(("Retry-After".into(), wait.to_string()));
            return Some(response);
        }
        self.window.push_back(now);
        None
    }

    /// Queues the notifications for an event to every webhook that wants it.
    fn notify(&mut self, resource_type: &str, action: &str, object: &Object, now: i64) {
        let href = format!("{}{}", self.options.base_url, store::text(object, "href").unwrap_or_default());
        let payload = json!({ "payload": {
            "resource_type": resource_type,
            "action": action,
            "object": {
                "id": store::id_of(object),
                "status": object.get("status").cloned().unwrap_or(Value::Null),
                "completed_at": onfido_core::timestamp::format_v2(now),
                "completed_at_iso8601": onfido_core::timestamp::format_rfc3339(now),
                "href": href,
            }
        }});
        let body = serde_json::to_vec(&payload).unwrap_or_default();
        for hook in &self.store.webhooks {
            let wants = |key: &str, value: &str| {
                hook.get(key).and_then(Value::as_array).is_none_or(|list| list.iter().any(|v| v == value))
            };
            let enabled = hook.get("enabled").and_then(Value::as_bool).unwrap_or(true);
            if !enabled || !wants("environments", "sandbox") || !wants("events", action) {
                continue;
            }
            let secret = store::text(hook, "token").unwrap_or_default();
            self.outbox.push(HttpRequest {
                method: onfido_core::http::Method::Post,
                url: store::text(hook, "url").unwrap_or_default().to_owned(),
                headers: vec![
                    ("Content-Type".into(), "application/json".into()),
                    ("User-Agent".into(), "onfido-core-sandbox".into()),
                    (webhook::SHA1_HEADER.into(), webhook::sign(&body, secret, Algorithm::Sha1)),
                    (webhook::SHA256_HEADER.into(), webhook::sign(&body, secret, Algorithm::Sha256)),
                ],
                body: body.clone(),
            });
        }
    }

    fn seed_report_type_groups(&mut self) {
        for (name, group_only, reports) in [
            ("Junior level", false, &["identity", "right_to_work"][..]),
            ("Senior level", true, &["document", "identity", "watchlist"][..]),
        ] {
            let id = self.store.next_id();
            let types: Vec<Value> = reports.iter().map(|r| json!({ "id": self.store.next_id(), "name": r })).collect();
            let group = json!({ "id": id, "name": name, "group_only": group_only, "report_types": types });
            if let Value::Object(object) = group {
                self.store.report_type_groups.push(object);
            }
        }
    }
}

/// The v3 version and the path below it, when the first version step of `path` is `v3.6` or
/// `v3.4` (`/v3.6/applicants`, or below a base path: `/onfido/v3.4/ping`).
fn v3_path(path: &str) -> Option<(ApiVersion, String)> {
    let mut end = 0;
    for segment in path.split('/') {
        end += segment.len();
        let version = match segment {
            "v3.6" => ApiVersion::V3_6,
            "v3.4" => ApiVersion::V3_4,
            "v2" => return None,
            _ => {
                end += 1;
                continue;
            }
        };
        return Some((version, path.get(end..).unwrap_or_default().to_owned()));
    }
    None
}

/// 401 unless the request carries a sandbox API token.
fn authenticate(request: &HttpRequest) -> Result<(), HttpResponse> {
    let token = request
        .header("authorization")
        .and_then(|h| h.trim().strip_prefix("Token token="))
        .and_then(|t| ApiToken::new(t.trim()).ok());
    match token.as_ref().map(ApiToken::environment) {
        Some(Some(Environment::Sandbox)) => Ok(()),
        Some(Some(Environment::Live)) => {
            Err(error(401, "authorization_error", "Live tokens are not accepted by the offline sandbox.", None))
        }
        _ => Err(error(401, "authorization_error", "Please provide a valid sandbox API token.", None)),
    }
}

/// A JSON response.
fn json_response(status: u16, body: &Value) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("Content-Type".into(), "application/json; charset=utf-8".into())],
        body: serde_json::to_vec(body).unwrap_or_default(),
    }
}

/// The v2 error envelope; `fields` in the reference's `{"f": {"messages": [...]}}` shape.
fn error(status: u16, error_type: &str, message: &str, fields: Option<&FieldErrors>) -> HttpResponse {
    let mut envelope = Map::new();
    envelope.insert("id".into(), format!("sandbox-{status}-{error_type}").into());
    envelope.insert("type".into(), error_type.into());
    envelope.insert("message".into(), message.into());
    if let Some(fields) = fields {
        let map: Map<String, Value> =
            fields.iter().map(|(field, messages)| (field.to_owned(), json!({ "messages": messages }))).collect();
        envelope.insert("fields".into(), Value::Object(map));
    }
    json_response(status, &json!({ "error": envelope }))
}

/// A 204 answer.
fn no_content() -> HttpResponse {
    HttpResponse { status: 204, headers: Vec::new(), body: Vec::new() }
}

#[cfg(test)]
mod tests;

/// Records every text in `value` over [`MAX_FIELD_CHARS`] characters, by its path under `path`
/// (`addresses[0].street`), for a 422 before anything is stored.
fn long_text_fields(value: &Value, path: &str, fields: &mut FieldErrors) {
    match value {
        Value::String(text) if text.chars().nth(MAX_FIELD_CHARS).is_some() => {
            fields.add(path, format!("must be at most {MAX_FIELD_CHARS} characters"));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                long_text_fields(item, &format!("{path}[{i}]"), fields);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let key: String = key.chars().take(64).collect();
                long_text_fields(item, &if path.is_empty() { key } else { format!("{path}.{key}") }, fields);
            }
        }
        _ => {}
    }
}

/// A request body as a JSON object: `{}` for an empty body, `None` for anything but an object.
fn json_object(body: &[u8]) -> Option<Map<String, Value>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Some(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// A Web SDK token as the sandbox mints it: a JWT (HS256 with the sandbox's own key) of `claims`.
fn sdk_token_jwt(claims: &Value) -> String {
    use base64::Engine as _;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let header = b64(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = b64(&serde_json::to_vec(claims).unwrap_or_default());
    let signature = webhook::sign(format!("{header}.{payload}").as_bytes(), "onfido-core-sandbox", Algorithm::Sha256);
    format!("{header}.{payload}.{}", b64(&onfido_core::hex::decode(&signature).unwrap_or_default()))
}
