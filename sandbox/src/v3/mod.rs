//! API v3.6 (and v3.4) in the simulator, routed and checked from the generated tables.
//!
//! A request under `/v3.6/` or `/v3.4/` is matched against [`onfido_core::v3::route`]; its path
//! parameters, query, JSON body or multipart parts become the flat input the client builds
//! from, and [`onfido_core::v3::check_input`] refuses it exactly as the client would (422, nothing
//! changed). Applicants, documents, live photos, checks, reports, webhooks, workflow runs and
//! watchlist monitors are kept; every other operation answers with templated data of its
//! answer's type ([`template`]). Checks and workflow runs are asynchronous: they are created
//! `in_progress` / `processing` and complete at the next request (or delivery poll) after it.

mod applicants;
mod checks;
mod hooks;
mod template;
mod webhooks;
mod workflows;

use serde_json::{json, Map, Value};

use super::store::{id_of, text, Blob, Object};
use super::{json_response, Sandbox};
use onfido_core::config::ApiVersion;
use onfido_core::error::{Error, FieldErrors};
use onfido_core::http::{HttpRequest, HttpResponse};
use onfido_core::models::ReportName;
use onfido_core::multipart::{self, FileKind, FileUpload};
use onfido_core::timestamp::format_rfc3339;
use onfido_core::v3::schema::{Answer, Encoding, Format, Location, Op, Text, Ty};

use applicants::*;
use checks::*;
use hooks::{Hook, Outbox};
pub use hooks::{WebhookAttempt, ANSWER_WITHIN, DISABLED_FOR, DISABLE_AFTER_FAILURES, RETRY_AFTER};
use webhooks::*;
use workflows::*;

/// Days between a deletion request and the deletion.
const DELETION_DAYS: i64 = 20;
/// Applicants per page unless `per_page` says otherwise.
const PER_PAGE: usize = 20;

/// An answer, or an early one (errors).
type Reply = Result<HttpResponse, HttpResponse>;

/// An applicant, its consents and its lifecycle.
#[derive(Clone, Debug)]
struct Applicant {
    object: Object,
    consents: Vec<Value>,
    deleted_at: Option<i64>,
}

/// A document or live photo with its bytes.
#[derive(Clone, Debug)]
struct Media {
    applicant_id: String,
    object: Object,
    blob: Blob,
}

/// A check, and what decides its reports' results.
#[derive(Clone, Debug)]
struct Check {
    object: Object,
    /// Completes at the next request.
    pending: bool,
    consider: Vec<String>,
    sub_result: Option<String>,
}

/// A workflow run and its tasks.
#[derive(Clone, Debug)]
struct Run {
    object: Object,
    tasks: Vec<Object>,
    pending: bool,
}

/// A watchlist monitor and its matches.
#[derive(Clone, Debug)]
struct Monitor {
    object: Object,
    matches: Vec<Object>,
}

/// Everything v3 keeps.
#[derive(Clone, Debug, Default)]
pub(crate) struct V3Store {
    applicants: Vec<Applicant>,
    documents: Vec<Media>,
    live_photos: Vec<Media>,
    checks: Vec<Check>,
    reports: Vec<Object>,
    hooks: Vec<Hook>,
    outbox: Outbox,
    runs: Vec<Run>,
    monitors: Vec<Monitor>,
}

impl V3Store {
    /// The bytes of every v3 upload kept.
    pub fn upload_bytes(&self) -> usize {
        self.documents.iter().chain(&self.live_photos).map(|m| m.blob.content.len()).fold(0, usize::saturating_add)
    }

    fn applicant(&self, id: &str) -> Option<&Applicant> {
        self.applicants.iter().find(|a| id_of(&a.object) == id)
    }

    fn live_applicant(&self, id: &str) -> Option<&Applicant> {
        self.applicant(id).filter(|a| a.deleted_at.is_none())
    }
}

