//! API v3.6 (and v3.4) in the simulator, routed and checked from the generated tables.
//!
//! A request under `/v3.6/` or `/v3.4/` is matched against [`crate::v3::route`]; its path
//! parameters, query, JSON body or multipart parts become the flat input the client builds
//! from, and [`crate::v3::check_input`] refuses it exactly as the client would (422, nothing
//! changed). Applicants, documents, live photos, checks, reports, webhooks, workflow runs and
//! watchlist monitors are kept; every other operation answers with templated data of its
//! answer's type ([`template`]). Checks and workflow runs are asynchronous: they are created
//! `in_progress` / `processing` and complete at the next request (or delivery poll) after it.

mod hooks;
mod template;

use serde_json::{json, Map, Value};

use super::store::{id_of, text, Blob, Object};
use super::{json_response, Sandbox};
use crate::config::ApiVersion;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse};
use crate::models::ReportName;
use crate::multipart::{self, FileKind, FileUpload};
use crate::timestamp::format_rfc3339;
use crate::v3::schema::{Answer, Encoding, Format, Location, Op, Text, Ty};

use hooks::{Hook, Outbox};
pub use hooks::{WebhookAttempt, ANSWER_WITHIN, DISABLED_FOR, DISABLE_AFTER_FAILURES, RETRY_AFTER};

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
    let (op, params) = crate::v3::route(version, request.method, rest).ok_or_else(not_found)?;
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
        Some(file) => crate::v3::check_upload_input(op, version, &input, file, Some(now)),
        None => crate::v3::check_input(op, version, &input, Some(now)),
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
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(&request.body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(error(400, "bad_request", "The request body must be a JSON object.", None)),
    }
}

/// A 422 naming every text over [`super::MAX_FIELD_CHARS`] characters.
fn within_field_limit(input: &Map<String, Value>, file: Option<&FileUpload>) -> Result<(), HttpResponse> {
    fn walk(value: &Value, path: &str, fields: &mut FieldErrors) {
        match value {
            Value::String(text) if text.chars().nth(super::MAX_FIELD_CHARS).is_some() => {
                fields.add(path, format!("must be at most {} characters", super::MAX_FIELD_CHARS));
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{i}]"), fields);
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    let key: String = key.chars().take(64).collect();
                    walk(item, &if path.is_empty() { key } else { format!("{path}.{key}") }, fields);
                }
            }
            _ => {}
        }
    }
    let mut fields = FieldErrors::new();
    for (key, value) in input {
        walk(value, &key.chars().take(64).collect::<String>(), &mut fields);
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
            Ok(paged(sb, call, Some("watchlist_monitors"), items, None))
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

// ---- applicants ----

fn live_applicant<'a>(sb: &'a Sandbox, call: &Call, field: &str) -> Result<&'a Applicant, HttpResponse> {
    let id = call.text(field).unwrap_or_default();
    match sb.v3.applicant(id) {
        None => Err(not_found()),
        Some(a) if a.deleted_at.is_some() => {
            Err(error(410, "gone", "The resource has been deleted or is scheduled for deletion.", None))
        }
        Some(a) => Ok(a),
    }
}

/// An applicant a body field names: unknown is a 422 on that field.
fn named_applicant(sb: &Sandbox, call: &Call) -> Result<Object, HttpResponse> {
    let id = call.text("applicant_id").unwrap_or_default();
    sb.v3
        .live_applicant(id)
        .map(|a| a.object.clone())
        .ok_or_else(|| invalid("applicant_id", "is not an applicant of this account"))
}

/// Consents as stored: each named once, with when it was given.
fn consents(existing: &mut Vec<Value>, given: Option<&Value>, now: i64) {
    for consent in given.and_then(Value::as_array).into_iter().flatten() {
        let name = consent.get("name").cloned().unwrap_or_default();
        let granted = consent.get("granted").and_then(Value::as_bool).unwrap_or(false);
        existing.retain(|c| c.get("name") != Some(&name));
        existing.push(json!({ "name": name, "granted": granted, "granted_at": format_rfc3339(now) }));
    }
}

