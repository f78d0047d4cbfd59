//! `OnfidoClient`: the core's call driver (build, retries, pacing, redirects, pagination, parse)
//! with the foreign transport sending and the sleeper waiting. Every operation is a method of a
//! generated resource (`client.applicants.find(id)`, `client.v2.applicants.retrieve(id)`: `crate::v3`,
//! `crate::v2`); `request` runs any operation by id with JSON in and out.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::task::Poll;
use std::time::Instant;

use onfido_core::call::{Answer, Call, Now, Purpose, Session, Step};
use onfido_core::{Config, Failure};

use crate::config::{CallOptions, ClientConfig};
use crate::error::{OnfidoError, TransportError};
use crate::http::{HttpRequest, HttpResponse, HttpTransport, Sleeper};
use crate::listener::{shown_header, CallEvent, CallListener};
use crate::timer::{jitter, monotonic_ms, unix_now, ThreadSleep};

/// An Onfido API client. Thread-safe; share one per configuration.
///
/// Every method suspends (Kotlin) / is `async` (Swift) while the transport works; no thread is blocked
/// by the client itself. The core's call driver decides everything: retries follow `ClientConfig.retry`
/// (on by default), pacing `ClientConfig.pace`, each try is bounded by `ClientConfig.timeoutMs` (or a
/// call's `CallOptions.timeoutMs`; 30 s by default); the waits go through the `Sleeper`.
#[derive(uniffi::Object)]
pub struct OnfidoClient {
    config: Config,
    /// The core's session (retry policy, pacer, OAuth token): locked per event, never across an await.
    session: Mutex<Session>,
    transport: Arc<dyn HttpTransport>,
    sleeper: Option<Arc<dyn Sleeper>>,
    listener: RwLock<Option<Arc<dyn CallListener>>>,
    /// The origin of the monotonic clock handed to the core.
    origin: Instant,
}

impl std::fmt::Debug for OnfidoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnfidoClient").field("config", &self.config).finish_non_exhaustive()
    }
}

/// A page of a listing by operation id: the answer as JSON and the next page's input.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct JsonPage {
    /// The answer, as `request` gives it.
    pub json: String,
    /// The input of the next page (for `requestPage`), `null` on the last page.
    pub next_input_json: Option<String>,
}

#[uniffi::export]
impl OnfidoClient {
    /// A client sending through `transport`; waits (retries, pacing, timeouts) go through `sleeper`
    /// (without one, a helper thread times the wait).
    #[uniffi::constructor(default(sleeper = None))]
    pub fn new(
        config: ClientConfig,
        transport: Arc<dyn HttpTransport>,
        sleeper: Option<Arc<dyn Sleeper>>,
    ) -> Result<Arc<Self>, OnfidoError> {
        let retry = config.retry_policy()?;
        let core = config.to_core()?;
        let mut session = Session::new(core.clone()).with_retry(retry).with_pacing(config.pace.unwrap_or(false));
        if let Some(ms) = config.timeout_ms.and_then(|ms| u64::try_from(ms).ok()) {
            session = session.with_timeout_ms(ms);
        }
        Ok(Arc::new(OnfidoClient {
            config: core,
            session: Mutex::new(session),
            transport,
            sleeper,
            listener: RwLock::new(None),
            origin: Instant::now(),
        }))
    }

