//! The simulator's endpoints: one handler per operation, answering as the reference shows.

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use url::Url;

use super::reports;
use super::store::{id_of, text, ApplicantRecord, Blob, CheckRecord, MediaRecord, Object, ReportRecord};
use super::{error, json_response, no_content, Reply, Sandbox};
use onfido_core::error::{ApiErrorType, Error, FieldErrors};
use onfido_core::http::{HttpRequest, HttpResponse, Method};
use onfido_core::models::{Applicant, CheckType, ReportName};
use onfido_core::multipart::{self, FileKind, FileUpload};
use onfido_core::operations::applicants::{CreateApplicant, ListApplicants, UpdateApplicant};
use onfido_core::operations::checks::{CreateCheck, ListChecks, ReportRequest};
use onfido_core::operations::documents::UploadDocument;
use onfido_core::operations::live_photos::{ListLivePhotos, UploadLivePhoto};
use onfido_core::operations::live_videos::ListLiveVideos;
use onfido_core::operations::{addresses, ocr, sdk_tokens, slv, webhooks, Operation};
use onfido_core::timestamp::format_rfc3339;
use onfido_core::{dynamic, requirements, results, validation};

/// Days between a deletion request and the deletion, as the reference says.
const DELETION_DAYS: i64 = 20;

/// Dispatches a request to its endpoint.
pub(super) fn route(sb: &mut Sandbox, request: &HttpRequest, now: i64) -> Reply {
    let url = Url::parse(&request.url).map_err(|_| error(400, "bad_request", "The URL is not valid.", None))?;
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned()).collect())
        .unwrap_or_default();
    let Some(version) = segments.iter().position(|s| s == "v2") else { return Err(not_found()) };
    let path: Vec<&str> = segments.iter().skip(version + 1).map(String::as_str).filter(|s| !s.is_empty()).collect();
    let query: Map<String, Value> =
        url.query_pairs().map(|(k, v)| (k.into_owned(), Value::from(v.into_owned()))).collect();
    use Method::{Delete, Get, Post, Put};
    match (request.method, path.as_slice()) {
        (Post, ["applicants"]) => create_applicant(sb, request, now),
        (Get, ["applicants"]) => list_applicants(sb, &query, now),
        (Get, ["applicants", id]) => Ok(json_response(200, &Value::Object(live_applicant(sb, id)?.object.clone()))),
        (Put, ["applicants", id]) => update_applicant(sb, id, request, now),
        (Delete, ["applicants", id]) => delete_applicant(sb, id, now),
        (Post, ["applicants", id, "restore"]) => restore_applicant(sb, id),
        (Post, ["applicants", id, "documents"]) => upload_document(sb, id, request, now),
        (Get, ["applicants", id, "documents"]) => {
            live_applicant(sb, id)?;
            let items = owned_by(&sb.store.documents, id);
            Ok(list(sb, "documents", items, &query, &format!("applicants/{id}/documents"), None))
        }
        (Get, ["applicants", id, "documents", doc]) => {
            live_applicant(sb, id)?;
            Ok(json_response(200, &Value::Object(media(&sb.store.documents, doc, Some(id))?.object.clone())))
        }
        (Get, ["applicants", id, "documents", doc, "download"]) => {
            live_applicant(sb, id)?;
            Ok(download(&media(&sb.store.documents, doc, Some(id))?.blob))
        }
        (Post, ["live_photos"]) => upload_live_photo(sb, request, now),
        (Get, ["live_photos"]) => {
            let input: ListLivePhotos = validated(sb, Value::Object(query.clone()), now)?;
            live_applicant(sb, &input.applicant_id)?;
            let items = owned_by(&sb.store.live_photos, &input.applicant_id);
            Ok(list(sb, "live_photos", items, &query, "live_photos", None))
        }
        (Get, ["live_photos", id]) => {
            Ok(json_response(200, &Value::Object(media(&sb.store.live_photos, id, None)?.object.clone())))
        }
        (Get, ["live_photos", id, "download"]) => Ok(download(&media(&sb.store.live_photos, id, None)?.blob)),
        (Post, ["live_videos"]) => upload_live_video(sb, request, now),
        (Get, ["live_videos"]) => {
            let input: ListLiveVideos = validated(sb, Value::Object(query.clone()), now)?;
            live_applicant(sb, &input.applicant_id)?;
            let items = owned_by(&sb.store.live_videos, &input.applicant_id);
            Ok(list(sb, "live_videos", items, &query, "live_videos", None))
        }
        (Get, ["live_videos", id]) => {
            Ok(json_response(200, &Value::Object(media(&sb.store.live_videos, id, None)?.object.clone())))
        }
        (Get, ["live_videos", id, "download"]) => Ok(download(&media(&sb.store.live_videos, id, None)?.blob)),
        (Post, ["applicants", id, "checks"]) => create_check(sb, id, request, now),
        (Get, ["applicants", id, "checks"]) => list_checks(sb, id, &query, now),
        (Get, ["applicants", id, "checks", check]) => {
            live_applicant(sb, id)?;
            let record = sb.store.check(check).filter(|c| c.applicant_id == *id).ok_or_else(not_found)?;
            Ok(json_response(200, &Value::Object(record.object.clone())))
        }
        (Post, ["checks", check, "resume"]) => resume_check(sb, check, now),
        (Get, ["checks", check, "reports"]) => {
            let record = sb.store.check(check).ok_or_else(not_found)?;
            let items: Vec<Object> =
                record.report_ids.iter().filter_map(|r| sb.store.report(r)).map(|r| r.object.clone()).collect();
            Ok(list(sb, "reports", items, &query, &format!("checks/{check}/reports"), None))
        }
        (Get, ["checks", check, "reports", report]) => {
            let record = sb.store.report(report).filter(|r| r.check_id == *check).ok_or_else(not_found)?;
            Ok(json_response(200, &Value::Object(record.object.clone())))
        }
        (Post, ["checks", check, "reports", report, "resume"]) => resume_report(sb, check, report, now),
        (Post, ["checks", check, "reports", report, "cancel"]) => cancel_report(sb, check, report, now),
        (Post, ["webhooks"]) => register_webhook(sb, request, now),
        (Get, ["webhooks"]) => Ok(list(sb, "webhooks", sb.store.webhooks.clone(), &query, "webhooks", None)),
        (Get, ["webhooks", id]) => {
            let hook = sb.store.webhooks.iter().find(|w| id_of(w) == *id).ok_or_else(not_found)?;
            Ok(json_response(200, &Value::Object(hook.clone())))
        }
        (Get, ["report_type_groups"]) => {
            Ok(list(sb, "report_type_groups", sb.store.report_type_groups.clone(), &query, "report_type_groups", None))
        }
        (Get, ["report_type_groups", id]) => {
            let group = sb.store.report_type_groups.iter().find(|g| id_of(g) == *id).ok_or_else(not_found)?;
            Ok(json_response(200, &Value::Object(group.clone())))
        }
        (Get, ["addresses", "pick"]) => pick_addresses(sb, &query, now),
        (Post, ["sdk_token"]) => generate_sdk_token(sb, request, now),
        (Post, ["ocr"]) => extract_ocr(sb, request, now),
        (Post, ["slv"]) => {
            let _: slv::SubmitSlvCode = validated(sb, Value::Object(body_json(request)?), now)?;
            Ok(json_response(200, &json!({ "success": true })))
        }
        _ => Err(not_found()),
    }
}

