//! The getting-started flow (v3.4 guide, on API v2) over real HTTP.
//!
//! Without `ONFIDO_API_TOKEN` it starts the offline sandbox server on loopback and runs there;
//! with it (and optionally `ONFIDO_REGION`), the same flow runs against the real API.
//! Run: `make demo`, or `cargo run -p onfido-sandbox --example getting_started`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use onfido_core::models::{CheckType, DocumentSide, DocumentType, ReportName};
use onfido_core::multipart::FileUpload;
use onfido_core::operations::applicants::{CreateApplicant, ListApplicants};
use onfido_core::operations::checks::{CreateCheck, ReportRequest};
use onfido_core::operations::documents::UploadDocument;
use onfido_core::operations::live_photos::UploadLivePhoto;
use onfido_core::operations::webhooks::RegisterWebhook;
use onfido_core::retry::{Attempt, Decision, Outcome, RetryPolicy};
use onfido_core::{webhook, Config, Error, HttpRequest, HttpResponse, Operation, Region};
use onfido_sandbox::receiver::Receiver;

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

const DRIVING_LICENCE: &[u8] = include_bytes!("../../fixtures/sample_driving_licence.png");
const PHOTO: &[u8] = include_bytes!("../../fixtures/sample_photo.png");

fn main() -> Result<()> {
    let real_token = std::env::var("ONFIDO_API_TOKEN").ok().filter(|t| !t.is_empty());
    let mut _server = None;
    let config = match &real_token {
        Some(token) => {
            let mut builder = Config::builder().api_token(token.as_str()).binding("demo");
            if let Ok(region) = std::env::var("ONFIDO_REGION") {
                builder = builder.region(Region::parse(&region)?);
            }
            let config = builder.build()?;
            println!("Running against the real Onfido API at {}\n", config.base_url());
            config
        }
        None => {
            let options = onfido_sandbox::Options { webhook_delivery: true, ..onfido_sandbox::Options::default() };
            let server = onfido_sandbox::Server::bind(options)?;
            let (url, stop, _thread) = server.spawn();
            println!("Started the offline sandbox: listening on {url}\n");
            _server = Some(stop);
            Config::builder().api_token("test_getting_started_demo").base_url(url).binding("demo").build()?
        }
    };
    let client = Client::new(config);

    // A local receiver for the sandbox's webhook notifications.
    let receiver = if real_token.is_none() { Some(Receiver::start()?) } else { None };
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
    if real_token.is_none() {
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
        (Some(receiver), Some(token)) => {
            let delivery = receiver.next(Duration::from_secs(10)).ok_or("no webhook arrived within 10 s")?;
            let pairs = delivery.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
            let algorithm = webhook::verify_headers(&delivery.body, pairs, &token)?;
            let event = webhook::parse_event(&delivery.body)?;
            println!(
                "   {} for {} {} — signature verified ({})",
                event.payload.action,
                event.payload.resource_type,
                event.payload.object.id,
                algorithm.header()
            );
        }
        _ => println!("   skipped: the real API delivers webhooks to public https URLs, not to this machine"),
    }
    println!("\nDone.");
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
        for number in 1.. {
            let (outcome, response) = match self.exchange(&request) {
                Ok(response) => (Outcome::Status(response.status), Some(response)),
                Err(_) => (Outcome::ConnectFailed, None),
            };
            let retry_after =
                response.as_ref().and_then(|r| r.header("retry-after")).and_then(onfido_core::error::RetryAfter::parse);
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            let attempt =
                Attempt { number, idempotent: request.method.is_idempotent(), outcome, retry_after, now, jitter: 0.5 };
            match (response, self.policy.decide(&attempt)) {
                (Some(response), Decision::GiveUp) => return O::parse(response),
                (Some(response), _) if response.is_success() => return O::parse(response),
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
