//! The call loop as a state machine: retries, pacing, pagination, redirects and OAuth tokens
//! decided here, so that a binding only sends, sleeps and returns.
//!
//! A [`Session`] is what a client keeps between calls (its config, retry policy, pacer and OAuth
//! token); a [`Call`] is one operation. The binding feeds the call what happened and does what
//! the returned [`Step`] says:
//!
//! ```
//! use onfido_core::call::{Call, Now, Session, Step};
//! use onfido_core::{Config, HttpResponse};
//! use serde_json::json;
//!
//! let mut session = Session::new(Config::builder().api_token("api_sandbox.abc").build()?);
//! let mut call = Call::new(&session, "find_applicant", &json!({"applicant_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}), 1_700_000_000)?;
//! let now = Now { unix: 1_700_000_000, monotonic_ms: 0, jitter: 0.5 };
//! let mut step = call.start(&mut session, now);
//! let answer = loop {
//!     step = match step {
//!         // A real binding sends `send.request` with `send.timeout_ms` over its HTTP client.
//!         Step::Send(send) => {
//!             assert_eq!(send.request.url, "https://api.eu.onfido.com/v3.6/applicants/1b4e28ba-2fa1-11d2-883f-0016d3cca427");
//!             let response = HttpResponse::new(200, br#"{"id": "a1", "first_name": "Jane"}"#.to_vec());
//!             call.received(&mut session, Ok(response), now)
//!         }
//!         // ... and sleeps `wait.ms` milliseconds here.
//!         Step::Wait(_wait) => call.waited(&mut session, now),
//!         Step::Done(result) => break result?,
//!     };
//! };
//! assert_eq!(answer.parse()?["first_name"], "Jane");
//! # Ok::<(), onfido_core::Error>(())
//! ```
//!
//! Time comes in with every event ([`Now`]); the core keeps no clock. A call never sends the
//! API token or an OAuth bearer token to a host other than the API's (redirects to file storage
//! go without `Authorization`), never retries a POST that may have reached the server unless
//! it is safe to repeat, and never waits past the policy's deadline.

use std::fmt;

use serde_json::Value;

use crate::config::{ApiVersion, Config, Environment};
use crate::error::{CallContext, Error, Failure};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::oauth::{self, AccessToken};
use crate::pacing::Pacer;
use crate::retry::{Attempt, Decision, Outcome, RetryPolicy};
use crate::{dynamic, error::RetryAfter};

/// The per-try timeout unless a session or call says otherwise.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;
/// Redirects followed for one call at most.
pub const MAX_REDIRECTS: u8 = 5;

/// What a client keeps between calls: its config, retry policy, pacer and OAuth token.
///
/// Bindings share one per client (behind their runtime's lock); it holds no connection and no clock.
#[derive(Clone)]
pub struct Session {
    config: Config,
    policy: RetryPolicy,
    pacer: Option<Pacer>,
    token: Option<AccessToken>,
    timeout_ms: u64,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("config", &self.config)
            .field("policy", &self.policy)
            .field("paced", &self.pacer.is_some())
            .field("token", &self.token)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

impl Session {
    /// A session with the default retry policy, no pacing and a 30 s timeout per try.
    pub fn new(config: Config) -> Session {
        Session { config, policy: RetryPolicy::default(), pacer: None, token: None, timeout_ms: DEFAULT_TIMEOUT_MS }
    }

    /// The retry policy ([`RetryPolicy::never`] to send each request once).
    pub fn with_retry(mut self, policy: RetryPolicy) -> Session {
        self.policy = policy;
        self
    }

    /// Paces requests under the documented rate limit of the token's environment (400 a minute
    /// live, 30 in the sandbox; OAuth and token-less configs: the live limit), or not at all.
    pub fn with_pacing(mut self, pace: bool) -> Session {
        self.pacer = pace.then(|| Pacer::for_environment(self.config.environment().unwrap_or(Environment::Live)));
        self
    }

    /// Paces requests under a limit of your own, in requests per minute.
    pub fn with_rate_limit(mut self, requests_per_minute: u32) -> Session {
        self.pacer = Some(Pacer::new(requests_per_minute));
        self
    }

