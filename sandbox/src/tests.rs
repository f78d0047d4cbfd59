//! The simulator driven through the client's own build and parse.

use super::*;
use onfido_core::models::{CheckStatus, CheckType, DocumentType, ReportName, ReportResult, WebhookEvent};
use onfido_core::multipart::FileUpload;
use onfido_core::operations::applicants::*;
use onfido_core::operations::checks::*;
use onfido_core::operations::documents::*;
use onfido_core::operations::live_photos::*;
use onfido_core::operations::reports::*;
use onfido_core::operations::webhooks::*;
use onfido_core::operations::Operation;
use onfido_core::Error;

const NOW: i64 = 1_700_000_000;

struct Client {
    sandbox: Sandbox,
    config: Config,
}

impl Client {
    fn new() -> Client {
        let config = Config::builder().api_token("test_sandbox").api_version(ApiVersion::V2).build().unwrap();
        Client { sandbox: Sandbox::new(SandboxOptions::default()), config }
    }

    fn send<O: Operation>(&mut self, operation: &O) -> Result<O::Output, Error> {
        let request = operation.build(&self.config)?;
        O::parse(self.sandbox.handle(&request, NOW))
    }

    fn applicant(&mut self, last_name: &str) -> String {
        self.send(&CreateApplicant::new("Jane", last_name)).unwrap().id
    }

    fn uploads(&mut self, applicant_id: &str) {
        let png = png();
        self.send(&UploadDocument::new(
            applicant_id,
            DocumentType::Passport,
            FileUpload::new("passport.png", png.clone()),
        ))
        .unwrap();
        self.send(&UploadLivePhoto::new(applicant_id, FileUpload::new("selfie.png", png))).unwrap();
    }
}

fn png() -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    bytes.extend((0..40_000u32).map(|i| (i * 7 % 256) as u8));
    bytes
}

