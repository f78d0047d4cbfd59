//! v3 webhook deliveries on the getting-started guide's schedule, on the clock the caller passes.
//!
//! A delivery not answered 2xx within [`ANSWER_WITHIN`] seconds is retried [`RETRY_AFTER`]
//! seconds after its first attempt (30 s, 2 min, 15 min, 2 h, 10 h); after
//! [`DISABLE_AFTER_FAILURES`] failed attempts in a row a webhook is disabled for
//! [`DISABLED_FOR`] seconds, and its due attempts wait until it is enabled again.

use serde_json::{json, Value};

use super::super::store::{id_of, text, Object};
use onfido_core::http::{HttpRequest, Method};
use onfido_core::timestamp::format_rfc3339;
use onfido_core::webhook::{self, Algorithm};

/// Seconds an attempt has to be answered 2xx.
pub const ANSWER_WITHIN: i64 = 10;
/// When each retry is due, in seconds after the first attempt.
pub const RETRY_AFTER: [i64; 5] = [30, 120, 900, 7_200, 36_000];
/// Failed attempts in a row after which a webhook is disabled for a while.
pub const DISABLE_AFTER_FAILURES: u32 = 5;
/// Seconds a webhook stays disabled after too many failures.
pub const DISABLED_FOR: i64 = 60;
/// Deliveries kept at most; past it the oldest is dropped (a sandbox nobody delivers from
/// keeps bounded memory).
pub const MAX_DELIVERIES: usize = 10_000;

/// A v3 webhook and its delivery health.
#[derive(Clone, Debug)]
pub(crate) struct Hook {
    pub object: Object,
    pub token: String,
    /// Failed attempts in a row.
    pub failures: u32,
    /// Disabled until then (Unix seconds) after too many failures.
    pub disabled_until: Option<i64>,
}

/// One notification to one webhook, until delivered or out of retries.
#[derive(Clone, Debug)]
pub(crate) struct Delivery {
    pub id: u64,
    pub webhook_id: String,
    pub request: HttpRequest,
    pub first_at: i64,
    /// Attempts made (and failed) so far.
    pub attempts: u32,
    pub next_at: i64,
    /// When the attempt in flight started.
    pub in_flight: Option<i64>,
}

/// A v3 webhook notification due to be sent now: POST `request`, then report the outcome with
/// [`crate::Sandbox::webhook_attempt_result`].
#[derive(Clone, Debug)]
pub struct WebhookAttempt {
    /// Names the delivery when its outcome is reported.
    pub id: u64,
    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub attempt: u32,
    /// The signed POST.
    pub request: HttpRequest,
}

/// The deliveries and the counter naming them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Outbox {
    pub deliveries: Vec<Delivery>,
    counter: u64,
}

/// The v3 payload of an event about `object` (workflow events carry the resource too).
pub(crate) fn payload(resource_type: &str, action: &str, object: &Object, base_url: &str, now: i64) -> Vec<u8> {
    let href = text(object, "href").map(|h| format!("{base_url}{h}"));
    let mut event = json!({
        "resource_type": resource_type,
        "action": action,
        "object": {
            "id": id_of(object),
            "status": object.get("status").cloned().unwrap_or(Value::Null),
            "completed_at_iso8601": format_rfc3339(now),
            "href": href,
        },
    });
    if resource_type.starts_with("workflow") {
        if let Some(map) = event.as_object_mut() {
            map.insert("resource".into(), Value::Object(object.clone()));
        }
    }
    serde_json::to_vec(&json!({ "payload": event })).unwrap_or_default()
}

impl Outbox {
    /// Queues `body` to every hook that wants `action`; the first attempt is due at once.
    pub fn queue(&mut self, hooks: &[Hook], action: &str, body: &[u8], now: i64) {
        for hook in hooks {
            let wants = |key: &str, value: &str| {
                hook.object.get(key).and_then(Value::as_array).is_none_or(|list| list.iter().any(|v| v == value))
            };
            let enabled = hook.object.get("enabled").and_then(Value::as_bool).unwrap_or(true);
            if !enabled || !wants("environments", "sandbox") || !wants("events", action) {
                continue;
            }
            self.counter += 1;
            let request = HttpRequest {
                method: Method::Post,
                url: text(&hook.object, "url").unwrap_or_default().to_owned(),
                headers: vec![
                    ("Content-Type".into(), "application/json".into()),
                    ("User-Agent".into(), "onfido-core-sandbox".into()),
                    (webhook::SHA1_HEADER.into(), webhook::sign(body, &hook.token, Algorithm::Sha1)),
                    (webhook::SHA256_HEADER.into(), webhook::sign(body, &hook.token, Algorithm::Sha256)),
                ],
                body: body.to_vec(),
            };
            if self.deliveries.len() >= MAX_DELIVERIES {
                self.deliveries.remove(0);
            }
            self.deliveries.push(Delivery {
                id: self.counter,
                webhook_id: id_of(&hook.object).to_owned(),
                request,
                first_at: now,
                attempts: 0,
                next_at: now,
                in_flight: None,
            });
        }
    }

