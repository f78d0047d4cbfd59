//! The one error type: what went wrong, in a shape callers can branch on.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::{json, Value};

use crate::http::HttpResponse;
use crate::serde_util::string_enum;
use crate::timestamp;

/// Any failure of the core.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The input was refused before sending, per field.
    #[error("invalid input: {0}")]
    Validation(FieldErrors),
    /// A response body was not what the endpoint promises.
    #[error("could not decode the {status} response: {message}")]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// What did not match.
        message: String,
        /// The first characters of the body.
        excerpt: String,
    },
    /// The configuration is unusable.
    #[error("invalid configuration: {field}: {message}")]
    Config {
        /// The setting at fault (`api_token`, `region`, `base_url`, ...).
        field: String,
        /// Why.
        message: String,
    },
    /// A webhook signature did not verify.
    #[error("webhook signature rejected: {0}")]
    Signature(String),
    /// The request could not be completed over the network (reported by a binding's transport,
    /// after the retries the policy allows).
    #[error("{0}")]
    Transport(Box<TransportError>),
}

/// The kind of an [`Error`], for branching and for bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// [`Error::Api`]
    Api,
    /// [`Error::Validation`]
    Validation,
    /// [`Error::Decode`]
    Decode,
    /// [`Error::Config`]
    Config,
    /// [`Error::Signature`]
    Signature,
    /// [`Error::Transport`]
    Transport,
}

impl ErrorKind {
    /// The kind in snake case (`api`, `validation`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Api => "api",
            ErrorKind::Validation => "validation",
            ErrorKind::Decode => "decode",
            ErrorKind::Config => "config",
            ErrorKind::Signature => "signature",
            ErrorKind::Transport => "transport",
        }
    }
}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(_) => ErrorKind::Api,
            Error::Validation(_) => ErrorKind::Validation,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Config { .. } => ErrorKind::Config,
            Error::Signature(_) => ErrorKind::Signature,
            Error::Transport(_) => ErrorKind::Transport,
        }
    }

    /// The error's class name, the same in every runtime: `ValidationError`, `ConfigError`,
    /// `AuthenticationError` (401), `PermissionError` (403), `NotFoundError` (404), `GoneError`
    /// (410), `UnprocessableError` (422), `RateLimitError` (429), `ServerError` (5xx), `ApiError`
    /// (any other status), `DecodeError`, `SignatureError`, `TransportError`.
    pub fn name(&self) -> &'static str {
        match self {
            Error::Api(api) => api.name(),
            Error::Validation(_) => "ValidationError",
            Error::Decode { .. } => "DecodeError",
            Error::Config { .. } => "ConfigError",
            Error::Signature(_) => "SignatureError",
            Error::Transport(_) => "TransportError",
        }
    }

    /// A transport failure, as a binding's transport reported it.
    pub fn transport(failure: Failure, message: impl Into<String>) -> Error {
        Error::Transport(Box::new(TransportError { failure, message: message.into(), call: None }))
    }

    /// The error with the call it ended (operation, URL, attempts) attached, for API and
    /// transport errors; other kinds are returned as they are.
    pub fn with_call(self, call: CallContext) -> Error {
        match self {
            Error::Api(mut api) => {
                api.call = Some(Box::new(call));
                Error::Api(api)
            }
            Error::Transport(mut transport) => {
                transport.call = Some(Box::new(call));
                Error::Transport(transport)
            }
            other => other,
        }
    }

    /// The call this error ended, when a call driver reported it.
    pub fn call(&self) -> Option<&CallContext> {
        match self {
            Error::Api(api) => api.call.as_deref(),
            Error::Transport(transport) => transport.call.as_deref(),
            _ => None,
        }
    }

    /// A validation error on one field.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Error {
        let mut fields = FieldErrors::new();
        fields.add(field, message);
        Error::Validation(fields)
    }

    /// A configuration error on one setting.
    pub fn config(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Config { field: field.into(), message: message.into() }
    }

    /// A decode error for a response.
    pub fn decode(status: u16, message: impl Into<String>, body: &[u8]) -> Error {
        Error::Decode { status, message: message.into(), excerpt: excerpt(body) }
    }

    /// The per-field messages of a validation error (client or server side).
    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            Error::Validation(fields) => Some(fields),
            Error::Api(api) => Some(&api.fields),
            _ => None,
        }
    }

    /// The HTTP status, for API and decode errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API error, if the server said no.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The error as a JSON object, as the bindings hand it over.
    pub fn to_json(&self) -> Value {
        let mut out = json!({ "kind": self.kind().as_str(), "name": self.name(), "message": self.to_string() });
        let Some(map) = out.as_object_mut() else { return out };
        if let Some(call) = self.call() {
            map.insert("call".into(), call.to_json());
        }
        match self {
            Error::Api(api) => {
                map.insert("status".into(), api.status.into());
                map.insert("type".into(), api.error_type.as_str().into());
                map.insert("api_message".into(), api.message.clone().into());
                map.insert("fields".into(), api.fields.to_json());
                map.insert("id".into(), api.id.clone().into());
                map.insert("request_id".into(), api.request_id.clone().into());
                map.insert("retry_after".into(), api.retry_after.map(RetryAfter::to_json).unwrap_or(Value::Null));
            }
            Error::Validation(fields) => {
                map.insert("fields".into(), fields.to_json());
            }
            Error::Decode { status, excerpt, .. } => {
                map.insert("status".into(), (*status).into());
                map.insert("excerpt".into(), excerpt.clone().into());
            }
            Error::Config { field, .. } => {
                map.insert("field".into(), field.clone().into());
            }
            Error::Signature(_) => {}
            Error::Transport(transport) => {
                map.insert("failure".into(), transport.failure.as_str().into());
            }
        }
        out
    }
}

