//! The records every transport speaks, and the two foreign traits: `HttpTransport` and `Sleeper`.

use std::fmt;

use onfido_core::Method;

use crate::error::{OnfidoError, TransportError};

/// One header.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeader {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// A request for a transport to send. `toString` (Kotlin) and `description` (Swift) hide the token.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct HttpRequest {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// Header names and values, in order (`Authorization` among them unless token-less).
    pub headers: Vec<HttpHeader>,
    /// The body (empty for none).
    pub body: Vec<u8>,
}

/// A response a transport received.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct HttpResponse {
    /// The status code (100 to 999; anything else is refused as a `TransportError.Other`).
    pub status: i32,
    /// Header names and values, in order.
    pub headers: Vec<HttpHeader>,
    /// The raw body.
    pub body: Vec<u8>,
}

fn redacted(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization") || name.to_ascii_lowercase().contains("token") {
        "***".to_owned()
    } else {
        value.to_owned()
    }
}

impl fmt::Display for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HttpRequest(method={}, url={}, headers=[", self.method, self.url)?;
        for (i, h) in self.headers.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{}: {}", h.name, redacted(&h.name, &h.value))?;
        }
        write!(f, "], body={} bytes)", self.body.len())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HttpResponse(status={}, headers=[", self.status)?;
        for (i, h) in self.headers.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{}: {}", h.name, redacted(&h.name, &h.value))?;
        }
        write!(f, "], body={} bytes)", self.body.len())
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn headers_in(headers: Vec<(String, String)>) -> Vec<HttpHeader> {
    headers.into_iter().map(|(name, value)| HttpHeader { name, value }).collect()
}

fn headers_out(headers: Vec<HttpHeader>) -> Vec<(String, String)> {
    headers.into_iter().map(|h| (h.name, h.value)).collect()
}

impl From<onfido_core::HttpRequest> for HttpRequest {
    fn from(r: onfido_core::HttpRequest) -> Self {
        HttpRequest { method: r.method.as_str().to_owned(), url: r.url, headers: headers_in(r.headers), body: r.body }
    }
}

impl TryFrom<HttpRequest> for onfido_core::HttpRequest {
    type Error = OnfidoError;
    fn try_from(r: HttpRequest) -> Result<Self, OnfidoError> {
        let method =
            Method::parse(&r.method).ok_or_else(|| OnfidoError::validation("method", "is not an API method"))?;
        Ok(onfido_core::HttpRequest { method, url: r.url, headers: headers_out(r.headers), body: r.body })
    }
}

impl From<onfido_core::HttpResponse> for HttpResponse {
    fn from(r: onfido_core::HttpResponse) -> Self {
        HttpResponse { status: i32::from(r.status), headers: headers_in(r.headers), body: r.body }
    }
}

impl TryFrom<HttpResponse> for onfido_core::HttpResponse {
    type Error = TransportError;
    /// A status a transport could not have received (negative, or past 999) is refused.
    fn try_from(r: HttpResponse) -> Result<Self, TransportError> {
        let status = u16::try_from(r.status)
            .ok()
            .filter(|s| (100..1000).contains(s))
            .ok_or_else(|| TransportError::Other { reason: format!("the transport answered status {}", r.status) })?;
        Ok(onfido_core::HttpResponse { status, headers: headers_out(r.headers), body: r.body })
    }
}

/// Sends one request and returns the response, whatever its status (4xx and 5xx are responses,
/// not failures). Implemented in Kotlin (`HttpURLConnectionTransport`, or OkHttp, Ktor...) and Swift
/// (`URLSessionTransport`); failures are thrown as `TransportException` (Kotlin) / `TransportError`
/// (Swift) to tell connect failures and timeouts apart; anything else thrown becomes `Other`.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait HttpTransport: Send + Sync {
    /// Sends the request.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

/// Waits between retries without blocking a thread (Kotlin `delay`, Swift `Task.sleep`).
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait Sleeper: Send + Sync {
    /// Returns after `millis` milliseconds (never negative).
    async fn sleep(&self, millis: i64) -> Result<(), TransportError>;
}
