//! v3 workflow runs and their tasks, and watchlist monitors with their matches.

use super::*;

pub(super) fn find_run<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Run, HttpResponse> {
    let id = call.text("workflow_run_id").unwrap_or_default();
    sb.v3.runs.iter().find(|r| id_of(&r.object) == id).ok_or_else(not_found)
}

pub(super) fn find_task<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Object, HttpResponse> {
    let id = call.text("task_id").unwrap_or_default();
    find_run(sb, call)?.tasks.iter().find(|t| id_of(t) == id).ok_or_else(not_found)
}

pub(super) fn task_item(task: &Object) -> Object {
    task.iter()
        .filter(|(k, _)| !matches!(k.as_str(), "input" | "output"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

pub(super) fn create_workflow_run(sb: &mut Sandbox, call: &Call) -> Reply {
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
    object.insert("link".into(), json!({ "url": format!("https://eu.onfido.app/l/{id}") }));
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
pub(super) fn complete_run(sb: &mut Sandbox, run_id: &str, now: i64) {
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

pub(super) fn list_workflow_runs(sb: &Sandbox, call: &Call) -> Reply {
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

pub(super) fn find_monitor<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Monitor, HttpResponse> {
    let id = call.text("monitor_id").unwrap_or_default();
    sb.v3.monitors.iter().find(|m| id_of(&m.object) == id).ok_or_else(not_found)
}

pub(super) fn create_monitor(sb: &mut Sandbox, call: &Call) -> Reply {
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

pub(super) fn update_matches(sb: &mut Sandbox, call: &Call) -> Reply {
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
pub(super) fn monitor_report(sb: &mut Sandbox, call: &Call) -> Reply {
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
