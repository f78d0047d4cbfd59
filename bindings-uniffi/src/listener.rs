//! `CallListener`: what a client does, one event at a time, for logging (secrets never shown).

use std::fmt;

use crate::http::HttpHeader;

/// One thing a call did. `toString` (Kotlin) / `description` (Swift) is one log line; the
/// `Authorization` header (and any header naming a token) is `***` in `headers`.
#[derive(Clone, Debug, PartialEq, uniffi::Enum)]
#[uniffi::export(Display)]
pub enum CallEvent {
    /// A request is handed to the transport.
    RequestSent {
        /// The operation id (`find_applicant`).
        operation: String,
        /// `call` (the operation), `token` (an OAuth token) or `redirect` (a download's redirect).
        purpose: String,
        /// Which try of this request, from 1.
        attempt: i32,
        /// The HTTP method.
        method: String,
        /// The URL.
        url: String,
        /// The headers, `Authorization` redacted.
        headers: Vec<HttpHeader>,
        /// The body's size in bytes.
        body_size: i64,
    },
    /// The transport answered.
    ResponseReceived {
        /// The operation id.
        operation: String,
        /// `call`, `token` or `redirect`.
        purpose: String,
        /// Which try, from 1.
        attempt: i32,
        /// The status.
        status: i32,
        /// The response's `X-Request-Id`.
        request_id: Option<String>,
        /// Milliseconds from sending to the answer.
        elapsed_ms: i64,
    },
    /// The transport failed this try (the call may try again).
    SendFailed {
        /// The operation id.
        operation: String,
        /// Which try, from 1.
        attempt: i32,
        /// How it failed (`connect`, `timeout`, `lost`, `other`).
        failure: String,
        /// What the transport said.
        reason: String,
    },
    /// The call waits before its next request.
    Waiting {
        /// The operation id.
        operation: String,
        /// `retry` (a backoff or `Retry-After`) or `pacing` (the rate limit).
        reason: String,
        /// How long, in milliseconds.
        ms: i64,
    },
    /// The call ended with an error.
    Failed {
        /// The operation id.
        operation: String,
        /// The error's class name (`NotFoundError`).
        name: String,
        /// The error's sentence.
        message: String,
    },
}

impl fmt::Display for CallEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallEvent::RequestSent { operation, purpose, attempt, method, url, headers, body_size } => {
                write!(
                    f,
                    "{operation}: sending {method} {url} ({purpose}, try {attempt}, {body_size} bytes; headers:"
                )?;
                for h in headers {
                    write!(f, " {}: {};", h.name, h.value)?;
                }
                f.write_str(")")
            }
            CallEvent::ResponseReceived { operation, purpose, attempt, status, request_id, elapsed_ms } => {
                write!(f, "{operation}: {status} after {elapsed_ms} ms ({purpose}, try {attempt}")?;
                if let Some(id) = request_id {
                    write!(f, ", request id {id}")?;
                }
                f.write_str(")")
            }
            CallEvent::SendFailed { operation, attempt, failure, reason } => {
                write!(f, "{operation}: try {attempt} failed ({failure}): {reason}")
            }
            CallEvent::Waiting { operation, reason, ms } => write!(f, "{operation}: waiting {ms} ms ({reason})"),
            CallEvent::Failed { operation, name, message } => write!(f, "{operation}: {name}: {message}"),
        }
    }
}

/// What a listener throws; ignored: a listener never changes a call's outcome.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ListenerError {
    /// Anything the listener threw.
    #[error("the listener failed: {reason}")]
    Failed {
        /// What it said.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ListenerError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ListenerError::Failed { reason: error.reason }
    }
}

/// Hears every event of a client's calls (Kotlin: `client.setListener(callListener { println(it) })`).
/// Called on the thread driving the call: return quickly; what it throws is ignored.
#[uniffi::export(with_foreign)]
pub trait CallListener: Send + Sync {
    /// One event.
    fn on_event(&self, event: CallEvent) -> Result<(), ListenerError>;
}

/// A header as a listener may see it: `Authorization` and token headers as `***`.
pub fn shown_header(name: &str, value: &str) -> HttpHeader {
    let secret = name.eq_ignore_ascii_case("authorization") || name.to_ascii_lowercase().contains("token");
    HttpHeader { name: name.to_owned(), value: if secret { "***".to_owned() } else { value.to_owned() } }
}