/// One request, decoded.
struct Call {
    op: &'static Op,
    version: ApiVersion,
    input: Map<String, Value>,
    file: Option<FileUpload>,
    /// The query as sent (for `Link` headers).
    query: Vec<(String, String)>,
    now: i64,
}

impl Call {
    fn text(&self, key: &str) -> Option<&str> {
        self.input.get(key).and_then(Value::as_str)
    }

    fn prefix(&self) -> &'static str {
        match self.version {
            ApiVersion::V3_4 => "/v3.4",
            _ => "/v3.6",
        }
    }
}

/// Answers a request below `/v3.6` or `/v3.4`; `rest` is the path below the version.
pub(super) fn handle(
    sb: &mut Sandbox,
    version: ApiVersion,
    rest: &str,
    request: &HttpRequest,
    now: i64,
) -> HttpResponse {
    settle(sb, now);
    let answer = decode(sb, version, rest, request, now).and_then(|call| dispatch(sb, &call));
    match answer {
        Ok(response) | Err(response) => response,
    }
}

/// The v3 error envelope; `fields` as `{"field": ["message", …]}`.
pub(super) fn error(status: u16, error_type: &str, message: &str, fields: Option<&FieldErrors>) -> HttpResponse {
    let mut envelope = Map::new();
    envelope.insert("type".into(), error_type.into());
    envelope.insert("message".into(), message.into());
    if let Some(fields) = fields {
        let map: Map<String, Value> =
            fields.iter().map(|(field, messages)| (field.to_owned(), json!(messages))).collect();
        envelope.insert("fields".into(), Value::Object(map));
    }
    json_response(status, &json!({ "error": envelope }))
}

fn not_found() -> HttpResponse {
    error(404, "resource_not_found", "The requested resource could not be found.", None)
}

fn invalid(field: &str, message: &str) -> HttpResponse {
    let mut fields = FieldErrors::new();
    fields.add(field, message);
    rejection(Error::Validation(fields))
}

fn rejection(e: Error) -> HttpResponse {
    match e {
        Error::Validation(fields) => {
            error(422, "validation_error", "There was a validation error on this request", Some(&fields))
        }
        other => error(400, "bad_request", &other.to_string(), None),
    }
}

/// The request as the operation's input, checked by the client's own rules.
fn decode(
    sb: &Sandbox,
    version: ApiVersion,
    rest: &str,
    request: &HttpRequest,
    now: i64,
) -> Result<Call, HttpResponse> {
    let (op, params) = onfido_core::v3::route(version, request.method, rest).ok_or_else(not_found)?;
    let url = url::Url::parse(&request.url).map_err(|_| error(400, "bad_request", "The URL is not valid.", None))?;
    let query: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let mut input = Map::new();
    for (name, raw) in &query {
        let value = match op.param(name).filter(|p| p.location == Location::Query) {
            Some(param) => typed(param.ty, raw),
            None => Value::from(raw.as_str()),
        };
        match (input.get_mut(name.as_str()), value) {
            (Some(Value::Array(items)), Value::Array(more)) => items.extend(more),
            (_, value) => {
                input.insert(name.clone(), value);
            }
        }
    }
    let mut file = None;
    if let Some(body) = &op.body {
        match body.encoding {
            Encoding::Json => input.extend(body_json(request)?),
            Encoding::Multipart => {
                let content_type = request.header("content-type").unwrap_or_default();
                let parts = multipart::parse(content_type, &request.body)
                    .map_err(|_| error(400, "bad_request", "This operation takes multipart/form-data.", None))?;
                for part in parts {
                    let field = body.object.field(&part.name);
                    let binary = field.is_some_and(|f| matches!(f.ty, Ty::Str(Text { format: Format::Binary, .. })));
                    match part.filename {
                        Some(filename) if binary => {
                            let filename = multipart::unescape_filename(&filename);
                            file = Some(FileUpload { filename, content: part.data });
                        }
                        _ => {
                            let raw = String::from_utf8_lossy(&part.data).into_owned();
                            let value = field.map_or_else(|| Value::from(raw.as_str()), |f| typed(f.ty, &raw));
                            input.insert(part.name, value);
                        }
                    }
                }
            }
        }
    }
    for (name, value) in params {
        input.insert(name.to_owned(), value.into());
    }
    within_field_limit(&input, file.as_ref())?;
    let checked = match &file {
        Some(file) => onfido_core::v3::check_upload_input(op, version, &input, file, Some(now)),
        None => onfido_core::v3::check_input(op, version, &input, Some(now)),
    };
    checked.map_err(rejection)?;
    if let Some(file) = &file {
        let kept = sb.store.upload_bytes().saturating_add(sb.v3.upload_bytes());
        if kept.saturating_add(file.content.len()) > sb.upload_budget {
            let message = format!(
                "The sandbox keeps at most {} bytes of uploads and is full; start a new sandbox.",
                sb.upload_budget
            );
            return Err(error(507, "insufficient_storage", &message, None));
        }
    }
    Ok(Call { op, version, input, file, query, now })
}

