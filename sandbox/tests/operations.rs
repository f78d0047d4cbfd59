//! Every operation through the real server over loopback, with the core's build and parse.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use common::{api_error, png, Client, SandboxProcess};
use onfido_core::models::*;
use onfido_core::multipart::{FileUpload, Form};
use onfido_core::operations::addresses::PickAddresses;
use onfido_core::operations::applicants::*;
use onfido_core::operations::checks::*;
use onfido_core::operations::documents::*;
use onfido_core::operations::live_photos::*;
use onfido_core::operations::live_videos::*;
use onfido_core::operations::ocr::ExtractOcr;
use onfido_core::operations::report_type_groups::*;
use onfido_core::operations::reports::*;
use onfido_core::operations::sdk_tokens::GenerateSdkToken;
use onfido_core::operations::slv::SubmitSlvCode;
use onfido_core::operations::webhooks::*;
use onfido_core::{HttpRequest, Method, Operation};

#[test]
fn every_operation() {
    let server = SandboxProcess::start(&[]);
    let c = Client::new(server.config("test_operations"));

    // applicants
    let mut data = CreateApplicant::new("Jane", "Doe");
    data.0.dob = Some("1990-01-01".into());
    data.0.addresses = Some(vec![Address {
        building_number: Some("100".into()),
        street: Some("Main Street".into()),
        town: Some("London".into()),
        postcode: Some("SW4 6EH".into()),
        country: Some("GBR".into()),
        ..Address::default()
    }]);
    let jane = c.send(&data).unwrap();
    assert_eq!(jane.sandbox, Some(true));
    assert_eq!(c.send(&RetrieveApplicant::new(&jane.id)).unwrap().first_name.as_deref(), Some("Jane"));
    let update = ApplicantData { first_name: Some("Janet".into()), ..ApplicantData::default() };
    assert_eq!(c.send(&UpdateApplicant::new(&jane.id, update)).unwrap().first_name.as_deref(), Some("Janet"));
    assert_eq!(c.send(&ListApplicants::default()).unwrap().items.len(), 1);

    // documents
    let mut upload =
        UploadDocument::new(&jane.id, DocumentType::Passport, FileUpload::new("passport.png", png(40_000)));
    upload.side = Some(DocumentSide::Front);
    let document = c.send(&upload).unwrap();
    assert_eq!((document.file_type.as_deref(), document.file_size), (Some("png"), Some(40_000)));
    assert_eq!(c.send(&RetrieveDocument::new(&jane.id, &document.id)).unwrap().id, document.id);
    assert_eq!(c.send(&ListDocuments::new(&jane.id)).unwrap().items.len(), 1);
    let download = c.send(&DownloadDocument::new(&jane.id, &document.id)).unwrap();
    assert_eq!(download.content, png(40_000), "downloads are byte-exact");

    // live photos
    let photo = c.send(&UploadLivePhoto::new(&jane.id, FileUpload::new("selfie.png", png(33_000)))).unwrap();
    assert_eq!(c.send(&RetrieveLivePhoto::new(&photo.id)).unwrap().file_size, Some(33_000));
    assert_eq!(c.send(&ListLivePhotos::new(&jane.id)).unwrap().items.len(), 1);
    assert_eq!(c.send(&DownloadLivePhoto::new(&photo.id)).unwrap().content, png(33_000));

    // live videos (the sandbox accepts uploads the mobile SDKs would make)
    let video_bytes = b"\x00\x00\x00\x18ftypmp42 not really a video".to_vec();
    let (content_type, body) = Form::new()
        .text("applicant_id", jane.id.as_str())
        .file("file", "video.mp4", "video/mp4", video_bytes.clone())
        .finish();
    let mut raw =
        HttpRequest { method: Method::Post, url: format!("{}/v2/live_videos", server.url), headers: vec![], body };
    raw.headers.push(("Authorization".into(), "Token token=test_operations".into()));
    raw.headers.push(("Content-Type".into(), content_type));
    assert_eq!(c.exchange(&raw).unwrap().status, 201);
    let videos = c.send(&ListLiveVideos::new(&jane.id)).unwrap();
    let video = c.send(&RetrieveLiveVideo::new(&videos.items[0].id)).unwrap();
    assert_eq!(video.challenge.len(), 2);
    assert_eq!(video.challenge[0].digits(), Some(vec![1, 2, 3]));
    assert_eq!(c.send(&DownloadLiveVideo::new(&video.id)).unwrap().content, video_bytes);

    // webhooks
    let hook =
        c.send(&RegisterWebhook::new("https://hooks.example/onfido").events([WebhookEvent::CheckCompleted])).unwrap();
    assert_eq!(hook.token.as_ref().map(String::len), Some(16));
    assert_eq!(c.send(&RetrieveWebhook::new(&hook.id)).unwrap().events, vec![WebhookEvent::CheckCompleted]);
    assert_eq!(c.send(&ListWebhooks {}).unwrap().items.len(), 1);

    // report type groups
    let groups = c.send(&ListReportTypeGroups {}).unwrap();
    assert_eq!(groups.items.len(), 2);
    let group = c.send(&RetrieveReportTypeGroup::new(&groups.items[0].id)).unwrap();
    assert_eq!(group.name.as_deref(), Some("Junior level"));

    // checks and reports
    let reports = vec![
        ReportRequest::new(ReportName::Document),
        ReportRequest::new(ReportName::FacialSimilarity).variant("standard"),
        ReportRequest::new(ReportName::Identity).variant("kyc"),
    ];
    let check = c.send(&CreateCheck::new(&jane.id, CheckType::Express, reports)).unwrap();
    assert_eq!((check.status.clone(), check.result.clone()), (Some(CheckStatus::Complete), Some(CheckResult::Clear)));
    assert_eq!(check.derived_result(), Some(CheckResult::Clear));
    assert_eq!(c.send(&RetrieveCheck::new(&jane.id, &check.id)).unwrap().reports.len(), 3);
    let expanded = c.send(&ListChecks::new(&jane.id).expand_reports()).unwrap();
    assert!(expanded.items[0].reports.iter().all(|r| r.report().is_some()));
    let listed = c.send(&ListReports::new(&check.id)).unwrap();
    assert_eq!(listed.items.len(), 3);
    let document_report = listed.items.iter().find(|r| r.name == Some(ReportName::Document)).unwrap();
    let report = c.send(&RetrieveReport::new(&check.id, &document_report.id)).unwrap();
    assert_eq!((report.sub_result.clone(), report.findings().len()), (Some(SubResult::Clear), 0));
    c.send(&ResumeCheck::new(&check.id)).unwrap();
    c.send(&ResumeReport::new(&check.id, &report.id)).unwrap();
    assert_eq!(api_error(c.send(&CancelReport::new(&check.id, &report.id))), (422, "validation_error".into()));

    // a paused check (sandbox extension) to resume and cancel for real
    let mut paused = CreateCheck::new(
        &jane.id,
        CheckType::Express,
        vec![ReportRequest::new(ReportName::Watchlist), ReportRequest::new(ReportName::Document)],
    );
    paused.extra.insert("paused".into(), true.into());
    let paused = c.send(&paused).unwrap();
    assert_eq!(paused.status, Some(CheckStatus::Paused));
    c.send(&CancelReport::new(&paused.id, paused.reports[1].id())).unwrap();
    c.send(&ResumeReport::new(&paused.id, paused.reports[0].id())).unwrap();
    let done = c.send(&RetrieveCheck::new(&jane.id, &paused.id)).unwrap();
    assert_eq!(done.status, Some(CheckStatus::Complete));

    // misc
    let addresses = c.send(&PickAddresses::new("sw46eh")).unwrap();
    assert_eq!(addresses.items[0].postcode.as_deref(), Some("SW4 6EH"));
    let token = c.send(&GenerateSdkToken::new(&jane.id, "https://*.example.com/*")).unwrap();
    let claims = token.claims().unwrap();
    assert_eq!(claims.exp.zip(claims.iat).map(|(e, i)| e - i), Some(5400));
    let ocr = c.send(&ExtractOcr::new(&document.id)).unwrap();
    let ocr_results = ocr.extracted_data.unwrap().ocr_results.unwrap();
    assert_eq!(ocr_results.first_name.as_deref(), Some("JANET"));
    assert!(c.send(&SubmitSlvCode::new("ABC123")).unwrap().success);

    // delete with checks: scheduled (410), restorable
    c.send(&DeleteApplicant::new(&jane.id)).unwrap();
    assert_eq!(api_error(c.send(&RetrieveApplicant::new(&jane.id))), (410, "gone".into()));
    c.send(&RestoreApplicant::new(&jane.id)).unwrap();
    assert!(c.send(&RetrieveApplicant::new(&jane.id)).unwrap().delete_at.is_none());
}