    /// The timeout of each try, in milliseconds (at least 1).
    pub fn with_timeout_ms(mut self, timeout_ms: u64) -> Session {
        self.timeout_ms = timeout_ms.max(1);
        self
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The timeout of each try, in milliseconds.
    pub fn timeout_ms(&self) -> u64 {
        self.timeout_ms
    }

    /// Whether an OAuth token is held that is good at `now` (Unix seconds).
    pub fn has_token(&self, now: i64) -> bool {
        self.token.as_ref().is_some_and(|t| !t.needs_refresh(now))
    }

    /// Drops the OAuth token, so the next call fetches a new one.
    pub fn forget_token(&mut self) {
        self.token = None;
    }
}

/// The caller's clocks and a random number, handed over with every event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Now {
    /// Wall-clock time in Unix seconds (for `Retry-After` dates and token expiry).
    pub unix: i64,
    /// A monotonic clock in milliseconds, from any origin (for pacing and the retry deadline).
    pub monotonic_ms: u64,
    /// A random value in `[0, 1)`, to spread retries.
    pub jitter: f64,
}

/// What the binding does next.
#[derive(Debug)]
pub enum Step {
    /// Send this request, then call [`Call::received`] with the answer or the failure.
    Send(Send),
    /// Sleep this long, then call [`Call::waited`].
    Wait(Wait),
    /// The call is over.
    Done(Result<Answer, Error>),
}

/// A request to send.
#[derive(Debug)]
pub struct Send {
    /// The request.
    pub request: HttpRequest,
    /// Give up on this try after this many milliseconds, and report [`Failure::Timeout`].
    pub timeout_ms: u64,
    /// Which try of this request it is, from 1.
    pub attempt: u32,
    /// Why it is sent.
    pub purpose: Purpose,
}

/// Why a request is sent (for logging hooks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The operation itself.
    Call,
    /// A new OAuth access token.
    Token,
    /// A redirect the API answered with (file downloads), sent without `Authorization` to other hosts.
    Redirect,
}

impl Purpose {
    /// `call`, `token` or `redirect`.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Call => "call",
            Purpose::Token => "token",
            Purpose::Redirect => "redirect",
        }
    }
}

/// A sleep before the next request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait {
    /// How long, in milliseconds.
    pub ms: u64,
    /// Why.
    pub reason: WaitReason,
}

/// Why the binding sleeps (for logging hooks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitReason {
    /// The rate limit's pacing.
    Pacing,
    /// A backoff or `Retry-After` before trying again.
    Retry,
}

impl WaitReason {
    /// `pacing` or `retry`.
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::Pacing => "pacing",
            WaitReason::Retry => "retry",
        }
    }
}

/// A finished call's result: the final response, left for the caller to read (so that a binding
/// can convert it straight into its own objects, and so that this module links no parser).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// The final response: a 2xx, or a 3xx that was not followed (a documented redirect the
    /// binding may fetch itself). Error statuses end the call as an [`Error`] instead.
    pub response: HttpResponse,
    /// The input of the next page of a listing; `None` on the last page and for other operations.
    pub next_input: Option<Value>,
    /// Tries made in all, token and redirect requests included.
    pub attempts: u32,
    operation: String,
    version: ApiVersion,
}

impl Answer {
    /// The final response's `X-Request-Id`.
    pub fn request_id(&self) -> Option<&str> {
        self.response.header("x-request-id")
    }

    /// The answer as JSON, as [`dynamic::parse_response_in`] reads it.
    pub fn parse(self) -> Result<Value, Error> {
        dynamic::parse_response_in(self.version, &self.operation, self.response)
    }
}

/// The request being answered.
#[derive(Clone, Debug)]
enum Target {
    Token,
    Api,
    Redirect(HttpRequest),
}

impl Target {
    fn purpose(&self) -> Purpose {
        match self {
            Target::Token => Purpose::Token,
            Target::Api => Purpose::Call,
            Target::Redirect(_) => Purpose::Redirect,
        }
    }
}

#[derive(Clone, Debug)]
enum State {
    Ready,
    /// Sleeping for the pacer; the slot is taken, send when woken.
    Paced(Target),
    /// Sleeping for a retry; pace again when woken.
    Backoff(Target),
    Sending(Target),
    Finished,
}