/// A text from a query or a multipart part as the value its type reads: numbers, booleans,
/// lists and objects parsed (as the client writes them), text as it is; what does not parse
/// stays text, for the checks to refuse.
fn typed(ty: &Ty, raw: &str) -> Value {
    match ty {
        Ty::Str(_) | Ty::Enum(_) => Value::from(raw),
        Ty::Array(array) if !raw.trim_start().starts_with('[') => Value::Array(vec![typed(array.items, raw)]),
        _ => serde_json::from_str(raw).unwrap_or_else(|_| Value::from(raw)),
    }
}

/// The JSON object body (empty for none); anything else is a 400.
fn body_json(request: &HttpRequest) -> Result<Map<String, Value>, HttpResponse> {
    super::json_object(&request.body)
        .ok_or_else(|| error(400, "bad_request", "The request body must be a JSON object.", None))
}

/// A 422 naming every text over [`super::MAX_FIELD_CHARS`] characters.
fn within_field_limit(input: &Map<String, Value>, file: Option<&FileUpload>) -> Result<(), HttpResponse> {
    let mut fields = FieldErrors::new();
    for (key, value) in input {
        super::long_text_fields(value, &key.chars().take(64).collect::<String>(), &mut fields);
    }
    if file.is_some_and(|f| f.filename.chars().nth(super::MAX_FIELD_CHARS).is_some()) {
        fields.add("file", format!("the file name must be at most {} characters", super::MAX_FIELD_CHARS));
    }
    fields.into_result().map_err(rejection)
}