string_enum! {
    /// The documented `type` of an API error.
    ApiErrorType {
        /// 400: the request is malformed.
        BadRequest => "bad_request",
        /// 401: the API token is wrong.
        AuthorizationError => "authorization_error",
        /// 401: the user lacks permission.
        UserAuthorizationError => "user_authorization_error",
        /// 401: the Web SDK token's referrer does not match.
        BadReferrer => "bad_referrer",
        /// 401: the Web SDK token expired.
        ExpiredToken => "expired_token",
        /// 403: the account is disabled.
        AccountDisabled => "account_disabled",
        /// 403: the trial's limits are reached.
        TrialLimitsReached => "trial_limits_reached",
        /// 404: no such resource.
        ResourceNotFound => "resource_not_found",
        /// 410: deleted or scheduled for deletion.
        Gone => "gone",
        /// 422: see the per-field messages.
        ValidationError => "validation_error",
        /// 422: billing information is missing.
        MissingBillingInfo => "missing_billing_info",
        /// 422: required documents were not uploaded.
        MissingDocuments => "missing_documents",
        /// 422: report names are malformed.
        InvalidReportsNames => "invalid_reports_names",
        /// 422: required id numbers are missing.
        MissingIdNumbers => "missing_id_numbers",
        /// 422: the variant is not allowed for the check type.
        InvalidCheckTypeForVariant => "invalid_check_type_for_variant",
        /// 422: a standard check's facial similarity report needs a document report.
        StandardCheckPhotoFacialSimWithoutDocument => "standard_check_photo_facial_sim_without_document",
        /// 422: applicant data does not meet the reports' requirements.
        FailedCheckRequirements => "failed_check_requirements",
        /// 422: the applicant has ongoing checks.
        IncompleteChecks => "incomplete_checks",
        /// 429: the rate limit is reached.
        RateLimit => "rate_limit",
        /// 500: the server failed.
        InternalServerError => "internal_server_error",
        /// 500 (OCR): the document type was not recognised.
        ClassificationFailure => "classification_failure",
        /// 500 (OCR): no data could be extracted.
        ExtractionFailure => "extraction_failure",
    }
}