    /// Hears every request, response, wait and error of this client's calls (`null` to stop).
    pub fn set_listener(&self, listener: Option<Arc<dyn CallListener>>) {
        if let Ok(mut slot) = self.listener.write() {
            *slot = listener;
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.config.base_url().to_string()
    }

    /// `sandbox` or `live` from the token's prefix (`None` without a token or for an unknown prefix).
    pub fn environment(&self) -> Option<String> {
        self.config.environment().map(|e| match e {
            onfido_core::Environment::Sandbox => "sandbox".to_owned(),
            onfido_core::Environment::Live => "live".to_owned(),
        })
    }

    /// Any operation by id of the configured version with the API's JSON in and out (lists as
    /// the API's wrapper object or array, downloads as `{content_type, filename, size, sha256,
    /// content_base64}`, 204 as `{}`).
    #[uniffi::method(default(options = None))]
    pub async fn request(
        &self,
        operation: String,
        input_json: String,
        options: Option<CallOptions>,
    ) -> Result<String, OnfidoError> {
        Ok(self.request_page(operation, input_json, options).await?.json)
    }

    /// Like `request`, with the next page's input for listings (`null` on the last page and for
    /// other operations): the core reads the `Link` header and rebuilds the request from the config.
    #[uniffi::method(default(options = None))]
    pub async fn request_page(
        &self,
        operation: String,
        input_json: String,
        options: Option<CallOptions>,
    ) -> Result<JsonPage, OnfidoError> {
        let input = onfido_core::dynamic::from_json::<serde_json::Value>(input_json.as_bytes(), "input")?;
        let answer = self.call_by_id(&operation, &input, options).await?;
        let next_input_json = answer.next_input.as_ref().map(|v| v.to_string());
        Ok(JsonPage { json: answer.parse()?.to_string(), next_input_json })
    }
}

impl OnfidoClient {
    /// An operation of the configured version by id with its JSON input, checked and built by
    /// the core, through the driver.
    pub(crate) async fn call_by_id(
        &self,
        operation: &str,
        input: &serde_json::Value,
        options: Option<CallOptions>,
    ) -> Result<Answer, OnfidoError> {
        let call = {
            let session = self.session()?;
            Call::new(&session, operation, input, unix_now())?
        };
        self.drive(with_options(call, options)?).await
    }

    /// The configured API version.
    pub(crate) fn api_version(&self) -> onfido_core::ApiVersion {
        self.config.api_version()
    }

    fn session(&self) -> Result<MutexGuard<'_, Session>, OnfidoError> {
        self.session.lock().map_err(|_| OnfidoError::Config {
            field: "client".to_owned(),
            reason: "a call panicked while holding the client's session; make a new client".to_owned(),
        })
    }

    fn now(&self) -> Now {
        Now { unix: unix_now(), monotonic_ms: monotonic_ms(self.origin), jitter: jitter() }
    }

    fn emit(&self, event: impl FnOnce() -> CallEvent) {
        let listener = self.listener.read().ok().and_then(|l| l.clone());
        if let Some(listener) = listener {
            // What a listener throws is its own business.
            let _ = listener.on_event(event());
        }
    }

    /// The call driver: does what the core's `Step` says (send through the transport, sleep
    /// through the sleeper) until the call is done. The session is locked for each event only.
    /// The answer holds the final response, for the JSON reading (or a download).
    async fn drive(&self, mut call: Call) -> Result<Answer, OnfidoError> {
        let mut step = {
            let mut session = self.session()?;
            call.start(&mut session, self.now())
        };
        let mut sent: u32 = 0;
        let operation = call.operation().to_owned();
        loop {
            step = match step {
                Step::Send(send) => {
                    sent = sent.saturating_add(1);
                    let attempt = i32::try_from(send.attempt).unwrap_or(i32::MAX);
                    let purpose = purpose_name(send.purpose);
                    let (method, url) = (send.request.method.as_str().to_owned(), send.request.url.clone());
                    self.emit(|| CallEvent::RequestSent {
                        operation: operation.clone(),
                        purpose: purpose.to_owned(),
                        attempt,
                        method: method.clone(),
                        url: url.clone(),
                        headers: send.request.headers.iter().map(|(n, v)| shown_header(n, v)).collect(),
                        body_size: i64::try_from(send.request.body.len()).unwrap_or(i64::MAX),
                    });
                    let started = Instant::now();
                    let outcome = self.send(HttpRequest::from(send.request), send.timeout_ms).await;
                    let fed = match outcome {
                        Ok(response) => match onfido_core::HttpResponse::try_from(response) {
                            Ok(response) => {
                                self.emit(|| CallEvent::ResponseReceived {
                                    operation: operation.clone(),
                                    purpose: purpose.to_owned(),
                                    attempt,
                                    status: i32::from(response.status),
                                    request_id: response.header("x-request-id").map(str::to_owned),
                                    elapsed_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
                                });
                                Ok(response)
                            }
                            Err(refused) => return Err(self.other(refused.reason(), &operation, &method, &url, sent)),
                        },
                        Err(TransportError::Other { reason }) => {
                            return Err(self.other(&reason, &operation, &method, &url, sent));
                        }
                        Err(failed) => {
                            let failure = match failed {
                                TransportError::Connect { .. } => Failure::Connect,
                                TransportError::Timeout { .. } => Failure::Timeout,
                                _ => Failure::Lost,
                            };
                            self.emit(|| CallEvent::SendFailed {
                                operation: operation.clone(),
                                attempt,
                                failure: failure.as_str().to_owned(),
                                reason: failed.reason().to_owned(),
                            });
                            Err((failure, failed.reason().to_owned()))
                        }
                    };
                    let mut session = self.session()?;
                    call.received(&mut session, fed, self.now())
                }
                Step::Wait(wait) => {
                    self.emit(|| CallEvent::Waiting {
                        operation: operation.clone(),
                        reason: wait.reason.as_str().to_owned(),
                        ms: i64::try_from(wait.ms).unwrap_or(i64::MAX),
                    });
                    self.sleep(wait.ms).await.map_err(|e| self.other(e.reason(), &operation, "", "", sent))?;
                    let mut session = self.session()?;
                    call.waited(&mut session, self.now())
                }
                Step::Done(Ok(answer)) => return Ok(answer),
                Step::Done(Err(error)) => {
                    let error = OnfidoError::from(error);
                    self.emit(|| CallEvent::Failed {
                        operation: operation.clone(),
                        name: error.name().to_owned(),
                        message: error.to_string(),
                    });
                    return Err(error);
                }
            };
        }
    }

