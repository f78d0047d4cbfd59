//! `OnfidoError` (Kotlin `OnfidoException`): one error type for every failure, as the other bindings have.

use std::collections::HashMap;

use std::fmt;

use onfido_core::error::{CallContext, Failure, RetryAfter};
use onfido_core::{Error, FieldErrors};

/// How a transport failed, for retry decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TransportFailure {
    /// The connection could not be opened: nothing was sent (always safe to retry).
    Connect,
    /// No answer in time: the server may have acted (retried only when idempotent).
    Timeout,
    /// The connection broke after sending (retried only when idempotent).
    Lost,
    /// Anything else the transport threw (never retried).
    Other,
}

/// What a foreign transport throws (Kotlin `TransportException`); any other exception it throws
/// arrives as `Other` with the exception's text. `toString` / `description`: `timed out: …`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum TransportError {
    /// The connection could not be opened.
    #[error("could not connect: {reason}")]
    Connect {
        /// What the transport saw.
        reason: String,
    },
    /// No answer in time.
    #[error("timed out: {reason}")]
    Timeout {
        /// What the transport saw.
        reason: String,
    },
    /// The connection broke after the request was sent.
    #[error("connection lost: {reason}")]
    Lost {
        /// What the transport saw.
        reason: String,
    },
    /// Any other failure of the transport.
    #[error("the transport failed: {reason}")]
    Other {
        /// What the transport saw.
        reason: String,
    },
}

impl TransportError {
    /// The failure's kind.
    pub fn failure(&self) -> TransportFailure {
        match self {
            TransportError::Connect { .. } => TransportFailure::Connect,
            TransportError::Timeout { .. } => TransportFailure::Timeout,
            TransportError::Lost { .. } => TransportFailure::Lost,
            TransportError::Other { .. } => TransportFailure::Other,
        }
    }

    /// What the transport said.
    pub fn reason(&self) -> &str {
        match self {
            TransportError::Connect { reason }
            | TransportError::Timeout { reason }
            | TransportError::Lost { reason }
            | TransportError::Other { reason } => reason,
        }
    }
}

/// A foreign exception that is not a `TransportException` (an `IOException` in a custom transport,
/// a `RuntimeException`, ...): never a panic, always a typed transport failure.
impl From<uniffi::UnexpectedUniFFICallbackError> for TransportError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        TransportError::Other { reason: error.reason }
    }
}