/// What the server said when it refused a request.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The documented error type.
    #[serde(rename = "type")]
    pub error_type: ApiErrorType,
    /// The server's human-readable message (may be empty).
    pub message: String,
    /// Per-field messages (validation errors).
    pub fields: FieldErrors,
    /// The server's error id, for support requests.
    pub id: Option<String>,
    /// When to try again (429 and 503 responses).
    pub retry_after: Option<RetryAfter>,
    /// The response's `X-Request-Id`, for support requests.
    pub request_id: Option<String>,
    /// The call that was refused, when a call driver reported it.
    #[serde(skip)]
    pub call: Option<Box<CallContext>>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.call {
            Some(call) => write!(f, "{call} was refused: {} {}", self.status, self.error_type)?,
            None => write!(f, "Onfido API error {} {}", self.status, self.error_type)?,
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message.trim_end_matches('.'))?;
        }
        if !self.fields.is_empty() {
            write!(f, " ({})", self.fields)?;
        }
        let mut notes = Vec::new();
        if let Some(call) = &self.call {
            notes.push(attempts(call.attempts));
        }
        if let Some(id) = &self.request_id {
            notes.push(format!("request id {id}"));
        }
        if !notes.is_empty() {
            write!(f, " [{}]", notes.join("; "))?;
        }
        f.write_str(".")
    }
}

impl ApiError {
    /// Reads the error a non-2xx response carries, whatever its body.
    pub fn from_response(response: &HttpResponse) -> ApiError {
        let envelope = serde_json::from_slice::<Value>(&response.body).ok();
        let error = envelope.as_ref().and_then(|v| v.get("error")).filter(|e| e.is_object());
        let text = |key: &str| error.and_then(|e| e.get(key)).and_then(Value::as_str);
        let error_type = match text("type") {
            Some(t) => ApiErrorType::from(t),
            None => ApiErrorType::for_status(response.status),
        };
        ApiError {
            status: response.status,
            error_type,
            message: text("message").unwrap_or_default().to_owned(),
            fields: error.and_then(|e| e.get("fields")).map(FieldErrors::from_json).unwrap_or_default(),
            id: text("id").map(str::to_owned),
            retry_after: response.header("retry-after").and_then(RetryAfter::parse),
            request_id: response.header("x-request-id").map(printable),
            call: None,
        }
    }

    /// The class name for this status, the same in every runtime (see [`Error::name`]).
    pub fn name(&self) -> &'static str {
        match self.status {
            401 => "AuthenticationError",
            403 => "PermissionError",
            404 => "NotFoundError",
            410 => "GoneError",
            422 => "UnprocessableError",
            429 => "RateLimitError",
            500..=599 => "ServerError",
            _ => "ApiError",
        }
    }
}

/// A header value fit for a message: printable ASCII, at most 128 characters.
fn printable(value: &str) -> String {
    value.chars().filter(char::is_ascii_graphic).take(128).collect()
}

/// `1 attempt`, `3 attempts`.
fn attempts(n: u32) -> String {
    format!("{n} attempt{}", if n == 1 { "" } else { "s" })
}

/// How a transport failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Failure {
    /// The connection could not be opened: nothing was sent.
    Connect,
    /// No answer in time: the server may have acted on the request.
    Timeout,
    /// The connection broke after the request was sent, or the answer was not HTTP.
    Lost,
}

impl Failure {
    /// `connect`, `timeout` or `lost`.
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::Connect => "connect",
            Failure::Timeout => "timeout",
            Failure::Lost => "lost",
        }
    }

    /// Reads `connect`, `timeout`; anything else is `lost`.
    pub fn parse(name: &str) -> Failure {
        match name {
            "connect" => Failure::Connect,
            "timeout" => Failure::Timeout,
            _ => Failure::Lost,
        }
    }
}

