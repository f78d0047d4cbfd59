//! API v3.6 and v3.4 through the real server over loopback, with the core's `v3::build_request`
//! and `v3::parse_response`: every operation, the stateful flows, v3.4's prefix, validation,
//! and webhook deliveries on an advanced clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{png, Client};
use onfido_core::{v3, webhook, ApiVersion, Config, Error, HttpResponse};
use onfido_sandbox::server::receiver::{Delivery, Receiver};
use onfido_sandbox::server::{Clock, Options, Server, StopHandle};
use serde_json::{json, Value};

/// A server on a background thread, stopped when dropped.
struct Running {
    url: String,
    clock: Clock,
    stop: StopHandle,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.stop();
    }
}

fn start(webhook_delivery: bool) -> Running {
    let server = Server::bind(Options { webhook_delivery, ..Options::default() }).unwrap();
    let clock = server.clock();
    let (url, stop, _) = server.spawn();
    Running { url, clock, stop }
}

/// build (core) → send → parse (core), for one version.
struct V3 {
    client: Client,
    version: ApiVersion,
}

impl V3 {
    fn new(server: &Running, version: ApiVersion) -> V3 {
        let config = Config::builder()
            .api_token("api_sandbox.v3-tests")
            .base_url(&server.url)
            .api_version(version)
            .binding("rust-test")
            .build()
            .unwrap();
        V3 { client: Client::new(config), version }
    }

    fn raw(&self, op: &str, input: &Value) -> HttpResponse {
        let request = v3::build_request(op, &self.client.config, input, None).unwrap_or_else(|e| panic!("{op}: {e}"));
        self.client.exchange(&request).unwrap_or_else(|e| panic!("{op}: transport failed: {e}"))
    }

    fn call(&self, op: &str, input: &Value) -> Result<Value, Error> {
        v3::parse_response(self.version, op, self.raw(op, input))
    }

    fn ok(&self, op: &str, input: Value) -> Value {
        self.call(op, &input).unwrap_or_else(|e| panic!("{op}: {e}"))
    }

    fn id(&self, op: &str, input: Value) -> String {
        self.ok(op, input)["id"].as_str().unwrap().to_owned()
    }
}

fn file(name: &str, size: usize) -> Value {
    json!({"filename": name, "content": png(size)})
}

/// An applicant with a passport and a live photo: (applicant, document, live photo).
fn applicant_with_uploads(c: &V3, last_name: &str) -> (String, String, String) {
    let applicant = c.id(
        "create_applicant",
        json!({"first_name": "Jane", "last_name": last_name, "dob": "1990-01-31",
               "address": {"country": "GBR", "postcode": "S2 2DF", "town": "Sheffield"}}),
    );
    let document = c.id(
        "upload_document",
        json!({"applicant_id": applicant, "type": "passport", "side": "front", "file": file("passport.png", 40_000)}),
    );
    let photo = c.id("upload_live_photo", json!({"applicant_id": applicant, "file": file("selfie.png", 33_000)}));
    (applicant, document, photo)
}

/// A valid input of each v3.6 operation: the first vector case that builds a request (v3.4's
/// own cases first for v3.4).
fn vector_inputs(version: ApiVersion) -> BTreeMap<String, Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/v3");
    let mut inputs = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    files.sort_by_key(|path| (!(version == ApiVersion::V3_4 && path.ends_with("v34_build.json")), path.clone()));
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let wanted = name.starts_with("v36_build_") || (version == ApiVersion::V3_4 && name == "v34_build.json");
        if !wanted {
            continue;
        }
        let cases: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for case in cases["cases"].as_array().unwrap() {
            if case["expect"].get("method").is_some() {
                let op = case["operation"].as_str().unwrap().to_owned();
                inputs.entry(op).or_insert_with(|| case["input"].clone());
            }
        }
    }
    inputs
}

#[test]
fn every_v3_6_operation_answers_2xx_and_parses() {
    assert_eq!(every_operation(ApiVersion::V3_6), 84);
}

#[test]
fn every_v3_4_operation_answers_2xx_and_parses() {
    assert_eq!(every_operation(ApiVersion::V3_4), 39);
}

