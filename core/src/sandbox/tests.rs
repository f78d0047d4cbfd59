//! The simulator driven through the client's own build and parse.

use super::*;
use crate::models::{CheckStatus, CheckType, DocumentType, ReportName, ReportResult, WebhookEvent};
use crate::multipart::FileUpload;
use crate::operations::applicants::*;
use crate::operations::checks::*;
use crate::operations::documents::*;
use crate::operations::live_photos::*;
use crate::operations::reports::*;
use crate::operations::webhooks::*;
use crate::operations::Operation;
use crate::Error;

const NOW: i64 = 1_700_000_000;

struct Client {
    sandbox: Sandbox,
    config: Config,
}

impl Client {
    fn new() -> Client {
        let config = Config::builder().api_token("test_sandbox").build().unwrap();
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
    let live = Config::builder().api_token("live_abc").build().unwrap();
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
    assert_eq!(check.result, Some(crate::models::CheckResult::Consider));
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
            crate::webhook::verify_event(&d.body, headers, &token).unwrap().payload.action
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
    let config = Config::builder().api_token("test_x").build().unwrap();
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