/// A request that could not be completed over the network.
#[derive(Clone, Debug, PartialEq)]
pub struct TransportError {
    /// How it failed.
    pub failure: Failure,
    /// What the transport said (never a secret: transports report errors, not requests).
    pub message: String,
    /// The call that failed, when a call driver reported it.
    pub call: Option<Box<CallContext>>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.call {
            Some(call) => write!(f, "{call} ")?,
            None => f.write_str("the request ")?,
        }
        match (self.failure, self.call.as_ref().and_then(|c| c.timeout_ms)) {
            (Failure::Timeout, Some(ms)) => write!(f, "timed out after {ms} ms")?,
            (Failure::Timeout, None) => f.write_str("timed out")?,
            (Failure::Connect, _) => f.write_str("could not connect")?,
            (Failure::Lost, _) => f.write_str("lost its connection")?,
        }
        let message = redact_secrets(self.message.trim_end_matches('.'));
        if !message.is_empty() {
            write!(f, ": {message}")?;
        }
        if let Some(call) = &self.call {
            write!(f, " [{}]", attempts(call.attempts))?;
        }
        f.write_str(".")
    }
}

/// The call an API or transport error ended: what was asked, where, and how many times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallContext {
    /// The operation id (`find_applicant`).
    pub operation: String,
    /// The HTTP method of the last try.
    pub method: crate::http::Method,
    /// The URL of the last try, without user info.
    pub url: String,
    /// Tries made, the first included.
    pub attempts: u32,
    /// The per-try timeout the transport was given, in milliseconds.
    pub timeout_ms: Option<u64>,
}

impl CallContext {
    /// The URL as it may appear in a message: user info dropped, control characters removed.
    pub fn safe_url(url: &str) -> String {
        match url::Url::parse(url) {
            Ok(mut parsed) => {
                let _ = parsed.set_username("");
                let _ = parsed.set_password(None);
                parsed.to_string()
            }
            Err(_) => url.chars().filter(|c| !c.is_control()).collect(),
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "operation": self.operation,
            "method": self.method.as_str(),
            "url": self.url,
            "attempts": self.attempts,
            "timeout_ms": self.timeout_ms,
        })
    }
}

impl fmt::Display for CallContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.method, self.url, self.operation)
    }
}

impl ApiErrorType {
    /// The type implied by a status when the body does not name one.
    pub fn for_status(status: u16) -> ApiErrorType {
        match status {
            400 => ApiErrorType::BadRequest,
            401 => ApiErrorType::AuthorizationError,
            404 => ApiErrorType::ResourceNotFound,
            410 => ApiErrorType::Gone,
            429 => ApiErrorType::RateLimit,
            500 => ApiErrorType::InternalServerError,
            _ => ApiErrorType::Unknown("unknown".into()),
        }
    }
}

/// The `Retry-After` header: a delay or a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryAfter {
    /// Wait this many seconds.
    Seconds(u64),
    /// Wait until this Unix time (seconds).
    At(i64),
}

impl RetryAfter {
    /// Parses delta-seconds or an HTTP date.
    pub fn parse(value: &str) -> Option<RetryAfter> {
        let value = value.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(RetryAfter::Seconds(seconds));
        }
        timestamp::parse_http_date(value).map(RetryAfter::At)
    }

    /// The header as a retry decision reads it: an unparseable value (`1e9`, `-5`, 20 digits,
    /// garbage) is a wait longer than any policy allows, so it ends the retrying instead of
    /// falling back to a backoff the server did not ask for.
    pub fn for_retry(value: &str) -> RetryAfter {
        RetryAfter::parse(value).unwrap_or(RetryAfter::Seconds(u64::MAX))
    }

    /// Seconds to wait from `now` (Unix seconds); never negative.
    pub fn delay_seconds(&self, now: i64) -> u64 {
        match *self {
            RetryAfter::Seconds(s) => s,
            RetryAfter::At(at) => u64::try_from(at.saturating_sub(now)).unwrap_or(0),
        }
    }

    fn to_json(self) -> Value {
        match self {
            RetryAfter::Seconds(s) => json!(s),
            RetryAfter::At(at) => json!({ "at": at }),
        }
    }
}

