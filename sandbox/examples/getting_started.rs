//! The getting-started flow over real HTTP: API v3.6 by default (the guide's steps), or the
//! older flow on API v2 with `--v2` (or `ONFIDO_DEMO_API=v2`).
//!
//! Without `ONFIDO_API_TOKEN` it starts the offline sandbox server on loopback and runs there;
//! with it (and optionally `ONFIDO_REGION`), the same flow runs against the real API, using
//! sandbox-only inputs (`consider`) only with a sandbox token, and running a workflow only when
//! `ONFIDO_WORKFLOW_ID` names one of the account's workflows.
//! Run: `make demo` (`make demo ARGS=--v2`), or `cargo run -p onfido-sandbox --example getting_started`.
// Indexing here is serde_json's `Value[key]`, which never panics (a missing key reads as null).
#![allow(clippy::indexing_slicing)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use onfido_core::models::{CheckType, DocumentSide, DocumentType, ReportName};
use onfido_core::multipart::FileUpload;
use onfido_core::operations::applicants::{CreateApplicant, ListApplicants};
use onfido_core::operations::checks::{CreateCheck, ReportRequest};
use onfido_core::operations::documents::UploadDocument;
use onfido_core::operations::live_photos::UploadLivePhoto;
use onfido_core::operations::webhooks::RegisterWebhook;
use onfido_core::retry::{Attempt, Decision, Outcome, RetryPolicy};
use onfido_core::{v3, webhook, ApiVersion, Config, Environment, Error, HttpRequest, HttpResponse, Operation, Region};
use onfido_sandbox::server::receiver::Receiver;
use onfido_sandbox::server::{Options, Server};
use serde_json::{json, Value};

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

const DRIVING_LICENCE: &[u8] = include_bytes!("../../tests/fixtures/sample_driving_licence.png");
const PHOTO: &[u8] = include_bytes!("../../tests/fixtures/sample_photo.png");

fn main() -> Result<()> {
    let v2 = std::env::args().skip(1).any(|a| a == "--v2")
        || std::env::var("ONFIDO_DEMO_API").is_ok_and(|v| v.eq_ignore_ascii_case("v2"));
    let version = if v2 { ApiVersion::V2 } else { ApiVersion::V3_6 };
    let real_token = std::env::var("ONFIDO_API_TOKEN").ok().filter(|t| !t.is_empty());
    let mut _server = None;
    let config = match &real_token {
        Some(token) => {
            let mut builder = Config::builder().api_token(token.as_str()).api_version(version).binding("demo");
            if let Ok(region) = std::env::var("ONFIDO_REGION") {
                builder = builder.region(Region::parse(&region)?);
            }
            let config = builder.build()?;
            println!("Running against the real Onfido API at {}\n", config.base_url());
            config
        }
        None => {
            let options = Options { webhook_delivery: true, ..Options::default() };
            let server = Server::bind(options)?;
            let (url, stop, _thread) = server.spawn();
            println!("Started the offline sandbox: listening on {url}\n");
            _server = Some(stop);
            let token = if v2 { "test_getting_started_demo" } else { "api_sandbox.getting_started_demo" };
            Config::builder().api_token(token).base_url(url).api_version(version).binding("demo").build()?
        }
    };
    let client = Client::new(config);
    let receiver = if real_token.is_none() { Some(Receiver::start()?) } else { None };
    if v2 {
        v2_flow(&client, real_token.is_some(), receiver)?;
    } else {
        v3_flow(&client, real_token.is_some(), receiver)?;
    }
    println!("\nDone.");
    Ok(())
}