/// Drives each operation of `version` once with a valid input; the number answered.
fn every_operation(version: ApiVersion) -> usize {
    let server = start(false);
    // Resources are the same under both prefixes: v3.6 sets them up.
    let c = V3::new(&server, ApiVersion::V3_6);
    let (applicant, document, photo) = applicant_with_uploads(&c, "Doe");
    let check = c.ok(
        "create_check",
        json!({"applicant_id": applicant, "report_names": ["document", "facial_similarity_photo"]}),
    );
    let check_id = check["id"].as_str().unwrap().to_owned();
    let report = check["report_ids"][0].as_str().unwrap().to_owned();
    let waiting = c.ok(
        "create_check",
        json!({"applicant_id": applicant, "report_names": ["document"], "applicant_provides_data": true}),
    );
    let unfinished = waiting["report_ids"][0].as_str().unwrap().to_owned();
    let webhook = c.id("create_webhook", json!({"url": "https://example.com/onfido/webhook"}));
    let run = c.id(
        "create_workflow_run",
        json!({"applicant_id": applicant, "workflow_id": "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b"}),
    );
    let task = c.ok("list_tasks", json!({"workflow_run_id": run}))[1]["id"].as_str().unwrap().to_owned();
    let monitor =
        c.id("create_watchlist_monitor", json!({"applicant_id": applicant, "report_name": "watchlist_standard"}));
    let matches = c.ok("list_watchlist_monitor_matches", json!({"monitor_id": monitor}))["matches"].clone();

    let ids: BTreeMap<&str, &str> = [
        ("applicant_id", applicant.as_str()),
        ("document_id", document.as_str()),
        ("live_photo_id", photo.as_str()),
        ("check_id", check_id.as_str()),
        ("report_id", report.as_str()),
        ("webhook_id", webhook.as_str()),
        ("workflow_run_id", run.as_str()),
        ("task_id", task.as_str()),
        ("monitor_id", monitor.as_str()),
    ]
    .into_iter()
    .collect();
    let inputs = vector_inputs(version);
    let c = V3::new(&server, version);
    // Deletions last, and the restore after them.
    let mut ops: Vec<_> = v3::operations().iter().filter(|op| v3::operation(version, op.id).is_ok()).collect();
    ops.sort_by_key(|op| (op.id == "restore_applicant", op.method == onfido_core::Method::Delete));
    let mut answered = 0;
    for op in ops {
        let mut input = inputs.get(op.id).unwrap_or_else(|| panic!("no vector input for {}", op.id)).clone();
        let map = input.as_object_mut().unwrap();
        if version == ApiVersion::V3_4 {
            map.retain(|key, _| !op.not_in_v3_4.contains(&key.as_str()));
        }
        for (key, id) in &ids {
            if map.contains_key(*key) {
                map.insert((*key).to_owned(), json!(id));
            }
        }
        if map.contains_key("document_ids") {
            map.insert("document_ids".into(), json!([document]));
        }
        match op.id {
            "cancel_report" => {
                map.insert("report_id".into(), json!(unfinished));
            }
            "resend_webhooks" => {
                map.insert(
                    "data".into(),
                    json!([{"resource_id": check_id, "event": "check.completed"},
                           {"resource_id": run, "event": "workflow_run.completed"}]),
                );
            }
            "update_watchlist_monitor_match" => {
                map.insert("enable".into(), json!([matches[0]["id"]]));
                map.insert("disable".into(), json!([matches[1]["id"]]));
            }
            _ => {}
        }
        let response = c.raw(op.id, &input);
        let status = response.status;
        let expected = (200..300).contains(&status) || (op.redirects && status == 302);
        assert!(expected, "{} answered {status}: {}", op.id, String::from_utf8_lossy(&response.body));
        let parsed = v3::parse_response(version, op.id, response).unwrap_or_else(|e| panic!("{}: {e}", op.id));
        assert!(parsed.is_object() || parsed.is_array(), "{}", op.id);
        answered += 1;
    }
    answered
}