/// Messages per field, in field order; the shape of both client and server validation errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> Self {
        FieldErrors(BTreeMap::new())
    }

    /// Records a message for a field (once: a repeated message is not added again).
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let (messages, message) = (self.0.entry(field.into()).or_default(), message.into());
        if !messages.contains(&message) {
            messages.push(message);
        }
    }

    /// Whether no field has a message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of fields with messages.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The messages for a field.
    pub fn get(&self, field: &str) -> Option<&[String]> {
        self.0.get(field).map(Vec::as_slice)
    }

    /// Whether a field has a message.
    pub fn contains(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// Fields and their messages.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// `Ok` when empty, else a validation error.
    pub fn into_result(self) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self))
        }
    }

    /// Normalises the server's `fields`, whatever shape arrives.
    ///
    /// `{"f": {"messages": [..]}}`, `{"f": [..]}` and `{"f": "..."}` all become `f → [..]`;
    /// nested objects and lists of objects become dotted and indexed paths.
    pub fn from_json(value: &Value) -> FieldErrors {
        let mut out = FieldErrors::new();
        match value {
            Value::Object(map) => {
                for (field, v) in map {
                    out.collect(field, v);
                }
            }
            Value::Array(items) => {
                for item in items {
                    if let Some(map) = item.as_object() {
                        for (field, v) in map {
                            out.collect(field, v);
                        }
                    } else if let Some(s) = item.as_str() {
                        out.add("base", s);
                    }
                }
            }
            Value::String(s) => out.add("base", s.as_str()),
            _ => {}
        }
        out
    }

    fn collect(&mut self, field: &str, value: &Value) {
        match value {
            Value::String(s) => self.add(field, s.as_str()),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => self.add(field, s.as_str()),
                        Value::Object(_) => self.collect(&format!("{field}[{i}]"), item),
                        Value::Null => {}
                        other => self.add(field, other.to_string()),
                    }
                }
            }
            Value::Object(map) => match map.get("messages") {
                Some(messages) => self.collect(field, messages),
                None => {
                    for (sub, v) in map {
                        self.collect(&format!("{field}.{sub}"), v);
                    }
                }
            },
            Value::Null => {}
            other => self.add(field, other.to_string()),
        }
    }

    fn to_json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (field, messages)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{field}: {}", messages.join(", "))?;
        }
        Ok(())
    }
}

/// The first characters of a body, for error messages.
fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 160;
    let text = redact_secrets(&String::from_utf8_lossy(body));
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// JSON members whose text values are secrets: API and webhook tokens, OAuth secrets.
pub const SECRET_KEYS: [&str; 6] =
    ["token", "api_token", "access_token", "refresh_token", "client_secret", "oauth_server_client_secret"];

/// The text with the string value of every [`SECRET_KEYS`] member replaced by `***`
/// (`"token": "abc"` → `"token": "***"`), whether or not the whole text is valid JSON.
pub fn redact_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let (token, after) = json_string(rest.get(start..).unwrap_or_default());
        out.push_str(token);
        rest = after;
        let name = token.get(1..token.len().saturating_sub(1)).unwrap_or_default();
        let trimmed = rest.trim_start();
        let Some(value) = trimmed.strip_prefix(':').filter(|_| SECRET_KEYS.contains(&name)) else {
            continue;
        };
        let value_text = value.trim_start();
        if !value_text.starts_with('"') {
            continue;
        }
        out.push_str(rest.get(..rest.len() - value_text.len()).unwrap_or_default());
        out.push_str("\"***\"");
        rest = json_string(value_text).1;
    }
    out.push_str(rest);
    out
}

/// Splits `text`, which starts with `"`, after the JSON string it starts (escapes honoured;
/// an unterminated string runs to the end).
fn json_string(text: &str) -> (&str, &str) {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '"' if !escaped => return text.split_at(i + 1),
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    (text, "")
}