fn not_found() -> HttpResponse {
    error(404, "resource_not_found", "The requested resource could not be found.", None)
}

/// Reads the input of an operation and runs the client's own validation on it (one implementation).
fn validated<O: Operation + DeserializeOwned>(sb: &Sandbox, input: Value, now: i64) -> Result<O, HttpResponse> {
    within_field_limit(&input)?;
    let operation = dynamic::input::<O>(&input).map_err(rejection)?;
    check(sb, &operation, now)?;
    Ok(operation)
}

/// A 422 naming every string field over [`super::MAX_FIELD_CHARS`] (`addresses[0].street`).
fn within_field_limit(input: &Value) -> Result<(), HttpResponse> {
    let mut fields = FieldErrors::new();
    super::long_text_fields(input, "", &mut fields);
    fields.into_result().map_err(rejection)
}

/// A 507 unless `bytes` more of uploads fit in the sandbox's upload budget.
fn upload_room(sb: &Sandbox, bytes: usize) -> Result<(), HttpResponse> {
    if sb.store.upload_bytes().saturating_add(bytes) <= sb.upload_budget {
        return Ok(());
    }
    let message =
        format!("The sandbox keeps at most {} bytes of uploads and is full; start a new sandbox.", sb.upload_budget);
    Err(error(507, "insufficient_storage", &message, None))
}

/// Runs an operation's client-side checks; a refusal becomes the server's 422.
fn check<O: Operation>(sb: &Sandbox, operation: &O, now: i64) -> Result<(), HttpResponse> {
    let config = sb
        .validation
        .as_ref()
        .map_err(|_| error(500, "internal_server_error", "The sandbox is misconfigured.", None))?;
    operation.build_at(config, now).map(|_| ()).map_err(rejection)
}

fn rejection(e: Error) -> HttpResponse {
    match e {
        Error::Validation(fields) => {
            error(422, "validation_error", "There was a validation error on this request", Some(&fields))
        }
        other => error(400, "bad_request", &other.to_string(), None),
    }
}

/// The JSON object body (empty for none); anything else is a 400.
fn body_json(request: &HttpRequest) -> Result<Map<String, Value>, HttpResponse> {
    super::json_object(&request.body)
        .ok_or_else(|| error(400, "bad_request", "The request body must be a JSON object.", None))
}

