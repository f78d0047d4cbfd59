//! `onfido_core._native`: the Rust core for Python. The pure-Python package wraps it.
//!
//! Everything here is IO-free; the Python side brings the transport, the clock and the sleeps.
//! Core errors cross as `CoreError(json)`, which the Python package turns into its exception types.

mod json;

use std::sync::Mutex;

use onfido_core::bounds::{self, Key, Node};
use onfido_core::call::{self, Call, Now, Session};
use onfido_core::dynamic;
use onfido_core::models::{Applicant, Report, ReportResult, SdkTokenClaims};
use onfido_core::operations::checks::CreateCheck;
use onfido_core::referrer::ReferrerPattern;
use onfido_core::retry::RetryPolicy;
use onfido_core::webhook::{self, Algorithm};
use onfido_core::{ApiVersion, Config, Error, Failure, HttpRequest, HttpResponse, Method, OperationId, Page, Region};
use onfido_sandbox::{Sandbox, SandboxOptions};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};
use pyo3::IntoPyObjectExt;
use serde::Serialize;

create_exception!(_native, CoreError, PyException, "A core error; args[0] is its JSON description.");

/// A core error as a Python exception carrying the error's JSON.
fn core_error(error: &Error) -> PyErr {
    CoreError::new_err(error.to_json().to_string())
}

/// Rust values to Python objects (dicts, lists, str, int, float, bool, None).
fn to_py<T: Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    pythonize::pythonize(py, value).map(Bound::unbind).map_err(|e| CoreError::new_err(decode_json(&e.to_string())))
}

/// A decode error's JSON, for conversion failures.
fn decode_json(message: &str) -> String {
    Error::decode(0, message, &[]).to_json().to_string()
}

/// Python objects to Rust values (depth-bounded and cycle-safe first: [`bounded`]).
fn from_py<T: serde::de::DeserializeOwned>(object: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    bounded(object, field)?;
    pythonize::depythonize(object).map_err(|e| core_error(&Error::validation(field, e.to_string())))
}

/// A Python value as the core's depth and cycle check walks it: dicts, lists and tuples hold
/// children; anything else is a leaf (the conversion does not look into it).
struct PyNode<'py>(Bound<'py, PyAny>);

impl Node for PyNode<'_> {
    fn identity(&self) -> usize {
        self.0.as_ptr() as usize
    }

    fn children(&self) -> Option<Vec<(Key, Self)>> {
        let value = &self.0;
        if let Ok(dict) = value.cast::<PyDict>() {
            let name = |k: &Bound<'_, PyAny>| k.str().map(|s| s.to_string()).unwrap_or_default();
            Some(dict.iter().map(|(k, v)| (Key::Name(name(&k)), PyNode(v))).collect())
        } else if let Ok(list) = value.cast::<PyList>() {
            Some(list.iter().enumerate().map(|(i, v)| (Key::Index(i), PyNode(v))).collect())
        } else if let Ok(tuple) = value.cast::<PyTuple>() {
            Some(tuple.iter().enumerate().map(|(i, v)| (Key::Index(i), PyNode(v))).collect())
        } else {
            None
        }
    }
}

/// Refuses an input nested deeper than the core's limit ([`bounds::MAX_DEPTH`]) or holding
/// itself, naming where, before any conversion recurses into it: a `ValidationError` instead of a
/// native stack overflow.
fn bounded(object: &Bound<'_, PyAny>, field: &str) -> PyResult<()> {
    bounds::check(PyNode(object.clone()), field).map_err(|e| core_error(&e))
}

/// Client settings: token, region, API version, base URL. `repr` never shows the token.
#[pyclass(name = "Config", module = "onfido_core._native", frozen)]
struct PyConfig {
    inner: Config,
}

#[pymethods]
impl PyConfig {
    #[new]
    #[pyo3(signature = (api_token=None, *, region=None, api_version="v2", base_url=None, binding="python", app_name=None))]
    fn new(
        api_token: Option<String>,
        region: Option<&str>,
        api_version: &str,
        base_url: Option<String>,
        binding: &str,
        app_name: Option<String>,
    ) -> PyResult<Self> {
        let mut builder = Config::builder().api_version(ApiVersion::parse(api_version).map_err(|e| core_error(&e))?);
        if let Some(token) = api_token {
            builder = builder.api_token(token);
        }
        if let Some(region) = region {
            builder = builder.region(Region::parse(region).map_err(|e| core_error(&e))?);
        }
        if let Some(base_url) = base_url {
            builder = builder.base_url(base_url);
        }
        if let Some(app_name) = app_name {
            builder = builder.app_name(app_name);
        }
        let inner = builder.binding(binding).build().map_err(|e| core_error(&e))?;
        Ok(PyConfig { inner })
    }