/// Runs the operation.
fn dispatch(sb: &mut Sandbox, call: &Call) -> Reply {
    match call.op.id {
        "create_applicant" => create_applicant(sb, call),
        "find_applicant" => find_applicant(sb, call),
        "update_applicant" => update_applicant(sb, call),
        "delete_applicant" => delete_applicant(sb, call),
        "restore_applicant" => restore_applicant(sb, call),
        "list_applicants" => list_applicants(sb, call),
        "find_applicant_consents" => {
            let applicant = live_applicant(sb, call, "applicant_id")?;
            Ok(answer(sb, call, 200, Value::Array(applicant.consents.clone())))
        }
        "upload_document" | "upload_live_photo" => upload(sb, call),
        "find_document" => find_media(sb, call, &sb.v3.documents, "document_id"),
        "find_live_photo" => find_media(sb, call, &sb.v3.live_photos, "live_photo_id"),
        "list_documents" => list_media(sb, call, &sb.v3.documents, "documents"),
        "list_live_photos" => list_media(sb, call, &sb.v3.live_photos, "live_photos"),
        "download_document" => download_media(&sb.v3.documents, call, "document_id"),
        "download_live_photo" => download_media(&sb.v3.live_photos, call, "live_photo_id"),
        "create_check" => create_check(sb, call),
        "find_check" => {
            let check = find_check(sb, call)?;
            Ok(answer(sb, call, 200, Value::Object(check.object.clone())))
        }
        "list_checks" => {
            let applicant_id = call.text("applicant_id").unwrap_or_default();
            let items: Vec<Value> = sb
                .v3
                .checks
                .iter()
                .filter(|c| text(&c.object, "applicant_id") == Some(applicant_id))
                .map(|c| Value::Object(c.object.clone()))
                .collect();
            Ok(paged(sb, call, Some("checks"), items, None))
        }
        "resume_check" => resume_check(sb, call),
        "download_check" => {
            let check = find_check(sb, call)?;
            Ok(file_response(template::PDF, "application/pdf", &format!("check_{}.pdf", id_of(&check.object))))
        }
        "find_report" => {
            let report = find_report(sb, call)?;
            Ok(answer(sb, call, 200, Value::Object(report.clone())))
        }
        "list_reports" => {
            let check_id = call.text("check_id").unwrap_or_default();
            let items: Vec<Value> = sb
                .v3
                .reports
                .iter()
                .filter(|r| text(r, "check_id") == Some(check_id))
                .map(|r| Value::Object(r.clone()))
                .collect();
            Ok(paged(sb, call, Some("reports"), items, None))
        }
        "resume_report" => resume_report(sb, call),
        "cancel_report" => cancel_report(sb, call),
        "create_webhook" => create_webhook(sb, call),
        "find_webhook" => {
            let hook = find_hook(sb, call)?;
            Ok(answer(sb, call, 200, Value::Object(shown(hook, call.now))))
        }
        "list_webhooks" => {
            let items = sb.v3.hooks.iter().map(|h| Value::Object(shown(h, call.now))).collect();
            Ok(paged(sb, call, Some("webhooks"), items, None))
        }
        "update_webhook" => update_webhook(sb, call),
        "delete_webhook" => {
            let id = find_hook(sb, call)?.object.get("id").cloned().unwrap_or_default();
            let id = id.as_str().unwrap_or_default().to_owned();
            sb.v3.hooks.retain(|h| id_of(&h.object) != id);
            sb.v3.outbox.forget(&id);
            Ok(no_content())
        }
        "resend_webhooks" => resend_webhooks(sb, call),
        "create_workflow_run" => create_workflow_run(sb, call),
        "find_workflow_run" => {
            let run = find_run(sb, call)?;
            Ok(answer(sb, call, 200, Value::Object(run.object.clone())))
        }
        "list_workflow_runs" => list_workflow_runs(sb, call),
        "list_tasks" => {
            let run = find_run(sb, call)?;
            let items = run.tasks.iter().map(|t| Value::Object(task_item(t))).collect();
            Ok(answer(sb, call, 200, Value::Array(items)))
        }
        "find_task" => {
            let task = find_task(sb, call)?;
            Ok(answer(sb, call, 200, Value::Object(task.clone())))
        }
        "complete_task" => {
            find_task(sb, call)?;
            Ok(HttpResponse { status: 200, headers: Vec::new(), body: Vec::new() })
        }
        "generate_sdk_token" => generate_sdk_token(sb, call),
        "ping" => Ok(HttpResponse {
            status: 200,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: b"OK".to_vec(),
        }),
        "create_watchlist_monitor" => create_monitor(sb, call),
        "find_watchlist_monitor" => {
            let monitor = find_monitor(sb, call)?;
            Ok(answer(sb, call, 200, Value::Object(monitor.object.clone())))
        }
        "list_watchlist_monitors" => {
            let applicant_id = call.text("applicant_id").unwrap_or_default();
            let deleted = call.input.get("include_deleted").and_then(Value::as_bool).unwrap_or(false);
            let items = sb
                .v3
                .monitors
                .iter()
                .filter(|m| text(&m.object, "applicant_id") == Some(applicant_id))
                .filter(|m| deleted || m.object.get("deleted_at").is_none_or(Value::is_null))
                .map(|m| Value::Object(m.object.clone()))
                .collect();
            Ok(paged(sb, call, Some("monitors"), items, None))
        }
        "delete_watchlist_monitor" => {
            let id = find_monitor(sb, call)?.object.get("id").cloned().unwrap_or_default();
            if let Some(monitor) = sb.v3.monitors.iter_mut().find(|m| m.object.get("id") == Some(&id)) {
                monitor.object.insert("deleted_at".into(), format_rfc3339(call.now).into());
            }
            Ok(no_content())
        }
        "list_watchlist_monitor_matches" => {
            let monitor = find_monitor(sb, call)?;
            let matches: Vec<Value> = monitor.matches.iter().cloned().map(Value::Object).collect();
            Ok(answer(sb, call, 200, json!({ "matches": matches })))
        }
        "update_watchlist_monitor_match" => update_matches(sb, call),
        "force_report_creation_from_watchlist_monitor" => monitor_report(sb, call),
        _ => Ok(templated(sb, call)),
    }
}