#[test]
fn the_getting_started_flow_keeps_state() {
    let server = start(false);
    let c = V3::new(&server, ApiVersion::V3_6);
    let (applicant, document, photo) = applicant_with_uploads(&c, "Doe");
    let found = c.ok("find_applicant", json!({"applicant_id": applicant}));
    assert_eq!(
        (found["href"].as_str().unwrap(), found["sandbox"].clone()),
        (format!("/v3.6/applicants/{applicant}").as_str(), json!(true))
    );
    assert_eq!(found["address"]["town"], "Sheffield");
    let download = c.ok("download_document", json!({"document_id": document}));
    let bytes = base64_decode(download["content_base64"].as_str().unwrap());
    assert_eq!(bytes, png(40_000), "downloads are the uploaded bytes");
    assert_eq!(c.ok("list_documents", json!({"applicant_id": applicant}))["documents"][0]["id"], document.as_str());
    assert_eq!(c.ok("find_live_photo", json!({"live_photo_id": photo}))["file_size"], 33_000);

    let check = c.ok(
        "create_check",
        json!({"applicant_id": applicant, "report_names": ["document", "facial_similarity_photo"], "document_ids": [document],
               "consider": ["facial_similarity_photo"]}),
    );
    assert_eq!(check["status"], "in_progress");
    let done = c.ok("find_check", json!({"check_id": check["id"]}));
    assert_eq!((done["status"].clone(), done["result"].clone()), (json!("complete"), json!("consider")));
    let reports = c.ok("list_reports", json!({"check_id": check["id"]}))["reports"].clone();
    assert_eq!(reports.as_array().unwrap().len(), 2);
    for report in reports.as_array().unwrap() {
        let one = c.ok("find_report", json!({"report_id": report["id"]}));
        let expected = if one["name"] == "document" { "clear" } else { "consider" };
        assert_eq!((one["status"].as_str(), one["result"].as_str()), (Some("complete"), Some(expected)), "{one}");
        assert!(one["breakdown"].as_object().is_some_and(|b| !b.is_empty()));
        if one["name"] == "document" {
            assert_eq!(one["sub_result"], "clear");
        }
    }
    assert_eq!(c.ok("list_checks", json!({"applicant_id": applicant}))["checks"].as_array().unwrap().len(), 1);

    let run = c.ok(
        "create_workflow_run",
        json!({"applicant_id": applicant, "workflow_id": "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b"}),
    );
    assert_eq!(run["status"], "processing");
    assert_eq!(c.ok("find_workflow_run", json!({"workflow_run_id": run["id"]}))["status"], "approved");
    let token =
        c.ok("generate_sdk_token", json!({"applicant_id": applicant}))["token"].as_str().unwrap().split('.').count();
    assert_eq!(token, 3, "a JWT");
    assert_eq!(c.ok("ping", json!({}))["text"], "OK");

    // Pages: Link and X-Total-Count.
    for n in 0..4 {
        c.ok("create_applicant", json!({"first_name": "Page", "last_name": format!("N{n}")}));
    }
    let response = c.raw("list_applicants", &json!({"page": 1, "per_page": 2}));
    assert_eq!(response.header("x-total-count"), Some("5"));
    let link = response.header("link").unwrap().to_owned();
    assert!(link.contains(&format!("<{}/v3.6/applicants?page=2&per_page=2>; rel=\"next\"", server.url)), "{link}");
    assert!(link.contains("page=3&per_page=2>; rel=\"last\""), "{link}");

    // Watchlist monitors: a new report is 201 with its Location.
    let monitor =
        c.id("create_watchlist_monitor", json!({"applicant_id": applicant, "report_name": "watchlist_standard"}));
    let created = c.ok("force_report_creation_from_watchlist_monitor", json!({"monitor_id": monitor}));
    let location = created["location"].as_str().unwrap();
    let report_id = location.rsplit('/').next().unwrap();
    assert_eq!(c.ok("find_report", json!({"report_id": report_id}))["name"], "watchlist_standard");
    c.ok("delete_watchlist_monitor", json!({"monitor_id": monitor}));
    let listed = c.ok("list_watchlist_monitors", json!({"applicant_id": applicant}));
    assert_eq!(listed["monitors"], json!([]));
}