/// The multipart form of an upload: text fields and the file.
fn form(request: &HttpRequest) -> Result<(Map<String, Value>, Option<FileUpload>), HttpResponse> {
    let content_type = request.header("content-type").unwrap_or_default();
    let parts = multipart::parse(content_type, &request.body)
        .map_err(|_| error(400, "bad_request", "Uploads must be multipart/form-data.", None))?;
    let mut fields = Map::new();
    let mut file = None;
    for part in parts {
        match part.filename {
            Some(filename) if part.name == "file" => {
                let filename = multipart::unescape_filename(&filename);
                if filename.chars().nth(super::MAX_FIELD_CHARS).is_some() {
                    let mut errors = FieldErrors::new();
                    errors.add("file", format!("the file name must be at most {} characters", super::MAX_FIELD_CHARS));
                    return Err(rejection(Error::Validation(errors)));
                }
                file = Some(FileUpload { filename, content: part.data });
            }
            _ => {
                fields.insert(part.name, String::from_utf8_lossy(&part.data).into_owned().into());
            }
        }
    }
    within_field_limit(&Value::Object(fields.clone()))?;
    Ok((fields, file))
}

/// An applicant that exists and is not scheduled for deletion.
fn live_applicant<'a>(sb: &'a Sandbox, id: &str) -> Result<&'a ApplicantRecord, HttpResponse> {
    match sb.store.applicant(id) {
        None => Err(not_found()),
        Some(record) if record.deleted_at.is_some() => {
            Err(error(410, "gone", "The resource has been deleted or is scheduled for deletion.", None))
        }
        Some(record) => Ok(record),
    }
}

fn media<'a>(items: &'a [MediaRecord], id: &str, applicant: Option<&str>) -> Result<&'a MediaRecord, HttpResponse> {
    items.iter().find(|m| id_of(&m.object) == id && applicant.is_none_or(|a| m.applicant_id == a)).ok_or_else(not_found)
}

fn owned_by(items: &[MediaRecord], applicant_id: &str) -> Vec<Object> {
    items.iter().filter(|m| m.applicant_id == applicant_id).map(|m| m.object.clone()).collect()
}

/// A page of a list with `Link` and `X-Total-Count`; `default_per_page` `None` means everything.
fn list(
    sb: &Sandbox,
    key: &str,
    items: Vec<Object>,
    query: &Map<String, Value>,
    path: &str,
    default_per_page: Option<usize>,
) -> HttpResponse {
    let number =
        |name: &str| query.get(name).and_then(Value::as_str).and_then(|v| v.parse::<usize>().ok()).filter(|n| *n > 0);
    let total = items.len();
    let per_page = number("per_page").or(default_per_page).unwrap_or(total.max(1));
    let last = total.div_ceil(per_page).max(1);
    let page = number("page").unwrap_or(1);
    let slice: Vec<Value> =
        items.into_iter().skip((page - 1).saturating_mul(per_page)).take(per_page).map(Value::Object).collect();
    let mut extra: String = query
        .iter()
        .filter(|(k, _)| *k != "page" && *k != "per_page")
        // Names and values both come from the request: percent-encoded, nothing reaches the header raw.
        .map(|(k, v)| {
            let encode =
                |text| percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string();
            format!("&{}={}", encode(k), encode(v.as_str().unwrap_or_default()))
        })
        .collect();
    if number("per_page").is_some() || default_per_page.is_some() {
        extra.push_str(&format!("&per_page={per_page}"));
    }
    let link = |n: usize, rel: &str| format!("<{}/v2/{path}?page={n}{extra}>; rel=\"{rel}\"", sb.options.base_url);
    let mut links = vec![link(1, "first"), link(last, "last")];
    if page > 1 {
        links.push(link((page - 1).min(last), "prev"));
    }
    if page < last {
        links.push(link(page + 1, "next"));
    }
    let mut response = json_response(200, &json!({ key: slice }));
    response.headers.push(("Link".into(), links.join(", ")));
    response.headers.push(("X-Total-Count".into(), total.to_string()));
    response
}

fn download(blob: &Blob) -> HttpResponse {
    let ascii: String = blob.filename.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    let ascii = ascii.replace(['"', '\\'], "_");
    let encoded = percent_encoding::utf8_percent_encode(&blob.filename, percent_encoding::NON_ALPHANUMERIC);
    HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type".into(), blob.content_type.clone()),
            ("Content-Disposition".into(), format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")),
        ],
        body: blob.content.clone(),
    }
}

fn create_applicant(sb: &mut Sandbox, request: &HttpRequest, now: i64) -> Reply {
    let input: CreateApplicant = validated(sb, Value::Object(body_json(request)?), now)?;
    let id = sb.store.next_id();
    let mut object = applicant_template(&id, now);
    merge(&mut object, &input.0);
    sb.store.applicants.push(ApplicantRecord { object: object.clone(), deleted_at: None });
    Ok(json_response(201, &Value::Object(object)))
}

/// Every applicant field, null until set.
fn applicant_template(id: &str, now: i64) -> Object {
    let mut object = Map::new();
    object.insert("id".into(), id.into());
    object.insert("created_at".into(), format_rfc3339(now).into());
    object.insert("delete_at".into(), Value::Null);
    object.insert("href".into(), format!("/v2/applicants/{id}").into());
    for key in [
        "title",
        "first_name",
        "middle_name",
        "last_name",
        "email",
        "gender",
        "dob",
        "telephone",
        "mobile",
        "country",
        "mothers_maiden_name",
        "previous_last_name",
        "nationality",
        "country_of_birth",
        "town_of_birth",
    ] {
        object.insert(key.into(), Value::Null);
    }
    object.insert("id_numbers".into(), json!([]));
    object.insert("addresses".into(), json!([]));
    object.insert("sandbox".into(), true.into());
    object
}