fn applicant_fields(object: &mut Object, call: &Call) {
    for (key, value) in &call.input {
        if key != "consents" && key != "applicant_id" && !value.is_null() {
            object.insert(key.clone(), value.clone());
        }
    }
}

fn create_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = sb.store.next_id();
    let mut object = Map::new();
    object.insert("id".into(), id.clone().into());
    object.insert("created_at".into(), format_rfc3339(call.now).into());
    object.insert("href".into(), format!("/v3.6/applicants/{id}").into());
    object.insert("sandbox".into(), true.into());
    applicant_fields(&mut object, call);
    let mut given = Vec::new();
    consents(&mut given, call.input.get("consents"), call.now);
    sb.v3.applicants.push(Applicant { object: object.clone(), consents: given, deleted_at: None });
    Ok(answer(sb, call, 201, Value::Object(object)))
}

fn find_applicant(sb: &Sandbox, call: &Call) -> Reply {
    Ok(answer(sb, call, 200, Value::Object(live_applicant(sb, call, "applicant_id")?.object.clone())))
}

fn update_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    live_applicant(sb, call, "applicant_id")?;
    let id = call.text("applicant_id").unwrap_or_default();
    let Some(record) = sb.v3.applicants.iter_mut().find(|a| id_of(&a.object) == id) else { return Err(not_found()) };
    applicant_fields(&mut record.object, call);
    consents(&mut record.consents, call.input.get("consents"), call.now);
    let object = record.object.clone();
    Ok(answer(sb, call, 200, Value::Object(object)))
}

fn delete_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    live_applicant(sb, call, "applicant_id")?;
    let id = call.text("applicant_id").unwrap_or_default();
    if let Some(record) = sb.v3.applicants.iter_mut().find(|a| id_of(&a.object) == id) {
        record.deleted_at = Some(call.now);
        record.object.insert("delete_at".into(), format_rfc3339(call.now + DELETION_DAYS * 86_400).into());
    }
    Ok(no_content())
}

fn restore_applicant(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = call.text("applicant_id").unwrap_or_default();
    let record = sb.v3.applicants.iter_mut().find(|a| id_of(&a.object) == id).ok_or_else(not_found)?;
    if record.deleted_at.is_none() {
        return Err(error(422, "validation_error", "The applicant is not scheduled for deletion.", None));
    }
    record.deleted_at = None;
    record.object.remove("delete_at");
    Ok(no_content())
}

fn list_applicants(sb: &Sandbox, call: &Call) -> Reply {
    let deleted = call.input.get("include_deleted").and_then(Value::as_bool).unwrap_or(false);
    let items = sb
        .v3
        .applicants
        .iter()
        .rev()
        .filter(|a| deleted || a.deleted_at.is_none())
        .map(|a| Value::Object(a.object.clone()))
        .collect();
    Ok(paged(sb, call, Some("applicants"), items, Some(PER_PAGE)))
}

// ---- documents and live photos ----

fn upload(sb: &mut Sandbox, call: &Call) -> Reply {
    let applicant = named_applicant(sb, call)?;
    let Some(file) = call.file.clone() else { return Err(invalid("file", "is required")) };
    let kind = FileKind::sniff(&file.content);
    let id = sb.store.next_id();
    let document = call.op.id == "upload_document";
    let href = if document { format!("/v3.6/documents/{id}") } else { format!("/v3.6/live_photos/{id}") };
    let mut object = Map::new();
    object.insert("id".into(), id.into());
    object.insert("created_at".into(), format_rfc3339(call.now).into());
    object.insert("href".into(), href.clone().into());
    object.insert("download_href".into(), format!("{href}/download").into());
    object.insert("file_name".into(), file.filename.clone().into());
    object.insert("file_type".into(), kind.map_or("unknown", FileKind::name).into());
    object.insert("file_size".into(), file.content.len().into());
    if document {
        object.insert("applicant_id".into(), id_of(&applicant).into());
        for key in ["type", "side", "issuing_country"] {
            if let Some(value) = call.input.get(key) {
                object.insert(key.into(), value.clone());
            }
        }
    }
    let blob = Blob {
        content_type: kind.map_or("application/octet-stream", FileKind::content_type).to_owned(),
        filename: file.filename,
        content: file.content,
    };
    let record = Media { applicant_id: id_of(&applicant).to_owned(), object: object.clone(), blob };
    if document {
        sb.v3.documents.push(record);
    } else {
        sb.v3.live_photos.push(record);
    }
    Ok(answer(sb, call, 201, Value::Object(object)))
}

