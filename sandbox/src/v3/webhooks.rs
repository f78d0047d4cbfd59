//! v3 webhooks: registration, and the notifications queued for delivery.

use super::*;

pub(super) fn notify(sb: &mut Sandbox, resource_type: &str, action: &str, object: &Object, now: i64) {
    if sb.v3.hooks.is_empty() {
        return;
    }
    let body = hooks::payload(resource_type, action, object, &sb.options.base_url, now);
    sb.v3.outbox.queue(&sb.v3.hooks, action, &body, now);
}

pub(super) fn find_hook<'a>(sb: &'a Sandbox, call: &Call) -> Result<&'a Hook, HttpResponse> {
    let id = call.text("webhook_id").unwrap_or_default();
    sb.v3.hooks.iter().find(|h| id_of(&h.object) == id).ok_or_else(not_found)
}

/// A webhook as read back: disabled while it rests after failures.
pub(super) fn shown(hook: &Hook, now: i64) -> Object {
    let mut object = hook.object.clone();
    if hook.disabled_until.is_some_and(|until| now < until) {
        object.insert("enabled".into(), false.into());
    }
    object
}

pub(super) const WEBHOOK_FIELDS: [&str; 9] = [
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

pub(super) fn create_webhook(sb: &mut Sandbox, call: &Call) -> Reply {
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
pub(super) fn webhook_events() -> &'static [&'static str] {
    onfido_core::v3::operation(ApiVersion::V3_6, "create_webhook")
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

pub(super) fn update_webhook(sb: &mut Sandbox, call: &Call) -> Reply {
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

pub(super) fn resend_webhooks(sb: &mut Sandbox, call: &Call) -> Reply {
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