/// Declares `OnfidoError` with one variant per API error class (the core's `Error::name()`),
/// each with the same fields, beside the variants of the other kinds.
macro_rules! onfido_error {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)+) => {
        /// Any failure of the client (Kotlin `OnfidoException`, Swift `OnfidoError`), one variant per
        /// error class every runtime names the same (`NotFoundError` is `OnfidoException.NotFound`).
        ///
        /// Fields hold no token: configurations and requests never enter an error.
        /// `toString` (Kotlin) and `description` (Swift) read as a sentence (`GET https://… (find_applicant)
        /// was refused: 404 resource_not_found: … [1 attempt; request id …].`), the `Display` below;
        /// Kotlin's `message` lists the fields, as uniffi generates it.
        #[derive(Clone, Debug, PartialEq, uniffi::Error)]
        #[uniffi::export(Display)]
        pub enum OnfidoError {
            $(
                $(#[$doc])*
                $variant {
                    /// The HTTP status.
                    status: i32,
                    /// The documented `type` (`validation_error`, `gone`, ...; unknown types as sent).
                    error_type: String,
                    /// The server's message (may be empty).
                    api_message: String,
                    /// Messages per field (422 validation errors), whatever shape the server used.
                    fields: HashMap<String, Vec<String>>,
                    /// The server's error id, for support requests.
                    error_id: Option<String>,
                    /// The response's `X-Request-Id`, for support requests.
                    request_id: Option<String>,
                    /// Seconds to wait (`Retry-After` of 429 and 503 answers), from now.
                    retry_after_seconds: Option<i64>,
                    /// The operation id (`find_applicant`), when the client made the call.
                    operation: Option<String>,
                    /// The HTTP method of the last try.
                    method: Option<String>,
                    /// The URL of the last try.
                    url: Option<String>,
                    /// Tries made, the first included (0 when no call was made).
                    attempts: i32,
                },
            )+
            /// The input was refused before sending, per field (the shape of the server's 422).
            Validation {
                /// Messages per field (`first_name`, `reports[0].name`, `file`, ...).
                fields: HashMap<String, Vec<String>>,
                /// The whole error as text.
                reason: String,
            },
            /// A response body was not what the endpoint promises.
            Decode {
                /// The HTTP status of the response (0 when there was none).
                status: i32,
                /// What did not match.
                reason: String,
                /// The first characters of the body.
                excerpt: String,
            },
            /// The configuration is unusable (token, region, base URL, version).
            Config {
                /// The setting at fault (`api_token`, `region`, `base_url`, ...).
                field: String,
                /// Why.
                reason: String,
            },
            /// A webhook signature did not verify.
            Signature {
                /// Why.
                reason: String,
            },
            /// The request could not be completed over the network (after the retries the policy allows).
            Transport {
                /// How it failed.
                failure: TransportFailure,
                /// What the transport said.
                reason: String,
                /// The operation id, when the client made the call.
                operation: Option<String>,
                /// The HTTP method of the last try.
                method: Option<String>,
                /// The URL of the last try.
                url: Option<String>,
                /// Tries made, the first included (0 when no call was made).
                attempts: i32,
                /// The per-try timeout the last try had, in milliseconds.
                timeout_ms: Option<i64>,
            },
        }

        impl OnfidoError {
            /// The error's class name, the same in every runtime (`NotFoundError`, `TransportError`, ...).
            pub fn name(&self) -> &'static str {
                match self {
                    $(OnfidoError::$variant { .. } => $name,)+
                    OnfidoError::Validation { .. } => "ValidationError",
                    OnfidoError::Decode { .. } => "DecodeError",
                    OnfidoError::Config { .. } => "ConfigError",
                    OnfidoError::Signature { .. } => "SignatureError",
                    OnfidoError::Transport { .. } => "TransportError",
                }
            }

            /// The API error's fields, for any of the API variants.
            fn api_parts(&self) -> Option<ApiParts<'_>> {
                match self {
                    $(OnfidoError::$variant {
                        status, error_type, api_message, fields, request_id, operation, method, url, attempts, ..
                    } => Some(ApiParts { status: *status, error_type, api_message, fields, request_id, operation, method, url, attempts: *attempts }),)+
                    _ => None,
                }
            }

            /// The API variant of a class name (`ApiError::name`), with its fields.
            fn api(name: &str, status: u16, fields: ApiFields) -> OnfidoError {
                let ApiFields { error_type, api_message, fields, error_id, request_id, retry_after_seconds, operation, method, url, attempts } = fields;
                let status_i32 = i32::from(status);
                match name {
                    $($name => OnfidoError::$variant {
                        status: status_i32, error_type, api_message, fields, error_id, request_id, retry_after_seconds, operation, method, url, attempts,
                    },)+
                    _ => OnfidoError::Api {
                        status: status_i32, error_type, api_message, fields, error_id, request_id, retry_after_seconds, operation, method, url, attempts,
                    },
                }
            }
        }
    };
}

onfido_error! {
    /// 401: the token is wrong, revoked, or not allowed here (`AuthenticationError`).
    Authentication => "AuthenticationError",
    /// 403: the account may not do this (`PermissionError`).
    Permission => "PermissionError",
    /// 404: no such resource (`NotFoundError`).
    NotFound => "NotFoundError",
    /// 410: deleted, or scheduled for deletion (`GoneError`).
    Gone => "GoneError",
    /// 422: the server refused the input; see `fields` (`UnprocessableError`).
    Unprocessable => "UnprocessableError",
    /// 429: the rate limit is reached; see `retryAfterSeconds` (`RateLimitError`).
    RateLimit => "RateLimitError",
    /// 5xx: the server failed (`ServerError`).
    Server => "ServerError",
    /// Any other error status (`ApiError`).
    Api => "ApiError",
}