    fn __repr__(&self) -> String {
        let token = self.inner.token().map_or_else(|| "None".to_owned(), |t| format!("{t:?}"));
        format!(
            "Config(region={:?}, api_version={:?}, base_url={:?}, token={token})",
            self.inner.region().as_str(),
            self.inner.api_version().as_str(),
            self.inner.base_url().as_str()
        )
    }

    /// `eu`, `us` or `ca`.
    #[getter]
    fn region(&self) -> &'static str {
        self.inner.region().as_str()
    }

    /// `v2` or `v3.4`.
    #[getter]
    fn api_version(&self) -> &'static str {
        self.inner.api_version().as_str()
    }

    /// The base URL, ending in `/`.
    #[getter]
    fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// `sandbox` or `live` from the token's prefix, if known.
    #[getter]
    fn environment(&self) -> Option<&'static str> {
        self.inner.environment().map(|e| match e {
            onfido_core::Environment::Sandbox => "sandbox",
            onfido_core::Environment::Live => "live",
        })
    }

    /// The `User-Agent` sent.
    #[getter]
    fn user_agent(&self) -> &str {
        self.inner.user_agent()
    }

    /// Whether a token is set (false in token-less mode).
    #[getter]
    fn has_token(&self) -> bool {
        self.inner.token().is_some()
    }
}

type RequestTuple = (String, String, Vec<(String, String)>, Py<PyBytes>);
type ResponseTuple = (u16, Vec<(String, String)>, Py<PyBytes>);

fn request_tuple(py: Python<'_>, request: HttpRequest) -> RequestTuple {
    (request.method.as_str().to_owned(), request.url, request.headers, PyBytes::new(py, &request.body).unbind())
}

/// Builds an operation's request from its input (a dict of the API's field names).
#[pyfunction]
#[pyo3(signature = (operation, config, input, now=None))]
fn build_request(
    py: Python<'_>,
    operation: &str,
    config: &PyConfig,
    input: &Bound<'_, PyAny>,
    now: Option<i64>,
) -> PyResult<RequestTuple> {
    bounded(input, "input")?;
    let mut de = pythonize::Depythonizer::from_object(input);
    let request = dynamic::build_request_from(operation, &config.inner, &mut de, now).map_err(|e| core_error(&e))?;
    Ok(request_tuple(py, request))
}

/// Parses an operation's response of API `api_version` (None: v2) into JSON: objects and lists as
/// sent (lists as the API's wrapper), downloads as `{content_type, filename, size, sha256,
/// content_base64}`, `{}` for no content (`onfido_core::dynamic::parse_response_in`). The GIL is
/// released while Rust reads the body.
#[pyfunction]
#[pyo3(signature = (operation, status, headers, body, api_version=None))]
fn parse_response(
    py: Python<'_>,
    operation: &str,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    api_version: Option<&str>,
) -> PyResult<Py<PyAny>> {
    let response = HttpResponse { status, headers, body };
    let version = api_version.map(ApiVersion::parse).transpose().map_err(|e| core_error(&e))?.unwrap_or(ApiVersion::V2);
    if version.is_v3() {
        // A JSON answer the core finds of its declared types is the body as sent: read straight
        // into Python objects, with no Rust tree built and converted.
        let checked =
            py.detach(|| onfido_core::v3::check_response(version, operation, response)).map_err(|e| core_error(&e))?;
        return match checked {
            // The core has read these bytes as JSON already: only Python itself can fail here.
            onfido_core::v3::Checked::Body(body) => json::loads(py, &body)
                .map(Bound::unbind)
                .map_err(|e| core_error(&Error::decode(status, e.to_string(), &body))),
            onfido_core::v3::Checked::Value(value) => to_py(py, &value),
        };
    }
    // v2's typed models normalise what they read (null lists, timestamps): their JSON, not the body.
    let value = py.detach(|| dynamic::parse_response(operation, response)).map_err(|e| core_error(&e))?;
    to_py(py, &value)
}