/// Copies the set fields of a validated input onto a stored object.
fn merge(object: &mut Object, input: &impl serde::Serialize) {
    if let Ok(Value::Object(fields)) = serde_json::to_value(input) {
        for (key, value) in fields.into_iter().filter(|(_, v)| !v.is_null()) {
            object.insert(key, value);
        }
    }
}

fn list_applicants(sb: &Sandbox, query: &Map<String, Value>, now: i64) -> Reply {
    let input: ListApplicants = validated(sb, Value::Object(query.clone()), now)?;
    let include_deleted = input.include_deleted == Some(true);
    let items: Vec<Object> = sb
        .store
        .applicants
        .iter()
        .rev()
        .filter(|a| include_deleted || a.deleted_at.is_none())
        .map(|a| a.object.clone())
        .collect();
    Ok(list(sb, "applicants", items, query, "applicants", Some(20)))
}

fn update_applicant(sb: &mut Sandbox, id: &str, request: &HttpRequest, now: i64) -> Reply {
    live_applicant(sb, id)?;
    let mut body = body_json(request)?;
    body.insert("applicant_id".into(), id.into());
    let input: UpdateApplicant = validated(sb, Value::Object(body), now)?;
    let record = sb.store.applicant_mut(id).ok_or_else(not_found)?;
    merge(&mut record.object, &input.applicant);
    Ok(json_response(200, &Value::Object(record.object.clone())))
}

fn delete_applicant(sb: &mut Sandbox, id: &str, now: i64) -> Reply {
    live_applicant(sb, id)?;
    if sb.store.checks.iter().any(|c| c.applicant_id == id) {
        let record = sb.store.applicant_mut(id).ok_or_else(not_found)?;
        record.deleted_at = Some(now);
        record.object.insert("delete_at".into(), format_rfc3339(now + DELETION_DAYS * 86_400).into());
    } else {
        sb.store.applicants.retain(|a| id_of(&a.object) != id);
        for items in [&mut sb.store.documents, &mut sb.store.live_photos, &mut sb.store.live_videos] {
            items.retain(|m| m.applicant_id != id);
        }
    }
    Ok(no_content())
}

fn restore_applicant(sb: &mut Sandbox, id: &str) -> Reply {
    let record = sb.store.applicant_mut(id).ok_or_else(not_found)?;
    if record.deleted_at.is_none() {
        return Err(error(422, "validation_error", "The applicant is not scheduled for deletion.", None));
    }
    record.deleted_at = None;
    record.object.insert("delete_at".into(), Value::Null);
    Ok(no_content())
}

/// The common part of every upload's stored object.
fn media_object(id: &str, href: String, file: &FileUpload, kind: Option<FileKind>, now: i64) -> Object {
    let mut object = Map::new();
    object.insert("id".into(), id.into());
    object.insert("created_at".into(), format_rfc3339(now).into());
    object.insert("href".into(), href.clone().into());
    object.insert("download_href".into(), format!("{href}/download").into());
    object.insert("file_name".into(), file.filename.clone().into());
    object.insert("file_type".into(), kind.map_or("video/mp4", FileKind::name).into());
    object.insert("file_size".into(), file.content.len().into());
    object
}

fn blob(file: FileUpload, kind: Option<FileKind>) -> Blob {
    Blob {
        content_type: kind.map_or("video/mp4", FileKind::content_type).to_owned(),
        filename: file.filename,
        content: file.content,
    }
}

fn upload_document(sb: &mut Sandbox, applicant_id: &str, request: &HttpRequest, now: i64) -> Reply {
    live_applicant(sb, applicant_id)?;
    let (mut fields, file) = form(request)?;
    fields.insert("applicant_id".into(), applicant_id.into());
    let mut input: UploadDocument = dynamic::input(&Value::Object(fields)).map_err(rejection)?;
    input.file = file;
    check(sb, &input, now)?;
    let Some(file) = input.file else { return Err(not_found()) };
    upload_room(sb, file.content.len())?;
    let kind = FileKind::sniff(&file.content);
    let id = sb.store.next_id();
    let mut object = media_object(&id, format!("/v2/applicants/{applicant_id}/documents/{id}"), &file, kind, now);
    object.insert("type".into(), input.document_type.as_ref().map(|t| t.as_str()).into());
    object.insert("side".into(), input.side.as_ref().map(|s| s.as_str()).into());
    object.insert("issuing_country".into(), input.issuing_country.clone().into());
    sb.store.documents.push(MediaRecord {
        applicant_id: applicant_id.into(),
        object: object.clone(),
        blob: blob(file, kind),
    });
    Ok(json_response(201, &Value::Object(object)))
}