/// Hrefs of a v3.4 request name v3.4.
fn versioned(value: &mut Value, version: ApiVersion) {
    if version != ApiVersion::V3_4 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(s) if key.ends_with("href") && s.starts_with("/v3.6/") => {
                        s.replace_range(..5, "/v3.4");
                    }
                    _ => versioned(item, version),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| versioned(item, version)),
        _ => {}
    }
}

fn answer(_sb: &Sandbox, call: &Call, status: u16, mut value: Value) -> HttpResponse {
    versioned(&mut value, call.version);
    json_response(status, &value)
}

fn no_content() -> HttpResponse {
    HttpResponse { status: 204, headers: Vec::new(), body: Vec::new() }
}

fn file_response(bytes: &[u8], content_type: &str, filename: &str) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type".into(), content_type.into()),
            ("Content-Disposition".into(), format!("attachment; filename=\"{filename}\"")),
        ],
        body: bytes.to_vec(),
    }
}

/// A page of a list (a wrapper object under `key`, or a bare array), with `Link` and
/// `X-Total-Count`. Without `per_page` (and no default) the page holds everything.
fn paged(sb: &Sandbox, call: &Call, key: Option<&str>, items: Vec<Value>, default: Option<usize>) -> HttpResponse {
    let number = |name: &str| {
        call.input.get(name).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok()).filter(|n| *n > 0)
    };
    let total = items.len();
    let per_page = number("per_page").or(default).unwrap_or(total.max(1));
    let last = total.div_ceil(per_page).max(1);
    let page = number("page").unwrap_or(1);
    let slice: Vec<Value> = items.into_iter().skip((page - 1).saturating_mul(per_page)).take(per_page).collect();
    let encode =
        |text: &str| percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string();
    let mut extra: String = call
        .query
        .iter()
        .filter(|(k, _)| k != "page" && k != "per_page")
        .map(|(k, v)| format!("&{}={}", encode(k), encode(v)))
        .collect();
    if number("per_page").is_some() || default.is_some() {
        extra.push_str(&format!("&per_page={per_page}"));
    }
    let base = format!("{}{}{}", sb.options.base_url, call.prefix(), call.op.path);
    let link = |n: usize, rel: &str| format!("<{base}?page={n}{extra}>; rel=\"{rel}\"");
    let mut links = vec![link(1, "first"), link(last, "last")];
    if page > 1 {
        links.push(link((page - 1).min(last), "prev"));
    }
    if page < last {
        links.push(link(page + 1, "next"));
    }
    let body = match key {
        Some(key) => json!({ key: slice }),
        None => Value::Array(slice),
    };
    let mut response = answer(sb, call, 200, body);
    response.headers.push(("Link".into(), links.join(", ")));
    response.headers.push(("X-Total-Count".into(), total.to_string()));
    response
}