/// Every operation id.
#[pyfunction]
fn operations() -> Vec<&'static str> {
    OperationId::ALL.iter().map(|o| o.as_str()).collect()
}

/// A list answer's pages from its headers (`Link`, `X-Total-Count`): `next`, `prev`, `first` and
/// `last` as `{url, page, per_page}` or None, and `total_count`.
#[pyfunction]
fn parse_page(py: Python<'_>, headers: Vec<(String, String)>) -> PyResult<Py<PyAny>> {
    let response = HttpResponse { status: 200, headers, body: Vec::new() };
    let page = Page::from_response(&response).map_err(|e| core_error(&e))?;
    to_py(py, &page)
}

/// A client's state between calls (config, retry policy, pacer, OAuth token): the core's
/// [`call::Session`] behind a lock, shared by every call of one client, sync or async.
#[pyclass(name = "Session", module = "onfido_core._native", frozen)]
struct PySession {
    inner: Mutex<Session>,
}

#[pymethods]
impl PySession {
    #[new]
    #[pyo3(signature = (config, *, retry=None, pace=false, rate_limit=None, timeout_ms=30_000))]
    fn new(
        config: &PyConfig,
        retry: Option<(u32, u64, u64, u64, u64)>,
        pace: bool,
        rate_limit: Option<u32>,
        timeout_ms: u64,
    ) -> Self {
        let policy = retry.map_or_else(RetryPolicy::never, policy_from_tuple);
        let mut session =
            Session::new(config.inner.clone()).with_retry(policy).with_pacing(pace).with_timeout_ms(timeout_ms);
        if let Some(limit) = rate_limit {
            session = session.with_rate_limit(limit);
        }
        PySession { inner: Mutex::new(session) }
    }

    fn __repr__(&self) -> String {
        self.inner.lock().map_or_else(|_| "Session(<poisoned>)".to_owned(), |s| format!("{:?}", *s))
    }
}

/// One operation's requests, driven by the core ([`call::Call`]): the Python side only sends,
/// sleeps and returns what the steps say.
///
/// Steps are tuples: `("send", (method, url, headers, body), timeout_ms, attempt, purpose)`,
/// `("wait", ms, reason)`, `("done", status, headers, body, next_input)`; errors raise `CoreError`.
#[pyclass(name = "Call", module = "onfido_core._native", frozen)]
struct PyCall {
    session: Py<PySession>,
    inner: Mutex<Call>,
}

type Step = Py<PyAny>;

#[pymethods]
impl PyCall {
    #[new]
    #[pyo3(signature = (session, operation, input, now, *, headers=None, timeout_ms=None))]
    fn new(
        session: Bound<'_, PySession>,
        operation: &str,
        input: &Bound<'_, PyAny>,
        now: i64,
        headers: Option<Vec<(String, String)>>,
        timeout_ms: Option<u64>,
    ) -> PyResult<Self> {
        bounded(input, "input")?;
        let call = {
            let guard = session.get().inner.lock().map_err(|_| poisoned())?;
            let config = guard.config();
            let request = dynamic::build_request_from(
                operation,
                config,
                &mut pythonize::Depythonizer::from_object(input),
                Some(now),
            )
            .map_err(|e| core_error(&e))?;
            let mut call = Call::from_request(&guard, operation, request).map_err(|e| core_error(&e))?;
            if dynamic::is_paginated_in(config.api_version(), operation).map_err(|e| core_error(&e))? {
                // Listings keep their input for the next page's (plain JSON: no files in a listing).
                call = call.paginate(from_py(input, "input")?);
            }
            if let Some(headers) = headers {
                call = call.headers(&headers).map_err(|e| core_error(&e))?;
            }
            if let Some(ms) = timeout_ms {
                call = call.timeout_ms(ms);
            }
            call
        };
        Ok(PyCall { session: session.unbind(), inner: Mutex::new(call) })
    }

    /// Begins the call at `now`: Unix seconds, monotonic milliseconds, a random number in [0, 1).
    fn start(&self, py: Python<'_>, unix: i64, monotonic_ms: u64, jitter: f64) -> PyResult<Step> {
        let now = Now { unix, monotonic_ms, jitter };
        self.advance(py, |call, session| call.start(session, now))
    }