fn base64_decode(text: &str) -> Vec<u8> {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|c| *c != b'=') {
        bits = (bits << 6) | alphabet.iter().position(|a| *a == c).unwrap() as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

#[test]
fn v3_4_has_its_prefix_and_only_its_operations() {
    let server = start(false);
    let c = V3::new(&server, ApiVersion::V3_4);
    let applicant = c.ok("create_applicant", json!({"first_name": "Jane", "last_name": "Doe"}));
    assert_eq!(applicant["href"], format!("/v3.4/applicants/{}", applicant["id"].as_str().unwrap()));
    assert_eq!(c.ok("list_applicants", json!({}))["applicants"][0]["id"], applicant["id"]);
    // v3.6 has passkeys, v3.4 has not.
    let v36 = V3::new(&server, ApiVersion::V3_6);
    let mut request =
        v3::build_request("list_passkeys", &v36.client.config, &json!({"username": "jane"}), None).unwrap();
    assert_eq!(v36.client.exchange(&request).unwrap().status, 200);
    request.url = request.url.replace("/v3.6/", "/v3.4/");
    let response = c.client.exchange(&request).unwrap();
    assert_eq!(response.status, 404);
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["error"]["type"], "resource_not_found");
}

#[test]
fn a_refused_input_is_a_422_and_nothing_is_stored() {
    let server = start(false);
    let c = V3::new(&server, ApiVersion::V3_6);
    let mut request =
        v3::build_request("create_applicant", &c.client.config, &json!({"first_name": "J", "last_name": "D"}), None)
            .unwrap();
    request.body =
        br#"{"first_name": "Jane", "last_name": "Doe", "email": 7, "address": {"postcode": "S2 2DF"}}"#.to_vec();
    let response = c.client.exchange(&request).unwrap();
    assert_eq!(response.status, 422);
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["error"]["type"], "validation_error");
    let fields: Vec<&String> = body["error"]["fields"].as_object().unwrap().keys().collect();
    assert_eq!(fields, ["address.country", "email"]);
    match v3::parse_response(ApiVersion::V3_6, "create_applicant", response) {
        Err(Error::Api(api)) => assert!(api.fields.iter().any(|(f, _)| f == "email")),
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(c.ok("list_applicants", json!({}))["applicants"], json!([]));
    // A query parameter of the wrong type, and a field the operation does not have.
    let mut request = v3::build_request("list_applicants", &c.client.config, &json!({}), None).unwrap();
    request.url.push_str("?page=two&dbo=1");
    let response = c.client.exchange(&request).unwrap();
    let body: Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(response.status, 422);
    assert!(body["error"]["fields"]["page"].is_array() && body["error"]["fields"]["dbo"].is_array(), "{body}");
    // Unknown resources are 404.
    let missing = c.call("find_check", &json!({"check_id": "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10"}));
    assert!(matches!(missing, Err(Error::Api(api)) if api.status == 404));
}

/// The next delivery, waiting up to `wait`.
fn next(receiver: &Receiver, wait: Duration) -> Option<Delivery> {
    receiver.next(wait)
}

/// Nothing arrives for a moment.
fn quiet(receiver: &Receiver) {
    let started = Instant::now();
    if let Some(d) = receiver.next(Duration::from_millis(400)) {
        panic!("unexpected delivery after {:?}: {}", started.elapsed(), String::from_utf8_lossy(&d.body));
    }
}