    /// The attempts due at `now`, marked in flight; attempts in flight for longer than
    /// [`ANSWER_WITHIN`] count as failed first.
    pub fn due(&mut self, hooks: &mut [Hook], now: i64) -> Vec<WebhookAttempt> {
        let late: Vec<u64> = self
            .deliveries
            .iter()
            .filter(|d| d.in_flight.is_some_and(|since| now - since > ANSWER_WITHIN))
            .map(|d| d.id)
            .collect();
        for id in late {
            self.result(hooks, id, false, now);
        }
        let mut due = Vec::new();
        for delivery in self.deliveries.iter_mut().filter(|d| d.in_flight.is_none() && d.next_at <= now) {
            let Some(hook) = hooks.iter().find(|h| id_of(&h.object) == delivery.webhook_id) else { continue };
            let enabled = hook.object.get("enabled").and_then(Value::as_bool).unwrap_or(true);
            if !enabled || hook.disabled_until.is_some_and(|until| now < until) {
                continue;
            }
            delivery.in_flight = Some(now);
            due.push(WebhookAttempt {
                id: delivery.id,
                attempt: delivery.attempts.saturating_add(1),
                request: delivery.request.clone(),
            });
        }
        due
    }

    /// Records an attempt's outcome: delivered, or failed and retried on schedule (or dropped
    /// after the last retry); too many failures in a row disable the webhook for a while.
    pub fn result(&mut self, hooks: &mut [Hook], id: u64, delivered: bool, now: i64) {
        let Some(index) = self.deliveries.iter().position(|d| d.id == id && d.in_flight.is_some()) else { return };
        let hook = self.deliveries.get(index).and_then(|d| hooks.iter_mut().find(|h| id_of(&h.object) == d.webhook_id));
        if delivered {
            if let Some(hook) = hook {
                hook.failures = 0;
            }
            self.deliveries.remove(index);
            return;
        }
        if let Some(hook) = hook {
            hook.failures = hook.failures.saturating_add(1);
            if hook.failures >= DISABLE_AFTER_FAILURES {
                hook.failures = 0;
                hook.disabled_until = Some(now + DISABLED_FOR);
            }
        }
        let Some(delivery) = self.deliveries.get_mut(index) else { return };
        delivery.in_flight = None;
        delivery.attempts = delivery.attempts.saturating_add(1);
        let retry = usize::try_from(delivery.attempts).ok().and_then(|n| RETRY_AFTER.get(n.wrapping_sub(1)));
        match retry {
            Some(after) => delivery.next_at = delivery.first_at + after,
            None => {
                self.deliveries.remove(index);
            }
        }
    }

    /// Forgets the deliveries of a deleted webhook.
    pub fn forget(&mut self, webhook_id: &str) {
        self.deliveries.retain(|d| d.webhook_id != webhook_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hook(events: Value) -> Hook {
        let object = json!({"id": "w1", "url": "http://127.0.0.1:9/", "enabled": true, "events": events});
        Hook {
            object: object.as_object().cloned().unwrap_or_default(),
            token: "secret".into(),
            failures: 0,
            disabled_until: None,
        }
    }

    #[test]
    fn only_wanted_events_are_queued_and_the_queue_is_bounded() {
        let mut outbox = Outbox::default();
        let hooks = [hook(json!(["check.completed"]))];
        outbox.queue(&hooks, "report.completed", b"{}", 0);
        assert!(outbox.deliveries.is_empty());
        for n in 0..MAX_DELIVERIES + 5 {
            outbox.queue(&hooks, "check.completed", n.to_string().as_bytes(), 0);
        }
        assert_eq!(outbox.deliveries.len(), MAX_DELIVERIES);
        assert_eq!(outbox.deliveries.first().map(|d| d.request.body.clone()), Some(b"5".to_vec()), "oldest dropped");
    }

    #[test]
    fn signatures_use_the_webhook_token() {
        let mut outbox = Outbox::default();
        outbox.queue(&[hook(json!(null))], "check.completed", br#"{"payload":{}}"#, 0);
        let request = &outbox.deliveries[0].request;
        let headers = request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        assert_eq!(webhook::verify_headers(&request.body, headers, "secret").ok(), Some(Algorithm::Sha256));
    }
}