    /// After a `wait` step.
    fn waited(&self, py: Python<'_>, unix: i64, monotonic_ms: u64, jitter: f64) -> PyResult<Step> {
        let now = Now { unix, monotonic_ms, jitter };
        self.advance(py, |call, session| call.waited(session, now))
    }

    /// After a `send` step: the response (`status`, `headers`, `body`), or the transport's
    /// `failure` (`connect`, `timeout`, `lost`) and what it said.
    #[pyo3(signature = (unix, monotonic_ms, jitter, *, status=None, headers=None, body=None, failure=None, message=None))]
    #[allow(clippy::too_many_arguments)]
    fn received(
        &self,
        py: Python<'_>,
        unix: i64,
        monotonic_ms: u64,
        jitter: f64,
        status: Option<i64>,
        headers: Option<Vec<(String, String)>>,
        body: Option<Vec<u8>>,
        failure: Option<&str>,
        message: Option<String>,
    ) -> PyResult<Step> {
        let now = Now { unix, monotonic_ms, jitter };
        let outcome = match (status, failure) {
            (Some(status), _) => Ok(HttpResponse {
                status: u16::try_from(status).unwrap_or(0),
                headers: headers.unwrap_or_default(),
                body: body.unwrap_or_default(),
            }),
            (None, failure) => Err((Failure::parse(failure.unwrap_or("lost")), message.unwrap_or_default())),
        };
        self.advance(py, move |call, session| call.received(session, outcome, now))
    }
}

impl PyCall {
    fn advance(&self, py: Python<'_>, event: impl FnOnce(&mut Call, &mut Session) -> call::Step) -> PyResult<Step> {
        let step = {
            let mut call = self.inner.lock().map_err(|_| poisoned())?;
            let mut session = self.session.get().inner.lock().map_err(|_| poisoned())?;
            event(&mut call, &mut session)
        };
        match step {
            call::Step::Send(send) => {
                let request = request_tuple(py, send.request);
                ("send", request, send.timeout_ms, send.attempt, send.purpose.as_str()).into_py_any(py)
            }
            call::Step::Wait(wait) => ("wait", wait.ms, wait.reason.as_str()).into_py_any(py),
            call::Step::Done(Err(error)) => Err(core_error(&error)),
            call::Step::Done(Ok(answer)) => {
                let next = answer.next_input.as_ref().map(|v| to_py(py, v)).transpose()?;
                let response = answer.response;
                let body = PyBytes::new(py, &response.body).unbind();
                ("done", response.status, response.headers, body, next).into_py_any(py)
            }
        }
    }
}

fn poisoned() -> PyErr {
    CoreError::new_err(decode_json("a previous call panicked while holding the client's state"))
}

fn policy_from_tuple(policy: (u32, u64, u64, u64, u64)) -> RetryPolicy {
    let (max_attempts, initial_delay_ms, max_delay_ms, max_retry_after_ms, deadline_ms) = policy;
    RetryPolicy {
        max_attempts,
        initial_delay_ms,
        max_delay_ms,
        max_retry_after_ms,
        deadline_ms,
        ..RetryPolicy::default()
    }
}

/// Verifies a webhook notification (X-SHA2-Signature preferred, else X-Signature) and reads its event.
///
/// `headers` may be a dict, a list of pairs, or any object with `items()`; only the two signature
/// headers are read. The event is built straight from the verified bytes.
#[pyfunction]
fn verify_webhook(py: Python<'_>, body: &[u8], headers: &Bound<'_, PyAny>, secret: &str) -> PyResult<Py<PyAny>> {
    let signatures = signature_headers(headers)?;
    let pairs = signatures.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    webhook::verify_headers(body, pairs, secret).map_err(|e| core_error(&e))?;
    event_to_py(py, body)
}

/// The `X-Signature` and `X-SHA2-Signature` pairs of a headers object, names in any case.
fn signature_headers(headers: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let wanted = |name: &str| {
        name.eq_ignore_ascii_case(webhook::SHA1_HEADER) || name.eq_ignore_ascii_case(webhook::SHA256_HEADER)
    };
    let mut out = Vec::new();
    let mut keep = |name: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>| -> PyResult<()> {
        let name = name.str()?;
        let name = name.to_cow()?;
        if wanted(&name) {
            out.push((name.into_owned(), value.str()?.to_cow()?.into_owned()));
        }
        Ok(())
    };
    if let Ok(dict) = headers.cast::<PyDict>() {
        for (name, value) in dict.iter() {
            keep(&name, &value)?;
        }
        return Ok(out);
    }
    let items = if headers.hasattr("multi_items")? {
        headers.call_method0("multi_items")?
    } else if headers.hasattr("items")? {
        headers.call_method0("items")?
    } else {
        headers.clone()
    };
    for item in items.try_iter()? {
        let item = item?;
        keep(&item.get_item(0)?, &item.get_item(1)?)?;
    }
    Ok(out)
}