struct ApiFields {
    error_type: String,
    api_message: String,
    fields: HashMap<String, Vec<String>>,
    error_id: Option<String>,
    request_id: Option<String>,
    retry_after_seconds: Option<i64>,
    operation: Option<String>,
    method: Option<String>,
    url: Option<String>,
    attempts: i32,
}

struct ApiParts<'a> {
    status: i32,
    error_type: &'a str,
    api_message: &'a str,
    fields: &'a HashMap<String, Vec<String>>,
    request_id: &'a Option<String>,
    operation: &'a Option<String>,
    method: &'a Option<String>,
    url: &'a Option<String>,
    attempts: i32,
}

impl std::error::Error for OnfidoError {}

/// `1 attempt`, `3 attempts`.
fn attempts_text(n: i32) -> String {
    format!("{n} attempt{}", if n == 1 { "" } else { "s" })
}

/// `GET https://… (find_applicant)`, or `the request` without a call.
fn call_text(operation: &Option<String>, method: &Option<String>, url: &Option<String>) -> Option<String> {
    match (operation, method, url) {
        (Some(operation), Some(method), Some(url)) => Some(format!("{method} {url} ({operation})")),
        (Some(operation), _, _) => Some(format!("the call of {operation}")),
        _ => None,
    }
}

impl fmt::Display for OnfidoError {
    /// The core's sentences: what was asked, what went wrong, how many tries, the request id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(api) = self.api_parts() {
            match call_text(api.operation, api.method, api.url) {
                Some(call) => write!(f, "{call} was refused: {} {}", api.status, api.error_type)?,
                None => write!(f, "Onfido API error {} {}", api.status, api.error_type)?,
            }
            let message = api.api_message.trim_end_matches('.');
            if !message.is_empty() {
                write!(f, ": {message}")?;
            }
            if !api.fields.is_empty() {
                let mut fields: Vec<_> = api.fields.iter().collect();
                fields.sort();
                let text: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {}", v.join(", "))).collect();
                write!(f, " ({})", text.join("; "))?;
            }
            let mut notes = Vec::new();
            if api.operation.is_some() {
                notes.push(attempts_text(api.attempts));
            }
            if let Some(id) = api.request_id {
                notes.push(format!("request id {id}"));
            }
            if !notes.is_empty() {
                write!(f, " [{}]", notes.join("; "))?;
            }
            return f.write_str(".");
        }
        match self {
            OnfidoError::Validation { reason, .. } => f.write_str(reason),
            OnfidoError::Decode { status, reason, .. } => write!(f, "could not decode the {status} response: {reason}"),
            OnfidoError::Config { field, reason } => write!(f, "invalid configuration: {field}: {reason}"),
            OnfidoError::Signature { reason } => write!(f, "webhook signature rejected: {reason}"),
            OnfidoError::Transport { failure, reason, operation, method, url, attempts, timeout_ms } => {
                match call_text(operation, method, url) {
                    Some(call) => write!(f, "{call} ")?,
                    None => f.write_str("the request ")?,
                }
                match (failure, timeout_ms) {
                    (TransportFailure::Timeout, Some(ms)) => write!(f, "timed out after {ms} ms")?,
                    (TransportFailure::Timeout, None) => f.write_str("timed out")?,
                    (TransportFailure::Connect, _) => f.write_str("could not connect")?,
                    (TransportFailure::Lost, _) => f.write_str("lost its connection")?,
                    (TransportFailure::Other, _) => f.write_str("failed in the transport")?,
                }
                let reason = onfido_core::error::redact_secrets(reason.trim_end_matches('.'));
                if !reason.is_empty() {
                    write!(f, ": {reason}")?;
                }
                if operation.is_some() {
                    write!(f, " [{}]", attempts_text(*attempts))?;
                }
                f.write_str(".")
            }
            _ => Ok(()),
        }
    }
}

