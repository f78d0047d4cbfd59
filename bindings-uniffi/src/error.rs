//! `OnfidoError` (Kotlin `OnfidoException`): one error type for every failure, as the other bindings have.

use std::collections::HashMap;

use onfido_core::error::RetryAfter;
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

/// Any failure of the client (Kotlin `OnfidoException`, Swift `OnfidoError`).
///
/// Fields hold no token: configurations and requests never enter an error.
/// `toString` (Kotlin) and `description` (Swift) read as a sentence (`Onfido API error 404
/// resource_not_found: …`), the `Display` below.
#[derive(Clone, Debug, PartialEq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum OnfidoError {
    /// The server answered with an error.
    #[error("Onfido API error {status} {error_type}: {api_message}")]
    Api {
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
        /// Seconds to wait (`Retry-After` of 429 and 503 answers), from now.
        retry_after_seconds: Option<i64>,
    },
    /// The input was refused before sending, per field (the shape of the server's 422).
    #[error("{reason}")]
    Validation {
        /// Messages per field (`first_name`, `reports[0].name`, `file`, ...).
        fields: HashMap<String, Vec<String>>,
        /// The whole error as text.
        reason: String,
    },
    /// A response body was not what the endpoint promises.
    #[error("could not decode the {status} response: {reason}")]
    Decode {
        /// The HTTP status of the response (0 when there was none).
        status: i32,
        /// What did not match.
        reason: String,
        /// The first characters of the body.
        excerpt: String,
    },
    /// The configuration is unusable (token, region, base URL, version).
    #[error("invalid configuration: {field}: {reason}")]
    Config {
        /// The setting at fault (`api_token`, `region`, `base_url`, ...).
        field: String,
        /// Why.
        reason: String,
    },
    /// A webhook signature did not verify.
    #[error("webhook signature rejected: {reason}")]
    Signature {
        /// Why.
        reason: String,
    },
    /// The transport failed (after the retries the policy allows).
    #[error("transport failure ({failure:?}): {reason}")]
    Transport {
        /// How it failed.
        failure: TransportFailure,
        /// What the transport said.
        reason: String,
    },
}

/// Messages per field as a map.
pub fn field_map(fields: &FieldErrors) -> HashMap<String, Vec<String>> {
    fields.iter().map(|(field, messages)| (field.to_owned(), messages.to_vec())).collect()
}

/// Seconds until unix time `now` passes a `Retry-After`.
fn retry_after_seconds(retry_after: Option<RetryAfter>) -> Option<i64> {
    retry_after.map(|r| i64::try_from(r.delay_seconds(crate::timer::unix_now())).unwrap_or(i64::MAX))
}

impl From<Error> for OnfidoError {
    fn from(error: Error) -> Self {
        match error {
            Error::Api(api) => OnfidoError::Api {
                status: i32::from(api.status),
                error_type: api.error_type.as_str().to_owned(),
                api_message: api.message.clone(),
                fields: field_map(&api.fields),
                error_id: api.id.clone(),
                retry_after_seconds: retry_after_seconds(api.retry_after),
            },
            Error::Validation(ref fields) => {
                OnfidoError::Validation { fields: field_map(fields), reason: error.to_string() }
            }
            Error::Decode { status, message, excerpt } => {
                OnfidoError::Decode { status: i32::from(status), reason: message, excerpt }
            }
            Error::Config { field, message } => OnfidoError::Config { field, reason: message },
            Error::Signature(message) => OnfidoError::Signature { reason: message },
            other => OnfidoError::Decode { status: 0, reason: other.to_string(), excerpt: String::new() },
        }
    }
}

impl From<TransportError> for OnfidoError {
    fn from(error: TransportError) -> Self {
        OnfidoError::Transport { failure: error.failure(), reason: error.reason().to_owned() }
    }
}

impl OnfidoError {
    /// A validation error on one field.
    pub fn validation(field: &str, message: &str) -> OnfidoError {
        Error::validation(field, message).into()
    }
}