fn api_type(result: Result<impl std::fmt::Debug, Error>) -> (u16, String) {
    match result {
        Err(Error::Api(api)) => (api.status, api.error_type.as_str().to_owned()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn authentication() {
    let mut sandbox = Sandbox::new(SandboxOptions::default());
    let live = Config::builder().api_token("live_abc").api_version(ApiVersion::V2).build().unwrap();
    let request = ListApplicants::default().build(&live).unwrap();
    assert_eq!(api_type(ListApplicants::parse(sandbox.handle(&request, NOW))), (401, "authorization_error".into()));
    let mut anonymous = request.clone();
    anonymous.headers.retain(|(n, _)| n != "Authorization");
    assert_eq!(sandbox.handle(&anonymous, NOW).status, 401);
}

#[test]
fn express_check_completes_with_predetermined_results() {
    let mut c = Client::new();
    let id = c.applicant("Consider");
    c.uploads(&id);
    let hook = c.send(&RegisterWebhook::new("https://hooks.example/onfido")).unwrap();
    let reports = vec![
        ReportRequest::new(ReportName::Document),
        ReportRequest::new(ReportName::FacialSimilarity).variant("standard"),
    ];
    let check = c.send(&CreateCheck::new(&id, CheckType::Express, reports)).unwrap();
    assert_eq!(check.status, Some(CheckStatus::Complete));
    assert_eq!(check.result, Some(onfido_core::models::CheckResult::Consider));
    let document = check.expanded_reports().find(|r| r.name == Some(ReportName::Document)).unwrap();
    assert_eq!(document.result, Some(ReportResult::Consider));
    assert!(!document.findings().is_empty());
    let deliveries = c.sandbox.take_webhook_deliveries();
    assert_eq!(deliveries.len(), 3);
    let token = hook.token.unwrap();
    let events: Vec<WebhookEvent> = deliveries
        .iter()
        .map(|d| {
            let headers = d.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
            onfido_core::webhook::verify_event(&d.body, headers, &token).unwrap().payload.action
        })
        .collect();
    assert_eq!(events, [WebhookEvent::ReportCompleted, WebhookEvent::ReportCompleted, WebhookEvent::CheckCompleted]);
}

#[test]
fn state_rules() {
    let mut c = Client::new();
    // Without checks an applicant is deleted at once.
    let gone = c.applicant("Doe");
    c.send(&DeleteApplicant::new(&gone)).unwrap();
    assert_eq!(api_type(c.send(&RetrieveApplicant::new(&gone))), (404, "resource_not_found".into()));
    // With checks it is scheduled (410), listed only with include_deleted, and restorable.
    let kept = c.applicant("Doe");
    let check = CreateCheck::new(&kept, CheckType::Express, vec![ReportRequest::new(ReportName::Watchlist)]);
    c.send(&check).unwrap();
    let identity = CreateCheck::new(&kept, CheckType::Express, vec![ReportRequest::new(ReportName::Identity)]);
    assert_eq!(api_type(c.send(&identity)), (422, "failed_check_requirements".into()));
    let checks = c.send(&ListChecks::new(&kept)).unwrap();
    assert_eq!(checks.items.len(), 1);
    // The first check is complete, so a second may start; without uploads a document report cannot.
    let document_check = CreateCheck::new(&kept, CheckType::Express, vec![ReportRequest::new(ReportName::Document)]);
    assert_eq!(api_type(c.send(&document_check)), (422, "missing_documents".into()));
    c.send(&DeleteApplicant::new(&kept)).unwrap();
    assert_eq!(api_type(c.send(&RetrieveApplicant::new(&kept))), (410, "gone".into()));
    assert_eq!(c.send(&ListApplicants::default()).unwrap().items.len(), 0);
    let all = ListApplicants { include_deleted: Some(true), ..ListApplicants::default() };
    assert_eq!(c.send(&all).unwrap().items.len(), 1);
    c.send(&RestoreApplicant::new(&kept)).unwrap();
    assert!(c.send(&RetrieveApplicant::new(&kept)).unwrap().delete_at.is_none());
}

#[test]
fn validation_is_the_clients() {
    let mut c = Client::new();
    let mut request = CreateApplicant::new("Jane", "Doe").build(&c.config).unwrap();
    request.body = br#"{"first_name": "Jane", "last_name": "", "dob": "1990-02-30", "country": "UK"}"#.to_vec();
    let err = CreateApplicant::parse(c.sandbox.handle(&request, NOW)).unwrap_err();
    let fields = err.fields().unwrap();
    assert!(fields.contains("last_name") && fields.contains("dob") && fields.contains("country"), "{err}");
    assert_eq!(c.send(&ListApplicants::default()).unwrap().items.len(), 0, "a rejected request changes nothing");
}

#[test]
fn pagination_and_downloads() {
    let mut c = Client::new();
    for i in 0..45 {
        c.applicant(&format!("Doe{i}"));
    }
    let first = ListApplicants::default();
    let page = c.send(&first).unwrap();
    assert_eq!((page.items.len(), page.page.total_count), (20, Some(45)));
    let third = first.at(page.page.last.as_ref().unwrap()).unwrap();
    let last = c.send(&third).unwrap();
    assert_eq!(last.items.len(), 5);
    assert!(last.page.next.is_none());
    let id = page.items[0].id.clone();
    c.uploads(&id);
    let docs = c.send(&ListDocuments::new(&id)).unwrap();
    let download = c.send(&DownloadDocument::new(&id, &docs.items[0].id)).unwrap();
    assert_eq!(download.content, png());
    assert_eq!(download.filename.as_deref(), Some("passport.png"));
    assert_eq!(download.content_type.as_deref(), Some("image/png"));
}

#[test]
fn paused_checks_resume_and_cancel() {
    let mut c = Client::new();
    let id = c.applicant("Doe");
    let mut check = CreateCheck::new(
        &id,
        CheckType::Express,
        vec![ReportRequest::new(ReportName::Watchlist), ReportRequest::new(ReportName::Watchlist).variant("full")],
    );
    check.extra.insert("paused".into(), true.into());
    let created = c.send(&check).unwrap();
    assert_eq!(created.status, Some(CheckStatus::Paused));
    let ids: Vec<String> = created.reports.iter().map(|r| r.id().to_owned()).collect();
    c.send(&CancelReport::new(&created.id, &ids[1])).unwrap();
    c.send(&ResumeCheck::new(&created.id)).unwrap();
    let check = c.send(&RetrieveCheck::new(&id, &created.id)).unwrap();
    assert_eq!(check.status, Some(CheckStatus::Complete));
    let report = c.send(&RetrieveReport::new(&created.id, &ids[0])).unwrap();
    assert_eq!(report.result, Some(ReportResult::Clear));
}

#[test]
fn rate_limit() {
    let mut sandbox = Sandbox::new(SandboxOptions { rate_limit: Some(30), ..SandboxOptions::default() });
    let config = Config::builder().api_token("test_x").api_version(ApiVersion::V2).build().unwrap();
    let request = ListApplicants::default().build(&config).unwrap();
    for _ in 0..30 {
        assert_eq!(sandbox.handle(&request, NOW).status, 200);
    }
    let limited = sandbox.handle(&request, NOW + 10);
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("50"));
    assert_eq!(sandbox.handle(&request, NOW + 60).status, 200);
}

#[test]
fn long_fields_and_a_full_upload_budget_are_refused() {
    let mut c = Client::new();
    assert!(c.send(&CreateApplicant::new("a".repeat(MAX_FIELD_CHARS), "Doe")).is_ok());
    let long = c.send(&CreateApplicant::new("a".repeat(100_000), "Doe"));
    match long {
        Err(Error::Api(api)) => {
            assert_eq!((api.status, api.error_type.as_str()), (422, "validation_error"));
            assert!(api.fields.get("first_name").is_some(), "{api:?}");
        }
        other => panic!("expected a 422, got {other:?}"),
    }
    let id = c.applicant("Doe");
    c.sandbox.set_upload_budget(100_000);
    let photo = || UploadLivePhoto::new(&id, FileUpload::new("selfie.png", png()));
    assert!(c.send(&photo()).is_ok());
    assert!(c.send(&photo()).is_ok());
    assert_eq!(api_type(c.send(&photo())), (507, "insufficient_storage".into()));
    assert_eq!(c.sandbox.store.live_photos.len(), 2);
}

// ---- API v3.6 and v3.4 ----

mod v3_tests {
    use super::{png, NOW};
    use crate::{Sandbox, SandboxOptions, DISABLED_FOR, RETRY_AFTER};
    use onfido_core::config::{ApiVersion, Config};
    use onfido_core::{v3, Error, HttpResponse};
    use serde_json::{json, Value};

    struct Client {
        sandbox: Sandbox,
        config: Config,
        now: i64,
    }

    impl Client {
        fn new(version: ApiVersion) -> Client {
            let config = Config::builder().api_token("api_sandbox.unit").api_version(version).build().unwrap();
            Client { sandbox: Sandbox::new(SandboxOptions::default()), config, now: NOW }
        }

        fn raw(&mut self, op: &str, input: Value) -> HttpResponse {
            let request = v3::build_request(op, &self.config, &input, None).unwrap();
            self.sandbox.handle(&request, self.now)
        }

        fn call(&mut self, op: &str, input: Value) -> Result<Value, Error> {
            let response = self.raw(op, input);
            v3::parse_response(self.config.api_version(), op, response)
        }

        fn ok(&mut self, op: &str, input: Value) -> Value {
            self.call(op, input).unwrap_or_else(|e| panic!("{op}: {e}"))
        }

        fn applicant(&mut self, last_name: &str) -> String {
            let a = self.ok("create_applicant", json!({"first_name": "Jane", "last_name": last_name}));
            a["id"].as_str().unwrap().to_owned()
        }

        fn uploads(&mut self, applicant_id: &str) -> String {
            let file = |name: &str| json!({"filename": name, "content": png()});
            let doc = self.ok(
                "upload_document",
                json!({"applicant_id": applicant_id, "type": "passport", "file": file("passport.png")}),
            );
            self.ok("upload_live_photo", json!({"applicant_id": applicant_id, "file": file("selfie.png")}));
            doc["id"].as_str().unwrap().to_owned()
        }
    }

    fn status_of(result: Result<Value, Error>) -> (u16, String) {
        match result {
            Err(Error::Api(api)) => (api.status, api.error_type.as_str().to_owned()),
            other => panic!("expected an API error, got {other:?}"),
        }
    }

    #[test]
    fn applicants_consents_and_pages() {
        let mut c = Client::new(ApiVersion::V3_6);
        let created = c.ok(
            "create_applicant",
            json!({"first_name": "Jane", "last_name": "Doe", "address": {"country": "GBR", "postcode": "S2 2DF"},
                   "location": {"country_of_residence": "GBR", "ip_address": "127.0.0.1"},
                   "consents": [{"name": "privacy_notices_read", "granted": true}]}),
        );
        let id = created["id"].as_str().unwrap().to_owned();
        assert_eq!(created["href"], format!("/v3.6/applicants/{id}"));
        assert_eq!(
            (created["sandbox"].clone(), created["address"]["postcode"].clone()),
            (json!(true), json!("S2 2DF"))
        );
        let consents = c.ok("find_applicant_consents", json!({"applicant_id": id}));
        assert_eq!(consents[0]["name"], "privacy_notices_read");
        assert_eq!(consents[0]["granted"], true);
        assert!(consents[0]["granted_at"].as_str().unwrap().starts_with("2023-11-14T"));
        let updated = c.ok(
            "update_applicant",
            json!({"applicant_id": id, "location": {"country_of_residence": "FRA"},
                   "consents": [{"name": "privacy_notices_read", "granted": false}]}),
        );
        assert_eq!(updated["location"]["country_of_residence"], "FRA");
        let consents = c.ok("find_applicant_consents", json!({"applicant_id": id}));
        assert_eq!((consents.as_array().unwrap().len(), consents[0]["granted"].clone()), (1, json!(false)));
        for n in 0..4 {
            c.applicant(&format!("Doe{n}"));
        }
        let response = c.raw("list_applicants", json!({"page": 2, "per_page": 2}));
        assert_eq!(response.header("x-total-count"), Some("5"));
        let link = response.header("link").unwrap().to_owned();
        assert!(link.contains("/v3.6/applicants?page=3&per_page=2>; rel=\"next\""), "{link}");
        let page = v3::parse_response(ApiVersion::V3_6, "list_applicants", response).unwrap();
        assert_eq!(page["applicants"].as_array().unwrap().len(), 2);
        c.ok("delete_applicant", json!({"applicant_id": id}));
        assert_eq!(status_of(c.call("find_applicant", json!({"applicant_id": id}))), (410, "gone".into()));
        c.ok("restore_applicant", json!({"applicant_id": id}));
        assert_eq!(c.ok("find_applicant", json!({"applicant_id": id}))["first_name"], "Jane");
    }

    #[test]
    fn checks_complete_asynchronously_as_the_inputs_say() {
        let mut c = Client::new(ApiVersion::V3_6);
        let id = c.applicant("Doe");
        let document = c.uploads(&id);
        let check = c.ok(
            "create_check",
            json!({"applicant_id": id, "report_names": ["document", "facial_similarity_photo", "watchlist_standard"],
                   "document_ids": [document], "consider": ["watchlist_standard"], "sub_result": "suspected"}),
        );
        assert_eq!((check["status"].clone(), check["sandbox"].clone()), (json!("in_progress"), json!(true)));
        let check_id = check["id"].as_str().unwrap().to_owned();
        let found = c.ok("find_check", json!({"check_id": check_id}));
        assert_eq!((found["status"].clone(), found["result"].clone()), (json!("complete"), json!("consider")));
        let reports = c.ok("list_reports", json!({"check_id": check_id}));
        let by_name =
            |name: &str| reports["reports"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap().clone();
        assert_eq!(
            (by_name("document")["result"].clone(), by_name("document")["sub_result"].clone()),
            (json!("consider"), json!("suspected"))
        );
        assert_eq!(by_name("facial_similarity_photo")["result"], "clear");
        assert_eq!(by_name("watchlist_standard")["result"], "consider");
        assert_eq!(by_name("document")["documents"][0]["id"], document.as_str());
        assert!(by_name("document")["breakdown"]["data_comparison"]["result"].is_string());
        let pdf = c.ok("download_check", json!({"check_id": check_id}));
        assert_eq!(pdf["content_type"], "application/pdf");

        // Without uploads a document report cannot run; with applicant_provides_data it waits.
        let other = c.applicant("Consider");
        assert_eq!(
            status_of(c.call("create_check", json!({"applicant_id": other, "report_names": ["document"]}))).0,
            422
        );
        let waiting = c.ok(
            "create_check",
            json!({"applicant_id": other, "report_names": ["document", "identity_enhanced"], "applicant_provides_data": true}),
        );
        assert_eq!(waiting["status"], "awaiting_applicant");
        assert!(waiting["form_uri"].is_string());
        let first = waiting["report_ids"][0].as_str().unwrap().to_owned();
        c.ok("cancel_report", json!({"report_id": first}));
        assert_eq!(c.ok("find_report", json!({"report_id": first}))["status"], "cancelled");
        c.ok("resume_check", json!({"check_id": waiting["id"]}));
        let done = c.ok("find_check", json!({"check_id": waiting["id"]}));
        assert_eq!((done["status"].clone(), done["result"].clone()), (json!("complete"), json!("consider")));
    }

    #[test]
    fn a_refused_input_is_a_422_and_changes_nothing() {
        let mut c = Client::new(ApiVersion::V3_6);
        let mut request =
            v3::build_request("create_applicant", &c.config, &json!({"first_name": "J", "last_name": "D"}), None)
                .unwrap();
        request.body = br#"{"first_name": "Jane", "dob": "1990-02-30", "extra": 1}"#.to_vec();
        let response = c.sandbox.handle(&request, NOW);
        assert_eq!(response.status, 422);
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(body["error"]["type"], "validation_error");
        let fields: Vec<&String> = body["error"]["fields"].as_object().unwrap().keys().collect();
        assert_eq!(fields, ["dob", "extra", "last_name"]);
        let list = c.ok("list_applicants", json!({}));
        assert_eq!(list["applicants"], json!([]));
        // A file the endpoint refuses (too small): 422 on `file`, nothing stored.
        let id = c.applicant("Doe");
        let good = json!({"applicant_id": id, "file": {"filename": "me.png", "content": png()}});
        let mut request = v3::build_request("upload_live_photo", &c.config, &good, None).unwrap();
        let small: Vec<u8> = png().into_iter().take(1_000).collect();
        let (content_type, body) = onfido_core::multipart::Form::new()
            .text("applicant_id", id.as_str())
            .file("file", "me.png", "image/png", small)
            .finish();
        request.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
        request.headers.push(("Content-Type".into(), content_type));
        request.body = body;
        let response = c.sandbox.handle(&request, NOW);
        assert_eq!(response.status, 422);
        let body: Value = serde_json::from_slice(&response.body).unwrap();
        assert!(body["error"]["fields"]["file"][0].as_str().unwrap().contains("smaller than the minimum"), "{body}");
        assert_eq!(c.ok("list_live_photos", json!({"applicant_id": id}))["live_photos"], json!([]));
        // Unknown route: 404 in the v3 envelope.
        let mut request = v3::build_request("ping", &c.config, &json!({}), None).unwrap();
        request.url = request.url.replace("/ping", "/nothing/here");
        assert_eq!(c.sandbox.handle(&request, NOW).status, 404);
    }

    #[test]
    fn v3_4_answers_its_profile_with_its_hrefs() {
        let mut c = Client::new(ApiVersion::V3_4);
        let id = c.applicant("Doe");
        let found = c.ok("find_applicant", json!({"applicant_id": id}));
        assert_eq!(found["href"], format!("/v3.4/applicants/{id}"));
        let v36 = Config::builder().api_token("api_sandbox.unit").api_version(ApiVersion::V3_6).build().unwrap();
        let mut request = v3::build_request("list_passkeys", &v36, &json!({"username": "jane"}), None).unwrap();
        assert_eq!(c.sandbox.handle(&request, NOW).status, 200, "v3.6 has passkeys");
        request.url = request.url.replace("/v3.6/", "/v3.4/");
        assert_eq!(c.sandbox.handle(&request, NOW).status, 404, "v3.4 has not");
        assert_eq!(c.ok("ping", json!({}))["text"], "OK");
        // Below a base path too.
        let mut request = v3::build_request("ping", &v36, &json!({}), None).unwrap();
        request.url = request.url.replace("/v3.6/", "/onfido/v3.6/");
        assert_eq!(c.sandbox.handle(&request, NOW).body, b"OK");
        request.url = request.url.replace("/onfido/v3.6/", "/v2/v3.6/");
        assert_eq!(c.sandbox.handle(&request, NOW).status, 404, "a v2 path");
    }

    #[test]
    fn workflow_runs_end_as_the_applicant_decides_and_notify() {
        let mut c = Client::new(ApiVersion::V3_6);
        let hook =
            c.ok("create_webhook", json!({"url": "http://127.0.0.1:9/hook", "events": ["workflow_run.completed"]}));
        let token = hook["token"].as_str().unwrap().to_owned();
        let workflow = "9d1b6f4c-0a64-4c4e-9b8a-2d5f1e7c9a10";
        for (last_name, outcome) in [("Doe", "approved"), ("Consider", "declined")] {
            let id = c.applicant(last_name);
            let run = c.ok("create_workflow_run", json!({"applicant_id": id, "workflow_id": workflow}));
            assert_eq!(run["status"], "processing");
            let found = c.ok("find_workflow_run", json!({"workflow_run_id": run["id"]}));
            assert_eq!(found["status"], outcome);
            let tasks = c.ok("list_tasks", json!({"workflow_run_id": run["id"]}));
            let task = tasks[1]["id"].as_str().unwrap().to_owned();
            assert_eq!(c.ok("find_task", json!({"workflow_run_id": run["id"], "task_id": task}))["id"], task.as_str());
        }
        let attempts = c.sandbox.due_webhook_attempts(NOW);
        assert_eq!(attempts.len(), 2);
        let event = onfido_core::webhook::verify_event(
            &attempts[1].request.body,
            attempts[1].request.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            &token,
        )
        .unwrap();
        assert_eq!(event.payload.action.as_str(), "workflow_run.completed");
        let body: Value = serde_json::from_slice(&attempts[1].request.body).unwrap();
        assert_eq!(body["payload"]["resource"]["status"], "declined");
        assert!(body["payload"]["object"]["href"].as_str().unwrap().contains("/v3.6/workflow_runs/"));
    }

    #[test]
    fn deliveries_retry_on_schedule_and_rest_the_webhook_after_five_failures() {
        let mut c = Client::new(ApiVersion::V3_6);
        let hook = c.ok("create_webhook", json!({"url": "http://127.0.0.1:9/hook", "events": ["check.completed"]}));
        let id = c.applicant("Doe");
        let check = c.ok("create_check", json!({"applicant_id": id, "report_names": ["identity_enhanced"]}));
        let offsets = [0, RETRY_AFTER[0], RETRY_AFTER[1], RETRY_AFTER[2], RETRY_AFTER[3], RETRY_AFTER[4]];
        assert_eq!(offsets, [0, 30, 120, 900, 7_200, 36_000]);
        for (n, offset) in offsets.into_iter().enumerate() {
            if offset > 0 {
                assert!(c.sandbox.due_webhook_attempts(NOW + offset - 1).is_empty(), "not before {offset} s");
            }
            let due = c.sandbox.due_webhook_attempts(NOW + offset);
            assert_eq!(due.len(), 1, "attempt {} at {offset} s", n + 1);
            assert_eq!(due[0].attempt, n as u32 + 1);
            let body: Value = serde_json::from_slice(&due[0].request.body).unwrap();
            assert_eq!(body["payload"]["object"]["id"], check["id"]);
            c.sandbox.webhook_attempt_result(due[0].id, false, NOW + offset + 1);
            if n == 4 {
                // The fifth failure in a row: the webhook rests for a minute, new events wait.
                c.now = NOW + offset + 2;
                assert_eq!(c.ok("find_webhook", json!({"webhook_id": hook["id"]}))["enabled"], false);
                let again = c.ok("create_check", json!({"applicant_id": id, "report_names": ["identity_enhanced"]}));
                assert!(c.sandbox.due_webhook_attempts(c.now + DISABLED_FOR - 2).is_empty());
                let due = c.sandbox.due_webhook_attempts(NOW + offset + 1 + DISABLED_FOR);
                assert_eq!(due.len(), 1);
                let body: Value = serde_json::from_slice(&due[0].request.body).unwrap();
                assert_eq!(body["payload"]["object"]["id"], again["id"]);
                c.sandbox.webhook_attempt_result(due[0].id, true, NOW + offset + 2 + DISABLED_FOR);
                c.now = NOW + offset + 2 + DISABLED_FOR;
                assert_eq!(c.ok("find_webhook", json!({"webhook_id": hook["id"]}))["enabled"], true);
            }
        }
        assert_eq!(c.sandbox.pending_webhook_deliveries(), 0, "given up after the last retry");
    }

    #[test]
    fn an_unanswered_attempt_fails_after_ten_seconds() {
        let mut c = Client::new(ApiVersion::V3_6);
        c.ok("create_webhook", json!({"url": "http://127.0.0.1:9/hook", "events": ["check.completed"]}));
        let id = c.applicant("Doe");
        c.ok("create_check", json!({"applicant_id": id, "report_names": ["identity_enhanced"]}));
        assert_eq!(c.sandbox.due_webhook_attempts(NOW).len(), 1);
        assert!(c.sandbox.due_webhook_attempts(NOW + crate::ANSWER_WITHIN).is_empty(), "in flight");
        // Never answered: failed at 11 s, retried at 30 s.
        assert!(c.sandbox.due_webhook_attempts(NOW + 29).is_empty());
        let retry = c.sandbox.due_webhook_attempts(NOW + 30);
        assert_eq!((retry.len(), retry[0].attempt), (1, 2));
        c.sandbox.webhook_attempt_result(retry[0].id, true, NOW + 31);
        assert_eq!(c.sandbox.pending_webhook_deliveries(), 0);
    }
}