fn media<'a>(items: &'a [Media], call: &Call, field: &str) -> Result<&'a Media, HttpResponse> {
    let id = call.text(field).unwrap_or_default();
    items.iter().find(|m| id_of(&m.object) == id).ok_or_else(not_found)
}

fn find_media(sb: &Sandbox, call: &Call, items: &[Media], field: &str) -> Reply {
    Ok(answer(sb, call, 200, Value::Object(media(items, call, field)?.object.clone())))
}

fn list_media(sb: &Sandbox, call: &Call, items: &[Media], key: &str) -> Reply {
    let applicant_id = call.text("applicant_id").unwrap_or_default();
    let list = items.iter().filter(|m| m.applicant_id == applicant_id).map(|m| Value::Object(m.object.clone()));
    Ok(paged(sb, call, Some(key), list.collect(), None))
}

fn download_media(items: &[Media], call: &Call, field: &str) -> Reply {
    let blob = &media(items, call, field)?.blob;
    let name: String =
        blob.filename.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' { c } else { '_' }).collect();
    Ok(file_response(&blob.content, &blob.content_type, &name))
}

// ---- checks and reports ----

fn find_check<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Check, HttpResponse> {
    let id = call.text("check_id").unwrap_or_default();
    sb.v3.checks.iter().find(|c| id_of(&c.object) == id).ok_or_else(not_found)
}

fn find_report<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Object, HttpResponse> {
    let id = call.text("report_id").unwrap_or_default();
    sb.v3.reports.iter().find(|r| id_of(r) == id).ok_or_else(not_found)
}

/// Reports that read the applicant's documents, and those that need a live photo too.
fn needs_document(name: &str) -> bool {
    name.starts_with("document") || name.starts_with("facial_similarity") || name == "proof_of_address"
}