#[test]
fn deliveries_follow_the_retry_schedule_on_an_advanced_clock() {
    let server = start(true);
    let c = V3::new(&server, ApiVersion::V3_6);
    let receiver = Receiver::start().unwrap();
    receiver.answer_with(500);
    let hook = c.ok("create_webhook", json!({"url": receiver.url, "events": ["check.completed"]}));
    let token = hook["token"].as_str().unwrap().to_owned();
    let applicant = c.id("create_applicant", json!({"first_name": "Jane", "last_name": "Doe"}));
    let check = c.id("create_check", json!({"applicant_id": applicant, "report_names": ["identity_enhanced"]}));
    let first = next(&receiver, Duration::from_secs(5)).expect("the first attempt");
    // The clock moves on with real time too (a few seconds here): each step stops well short
    // of the due time, checks nothing comes, then passes it.
    const MARGIN: i64 = 20;
    let mut elapsed = 0;
    for (n, at) in [30, 120, 900, 7_200].into_iter().enumerate() {
        server.clock.advance(at - elapsed - MARGIN);
        quiet(&receiver);
        server.clock.advance(MARGIN);
        elapsed = at;
        let retry = next(&receiver, Duration::from_secs(5)).unwrap_or_else(|| panic!("retry {} at {at} s", n + 1));
        assert_eq!(retry.body, first.body, "the same notification");
    }
    // The fifth failure in a row rests the webhook for a minute.
    let started = Instant::now();
    while c.ok("find_webhook", json!({"webhook_id": hook["id"]}))["enabled"] != false {
        assert!(started.elapsed() < Duration::from_secs(5), "the webhook rests after five failures");
        std::thread::sleep(Duration::from_millis(20));
    }
    server.clock.advance(61);
    assert_eq!(c.ok("find_webhook", json!({"webhook_id": hook["id"]}))["enabled"], true);
    // The last retry, 10 h after the first attempt, is answered: a signed v3 payload.
    receiver.answer_with(200);
    server.clock.advance(36_000 - 7_200 - 61 - MARGIN);
    quiet(&receiver);
    server.clock.advance(MARGIN);
    let last = next(&receiver, Duration::from_secs(5)).expect("the 10 h retry");
    let headers = last.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let event = webhook::verify_event(&last.body, headers, &token).expect("a valid signature");
    assert_eq!(event.payload.action.as_str(), "check.completed");
    assert_eq!(event.payload.object.id, check);
    assert_eq!(event.payload.object.href.as_deref(), Some(format!("{}/v3.6/checks/{check}", server.url).as_str()));
    assert!(event.payload.object.completed_at_iso8601.is_some());
    assert_eq!(
        webhook::verify_headers(&last.body, [("X-Signature", header(&last, "x-signature"))], &token).unwrap().header(),
        "X-Signature"
    );
    // Delivered: nothing more comes.
    server.clock.advance(100_000);
    quiet(&receiver);
}

fn header<'a>(delivery: &'a Delivery, name: &str) -> &'a str {
    delivery.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).unwrap()
}

#[test]
fn workflow_runs_notify_with_the_resource_and_resend_redelivers() {
    let server = start(true);
    let c = V3::new(&server, ApiVersion::V3_6);
    let receiver = Receiver::start().unwrap();
    let hook = c.ok("create_webhook", json!({"url": receiver.url, "events": ["workflow_run.completed"]}));
    let token = hook["token"].as_str().unwrap().to_owned();
    let applicant = c.id("create_applicant", json!({"first_name": "Jane", "last_name": "Consider"}));
    let run = c.id(
        "create_workflow_run",
        json!({"applicant_id": applicant, "workflow_id": "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b"}),
    );
    let delivered = next(&receiver, Duration::from_secs(5)).expect("workflow_run.completed");
    let headers = delivered.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    webhook::verify_headers(&delivered.body, headers, &token).expect("signed");
    let body: Value = serde_json::from_slice(&delivered.body).unwrap();
    assert_eq!(body["payload"]["resource_type"], "workflow_run");
    assert_eq!(body["payload"]["object"]["id"], run.as_str());
    assert_eq!(body["payload"]["object"]["status"], "declined");
    assert_eq!(body["payload"]["resource"]["applicant_id"], applicant.as_str());
    quiet(&receiver);
    c.ok("resend_webhooks", json!({"data": [{"resource_id": run, "event": "workflow_run.completed"}]}));
    let again = next(&receiver, Duration::from_secs(5)).expect("re-delivered");
    let body: Value = serde_json::from_slice(&again.body).unwrap();
    assert_eq!(body["payload"]["object"]["id"], run.as_str());
}