fn upload_live_photo(sb: &mut Sandbox, request: &HttpRequest, now: i64) -> Reply {
    let (fields, file) = form(request)?;
    let mut input: UploadLivePhoto = dynamic::input(&Value::Object(fields)).map_err(rejection)?;
    input.file = file;
    check(sb, &input, now)?;
    live_applicant(sb, &input.applicant_id)?;
    let Some(file) = input.file else { return Err(not_found()) };
    upload_room(sb, file.content.len())?;
    let kind = FileKind::sniff(&file.content);
    let id = sb.store.next_id();
    let object = media_object(&id, format!("/v2/live_photos/{id}"), &file, kind, now);
    sb.store.live_photos.push(MediaRecord {
        applicant_id: input.applicant_id,
        object: object.clone(),
        blob: blob(file, kind),
    });
    Ok(json_response(201, &Value::Object(object)))
}

/// Sandbox extension: live videos come from the mobile SDKs, so the simulator accepts them here.
fn upload_live_video(sb: &mut Sandbox, request: &HttpRequest, now: i64) -> Reply {
    let (fields, file) = form(request)?;
    let mut errors = FieldErrors::new();
    let applicant_id = fields.get("applicant_id").and_then(Value::as_str).unwrap_or_default().to_owned();
    validation::path_id(&mut errors, "applicant_id", &applicant_id);
    match &file {
        Some(f) if !f.content.is_empty() && f.content.len() <= multipart::MAX_FILE_SIZE => {}
        _ => errors.add("file", "a video of 1 byte to 10 MiB is required"),
    }
    errors.into_result().map_err(rejection)?;
    live_applicant(sb, &applicant_id)?;
    let Some(file) = file else { return Err(not_found()) };
    upload_room(sb, file.content.len())?;
    let id = sb.store.next_id();
    let mut object = media_object(&id, format!("/v2/live_videos/{id}"), &file, None, now);
    object.insert(
        "challenge".into(),
        json!([{"type": "recite", "query": [1, 2, 3]}, {"type": "movement", "query": "turnRight"}]),
    );
    sb.store.live_videos.push(MediaRecord { applicant_id, object: object.clone(), blob: blob(file, None) });
    Ok(json_response(201, &Value::Object(object)))
}