/// Completes the pending checks and workflow runs, re-enables rested webhooks, and fails
/// deliveries whose attempt went unanswered.
pub(super) fn settle(sb: &mut Sandbox, now: i64) {
    let due: Vec<String> = sb.v3.checks.iter().filter(|c| c.pending).map(|c| id_of(&c.object).to_owned()).collect();
    for id in due {
        complete_check(sb, &id, now);
    }
    let runs: Vec<String> = sb.v3.runs.iter().filter(|r| r.pending).map(|r| id_of(&r.object).to_owned()).collect();
    for id in runs {
        complete_run(sb, &id, now);
    }
    for hook in &mut sb.v3.hooks {
        if hook.disabled_until.is_some_and(|until| until <= now) {
            hook.disabled_until = None;
        }
    }
}

/// A templated answer of the operation's documented shape.
fn templated(sb: &mut Sandbox, call: &Call) -> HttpResponse {
    let op = call.op;
    if op.redirects {
        let location = format!("{}/sandbox/files/{}.pdf", sb.options.base_url, op.id);
        return HttpResponse { status: 302, headers: vec![("Location".into(), location)], body: Vec::new() };
    }
    match op.answer {
        Answer::Empty => no_content(),
        Answer::Text => HttpResponse {
            status: 200,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: b"OK".to_vec(),
        },
        Answer::File => {
            let (bytes, content_type, name) = template::file_for(op.id);
            file_response(bytes, content_type, name)
        }
        Answer::Json(ty) => {
            let base_url = sb.options.base_url.clone();
            let store = &mut sb.store;
            let mut next = || store.next_id();
            let mut sampler = template::Sampler { now: call.now, base_url: &base_url, id: &mut next };
            let mut value = sampler.value(ty);
            // The resource a path names answers with its own id.
            let named = op.params.iter().rev().find(|p| p.location == Location::Path);
            if let (Some(map), Some(param)) = (value.as_object_mut(), named) {
                if map.contains_key("id") {
                    if let Some(id) = call.input.get(param.name) {
                        map.insert("id".into(), id.clone());
                    }
                }
            }
            let status = match op.id {
                "create_timeline_file" => 202,
                id if op.method == onfido_core::http::Method::Post
                    && (id.starts_with("create_") || id.starts_with("upload_")) =>
                {
                    201
                }
                _ => 200,
            };
            answer(sb, call, status, value)
        }
    }
}

/// The bytes behind templated redirects (`/sandbox/files/…`), served without authentication
/// as the signed URLs they stand for are.
pub(super) fn sandbox_file(path: &str) -> Option<HttpResponse> {
    let name = path.strip_prefix("/sandbox/files/")?;
    let safe = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    safe.then(|| file_response(template::PDF, "application/pdf", name))
}

impl Sandbox {
    /// The v3 webhook attempts due at `now` (Unix seconds), each marked in flight: POST each,
    /// then report its outcome with [`Sandbox::webhook_attempt_result`]. Pending checks and
    /// workflow runs complete first, so their notifications are among them. An attempt not
    /// reported within [`ANSWER_WITHIN`] seconds counts as failed.
    pub fn due_webhook_attempts(&mut self, now: i64) -> Vec<WebhookAttempt> {
        settle(self, now);
        self.v3.outbox.due(&mut self.v3.hooks, now)
    }

    /// Records the outcome of an attempt (`delivered`: answered 2xx within [`ANSWER_WITHIN`]
    /// seconds). A failed attempt is retried [`RETRY_AFTER`] seconds after the first; after
    /// [`DISABLE_AFTER_FAILURES`] failures in a row the webhook is disabled for
    /// [`DISABLED_FOR`] seconds.
    pub fn webhook_attempt_result(&mut self, id: u64, delivered: bool, now: i64) {
        self.v3.outbox.result(&mut self.v3.hooks, id, delivered, now);
    }

    /// How many v3 deliveries are not yet delivered nor given up.
    pub fn pending_webhook_deliveries(&self) -> usize {
        self.v3.outbox.deliveries.len()
    }
}