/// One operation's requests, from the first try to its answer or error.
#[derive(Clone, Debug)]
pub struct Call {
    operation: String,
    version: ApiVersion,
    idempotent: bool,
    request: HttpRequest,
    input: Option<Value>,
    timeout_ms: Option<u64>,
    state: State,
    /// Tries of the request now being sent (retries count; a new target starts at 0).
    tries: u32,
    attempts: u32,
    started_ms: Option<u64>,
    reauthorized: bool,
    redirects: u8,
    last: Option<(Method, String)>,
    sent_timeout_ms: Option<u64>,
}

impl Call {
    /// The call of `operation` with its JSON input (the API's field names), checked and built now
    /// (`now`: Unix seconds, for rules such as a date of birth not in the future): bad input is a
    /// validation error here and nothing is sent.
    pub fn new(session: &Session, operation: &str, input: &Value, now: i64) -> Result<Call, Error> {
        let request = dynamic::build_request_at(operation, &session.config, input, now)?;
        let mut call = Call::from_request(session, operation, request)?;
        call.input = Some(input.clone());
        Ok(call)
    }

    /// The call of `operation` with a request the binding built already (from its native
    /// objects, through [`dynamic::build_request_from`]). Give the input with
    /// [`Call::paginate`] to get the next page's.
    pub fn from_request(session: &Session, operation: &str, request: HttpRequest) -> Result<Call, Error> {
        let version = session.config.api_version();
        Ok(Call {
            operation: operation.to_owned(),
            version,
            idempotent: dynamic::is_idempotent_in(version, operation)?,
            request,
            input: None,
            timeout_ms: None,
            state: State::Ready,
            tries: 0,
            attempts: 0,
            started_ms: None,
            reauthorized: false,
            redirects: 0,
            last: None,
            sent_timeout_ms: None,
        })
    }

    /// Keeps the input, so that the answer says the next page's input (listings only).
    pub fn paginate(mut self, input: Value) -> Call {
        self.input = Some(input);
        self
    }

    /// This call's timeout per try, in milliseconds, instead of the session's.
    pub fn timeout_ms(mut self, timeout_ms: u64) -> Call {
        self.timeout_ms = Some(timeout_ms.max(1));
        self
    }