/// Messages per field as a map.
pub fn field_map(fields: &FieldErrors) -> HashMap<String, Vec<String>> {
    fields.iter().map(|(field, messages)| (field.to_owned(), messages.to_vec())).collect()
}

/// Seconds until unix time `now` passes a `Retry-After`.
fn retry_after_seconds(retry_after: Option<RetryAfter>) -> Option<i64> {
    retry_after.map(|r| i64::try_from(r.delay_seconds(crate::timer::unix_now())).unwrap_or(i64::MAX))
}

/// The call's operation, method, URL and tries, as optional fields.
fn call_fields(call: Option<&CallContext>) -> (Option<String>, Option<String>, Option<String>, i32) {
    match call {
        Some(call) => (
            Some(call.operation.clone()),
            Some(call.method.as_str().to_owned()),
            Some(call.url.clone()),
            i32::try_from(call.attempts).unwrap_or(i32::MAX),
        ),
        None => (None, None, None, 0),
    }
}

impl From<Error> for OnfidoError {
    fn from(error: Error) -> Self {
        let (operation, method, url, attempts) = call_fields(error.call());
        match error {
            Error::Api(api) => OnfidoError::api(
                api.name(),
                api.status,
                ApiFields {
                    error_type: api.error_type.as_str().to_owned(),
                    api_message: api.message.clone(),
                    fields: field_map(&api.fields),
                    error_id: api.id.clone(),
                    request_id: api.request_id.clone(),
                    retry_after_seconds: retry_after_seconds(api.retry_after),
                    operation,
                    method,
                    url,
                    attempts,
                },
            ),
            Error::Validation(ref fields) => {
                OnfidoError::Validation { fields: field_map(fields), reason: error.to_string() }
            }
            Error::Decode { status, message, excerpt } => {
                OnfidoError::Decode { status: i32::from(status), reason: message, excerpt }
            }
            Error::Config { field, message } => OnfidoError::Config { field, reason: message },
            Error::Signature(message) => OnfidoError::Signature { reason: message },
            Error::Transport(transport) => OnfidoError::Transport {
                failure: match transport.failure {
                    Failure::Connect => TransportFailure::Connect,
                    Failure::Timeout => TransportFailure::Timeout,
                    Failure::Lost => TransportFailure::Lost,
                },
                reason: transport.message.clone(),
                operation,
                method,
                url,
                attempts,
                timeout_ms: transport
                    .call
                    .as_ref()
                    .and_then(|c| c.timeout_ms)
                    .map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)),
            },
            other => OnfidoError::Decode { status: 0, reason: other.to_string(), excerpt: String::new() },
        }
    }
}

impl From<TransportError> for OnfidoError {
    /// A transport failure outside a call (the in-process sandbox, a sleeper).
    fn from(error: TransportError) -> Self {
        OnfidoError::Transport {
            failure: error.failure(),
            reason: error.reason().to_owned(),
            operation: None,
            method: None,
            url: None,
            attempts: 0,
            timeout_ms: None,
        }
    }
}

impl OnfidoError {
    /// A validation error on one field.
    pub fn validation(field: &str, message: &str) -> OnfidoError {
        Error::validation(field, message).into()
    }

    /// A transport failure of a call's try that the core does not decide on (a foreign exception
    /// that is not a `TransportException`, a status no response has): never retried.
    pub fn transport_other(reason: String, operation: &str, method: &str, url: &str, attempts: u32) -> OnfidoError {
        OnfidoError::Transport {
            failure: TransportFailure::Other,
            reason,
            operation: Some(operation.to_owned()),
            method: Some(method.to_owned()).filter(|m| !m.is_empty()),
            url: Some(CallContext::safe_url(url)).filter(|u| !u.is_empty()),
            attempts: i32::try_from(attempts).unwrap_or(i32::MAX),
            timeout_ms: None,
        }
    }

    /// The status of an API or decode error.
    pub fn status(&self) -> Option<i32> {
        match self {
            OnfidoError::Decode { status, .. } => Some(*status),
            other => other.api_parts().map(|api| api.status),
        }
    }
}