#[test]
fn error_paths() {
    let server = SandboxProcess::start(&[]);
    let c = Client::new(server.config("test_errors"));
    // Authentication.
    let live = Client::new(server.config("live_not_allowed"));
    assert_eq!(api_error(live.send(&ListApplicants::default())), (401, "authorization_error".into()));
    // Unknown ids.
    assert_eq!(api_error(c.send(&RetrieveApplicant::new("nope"))), (404, "resource_not_found".into()));
    assert_eq!(api_error(c.send(&RetrieveCheck::new("nope", "nope"))), (404, "resource_not_found".into()));
    // Server-side validation, past a client that did not validate.
    let mut raw = CreateApplicant::new("Jane", "Doe").build(&c.config).unwrap();
    raw.body = br#"{"first_name": "Jane", "last_name": "Doe", "nationality": "XXX"}"#.to_vec();
    let err = CreateApplicant::parse(c.exchange(&raw).unwrap()).unwrap_err();
    assert_eq!(err.fields().unwrap().get("nationality").map(<[String]>::len), Some(1));
    // Requirements and documents.
    let joe = c.send(&CreateApplicant::new("Joe", "Doe")).unwrap();
    let identity = CreateCheck::new(&joe.id, CheckType::Express, vec![ReportRequest::new(ReportName::Identity)]);
    assert_eq!(api_error(c.send(&identity)), (422, "failed_check_requirements".into()));
    let document = CreateCheck::new(&joe.id, CheckType::Express, vec![ReportRequest::new(ReportName::Document)]);
    assert_eq!(api_error(c.send(&document)), (422, "missing_documents".into()));
    // A US applicant without an SSN.
    let mut us = CreateApplicant::new("Sam", "Doe");
    us.0.dob = Some("1980-05-05".into());
    us.0.country = Some("USA".into());
    us.0.email = Some("sam@example.com".into());
    us.0.addresses = Some(vec![Address {
        street: Some("Oakland Ave".into()),
        state: Some("CA".into()),
        postcode: Some("94611".into()),
        country: Some("USA".into()),
        ..Address::default()
    }]);
    let sam = c.send(&us).unwrap();
    let check = CreateCheck::new(&sam.id, CheckType::Express, vec![ReportRequest::new(ReportName::Identity)]);
    assert_eq!(api_error(c.send(&check)), (422, "missing_id_numbers".into()));
    // A standard check waits for the applicant; another check is then refused.
    let mut with_email = CreateApplicant::new("Ann", "Doe");
    with_email.0.email = Some("ann@example.com".into());
    let ann = c.send(&with_email).unwrap();
    let standard = c
        .send(&CreateCheck::new(&ann.id, CheckType::Standard, vec![ReportRequest::new(ReportName::Identity)]))
        .unwrap();
    assert_eq!(standard.status, Some(CheckStatus::AwaitingApplicant));
    assert!(standard.form_uri.is_some());
    let again = CreateCheck::new(&ann.id, CheckType::Standard, vec![ReportRequest::new(ReportName::Watchlist)]);
    assert_eq!(api_error(c.send(&again)), (422, "incomplete_checks".into()));
    // Sandbox rules: consider list and last names.
    let unidentified = c
        .send(&{
            let mut a = CreateApplicant::new("Jane", "Unidentified");
            a.0.dob = Some("1990-01-01".into());
            a.0.addresses = Some(vec![Address {
                street: Some("Main Street".into()),
                postcode: Some("SW4 6EH".into()),
                country: Some("GBR".into()),
                ..Address::default()
            }]);
            a
        })
        .unwrap();
    let mut multi = CreateCheck::new(
        &unidentified.id,
        CheckType::Express,
        vec![ReportRequest::new(ReportName::Identity), ReportRequest::new(ReportName::Watchlist)],
    );
    multi.consider = Some(vec![ReportName::Identity]);
    let check = c.send(&multi).unwrap();
    let results: Vec<_> =
        check.expanded_reports().map(|r| (r.name.clone().unwrap(), r.result.clone().unwrap())).collect();
    assert_eq!(
        results,
        [(ReportName::Identity, ReportResult::Unidentified), (ReportName::Watchlist, ReportResult::Clear)]
    );
    assert_eq!(check.result, Some(CheckResult::Consider));
}