    /// Adds headers to this call's API requests (never to token requests or redirects).
    ///
    /// Names must be HTTP tokens and values printable; `Authorization`, `Host`, `Content-Type`,
    /// `Content-Length`, `Transfer-Encoding` and `Connection` are the call's own and refused.
    pub fn headers(mut self, headers: &[(String, String)]) -> Result<Call, Error> {
        const OWN: [&str; 6] =
            ["authorization", "host", "content-type", "content-length", "transfer-encoding", "connection"];
        for (name, value) in headers {
            let field = format!("headers.{}", name.chars().filter(|c| !c.is_control()).collect::<String>());
            if name.is_empty() || !name.bytes().all(is_token_byte) {
                return Err(Error::validation(field, "is not a valid header name"));
            }
            if OWN.iter().any(|own| own.eq_ignore_ascii_case(name)) {
                return Err(Error::validation(field, "is set by the client and cannot be given per call"));
            }
            if !value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
                return Err(Error::validation(field, "must be printable ASCII without line breaks"));
            }
            self.request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            self.request.headers.push((name.clone(), value.clone()));
        }
        Ok(self)
    }

    /// The operation id.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The API request (without any OAuth bearer token).
    pub fn request(&self) -> &HttpRequest {
        &self.request
    }

    /// Begins the call.
    pub fn start(&mut self, session: &mut Session, now: Now) -> Step {
        if !matches!(self.state, State::Ready) {
            return self.misuse("start");
        }
        self.started_ms = Some(now.monotonic_ms);
        self.proceed(session, now, Target::Api)
    }

    /// After a [`Step::Wait`]: the sleep is over.
    pub fn waited(&mut self, session: &mut Session, now: Now) -> Step {
        match std::mem::replace(&mut self.state, State::Ready) {
            State::Paced(target) => self.send(session, target),
            State::Backoff(target) => self.proceed(session, now, target),
            other => {
                self.state = other;
                self.misuse("waited")
            }
        }
    }

    /// After a [`Step::Send`]: the response, or how the transport failed and what it said.
    pub fn received(
        &mut self,
        session: &mut Session,
        outcome: Result<HttpResponse, (Failure, String)>,
        now: Now,
    ) -> Step {
        let target = match std::mem::replace(&mut self.state, State::Ready) {
            State::Sending(target) => target,
            other => {
                self.state = other;
                return self.misuse("received");
            }
        };
        let outcome = match outcome {
            Ok(response) if !(100..=599).contains(&response.status) => {
                let message = format!("the transport answered status {}, which no HTTP response has", response.status);
                return self.finish(Err(Error::transport(Failure::Lost, message)));
            }
            other => other,
        };
        match (target, outcome) {
            (Target::Token, Ok(response)) if response.is_success() => match oauth::parse_token(response, now.unix) {
                Ok(token) => {
                    session.token = Some(token);
                    self.tries = 0;
                    self.proceed(session, now, Target::Api)
                }
                Err(error) => self.finish(Err(error)),
            },
            (Target::Api, Ok(response))
                if response.status == 401 && session.config.oauth().is_some() && !self.reauthorized =>
            {
                // The token was revoked or expired early: fetch a new one, once.
                self.reauthorized = true;
                session.token = None;
                self.tries = 0;
                self.proceed(session, now, Target::Api)
            }
            (target, Ok(response)) if is_redirect(response.status) && self.method_of(&target) == Method::Get => {
                match self.redirect(&target, &response) {
                    Some(next) => {
                        self.redirects = self.redirects.saturating_add(1);
                        self.tries = 0;
                        self.send(session, Target::Redirect(next))
                    }
                    None => self.complete(response),
                }
            }
            (_, Ok(response)) if response.is_success() => self.complete(response),
            (target, outcome) => self.retry_or_finish(session, now, target, outcome),
        }
    }

    fn method_of(&self, target: &Target) -> Method {
        match target {
            Target::Redirect(request) => request.method,
            Target::Api => self.request.method,
            Target::Token => Method::Post,
        }
    }

    /// Takes a pacer slot (API and token requests) and sends, or sleeps first; fetches an OAuth
    /// token first when one is needed.
    fn proceed(&mut self, session: &mut Session, now: Now, target: Target) -> Step {
        let target = match target {
            Target::Api if session.config.oauth().is_some() && !session.has_token(now.unix) => Target::Token,
            other => other,
        };
        if !matches!(target, Target::Redirect(_)) {
            if let Some(pacer) = session.pacer.as_mut() {
                let ms = pacer.acquire(now.monotonic_ms);
                if ms > 0 {
                    self.state = State::Paced(target);
                    return Step::Wait(Wait { ms, reason: WaitReason::Pacing });
                }
            }
        }
        self.send(session, target)
    }

    fn send(&mut self, session: &mut Session, target: Target) -> Step {
        let request = match &target {
            Target::Token => match oauth::token_request(&session.config) {
                Ok(request) => request,
                Err(error) => return self.finish(Err(error)),
            },
            Target::Api => {
                let mut request = self.request.clone();
                if let Some(token) = session.token.as_ref().filter(|_| session.config.oauth().is_some()) {
                    request.authorize(token);
                }
                request
            }
            Target::Redirect(request) => request.clone(),
        };
        self.tries = self.tries.saturating_add(1);
        self.attempts = self.attempts.saturating_add(1);
        self.last = Some((request.method, request.url.clone()));
        let purpose = target.purpose();
        let timeout_ms = self.timeout_ms.unwrap_or(session.timeout_ms);
        self.sent_timeout_ms = Some(timeout_ms);
        self.state = State::Sending(target);
        Step::Send(Send { request, timeout_ms, attempt: self.tries, purpose })
    }

    fn retry_or_finish(
        &mut self,
        session: &mut Session,
        now: Now,
        target: Target,
        outcome: Result<HttpResponse, (Failure, String)>,
    ) -> Step {
        let (retry_outcome, retry_after) = match &outcome {
            Ok(response) => {
                (Outcome::Status(response.status), response.header("retry-after").map(RetryAfter::for_retry))
            }
            Err((failure, _)) => (
                match failure {
                    Failure::Connect => Outcome::ConnectFailed,
                    Failure::Timeout => Outcome::Timeout,
                    Failure::Lost => Outcome::ConnectionLost,
                },
                None,
            ),
        };
        let attempt = Attempt {
            number: self.tries,
            // Token requests and redirected downloads create nothing: safe to repeat.
            idempotent: !matches!(target, Target::Api) || self.idempotent,
            outcome: retry_outcome,
            retry_after,
            now: now.unix,
            elapsed_ms: now.monotonic_ms.saturating_sub(self.started_ms.unwrap_or(now.monotonic_ms)),
            jitter: now.jitter,
        };
        match session.policy.decide(&attempt) {
            Decision::Retry { delay_ms } => {
                self.state = State::Backoff(target);
                Step::Wait(Wait { ms: delay_ms, reason: WaitReason::Retry })
            }
            Decision::GiveUp => match outcome {
                Ok(response) if matches!(target, Target::Token) => {
                    self.finish(Err(crate::operations::response::api_error(&response)))
                }
                Ok(response) => self.complete(response),
                Err((failure, message)) => self.finish(Err(Error::transport(failure, message))),
            },
        }
    }

    /// The redirect to follow, if it may be followed: an absolute or relative `Location`,
    /// http(s) only, never from https down to http, at most [`MAX_REDIRECTS`]; `Authorization`
    /// kept only on the same origin as the API request.
    fn redirect(&self, target: &Target, response: &HttpResponse) -> Option<HttpRequest> {
        if self.redirects >= MAX_REDIRECTS {
            return None;
        }
        let from = match target {
            Target::Redirect(request) => &request.url,
            _ => &self.request.url,
        };
        let base = url::Url::parse(from).ok()?;
        let next = base.join(response.header("location")?.trim()).ok()?;
        let api = url::Url::parse(&self.request.url).ok()?;
        let secure = |u: &url::Url| u.scheme() == "https";
        if !matches!(next.scheme(), "http" | "https") || (secure(&base) && !secure(&next)) {
            return None;
        }
        let same_origin = next.origin() == api.origin();
        let headers = self
            .request
            .headers
            .iter()
            .filter(|(name, _)| {
                let name = name.to_ascii_lowercase();
                name == "accept" || name == "user-agent" || (same_origin && name == "authorization")
            })
            .cloned()
            .collect();
        Some(HttpRequest { method: Method::Get, url: next.into(), headers, body: Vec::new() })
    }

    /// Ends the call with the final response: the answer (2xx, or a 3xx not followed), or the
    /// API error it carries.
    fn complete(&mut self, response: HttpResponse) -> Step {
        if !(200..400).contains(&response.status) {
            return self.finish(Err(crate::operations::response::api_error(&response)));
        }
        let next_input = match (&self.input, response.is_success()) {
            (Some(input), true) => match dynamic::next_page_input_in(self.version, &self.operation, input, &response) {
                Ok(next) => next,
                Err(error) => return self.finish(Err(error)),
            },
            _ => None,
        };
        let answer = Answer {
            response,
            next_input,
            attempts: self.attempts,
            operation: self.operation.clone(),
            version: self.version,
        };
        self.finish(Ok(answer))
    }

    fn finish(&mut self, result: Result<Answer, Error>) -> Step {
        self.state = State::Finished;
        Step::Done(result.map_err(|error| error.with_call(self.context())))
    }

    fn context(&self) -> CallContext {
        let (method, url) = self.last.clone().unwrap_or((self.request.method, self.request.url.clone()));
        CallContext {
            operation: self.operation.clone(),
            method,
            url: CallContext::safe_url(&url),
            attempts: self.attempts,
            timeout_ms: self.sent_timeout_ms,
        }
    }

    /// An event that does not fit the state: the binding's bug, reported as an error rather than a panic.
    fn misuse(&mut self, event: &str) -> Step {
        let message = format!("{event} does not fit the call's state ({})", self.state_name());
        self.state = State::Finished;
        Step::Done(Err(Error::transport(Failure::Lost, message).with_call(self.context())))
    }

    fn state_name(&self) -> &'static str {
        match self.state {
            State::Ready => "ready",
            State::Paced(_) | State::Backoff(_) => "waiting",
            State::Sending(_) => "sending",
            State::Finished => "finished",
        }
    }
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests;