/// The guide's steps on API v3.6, through the core's v3 engine.
fn v3_flow(client: &Client, real: bool, receiver: Option<Receiver>) -> Result<()> {
    let sandbox_token = client.config.environment() == Some(Environment::Sandbox);
    let webhook_token = match &receiver {
        Some(r) => {
            step("0. Register a webhook for check.completed and workflow_run.completed");
            let events = ["check.completed", "workflow_run.completed"];
            let hook = client.v3("create_webhook", json!({"url": r.url, "events": events}))?;
            println!("   webhook {} → {}", t(&hook["id"]), t(&hook["url"]));
            hook["token"].as_str().map(str::to_owned)
        }
        None => None,
    };

    step("1. Create applicant Jane Doe");
    let jane = client.v3(
        "create_applicant",
        json!({"first_name": "Jane", "last_name": "Doe", "dob": "1990-01-31",
               "address": {"building_number": "100", "street": "Main Street", "town": "London",
                           "postcode": "SW4 6EH", "country": "GBR"},
               "consents": [{"name": "privacy_notices_read", "granted": true}]}),
    )?;
    let applicant_id = id(&jane)?;
    println!("   applicant {applicant_id} created at {}", t(&jane["created_at"]));

    step("2. Upload sample_driving_licence.png (front)");
    let document = client.v3(
        "upload_document",
        json!({"applicant_id": applicant_id, "type": "driving_licence", "side": "front", "issuing_country": "GBR",
               "file": {"filename": "sample_driving_licence.png", "content": DRIVING_LICENCE}}),
    )?;
    println!("   document {} ({}, {} bytes)", id(&document)?, t(&document["file_type"]), t(&document["file_size"]));

    step("3. Upload sample_photo.png as a live photo");
    let photo = client.v3(
        "upload_live_photo",
        json!({"applicant_id": applicant_id, "file": {"filename": "sample_photo.png", "content": PHOTO}}),
    )?;
    println!("   live photo {} ({} bytes)", id(&photo)?, t(&photo["file_size"]));

    step("4. Create a check: document + facial_similarity_photo");
    let check = client.v3(
        "create_check",
        json!({"applicant_id": applicant_id, "report_names": ["document", "facial_similarity_photo"],
               "document_ids": [id(&document)?]}),
    )?;
    println!("   check {}: status {}", id(&check)?, t(&check["status"]));

    step("5. Wait for the check, then read its reports");
    let check = wait_for(client, "find_check", json!({"check_id": id(&check)?}), |c| c["status"] == "complete")?;
    println!("   check {}: status {}, result {}", id(&check)?, t(&check["status"]), t(&check["result"]));
    print_reports(client, &check)?;

    if sandbox_token {
        step("5b. Sandbox only: a check whose facial_similarity_photo report comes back consider");
        let check = client.v3(
            "create_check",
            json!({"applicant_id": applicant_id, "report_names": ["document", "facial_similarity_photo"],
                   "document_ids": [id(&document)?], "consider": ["facial_similarity_photo"]}),
        )?;
        let check = wait_for(client, "find_check", json!({"check_id": id(&check)?}), |c| c["status"] == "complete")?;
        println!("   check {}: result {}", id(&check)?, t(&check["result"]));
        print_reports(client, &check)?;
    }

    step("6. Run a workflow for the applicant");
    let workflow_id = match std::env::var("ONFIDO_WORKFLOW_ID") {
        Ok(id) if !id.is_empty() => Some(id),
        _ if !real => Some("e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b".to_owned()),
        _ => None,
    };
    match workflow_id {
        Some(workflow_id) => {
            let run =
                client.v3("create_workflow_run", json!({"applicant_id": applicant_id, "workflow_id": workflow_id}))?;
            println!("   workflow run {}: status {}", id(&run)?, t(&run["status"]));
            let run = wait_for(client, "find_workflow_run", json!({"workflow_run_id": id(&run)?}), |r| {
                !matches!(r["status"].as_str(), Some("processing"))
            })?;
            println!("   workflow run {}: status {}", id(&run)?, t(&run["status"]));
            let tasks = client.v3("list_tasks", json!({"workflow_run_id": id(&run)?}))?;
            for task in tasks.as_array().into_iter().flatten() {
                println!("   task {} ({})", t(&task["id"]), t(&task["task_def_id"]));
            }
        }
        None => println!("   skipped: set ONFIDO_WORKFLOW_ID to one of your account's workflows"),
    }

    step("7. List applicants page by page (2 a page)");
    if !real {
        for name in ["Ann", "Bob", "Cy"] {
            client.v3("create_applicant", json!({"first_name": name, "last_name": "Smith"}))?;
        }
    }
    for page in 1..=5 {
        let list = client.v3("list_applicants", json!({"page": page, "per_page": 2}))?;
        let items = list["applicants"].as_array().cloned().unwrap_or_default();
        let names: Vec<String> = items
            .iter()
            .map(|a| format!("{} {}", a["first_name"].as_str().unwrap_or("-"), a["last_name"].as_str().unwrap_or("-")))
            .collect();
        if names.is_empty() {
            break;
        }
        println!("   page {page}: {}", names.join(", "));
        if items.len() < 2 {
            break;
        }
    }

    step("8. Verify the webhook deliveries' signatures");
    match (receiver, webhook_token) {
        (Some(receiver), Some(token)) => {
            let expected = if workflow_wanted(real) { 2 } else { 1 };
            for _ in 0..expected + usize::from(sandbox_token) {
                receive_verified(&receiver, &token)?;
            }
        }
        _ => println!("   skipped: the real API delivers webhooks to public https URLs, not to this machine"),
    }
    Ok(())
}

