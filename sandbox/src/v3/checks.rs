//! v3 checks and reports: created awaiting data, completed as the sandbox's rules say.

use super::*;

pub(super) fn find_check<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Check, HttpResponse> {
    let id = call.text("check_id").unwrap_or_default();
    sb.v3.checks.iter().find(|c| id_of(&c.object) == id).ok_or_else(not_found)
}

pub(super) fn find_report<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Object, HttpResponse> {
    let id = call.text("report_id").unwrap_or_default();
    sb.v3.reports.iter().find(|r| id_of(r) == id).ok_or_else(not_found)
}

/// Reports that read the applicant's documents, and those that need a live photo too.
pub(super) fn needs_document(name: &str) -> bool {
    name.starts_with("document") || name.starts_with("facial_similarity") || name == "proof_of_address"
}

pub(super) fn create_check(sb: &mut Sandbox, call: &Call) -> Reply {
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
pub(super) fn new_check(
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
pub(super) fn family(name: &str) -> (ReportName, Option<&'static str>) {
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

pub(super) fn complete_check(sb: &mut Sandbox, check_id: &str, now: i64) {
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
        let (breakdown, properties, _) = crate::reports::completed(&family, variant, result, &applicant);
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

pub(super) fn resume_check(sb: &mut Sandbox, call: &Call) -> Reply {
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

pub(super) fn resume_report(sb: &mut Sandbox, call: &Call) -> Reply {
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

pub(super) fn cancel_report(sb: &mut Sandbox, call: &Call) -> Reply {
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