fn create_check(sb: &mut Sandbox, applicant_id: &str, request: &HttpRequest, now: i64) -> Reply {
    let applicant_object = live_applicant(sb, applicant_id)?.object.clone();
    let mut body = body_json(request)?;
    body.insert("applicant_id".into(), applicant_id.into());
    let mut input: CreateCheck = validated(sb, Value::Object(body), now)?;
    // Report type groups become their reports.
    let mut requested = input.reports.clone().unwrap_or_default();
    for group_id in input.report_type_groups.iter().flatten() {
        let group = sb.store.report_type_groups.iter().find(|g| id_of(g) == group_id).ok_or_else(|| {
            let mut fields = FieldErrors::new();
            fields.add("report_type_groups", format!("{group_id} is not a report type group of this account"));
            error(422, "validation_error", "There was a validation error on this request", Some(&fields))
        })?;
        for name in group.get("report_types").and_then(Value::as_array).into_iter().flatten() {
            let name = ReportName::from(name.get("name").and_then(Value::as_str).unwrap_or_default());
            if !requested.iter().any(|r| r.name.as_ref() == Some(&name)) {
                requested.push(ReportRequest::new(name));
            }
        }
    }
    if let Some(unknown) = requested.iter().filter_map(|r| r.name.as_ref()).find(|n| !n.is_known()) {
        return Err(error(422, "invalid_reports_names", &format!("{} is not a report name.", unknown.as_str()), None));
    }
    if sb.store.checks.iter().any(|c| c.applicant_id == applicant_id && !finished(&c.object)) {
        return Err(error(
            422,
            "incomplete_checks",
            "There are other ongoing checks associated with this applicant.",
            None,
        ));
    }
    input.reports = Some(requested.clone());
    let applicant: Applicant = serde_json::from_value(Value::Object(applicant_object.clone()))
        .map_err(|_| error(500, "internal_server_error", "The stored applicant is unreadable.", None))?;
    let missing = requirements::missing_applicant_data(&input, &applicant);
    if !missing.is_empty() {
        let only_ids = missing.iter().all(|m| m.error_type == ApiErrorType::MissingIdNumbers);
        let mut fields = FieldErrors::new();
        missing.iter().for_each(|m| fields.add(m.field.as_str(), m.reason.as_str()));
        let (kind, message) = if only_ids {
            ("missing_id_numbers", "Make sure you've supplied all required ID numbers.")
        } else {
            ("failed_check_requirements", "The applicant's data does not meet the requirements of the reports.")
        };
        return Err(error(422, kind, message, Some(&fields)));
    }
    let standard = input.check_type == Some(CheckType::Standard);
    if !standard {
        if let Some(report) = missing_documents(sb, applicant_id, &requested) {
            return Err(error(
                422,
                "missing_documents",
                &format!("Upload the documents a {report} report needs before starting a check."),
                None,
            ));
        }
    }
    let paused = input.extra.get("paused").and_then(Value::as_bool).unwrap_or(false);
    let check_id = sb.store.next_id();
    let last_name = text(&applicant_object, "last_name").unwrap_or_default().to_owned();
    let latest_documents: Vec<Value> = sb
        .store
        .documents
        .iter()
        .rev()
        .filter(|d| d.applicant_id == applicant_id)
        .take(2)
        .map(|d| json!({ "id": id_of(&d.object) }))
        .collect();
    let mut report_objects = Vec::new();
    for report in &requested {
        let Some(name) = report.name.clone() else { continue };
        let id = sb.store.next_id();
        let variant = report.variant.clone().or(name.default_variant().map(str::to_owned));
        let mut object = Map::new();
        object.insert("id".into(), id.clone().into());
        object.insert("name".into(), name.as_str().into());
        object.insert("created_at".into(), format_rfc3339(now).into());
        object.insert("href".into(), format!("/v2/checks/{check_id}/reports/{id}").into());
        object.insert("variant".into(), variant.clone().into());
        object.insert("options".into(), serde_json::to_value(&report.options).unwrap_or(Value::Null));
        object
            .insert("documents".into(), if name == ReportName::Document { json!(latest_documents) } else { json!([]) });
        object.insert(
            "status".into(),
            (if paused {
                "paused"
            } else if standard {
                "awaiting_data"
            } else {
                "complete"
            })
            .into(),
        );
        object.insert("result".into(), Value::Null);
        object.insert("sub_result".into(), Value::Null);
        object.insert("breakdown".into(), json!({}));
        object.insert("properties".into(), json!({}));
        if !paused && !standard {
            complete_report(
                &mut object,
                &name,
                variant.as_deref(),
                &applicant_object,
                &last_name,
                input.consider.as_deref(),
            );
        }
        report_objects.push(object);
    }
    let mut check = Map::new();
    check.insert("id".into(), check_id.clone().into());
    check.insert("created_at".into(), format_rfc3339(now).into());
    check.insert("sandbox".into(), true.into());
    check.insert("href".into(), format!("/v2/applicants/{applicant_id}/checks/{check_id}").into());
    check.insert("type".into(), input.check_type.as_ref().map(|t| t.as_str()).into());
    check.insert(
        "status".into(),
        (if paused {
            "paused"
        } else if standard {
            "awaiting_applicant"
        } else {
            "complete"
        })
        .into(),
    );
    check.insert("result".into(), Value::Null);
    check.insert("redirect_uri".into(), input.redirect_uri.clone().into());
    check.insert("results_uri".into(), format!("https://onfido.com/dashboard/information_requests/{check_id}").into());
    check.insert(
        "download_uri".into(),
        format!("https://onfido.com/dashboard/pdf/information_requests/{check_id}").into(),
    );
    check.insert(
        "form_uri".into(),
        if standard { Value::from(format!("https://onfido.com/information/{check_id}")) } else { Value::Null },
    );
    check.insert("tags".into(), json!(input.tags.clone().unwrap_or_default()));
    check.insert("report_type_groups".into(), json!(input.report_type_groups.clone().unwrap_or_default()));
    check.insert("paused".into(), paused.into());
    check.insert("version".into(), "2.0".into());
    set_check_result(&mut check, &report_objects);
    let report_ids: Vec<String> = report_objects.iter().map(|r| id_of(r).to_owned()).collect();
    check.insert("reports".into(), json!(report_ids));
    let mut response = check.clone();
    response.insert("reports".into(), Value::Array(report_objects.iter().cloned().map(Value::Object).collect()));
    for object in report_objects {
        if text(&object, "status") == Some("complete") {
            sb.notify("report", "report.completed", &object, now);
        }
        sb.store.reports.push(ReportRecord { check_id: check_id.clone(), object });
    }
    if text(&check, "status") == Some("complete") {
        sb.notify("check", "check.completed", &check, now);
    }
    sb.store.checks.push(CheckRecord {
        applicant_id: applicant_id.into(),
        object: check,
        report_ids,
        consider: input.consider,
    });
    Ok(json_response(201, &Value::Object(response)))
}

/// The first report whose uploads are missing, if any.
fn missing_documents(sb: &Sandbox, applicant_id: &str, reports: &[ReportRequest]) -> Option<String> {
    let has = |items: &[MediaRecord]| items.iter().any(|m| m.applicant_id == applicant_id);
    let documents = has(&sb.store.documents);
    reports.iter().filter_map(|r| r.name.as_ref().map(|n| (n, r.variant.as_deref()))).find_map(|(name, variant)| {
        let ok = match name {
            ReportName::Document | ReportName::RightToWork | ReportName::ProofOfAddress => documents,
            ReportName::FacialSimilarity if variant == Some("video") => documents && has(&sb.store.live_videos),
            ReportName::FacialSimilarity => documents && has(&sb.store.live_photos),
            _ => true,
        };
        (!ok).then(|| name.as_str().to_owned())
    })
}

/// Fills a report in as the sandbox completes it.
fn complete_report(
    object: &mut Object,
    name: &ReportName,
    variant: Option<&str>,
    applicant: &Object,
    last_name: &str,
    consider: Option<&[ReportName]>,
) {
    let result = reports::predetermined(name, variant, last_name, consider);
    let (breakdown, properties, sub_result) = reports::completed(name, variant, result, applicant);
    object.insert("status".into(), "complete".into());
    object.insert("result".into(), result.into());
    object.insert("sub_result".into(), sub_result);
    object.insert("breakdown".into(), breakdown);
    object.insert("properties".into(), properties);
}