/// A JSON value as text (strings without their quotes).
fn t(value: &Value) -> String {
    value.as_str().map_or_else(|| value.to_string(), str::to_owned)
}

fn workflow_wanted(real: bool) -> bool {
    !real || std::env::var("ONFIDO_WORKFLOW_ID").is_ok_and(|id| !id.is_empty())
}

fn id(value: &Value) -> Result<String> {
    Ok(value["id"].as_str().ok_or("the answer has no id")?.to_owned())
}

/// Reads a resource until `done` says so (a second apart, at most a minute).
fn wait_for(client: &Client, op: &str, input: Value, done: impl Fn(&Value) -> bool) -> Result<Value> {
    for _ in 0..60 {
        let value = client.v3(op, input.clone())?;
        if done(&value) {
            return Ok(value);
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    Err(format!("{op} did not finish within a minute").into())
}

fn print_reports(client: &Client, check: &Value) -> Result<()> {
    for report_id in check["report_ids"].as_array().into_iter().flatten() {
        let report = client.v3("find_report", json!({"report_id": report_id}))?;
        let show = |key: &str| report[key].as_str().unwrap_or("-").to_owned();
        println!(
            "   {:<24} status {:<9} result {:<9} sub_result {}",
            show("name"),
            show("status"),
            show("result"),
            show("sub_result")
        );
    }
    Ok(())
}

/// The older flow on API v2.
fn v2_flow(client: &Client, real: bool, receiver: Option<Receiver>) -> Result<()> {
    let webhook_token = match &receiver {
        Some(r) => {
            step("0. Register a webhook for check.completed");
            let hook = client.send(
                &RegisterWebhook::new(r.url.clone()).events([onfido_core::models::WebhookEvent::CheckCompleted]),
            )?;
            println!("   webhook {} → {}", hook.id, hook.url.as_deref().unwrap_or("-"));
            hook.token
        }
        None => None,
    };

    step("1. Create applicant Jane Doe");
    let mut applicant = CreateApplicant::new("Jane", "Doe");
    applicant.0.dob = Some("1990-01-01".to_owned());
    let jane = client.send(&applicant)?;
    println!("   applicant {} created at {}", jane.id, text(&jane.created_at));

    step("2. Upload sample_driving_licence.png (front)");
    let mut upload = UploadDocument::new(
        &jane.id,
        DocumentType::DrivingLicence,
        FileUpload::new("sample_driving_licence.png", DRIVING_LICENCE),
    );
    upload.side = Some(DocumentSide::Front);
    let document = client.send(&upload)?;
    println!("   document {} ({}, {} bytes)", document.id, text(&document.file_type), document.file_size.unwrap_or(0));

    step("3. Upload sample_photo.png as a live photo");
    let photo = client.send(&UploadLivePhoto::new(&jane.id, FileUpload::new("sample_photo.png", PHOTO)))?;
    println!("   live photo {} ({} bytes)", photo.id, photo.file_size.unwrap_or(0));

    step("4. Create an express check: document + facial_similarity (standard)");
    let reports = vec![
        ReportRequest::new(ReportName::Document),
        ReportRequest::new(ReportName::FacialSimilarity).variant("standard"),
    ];
    let check = client.send(&CreateCheck::new(&jane.id, CheckType::Express, reports))?;
    println!("   check {}: status {}, result {}", check.id, text(&check.status), text(&check.result));

    step("5. Read the result, the document report's sub_result and findings");
    for report in check.expanded_reports() {
        let name = report.name.as_ref().map_or("?", |n| n.as_str());
        println!(
            "   {name:<18} status {:<9} result {:<9} sub_result {}",
            text(&report.status),
            text(&report.result),
            text(&report.sub_result)
        );
        if let Some(sub) = &report.sub_result {
            println!("   {:<18} {}", "", sub.meaning());
        }
        for finding in report.findings() {
            println!(
                "   {:<18} finding: {} is {} — {}",
                "",
                finding.path,
                finding.result,
                finding.description.unwrap_or("")
            );
        }
    }

    step("6. List applicants page by page (2 a page)");
    if !real {
        for name in ["Ann", "Bob", "Cy"] {
            client.send(&CreateApplicant::new(name, "Smith"))?;
        }
    }
    let mut page_request = ListApplicants { per_page: Some(2), ..ListApplicants::default() };
    for number in 1.. {
        let page = client.send(&page_request)?;
        let names: Vec<String> =
            page.items.iter().map(|a| format!("{} {}", text(&a.first_name), text(&a.last_name))).collect();
        println!("   page {number}: {} (of {} in all)", names.join(", "), page.page.total_count.unwrap_or(0));
        match page.page.next.as_ref().and_then(|link| page_request.at(link)) {
            Some(next) if number < 5 => page_request = next,
            _ => break,
        }
    }

    step("7. Verify a webhook delivery's signature");
    match (receiver, webhook_token) {
        (Some(receiver), Some(token)) => receive_verified(&receiver, &token)?,
        _ => println!("   skipped: the real API delivers webhooks to public https URLs, not to this machine"),
    }
    Ok(())
}

/// Waits up to 10 s for one webhook delivery, verifies its signature and prints what it says.
fn receive_verified(receiver: &Receiver, token: &str) -> Result<()> {
    let delivery = receiver.next(Duration::from_secs(10)).ok_or("no webhook arrived within 10 s")?;
    let pairs = delivery.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let algorithm = webhook::verify_headers(&delivery.body, pairs, token)?;
    let event = webhook::parse_event(&delivery.body)?;
    println!(
        "   {} for {} {} — signature verified ({})",
        event.payload.action,
        event.payload.resource_type,
        event.payload.object.id,
        algorithm.header()
    );
    Ok(())
}

fn step(title: &str) {
    println!("\n{title}");
}

fn text<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or_else(|| "-".to_owned(), T::to_string)
}

/// build (core) → send (ureq) → parse (core), retrying as the core's policy says.
struct Client {
    config: Config,
    agent: ureq::Agent,
    policy: RetryPolicy,
}

impl Client {
    fn new(config: Config) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Client {
            config,
            agent,
            policy: RetryPolicy { max_attempts: 4, initial_delay_ms: 2_000, ..RetryPolicy::default() },
        }
    }

    fn send<O: Operation>(&self, operation: &O) -> Result<O::Output, Error> {
        let request = operation.build(&self.config)?;
        O::parse(self.with_retries(&request, request.method.is_idempotent())?)
    }

    /// A v3 operation: `v3::build_request` → send → `v3::parse_response`.
    fn v3(&self, operation: &str, input: Value) -> Result<Value, Error> {
        let version = self.config.api_version();
        let request = v3::build_request(operation, &self.config, &input, None)?;
        let idempotent = v3::is_idempotent(v3::operation(version, operation)?);
        v3::parse_response(version, operation, self.with_retries(&request, idempotent)?)
    }

    /// The answer, after retries as the core's policy says.
    fn with_retries(&self, request: &HttpRequest, idempotent: bool) -> Result<HttpResponse, Error> {
        let started = std::time::Instant::now();
        for number in 1.. {
            let (outcome, response) = match self.exchange(request) {
                Ok(response) => (Outcome::Status(response.status), Some(response)),
                Err(_) => (Outcome::ConnectFailed, None),
            };
            let retry_after =
                response.as_ref().and_then(|r| r.header("retry-after")).map(onfido_core::error::RetryAfter::for_retry);
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let attempt = Attempt { number, idempotent, outcome, retry_after, now, elapsed_ms, jitter: 0.5 };
            match (response, self.policy.decide(&attempt)) {
                (Some(response), Decision::GiveUp) => return Ok(response),
                (Some(response), _) if response.is_success() => return Ok(response),
                (_, Decision::Retry { delay_ms }) => std::thread::sleep(Duration::from_millis(delay_ms)),
                (None, Decision::GiveUp) => break,
            }
        }
        Err(Error::decode(0, "the API could not be reached", &[]))
    }

    fn exchange(&self, request: &HttpRequest) -> Result<HttpResponse, ureq::Error> {
        let mut builder = ureq::http::Request::builder().method(request.method.as_str()).uri(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let mut response = self.agent.run(builder.body(request.body.clone())?)?;
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let status = response.status().as_u16();
        let body = response.body_mut().with_config().limit(64 * 1024 * 1024).read_to_vec()?;
        Ok(HttpResponse { status, headers, body })
    }
}