    /// A failure the core does not decide on (never retried), reported to the listener too.
    fn other(&self, reason: &str, operation: &str, method: &str, url: &str, attempts: u32) -> OnfidoError {
        let error = OnfidoError::transport_other(reason.to_owned(), operation, method, url, attempts);
        self.emit(|| CallEvent::Failed {
            operation: operation.to_owned(),
            name: error.name().to_owned(),
            message: error.to_string(),
        });
        error
    }

    /// One try through the transport, abandoned (and the foreign call cancelled) after `timeout_ms`.
    async fn send(&self, request: HttpRequest, timeout_ms: u64) -> Result<HttpResponse, TransportError> {
        let mut send = self.transport.send(request);
        // The client's own timer, not the `Sleeper`: a sleeper is for the waits the core asks for
        // (and tests replace it with one that does not sleep).
        let mut timer = std::pin::pin!(ThreadSleep::new(timeout_ms));
        std::future::poll_fn(|cx| {
            if let Poll::Ready(result) = send.as_mut().poll(cx) {
                return Poll::Ready(result);
            }
            match timer.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    Poll::Ready(Err(TransportError::Timeout { reason: format!("no answer within {timeout_ms} ms") }))
                }
                Poll::Pending => Poll::Pending,
            }
        })
        .await
    }

    async fn sleep(&self, millis: u64) -> Result<(), TransportError> {
        match &self.sleeper {
            Some(sleeper) => sleeper.sleep(i64::try_from(millis).unwrap_or(i64::MAX)).await,
            None => {
                ThreadSleep::new(millis).await;
                Ok(())
            }
        }
    }
}

/// A call with its per-call options applied (a timeout of 0 or less is a validation error).
fn with_options(call: Call, options: Option<CallOptions>) -> Result<Call, OnfidoError> {
    let Some(options) = options else { return Ok(call) };
    let call = match options.timeout_ms {
        Some(ms) => match u64::try_from(ms).ok().filter(|&ms| ms > 0) {
            Some(ms) => call.timeout_ms(ms),
            None => return Err(OnfidoError::validation("timeout_ms", "must be positive")),
        },
        None => call,
    };
    let headers: Vec<(String, String)> = options.headers.into_iter().map(|h| (h.name, h.value)).collect();
    Ok(call.headers(&headers)?)
}

fn purpose_name(purpose: Purpose) -> &'static str {
    purpose.as_str()
}