/// Sets a check's result from its reports, and its status to complete once they all are.
fn set_check_result(check: &mut Object, report_objects: &[Object]) {
    let results: Vec<Option<onfido_core::models::ReportResult>> =
        report_objects.iter().map(|r| text(r, "result").map(onfido_core::models::ReportResult::from)).collect();
    let result = results::check_result(results.iter().map(Option::as_ref));
    check.insert("result".into(), result.map(|r| r.as_str().to_owned()).into());
}

fn finished(object: &Object) -> bool {
    matches!(text(object, "status"), Some("complete" | "withdrawn"))
}

fn list_checks(sb: &Sandbox, applicant_id: &str, query: &Map<String, Value>, now: i64) -> Reply {
    live_applicant(sb, applicant_id)?;
    let mut input = Value::Object(query.clone());
    if let Some(map) = input.as_object_mut() {
        map.insert("applicant_id".into(), applicant_id.into());
    }
    let input: ListChecks = validated(sb, input, now)?;
    let expand = input.expand.as_deref() == Some("reports");
    let items: Vec<Object> = sb
        .store
        .checks
        .iter()
        .filter(|c| c.applicant_id == applicant_id)
        .map(|c| {
            let mut object = c.object.clone();
            if expand {
                let reports: Vec<Value> = c
                    .report_ids
                    .iter()
                    .filter_map(|r| sb.store.report(r))
                    .map(|r| Value::Object(r.object.clone()))
                    .collect();
                object.insert("reports".into(), Value::Array(reports));
            }
            object
        })
        .collect();
    Ok(list(sb, "checks", items, query, &format!("applicants/{applicant_id}/checks"), None))
}

fn resume_check(sb: &mut Sandbox, check_id: &str, now: i64) -> Reply {
    let report_ids = sb.store.check(check_id).ok_or_else(not_found)?.report_ids.clone();
    for report_id in report_ids {
        resume_one(sb, check_id, &report_id, now)?;
    }
    Ok(no_content())
}

fn resume_report(sb: &mut Sandbox, check_id: &str, report_id: &str, now: i64) -> Reply {
    sb.store.report(report_id).filter(|r| r.check_id == check_id).ok_or_else(not_found)?;
    resume_one(sb, check_id, report_id, now)?;
    Ok(no_content())
}

/// Resumes a paused report: it completes at once, as sandbox reports do; others are left alone.
fn resume_one(sb: &mut Sandbox, check_id: &str, report_id: &str, now: i64) -> Result<(), HttpResponse> {
    let check = sb.store.check(check_id).ok_or_else(not_found)?;
    let consider = check.consider.clone();
    let applicant = sb.store.applicant(&check.applicant_id).map(|a| a.object.clone()).unwrap_or_default();
    let standard = text(&check.object, "type") == Some("standard");
    let record = sb.store.report_mut(report_id).ok_or_else(not_found)?;
    if text(&record.object, "status") != Some("paused") {
        return Ok(());
    }
    let name = ReportName::from(text(&record.object, "name").unwrap_or_default());
    let variant = text(&record.object, "variant").map(str::to_owned);
    record.object.insert("status".into(), "awaiting_data".into());
    let resumed = record.object.clone();
    sb.notify("report", "report.resumed", &resumed, now);
    if !standard {
        let last_name = text(&applicant, "last_name").unwrap_or_default().to_owned();
        let record = sb.store.report_mut(report_id).ok_or_else(not_found)?;
        complete_report(&mut record.object, &name, variant.as_deref(), &applicant, &last_name, consider.as_deref());
        let completed = record.object.clone();
        sb.notify("report", "report.completed", &completed, now);
    }
    settle_check(sb, check_id, now);
    Ok(())
}

fn cancel_report(sb: &mut Sandbox, check_id: &str, report_id: &str, now: i64) -> Reply {
    let record = sb.store.report_mut(report_id).filter(|r| r.check_id == check_id).ok_or_else(not_found)?;
    if text(&record.object, "status") != Some("paused") {
        return Err(error(422, "validation_error", "Only paused reports can be cancelled.", None));
    }
    record.object.insert("status".into(), "cancelled".into());
    let cancelled = record.object.clone();
    sb.notify("report", "report.cancelled", &cancelled, now);
    settle_check(sb, check_id, now);
    Ok(no_content())
}

/// Updates a check after a report changed: its result, and complete once every report is done.
fn settle_check(sb: &mut Sandbox, check_id: &str, now: i64) {
    let Some(check) = sb.store.check(check_id) else { return };
    let reports: Vec<Object> =
        check.report_ids.iter().filter_map(|r| sb.store.report(r)).map(|r| r.object.clone()).collect();
    let done = reports.iter().all(|r| matches!(text(r, "status"), Some("complete" | "withdrawn" | "cancelled")));
    let any_paused = reports.iter().any(|r| text(r, "status") == Some("paused"));
    let Some(check) = sb.store.check_mut(check_id) else { return };
    set_check_result(&mut check.object, &reports);
    let was_complete = finished(&check.object);
    let status = if done {
        "complete"
    } else if any_paused {
        "paused"
    } else {
        "in_progress"
    };
    check.object.insert("status".into(), status.into());
    check.object.insert("paused".into(), any_paused.into());
    let object = check.object.clone();
    if done && !was_complete {
        sb.notify("check", "check.completed", &object, now);
    }
}