fn create_check(sb: &mut Sandbox, call: &Call) -> Reply {
    let applicant = named_applicant(sb, call)?;
    let applicant_id = id_of(&applicant).to_owned();
    let strings = |key: &str| -> Vec<String> {
        call.input
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    let names = strings("report_names");
    let document_ids = strings("document_ids");
    let own =
        |items: &[Media], id: &str| items.iter().any(|m| m.applicant_id == applicant_id && id_of(&m.object) == id);
    if let Some(bad) = document_ids.iter().find(|id| !own(&sb.v3.documents, id)) {
        return Err(invalid("document_ids", &format!("{bad} is not a document of this applicant")));
    }
    let has = |items: &[Media]| items.iter().any(|m| m.applicant_id == applicant_id);
    let provides = call.input.get("applicant_provides_data").and_then(Value::as_bool).unwrap_or(false);
    if !provides {
        let missing = names.iter().find(|n| {
            (needs_document(n) && !has(&sb.v3.documents))
                || (n.as_str() == "facial_similarity_photo" && !has(&sb.v3.live_photos))
        });
        if let Some(name) = missing {
            let message = format!(
                "The {name} report needs the applicant's uploads (a document; a live photo for facial similarity)."
            );
            return Err(error(422, "missing_documents", &message, None));
        }
    }
    let pending = !provides;
    let status = if provides { "awaiting_applicant" } else { "in_progress" };
    let (object, reports) = new_check(sb, call, &applicant_id, &names, status, &document_ids);
    sb.v3.reports.extend(reports);
    sb.v3.checks.push(Check {
        object: object.clone(),
        pending,
        consider: strings("consider"),
        sub_result: call.text("sub_result").map(str::to_owned),
    });
    notify(sb, "check", "check.started", &object, call.now);
    Ok(answer(sb, call, 201, Value::Object(object)))
}

/// A new check and its reports, awaiting data.
fn new_check(
    sb: &mut Sandbox,
    call: &Call,
    applicant_id: &str,
    names: &[String],
    status: &str,
    document_ids: &[String],
) -> (Object, Vec<Object>) {
    let check_id = sb.store.next_id();
    let documents: Vec<Value> = if document_ids.is_empty() {
        sb.v3
            .documents
            .iter()
            .filter(|m| m.applicant_id == applicant_id)
            .map(|m| json!({"id": id_of(&m.object)}))
            .collect()
    } else {
        document_ids.iter().map(|id| json!({"id": id})).collect()
    };
    let mut reports = Vec::new();
    for name in names {
        let id = sb.store.next_id();
        let mut report = Map::new();
        report.insert("id".into(), id.clone().into());
        report.insert("name".into(), name.clone().into());
        report.insert("check_id".into(), check_id.clone().into());
        report.insert("created_at".into(), format_rfc3339(call.now).into());
        report.insert("href".into(), format!("/v3.6/reports/{id}").into());
        report.insert("status".into(), "awaiting_data".into());
        report.insert("result".into(), Value::Null);
        report.insert("breakdown".into(), json!({}));
        report.insert("properties".into(), json!({}));
        if name.starts_with("document") {
            report.insert("sub_result".into(), Value::Null);
            report.insert("documents".into(), Value::Array(documents.clone()));
        }
        reports.push(report);
    }
    let mut check = Map::new();
    check.insert("id".into(), check_id.clone().into());
    check.insert("applicant_id".into(), applicant_id.into());
    check.insert("created_at".into(), format_rfc3339(call.now).into());
    check.insert("href".into(), format!("/v3.6/checks/{check_id}").into());
    check.insert("status".into(), status.into());
    check.insert("result".into(), Value::Null);
    check.insert("sandbox".into(), true.into());
    check.insert("paused".into(), false.into());
    check.insert("version".into(), "3.6".into());
    check.insert("report_ids".into(), reports.iter().map(|r| Value::from(id_of(r))).collect());
    check.insert("results_uri".into(), format!("https://dashboard.onfido.com/checks/{check_id}").into());
    check.insert("tags".into(), call.input.get("tags").cloned().unwrap_or_else(|| json!([])));
    for key in ["redirect_uri", "applicant_provides_data", "privacy_notices_read_consent_given", "webhook_ids"] {
        if let Some(value) = call.input.get(key) {
            check.insert(key.into(), value.clone());
        }
    }
    if status == "awaiting_applicant" {
        check.insert("form_uri".into(), format!("https://onfido.com/information/{check_id}").into());
    }
    (check, reports)
}

/// The v2 report name whose breakdown a v3 report borrows, and its variant.
fn family(name: &str) -> (ReportName, Option<&'static str>) {
    let v2 = if name.starts_with("document") || name == "us_driving_licence" {
        ("document", None)
    } else if name == "facial_similarity_video" || name == "facial_similarity_motion" {
        ("facial_similarity", Some("video"))
    } else if name.starts_with("facial_similarity") {
        ("facial_similarity", None)
    } else if name == "identity_enhanced" {
        ("identity", None)
    } else if name == "watchlist_enhanced" {
        ("watchlist", Some("full"))
    } else if name.starts_with("watchlist") {
        ("watchlist", None)
    } else {
        (name, None)
    };
    (ReportName::from(v2.0), v2.1)
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

fn complete_check(sb: &mut Sandbox, check_id: &str, now: i64) {
    let Some(check) = sb.v3.checks.iter_mut().find(|c| id_of(&c.object) == check_id) else { return };
    check.pending = false;
    let (consider, sub_result) = (check.consider.clone(), check.sub_result.clone());
    let applicant_id = text(&check.object, "applicant_id").unwrap_or_default().to_owned();
    let applicant = sb.v3.applicant(&applicant_id).map(|a| a.object.clone()).unwrap_or_default();
    let last_name = text(&applicant, "last_name").unwrap_or_default();
    let mut completed = Vec::new();
    for report in sb.v3.reports.iter_mut().filter(|r| text(r, "check_id") == Some(check_id)) {
        if text(report, "status") != Some("awaiting_data") {
            continue;
        }
        let name = text(report, "name").unwrap_or_default().to_owned();
        let mut result =
            if consider.contains(&name) || last_name.eq_ignore_ascii_case("consider") { "consider" } else { "clear" };
        let document = name.starts_with("document");
        let sub = match (&sub_result, document) {
            (Some(sub), true) => {
                result = if sub == "clear" { "clear" } else { "consider" };
                Some(sub.clone())
            }
            (None, true) => Some(if result == "clear" { "clear" } else { "caution" }.to_owned()),
            _ => None,
        };
        let (family, variant) = family(&name);
        let (breakdown, properties, _) = super::reports::completed(&family, variant, result, &applicant);
        report.insert("status".into(), "complete".into());
        report.insert("result".into(), result.into());
        report.insert("breakdown".into(), breakdown);
        report.insert("properties".into(), properties);
        if let Some(sub) = sub {
            report.insert("sub_result".into(), sub.into());
        }
        completed.push(report.clone());
    }
    let reports: Vec<&Object> = sb.v3.reports.iter().filter(|r| text(r, "check_id") == Some(check_id)).collect();
    let result = if reports.iter().any(|r| text(r, "result") == Some("consider")) { "consider" } else { "clear" };
    let Some(check) = sb.v3.checks.iter_mut().find(|c| id_of(&c.object) == check_id) else { return };
    check.object.insert("status".into(), "complete".into());
    check.object.insert("result".into(), result.into());
    let object = check.object.clone();
    for report in &completed {
        notify(sb, "report", "report.completed", report, now);
    }
    notify(sb, "check", "check.completed", &object, now);
}

fn resume_check(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = id_of(&find_check(sb, call)?.object).to_owned();
    for report in sb.v3.reports.iter_mut().filter(|r| text(r, "check_id") == Some(&id)) {
        if text(report, "status") == Some("paused") {
            report.insert("status".into(), "awaiting_data".into());
        }
    }
    if let Some(check) = sb.v3.checks.iter_mut().find(|c| id_of(&c.object) == id) {
        if matches!(text(&check.object, "status"), Some("awaiting_applicant" | "paused")) {
            check.object.insert("status".into(), "in_progress".into());
            check.object.insert("paused".into(), false.into());
            check.pending = true;
        }
    }
    Ok(no_content())
}

fn resume_report(sb: &mut Sandbox, call: &Call) -> Reply {
    let report = find_report(sb, call)?;
    let (id, check_id) = (id_of(report).to_owned(), text(report, "check_id").unwrap_or_default().to_owned());
    if text(report, "status") == Some("paused") {
        if let Some(report) = sb.v3.reports.iter_mut().find(|r| id_of(r) == id) {
            report.insert("status".into(), "awaiting_data".into());
            let resumed = report.clone();
            notify(sb, "report", "report.resumed", &resumed, call.now);
        }
        if let Some(check) = sb.v3.checks.iter_mut().find(|c| id_of(&c.object) == check_id) {
            check.pending = true;
        }
    }
    Ok(no_content())
}

fn cancel_report(sb: &mut Sandbox, call: &Call) -> Reply {
    let report = find_report(sb, call)?;
    if matches!(text(report, "status"), Some("complete" | "withdrawn")) {
        return Err(error(422, "validation_error", "A complete report cannot be cancelled.", None));
    }
    let id = id_of(report).to_owned();
    if let Some(report) = sb.v3.reports.iter_mut().find(|r| id_of(r) == id) {
        report.insert("status".into(), "cancelled".into());
        let cancelled = report.clone();
        notify(sb, "report", "report.cancelled", &cancelled, call.now);
    }
    Ok(no_content())
}

// ---- webhooks ----

fn notify(sb: &mut Sandbox, resource_type: &str, action: &str, object: &Object, now: i64) {
    if sb.v3.hooks.is_empty() {
        return;
    }
    let body = hooks::payload(resource_type, action, object, &sb.options.base_url, now);
    sb.v3.outbox.queue(&sb.v3.hooks, action, &body, now);
}

fn find_hook<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Hook, HttpResponse> {
    let id = call.text("webhook_id").unwrap_or_default();
    sb.v3.hooks.iter().find(|h| id_of(&h.object) == id).ok_or_else(not_found)
}

/// A webhook as read back: disabled while it rests after failures.
fn shown(hook: &Hook, now: i64) -> Object {
    let mut object = hook.object.clone();
    if hook.disabled_until.is_some_and(|until| now < until) {
        object.insert("enabled".into(), false.into());
    }
    object
}

const WEBHOOK_FIELDS: [&str; 9] = [
    "url",
    "enabled",
    "events",
    "environments",
    "payload_version",
    "oauth_enabled",
    "oauth_server_url",
    "oauth_server_client_id",
    "oauth_server_scope",
];

fn create_webhook(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = sb.store.next_id();
    let token = sb.store.next_secret();
    let events: Vec<Value> = match call.input.get("events") {
        Some(Value::Array(events)) => events.clone(),
        _ => webhook_events().iter().map(|e| Value::from(*e)).collect(),
    };
    let mut object = Map::new();
    object.insert("id".into(), id.clone().into());
    object.insert("href".into(), format!("/v3.6/webhooks/{id}").into());
    object.insert("enabled".into(), true.into());
    object.insert("environments".into(), json!(["sandbox", "live"]));
    object.insert("payload_version".into(), 2.into());
    for key in WEBHOOK_FIELDS {
        if let Some(value) = call.input.get(key).filter(|v| !v.is_null()) {
            object.insert(key.into(), value.clone());
        }
    }
    object.insert("events".into(), Value::Array(events));
    sb.v3.hooks.push(Hook { object: object.clone(), token: token.clone(), failures: 0, disabled_until: None });
    object.insert("token".into(), token.into());
    Ok(answer(sb, call, 201, Value::Object(object)))
}

/// Every v3.6 webhook event.
fn webhook_events() -> &'static [&'static str] {
    crate::v3::operation(ApiVersion::V3_6, "create_webhook")
        .ok()
        .and_then(|op| op.body.as_ref())
        .and_then(|b| b.object.field("events"))
        .and_then(|f| match f.ty {
            Ty::Array(array) => match array.items {
                Ty::Enum(e) => Some(e.values),
                _ => None,
            },
            _ => None,
        })
        .unwrap_or(&[])
}

fn update_webhook(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = id_of(&find_hook(sb, call)?.object).to_owned();
    let Some(hook) = sb.v3.hooks.iter_mut().find(|h| id_of(&h.object) == id) else { return Err(not_found()) };
    for key in WEBHOOK_FIELDS {
        if let Some(value) = call.input.get(key).filter(|v| !v.is_null()) {
            hook.object.insert(key.into(), value.clone());
        }
    }
    let object = shown(hook, call.now);
    Ok(answer(sb, call, 200, Value::Object(object)))
}

fn resend_webhooks(sb: &mut Sandbox, call: &Call) -> Reply {
    let items: Vec<Value> = call.input.get("data").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut found = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item.get("resource_id").and_then(Value::as_str).unwrap_or_default();
        let event = item.get("event").and_then(Value::as_str).unwrap_or_default();
        let resource_type = event.split('.').next().unwrap_or_default();
        let object = match resource_type {
            "check" => sb.v3.checks.iter().map(|c| &c.object).find(|o| id_of(o) == id),
            "report" => sb.v3.reports.iter().find(|o| id_of(o) == id),
            "workflow_run" => sb.v3.runs.iter().map(|r| &r.object).find(|o| id_of(o) == id),
            "watchlist_monitor" => sb.v3.monitors.iter().map(|m| &m.object).find(|o| id_of(o) == id),
            _ => None,
        };
        match object {
            Some(object) => found.push((resource_type.to_owned(), event.to_owned(), object.clone())),
            None => return Err(invalid(&format!("data[{i}].resource_id"), "is not a resource this event is about")),
        }
    }
    for (resource_type, event, object) in found {
        notify(sb, &resource_type, &event, &object, call.now);
    }
    Ok(no_content())
}

