//! The offline sandbox in process: the whole v2 API simulated in memory, as an `HttpTransport`.

use std::sync::{Arc, Mutex};

use onfido_core::multipart::Form;
use onfido_sandbox::{Sandbox, SandboxOptions};

use crate::error::{OnfidoError, TransportError};
use crate::http::{HttpHeader, HttpRequest, HttpResponse, HttpTransport};
use crate::timer::unix_now;

/// An in-process sandbox: pass `transport()` to `OnfidoClient` to run offline, no server, no network.
/// Any `test_…` token is accepted.
#[derive(uniffi::Object)]
pub struct SandboxTransport {
    sandbox: Mutex<Sandbox>,
}

impl std::fmt::Debug for SandboxTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SandboxTransport")
    }
}

#[uniffi::export]
impl SandboxTransport {
    /// A fresh sandbox; `base_url` is the origin its hrefs point to, `rate_limit` the requests a
    /// minute before 429s (none by default).
    #[uniffi::constructor(default(base_url = None, rate_limit = None))]
    pub fn new(base_url: Option<String>, rate_limit: Option<i32>) -> Arc<Self> {
        // A negative limit is no limit.
        let rate_limit = rate_limit.and_then(|n| u32::try_from(n).ok());
        let mut options = SandboxOptions { rate_limit, ..SandboxOptions::default() };
        if let Some(base_url) = base_url {
            options.base_url = base_url;
        }
        Arc::new(SandboxTransport { sandbox: Mutex::new(Sandbox::new(options)) })
    }

    /// This sandbox as a transport for `OnfidoClient`.
    pub fn transport(self: Arc<Self>) -> Arc<dyn HttpTransport> {
        self
    }

    /// Answers one request now.
    pub fn handle(&self, request: HttpRequest) -> Result<HttpResponse, OnfidoError> {
        let request = onfido_core::HttpRequest::try_from(request)?;
        let mut sandbox = self
            .sandbox
            .lock()
            .map_err(|_| OnfidoError::from(TransportError::Other { reason: "the sandbox failed".to_owned() }))?;
        Ok(sandbox.handle(&request, unix_now()).into())
    }

    /// The signed webhook notifications produced since the last call, ready to POST.
    pub fn take_webhook_deliveries(&self) -> Vec<HttpRequest> {
        let deliveries = self.sandbox.lock().map(|mut s| s.take_webhook_deliveries()).unwrap_or_default();
        deliveries.into_iter().map(Into::into).collect()
    }
}

#[async_trait::async_trait]
impl HttpTransport for SandboxTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.handle(request).map_err(|e| TransportError::Other { reason: e.to_string() })
    }
}

/// The sandbox's `POST {origin}/v2/live_videos` (a simulator extension: videos normally come from
/// the mobile SDKs), as a request to send with any transport.
#[uniffi::export]
pub fn sandbox_live_video_request(
    origin: String,
    api_token: String,
    applicant_id: String,
    filename: String,
    content: Vec<u8>,
) -> HttpRequest {
    let (content_type, body) =
        Form::new().text("applicant_id", applicant_id).file("file", &filename, "video/mp4", content).finish();
    HttpRequest {
        method: "POST".to_owned(),
        url: format!("{}/v2/live_videos", origin.trim_end_matches('/')),
        headers: vec![
            HttpHeader { name: "Authorization".to_owned(), value: format!("Token token={api_token}") },
            HttpHeader { name: "Content-Type".to_owned(), value: content_type },
        ],
        body,
    }
}