/// A webhook event as Python objects, checked to have a payload with an action and an object id.
fn event_to_py(py: Python<'_>, body: &[u8]) -> PyResult<Py<PyAny>> {
    let invalid = |why: &str| core_error(&Error::decode(200, format!("not a webhook event: {why}"), body));
    let event = json::loads(py, body).map_err(|e| invalid(&e.to_string()))?;
    let payload = event.get_item("payload").map_err(|_| invalid("no payload"))?;
    let action = payload.get_item("action").map_err(|_| invalid("no payload.action"))?;
    let id = payload.get_item("object").and_then(|o| o.get_item("id")).map_err(|_| invalid("no payload.object.id"))?;
    if !action.is_instance_of::<pyo3::types::PyString>() || !id.is_instance_of::<pyo3::types::PyString>() {
        return Err(invalid("payload.action and payload.object.id must be strings"));
    }
    Ok(event.unbind())
}

/// Verifies one signature value with one algorithm (`sha1` or `sha256`), in constant time.
#[pyfunction]
fn verify_signature(body: &[u8], signature: &str, secret: &str, algorithm: &str) -> PyResult<bool> {
    let algorithm = Algorithm::parse(algorithm)
        .ok_or_else(|| core_error(&Error::validation("algorithm", "must be sha1 or sha256")))?;
    Ok(webhook::verify(body, signature, secret, algorithm))
}

/// Reads a webhook event without verifying it.
#[pyfunction]
fn parse_webhook_event(py: Python<'_>, body: &[u8]) -> PyResult<Py<PyAny>> {
    event_to_py(py, body)
}

/// The hex signature of a body (`sha1` or `sha256`), as Onfido sends it.
#[pyfunction]
fn sign_webhook(body: &[u8], secret: &str, algorithm: &str) -> PyResult<String> {
    let algorithm = Algorithm::parse(algorithm)
        .ok_or_else(|| core_error(&Error::validation("algorithm", "must be sha1 or sha256")))?;
    Ok(webhook::sign(body, secret, algorithm))
}

/// A Web SDK referrer pattern.
#[pyclass(name = "ReferrerPattern", module = "onfido_core._native", frozen)]
struct PyReferrerPattern {
    inner: ReferrerPattern,
    text: String,
}

#[pymethods]
impl PyReferrerPattern {
    #[new]
    fn new(pattern: &str) -> PyResult<Self> {
        let inner = ReferrerPattern::parse(pattern)
            .map_err(|e| core_error(&Error::validation("referrer", format!("is not a valid referrer pattern: {e}"))))?;
        Ok(PyReferrerPattern { inner, text: pattern.to_owned() })
    }

    /// Whether a page URL matches.
    fn matches(&self, url: &str) -> bool {
        self.inner.matches(url)
    }

    /// Warnings a user should see about the pattern.
    fn lint(&self) -> Vec<String> {
        self.inner.lint()
    }

    fn __repr__(&self) -> String {
        format!("ReferrerPattern({:?})", self.text)
    }

    fn __str__(&self) -> String {
        self.text.clone()
    }
}

/// A check's result from its reports' results (`clear`, `consider` or `None`).
#[pyfunction]
fn check_result(results: Vec<Option<String>>) -> Option<&'static str> {
    let parsed: Vec<Option<ReportResult>> = results.into_iter().map(|r| r.map(ReportResult::from)).collect();
    onfido_core::results::check_result(parsed.iter().map(Option::as_ref)).map(|r| match r {
        onfido_core::models::CheckResult::Clear => "clear",
        _ => "consider",
    })
}

/// The findings of a report (a dict as parsed): paths, results, properties, descriptions.
#[pyfunction]
fn findings(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let report: Report = from_py(report, "report")?;
    to_py(py, &report.findings())
}