fn register_webhook(sb: &mut Sandbox, request: &HttpRequest, now: i64) -> Reply {
    let input: webhooks::RegisterWebhook = validated(sb, Value::Object(body_json(request)?), now)?;
    let id = sb.store.next_id();
    let events: Vec<Value> = match &input.events {
        Some(events) => events.iter().map(|e| Value::from(e.as_str())).collect(),
        None => onfido_core::models::WebhookEvent::KNOWN.iter().map(|e| Value::from(*e)).collect(),
    };
    let environments: Vec<Value> = match &input.environments {
        Some(envs) => envs.iter().map(|e| Value::from(e.as_str())).collect(),
        None => vec!["sandbox".into(), "live".into()],
    };
    let object = json!({
        "id": id, "url": input.url, "token": sb.store.next_secret(), "enabled": input.enabled.unwrap_or(true),
        "href": format!("/v2/webhooks/{id}"), "environments": environments, "events": events,
    });
    if let Value::Object(map) = &object {
        sb.store.webhooks.push(map.clone());
    }
    Ok(json_response(201, &object))
}

fn pick_addresses(sb: &Sandbox, query: &Map<String, Value>, now: i64) -> Reply {
    let input: addresses::PickAddresses = validated(sb, Value::Object(query.clone()), now)?;
    let raw = input.postcode.unwrap_or_default();
    if !validation::is_uk_postcode(&raw) {
        let mut fields = FieldErrors::new();
        fields.add("postcode", "is not a UK postcode");
        return Err(error(422, "validation_error", "There was a validation error on this request", Some(&fields)));
    }
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let (outward, inward) = compact.split_at(compact.len().saturating_sub(3));
    let postcode = format!("{outward} {inward}");
    let addresses: Vec<Value> = ["100", "101"]
        .iter()
        .map(|n| {
            json!({ "flat_number": "", "building_number": n, "building_name": "", "street": "Main Street",
                         "sub_street": "", "town": "London", "postcode": postcode, "country": "GBR" })
        })
        .collect();
    let mut response = json_response(200, &json!({ "addresses": addresses }));
    response.headers.push(("X-Total-Count".into(), addresses.len().to_string()));
    let compact = percent_encoding::utf8_percent_encode(&compact, percent_encoding::NON_ALPHANUMERIC);
    let link =
        |rel: &str| format!("<{}/v2/addresses/pick?postcode={compact}&page=1>; rel=\"{rel}\"", sb.options.base_url);
    response.headers.push(("Link".into(), format!("{}, {}", link("first"), link("last"))));
    Ok(response)
}

fn generate_sdk_token(sb: &Sandbox, request: &HttpRequest, now: i64) -> Reply {
    let input: sdk_tokens::GenerateSdkToken = validated(sb, Value::Object(body_json(request)?), now)?;
    let applicant_id = input.applicant_id.unwrap_or_default();
    live_applicant(sb, &applicant_id)?;
    let claims = json!({ "exp": now + 90 * 60, "iat": now, "app": applicant_id, "ref": input.referrer });
    Ok(json_response(201, &json!({ "token": super::sdk_token_jwt(&claims) })))
}

fn extract_ocr(sb: &Sandbox, request: &HttpRequest, now: i64) -> Reply {
    let input: ocr::ExtractOcr = validated(sb, Value::Object(body_json(request)?), now)?;
    let document_id = input.document_id.unwrap_or_default();
    let document = media(&sb.store.documents, &document_id, None)?;
    let doc_type = text(&document.object, "type").unwrap_or("unknown");
    let identity = matches!(
        doc_type,
        "passport"
            | "national_identity_card"
            | "driving_licence"
            | "uk_biometric_residence_permit"
            | "voter_id"
            | "tax_id"
    );
    if !identity {
        let body = json!({ "document_id": document_id, "error": { "type": "classification_failure",
                           "message": "We couldn’t recognise the type of this document." } });
        return Err(json_response(500, &body));
    }
    let applicant = sb.store.applicant(&document.applicant_id).map(|a| a.object.clone()).unwrap_or_default();
    let upper = |key: &str| text(&applicant, key).map(str::to_uppercase);
    Ok(json_response(
        201,
        &json!({
            "document_id": document_id,
            "doc_info": { "country": text(&document.object, "issuing_country").unwrap_or("GBR"), "type": doc_type },
            "extracted_data": { "ocr_results": {
                "document_number": "999999999", "first_name": upper("first_name"), "last_name": upper("last_name"),
                "gender": text(&applicant, "gender"), "date_of_birth": text(&applicant, "dob"), "date_of_expiry": "2031-01-01",
                "nationality": text(&applicant, "nationality").unwrap_or("GBR"),
            }}
        }),
    ))
}