// ---- workflow runs ----

fn find_run<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Run, HttpResponse> {
    let id = call.text("workflow_run_id").unwrap_or_default();
    sb.v3.runs.iter().find(|r| id_of(&r.object) == id).ok_or_else(not_found)
}

fn find_task<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Object, HttpResponse> {
    let id = call.text("task_id").unwrap_or_default();
    find_run(sb, call)?.tasks.iter().find(|t| id_of(t) == id).ok_or_else(not_found)
}

fn task_item(task: &Object) -> Object {
    task.iter()
        .filter(|(k, _)| !matches!(k.as_str(), "input" | "output"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn create_workflow_run(sb: &mut Sandbox, call: &Call) -> Reply {
    let applicant = named_applicant(sb, call)?;
    let id = sb.store.next_id();
    let at = format_rfc3339(call.now);
    let mut object = Map::new();
    object.insert("id".into(), id.clone().into());
    object.insert("applicant_id".into(), id_of(&applicant).into());
    object.insert("workflow_id".into(), call.input.get("workflow_id").cloned().unwrap_or_default());
    object.insert("workflow_version_id".into(), 1.into());
    object.insert("status".into(), "processing".into());
    object.insert("created_at".into(), at.clone().into());
    object.insert("updated_at".into(), at.clone().into());
    object.insert("dashboard_url".into(), format!("https://dashboard.onfido.com/results/{id}").into());
    object.insert("tags".into(), call.input.get("tags").cloned().unwrap_or_else(|| json!([])));
    object.insert("reasons".into(), json!([]));
    for key in ["customer_user_id", "link"] {
        if let Some(value) = call.input.get(key) {
            object.insert(key.into(), value.clone());
        }
    }
    let tasks = ["start", "document_check", "face_check", "end"]
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let mut task = Map::new();
            let task_id =
                if i == 0 || i == 3 { (*def).to_owned() } else { format!("{def}_{}", id.get(..8).unwrap_or(&id)) };
            task.insert("id".into(), task_id.into());
            task.insert("workflow_run_id".into(), id.clone().into());
            task.insert("task_def_id".into(), (*def).into());
            task.insert("task_def_version".into(), "1".into());
            task.insert("input".into(), json!({}));
            task.insert("output".into(), json!({}));
            task.insert("created_at".into(), at.clone().into());
            task.insert("updated_at".into(), at.clone().into());
            task
        })
        .collect();
    sb.v3.runs.push(Run { object: object.clone(), tasks, pending: true });
    Ok(answer(sb, call, 201, Value::Object(object)))
}

/// Ends a run: declined when the applicant's last name is `Consider`, else approved.
fn complete_run(sb: &mut Sandbox, run_id: &str, now: i64) {
    let Some(run) = sb.v3.runs.iter().find(|r| id_of(&r.object) == run_id) else { return };
    let applicant_id = text(&run.object, "applicant_id").unwrap_or_default().to_owned();
    let last_name = sb.v3.applicant(&applicant_id).and_then(|a| text(&a.object, "last_name")).unwrap_or_default();
    let declined = last_name.eq_ignore_ascii_case("consider");
    let Some(run) = sb.v3.runs.iter_mut().find(|r| id_of(&r.object) == run_id) else { return };
    run.pending = false;
    let status = if declined { "declined" } else { "approved" };
    run.object.insert("status".into(), status.into());
    run.object.insert("updated_at".into(), format_rfc3339(now).into());
    run.object.insert("output".into(), json!({ "outcome": status }));
    if declined {
        run.object.insert("reasons".into(), json!(["document_check: consider"]));
    }
    for task in &mut run.tasks {
        task.insert("output".into(), json!({ "result": if declined { "consider" } else { "clear" } }));
        task.insert("updated_at".into(), format_rfc3339(now).into());
    }
    let mut object = run.object.clone();
    object.insert("href".into(), format!("/v3.6/workflow_runs/{run_id}").into());
    notify(sb, "workflow_run", "workflow_run.completed", &object, now);
}

fn list_workflow_runs(sb: &Sandbox, call: &Call) -> Reply {
    let applicant_id = call.text("applicant_id");
    let status = call.text("status");
    let items = sb
        .v3
        .runs
        .iter()
        .rev()
        .filter(|r| applicant_id.is_none_or(|a| text(&r.object, "applicant_id") == Some(a)))
        .filter(|r| status.is_none_or(|s| s.split(',').any(|s| text(&r.object, "status") == Some(s))))
        .map(|r| Value::Object(r.object.clone()))
        .collect();
    Ok(paged(sb, call, None, items, Some(25)))
}

// ---- SDK tokens ----

fn generate_sdk_token(sb: &Sandbox, call: &Call) -> Reply {
    use base64::Engine as _;
    let applicant = named_applicant(sb, call)?;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let header = b64(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = json!({ "exp": call.now + 90 * 60, "iat": call.now, "app": id_of(&applicant),
                         "ref": call.text("referrer"), "application_id": call.text("application_id") });
    let payload = b64(&serde_json::to_vec(&claims).unwrap_or_default());
    let signature = crate::webhook::sign(
        format!("{header}.{payload}").as_bytes(),
        "onfido-core-sandbox",
        crate::webhook::Algorithm::Sha256,
    );
    let token = format!("{header}.{payload}.{}", b64(&crate::hex::decode(&signature).unwrap_or_default()));
    Ok(answer(sb, call, 200, json!({ "token": token })))
}

// ---- watchlist monitors ----

fn find_monitor<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Monitor, HttpResponse> {
    let id = call.text("monitor_id").unwrap_or_default();
    sb.v3.monitors.iter().find(|m| id_of(&m.object) == id).ok_or_else(not_found)
}

fn create_monitor(sb: &mut Sandbox, call: &Call) -> Reply {
    let applicant = named_applicant(sb, call)?;
    let id = sb.store.next_id();
    let mut object = Map::new();
    object.insert("id".into(), id.into());
    object.insert("applicant_id".into(), id_of(&applicant).into());
    object.insert("report_name".into(), call.input.get("report_name").cloned().unwrap_or_default());
    object.insert("tags".into(), call.input.get("tags").cloned().unwrap_or_else(|| json!([])));
    object.insert("created_at".into(), format_rfc3339(call.now).into());
    object.insert("deleted_at".into(), Value::Null);
    object.insert("is_sandbox".into(), true.into());
    let matches = (0..2)
        .map(|_| {
            let mut m = Map::new();
            m.insert("id".into(), sb.store.next_id().into());
            m.insert("enabled".into(), true.into());
            m
        })
        .collect();
    sb.v3.monitors.push(Monitor { object: object.clone(), matches });
    Ok(answer(sb, call, 201, Value::Object(object)))
}

fn update_matches(sb: &mut Sandbox, call: &Call) -> Reply {
    let id = id_of(&find_monitor(sb, call)?.object).to_owned();
    let Some(monitor) = sb.v3.monitors.iter_mut().find(|m| id_of(&m.object) == id) else { return Err(not_found()) };
    for (key, enabled) in [("enable", true), ("disable", false)] {
        for (i, match_id) in call.input.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
            let Some(found) = monitor.matches.iter_mut().find(|m| m.get("id") == Some(match_id)) else {
                return Err(invalid(&format!("{key}[{i}]"), "is not a match of this monitor"));
            };
            found.insert("enabled".into(), enabled.into());
        }
    }
    let matches: Vec<Value> = monitor.matches.iter().cloned().map(Value::Object).collect();
    let object = monitor.object.clone();
    notify(sb, "watchlist_monitor", "watchlist_monitor.matches_updated", &object, call.now);
    Ok(answer(sb, call, 200, json!({ "matches": matches })))
}

/// A new check with the monitor's report, answered 201 with the report's `Location`.
fn monitor_report(sb: &mut Sandbox, call: &Call) -> Reply {
    let monitor = find_monitor(sb, call)?.object.clone();
    let applicant_id = text(&monitor, "applicant_id").unwrap_or_default().to_owned();
    let name = text(&monitor, "report_name").unwrap_or("watchlist_standard").to_owned();
    let (object, reports) = new_check(sb, call, &applicant_id, &[name], "in_progress", &[]);
    let report_id = reports.first().map(|r| id_of(r).to_owned()).unwrap_or_default();
    sb.v3.reports.extend(reports);
    sb.v3.checks.push(Check { object, pending: true, consider: Vec::new(), sub_result: None });
    let location = format!("{}{}/reports/{report_id}", sb.options.base_url, call.prefix());
    Ok(HttpResponse { status: 201, headers: vec![("Location".into(), location)], body: Vec::new() })
}

// ---- everything else ----

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
                id if op.method == crate::http::Method::Post
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