/// The applicant data a check's reports need and the applicant lacks.
#[pyfunction]
fn missing_applicant_data(
    py: Python<'_>,
    check: &Bound<'_, PyAny>,
    applicant: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let check: CreateCheck = from_py(check, "check")?;
    let applicant: Applicant = from_py(applicant, "applicant")?;
    to_py(py, &onfido_core::requirements::missing_applicant_data(&check, &applicant))
}

/// A Web SDK token's claims (`exp`, `iat`…), read without checking its signature.
#[pyfunction]
fn sdk_token_claims(py: Python<'_>, token: &str) -> PyResult<Py<PyAny>> {
    to_py(py, &SdkTokenClaims::decode(token).map_err(|e| core_error(&e))?)
}

/// The offline sandbox, in process: the whole v2 API simulated in memory.
#[pyclass(name = "Sandbox", module = "onfido_core._native", frozen)]
struct PySandbox {
    inner: Mutex<Sandbox>,
}

#[pymethods]
impl PySandbox {
    #[new]
    #[pyo3(signature = (base_url="https://api.onfido.com", rate_limit=None))]
    fn new(base_url: &str, rate_limit: Option<u32>) -> Self {
        let options = SandboxOptions { base_url: base_url.to_owned(), rate_limit };
        PySandbox { inner: Mutex::new(Sandbox::new(options)) }
    }

    /// Answers one request at `now` (Unix seconds): `(status, headers, body)`.
    fn handle(
        &self,
        py: Python<'_>,
        method: &str,
        url: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        now: i64,
    ) -> PyResult<ResponseTuple> {
        let method =
            Method::parse(method).ok_or_else(|| core_error(&Error::validation("method", "is not an API method")))?;
        let request = HttpRequest { method, url, headers, body };
        let response = py.detach(|| self.inner.lock().map(|mut s| s.handle(&request, now)).map_err(|_| ()));
        let response = response.map_err(|_| CoreError::new_err(decode_json("the sandbox failed")))?;
        Ok((response.status, response.headers, PyBytes::new(py, &response.body).unbind()))
    }

    /// The signed webhook notifications since the last call: `(method, url, headers, body)`.
    fn take_webhook_deliveries(&self, py: Python<'_>) -> Vec<RequestTuple> {
        let deliveries = self.inner.lock().map(|mut s| s.take_webhook_deliveries()).unwrap_or_default();
        deliveries.into_iter().map(|r| request_tuple(py, r)).collect()
    }
}

/// The `next`, `prev`, `first` and `last` targets of a `Link` header (RFC 8288).
#[pyfunction]
fn parse_link_header(py: Python<'_>, header: &str) -> PyResult<Py<PyAny>> {
    let links = onfido_core::pagination::parse_link_header(header)
        .map_err(|e| core_error(&Error::decode(0, format!("invalid Link header: {e}"), header.as_bytes())))?;
    to_py(py, &links)
}

/// Judges what a runtime observed of a shared test vector case (JSON texts): `None` when the
/// case passes, else why not. The one checker of every runtime (the `onfido-vectors` crate).
#[pyfunction]
fn check_vector(kind: &str, case: &str, observed: &str) -> Option<String> {
    onfido_vectors::check_texts(kind, case, observed)
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let core_error_type = m.py().get_type::<CoreError>();
    core_error_type.setattr("__module__", "onfido_core._native")?;
    m.add("CoreError", core_error_type)?;
    m.add("__version__", onfido_core::VERSION)?;
    m.add_class::<PyConfig>()?;
    m.add_class::<PySession>()?;
    m.add_class::<PyCall>()?;
    m.add_class::<PyReferrerPattern>()?;
    m.add_class::<PySandbox>()?;
    for f in [
        wrap_pyfunction!(build_request, m)?,
        wrap_pyfunction!(parse_response, m)?,
        wrap_pyfunction!(operations, m)?,
        wrap_pyfunction!(parse_page, m)?,
        wrap_pyfunction!(verify_webhook, m)?,
        wrap_pyfunction!(verify_signature, m)?,
        wrap_pyfunction!(parse_webhook_event, m)?,
        wrap_pyfunction!(sign_webhook, m)?,
        wrap_pyfunction!(check_result, m)?,
        wrap_pyfunction!(findings, m)?,
        wrap_pyfunction!(missing_applicant_data, m)?,
        wrap_pyfunction!(sdk_token_claims, m)?,
        wrap_pyfunction!(parse_link_header, m)?,
        wrap_pyfunction!(check_vector, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
