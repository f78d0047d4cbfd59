//! The getting-started flow, as the requests the core builds and the answers it reads.
//!
//! Offline: requests are printed, not sent, and the reference's example responses are parsed.
//! Run with `cargo run -p onfido-core --example getting_started`.

use onfido_core::models::{CheckType, DocumentType, ReportName};
use onfido_core::multipart::FileUpload;
use onfido_core::operations::applicants::{CreateApplicant, ListApplicants};
use onfido_core::operations::checks::{CreateCheck, ReportRequest};
use onfido_core::operations::documents::UploadDocument;
use onfido_core::operations::live_photos::UploadLivePhoto;
use onfido_core::{Config, Error, HttpRequest, HttpResponse, Operation, Region};

fn main() -> Result<(), Error> {
    let token = std::env::var("ONFIDO_API_TOKEN").unwrap_or_else(|_| "test_demo_token".to_owned());
    let config = Config::builder().api_token(token).region(Region::Eu).binding("demo").build()?;
    println!("onfido-core {} — getting started (offline: requests are shown, not sent)\n", onfido_core::VERSION);

    step("1. Create applicant Jane Doe");
    let mut applicant = CreateApplicant::new("Jane", "Doe");
    applicant.0.dob = Some("1990-01-01".to_owned());
    show(&applicant.build(&config)?);
    let jane = CreateApplicant::parse(HttpResponse::new(
        201,
        br#"{"id": "1030303-123123-123123", "created_at": "2014-05-23T13:50:33Z", "first_name": "Jane", "last_name": "Doe", "dob": "1990-01-01"}"#.to_vec(),
    ))?;
    println!("   → applicant {} created at {}\n", jane.id, text(&jane.created_at));

    step("2. Upload a driving licence (front)");
    let mut upload = UploadDocument::new(
        &jane.id,
        DocumentType::DrivingLicence,
        FileUpload::new("sample_driving_licence.png", sample_png()),
    );
    upload.side = Some("front".into());
    show(&upload.build(&config)?);

    step("3. Upload a live photo");
    show(&UploadLivePhoto::new(&jane.id, FileUpload::new("sample_photo.png", sample_png())).build(&config)?);

    step("4. Create an express check: document + facial_similarity (standard)");
    let check = CreateCheck::new(
        &jane.id,
        CheckType::Express,
        vec![
            ReportRequest::new(ReportName::Document),
            ReportRequest::new(ReportName::FacialSimilarity).variant("standard"),
        ],
    );
    show(&check.build(&config)?);

    step("5. Read the result, the document report's sub_result and its breakdown");
    let body = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/check_with_five_reports.json"))
        .map_err(|e| Error::decode(0, e.to_string(), &[]))?;
    let check = CreateCheck::parse(HttpResponse::new(201, body))?;
    println!("   check {}: status {}, result {}", check.id, text(&check.status), text(&check.result));
    for report in check.expanded_reports() {
        let name = report.name.as_ref().map_or("?", |n| n.as_str());
        println!("   - {name:<18} result {:<9} sub_result {}", text(&report.result), text(&report.sub_result));
        for (breakdown, item) in &report.breakdown {
            if let Some(result) = &item.result {
                println!("       {breakdown}: {result}");
            }
        }
    }

    step("\n6. List applicants, page by page");
    let first = ListApplicants { per_page: Some(20), ..ListApplicants::default() };
    show(&first.build(&config)?);
    let page = ListApplicants::parse(
        HttpResponse::new(200, br#"{"applicants": []}"#.to_vec())
            .with_header("Link", r#"<https://api.onfido.com/v2/applicants?page=3059>; rel="last", <https://api.onfido.com/v2/applicants?page=2>; rel="next""#)
            .with_header("X-Total-Count", "61161"),
    )?;
    if let Some(next) = page.page.next.as_ref().and_then(|link| first.at(link)) {
        println!("   → {} applicants in all; the next page is:", page.page.total_count.unwrap_or(0));
        show(&next.build(&config)?);
    }
    Ok(())
}

/// An optional value's text, or `-`.
fn text<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or_else(|| "-".to_owned(), T::to_string)
}

fn step(title: &str) {
    println!("{title}");
}

fn show(request: &HttpRequest) {
    println!("   {} {}", request.method, request.url);
    for (name, value) in &request.headers {
        let value = if name.eq_ignore_ascii_case("authorization") { "Token token=***" } else { value };
        println!("   {name}: {value}");
    }
    match request.header("content-type") {
        Some(ct) if ct.starts_with("application/json") => println!("   {}", String::from_utf8_lossy(&request.body)),
        Some(_) => println!("   <multipart body, {} bytes>", request.body.len()),
        None => {}
    }
    println!();
}

/// A PNG-signed file of 40 000 bytes: enough for the core's size and type checks.
fn sample_png() -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    bytes.resize(40_000, 0);
    bytes
}
