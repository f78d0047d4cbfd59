//! A bounded load run against the sandbox server on loopback: 8 clients for 10 s, mixing API v2
//! (`retrieve_applicant`, `list_applicants`) and v3.6 routes (`find_applicant`, `list_applicants`,
//! `find_check`, `list_reports`, `find_document`, `ping`, and the templated `list_motion_captures`).
//!
//! `cargo run --release -p onfido-sandbox --example load [-- CLIENTS SECONDS]`; prints requests per
//! second, p50/p99 latency and errors. Loopback only; every loop ends by itself.

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use onfido_core::operations::applicants::{CreateApplicant, ListApplicants, RetrieveApplicant};
use onfido_core::{v3, ApiVersion, Config, HttpRequest, Operation};
use onfido_sandbox::server::{Options, Server};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let clients: usize = args.next().map_or(Ok(8), |a| a.parse())?;
    let seconds: u64 = args.next().map_or(Ok(10), |a| a.parse())?.min(60);
    let server = Server::bind(Options::default())?;
    let (url, stop, handle) = server.spawn();
    let config =
        Config::builder().api_token("test_load").base_url(&url).api_version(ApiVersion::V2).binding("load").build()?;
    let setup = agent();
    let mut ids = Vec::new();
    for i in 0..50 {
        let request = CreateApplicant::new("Load", format!("Test{i}")).build(&config)?;
        ids.push(CreateApplicant::parse(send(&setup, &request)?)?.id);
    }
    let mut requests: Vec<HttpRequest> = ids
        .iter()
        .map(|id| RetrieveApplicant::new(id).build(&config))
        .chain(std::iter::once(ListApplicants::default().build(&config)))
        .collect::<Result<_, _>>()?;
    let v2_count = requests.len();
    requests.extend(v3_requests(&url, &setup)?);
    let v3_count = requests.len() - v2_count;
    println!("routes: {v2_count} v2 requests and {v3_count} v3.6 requests in the mix");
    let requests = Arc::new(requests);
    let barrier = Arc::new(Barrier::new(clients));
    let deadline = Duration::from_secs(seconds);
    let workers: Vec<_> = (0..clients)
        .map(|n| {
            let (requests, barrier) = (Arc::clone(&requests), Arc::clone(&barrier));
            thread::spawn(move || {
                let agent = agent();
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                barrier.wait();
                let start = Instant::now();
                let mut i = n;
                while start.elapsed() < deadline {
                    let Some(request) = requests.get(i % requests.len()) else { break };
                    let t = Instant::now();
                    match send(&agent, request) {
                        Ok(r) if r.status == 200 => latencies.push(t.elapsed()),
                        _ => errors += 1,
                    }
                    i += 7;
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (l, e) = worker.join().map_err(|_| "a client thread panicked")?;
        latencies.extend(l);
        errors += e;
    }
    stop.stop();
    let _ = handle.join();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    println!(
        "clients {clients}, {seconds} s: {} requests, {:.0} requests/s, p50 {:.3} ms, p99 {:.3} ms, errors {errors}",
        latencies.len(),
        latencies.len() as f64 / seconds as f64,
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
    );
    if errors > 0 {
        return Err(format!("{errors} requests failed").into());
    }
    Ok(())
}

/// v3.6 reads over 20 applicants, each with a document and a completed check.
fn v3_requests(url: &str, setup: &ureq::Agent) -> Result<Vec<HttpRequest>, Box<dyn std::error::Error>> {
    let config = Config::builder().api_token("api_sandbox.load").base_url(url).api_version(ApiVersion::V3_6).build()?;
    let call = |op: &str, input: Value| -> Result<Value, Box<dyn std::error::Error>> {
        let request = v3::build_request(op, &config, &input, None)?;
        Ok(v3::parse_response(ApiVersion::V3_6, op, send(setup, &request)?)?)
    };
    let id = |value: &Value| value.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut inputs = vec![
        ("list_applicants", json!({"per_page": 20})),
        ("ping", json!({})),
        ("list_motion_captures", json!({"applicant_id": "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10"})),
    ];
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.resize(4_096, 7);
    for i in 0..20 {
        let applicant = id(&call("create_applicant", json!({"first_name": "Load", "last_name": format!("V3n{i}")}))?);
        let file = json!({"filename": "passport.png", "content": png});
        let document =
            id(&call("upload_document", json!({"applicant_id": applicant, "type": "passport", "file": file}))?);
        let check = id(&call("create_check", json!({"applicant_id": applicant, "report_names": ["document"]}))?);
        inputs.push(("find_applicant", json!({"applicant_id": applicant})));
        inputs.push(("find_document", json!({"document_id": document})));
        inputs.push(("find_check", json!({"check_id": check})));
        inputs.push(("list_reports", json!({"check_id": check})));
    }
    Ok(inputs.into_iter().map(|(op, input)| v3::build_request(op, &config, &input, None)).collect::<Result<_, _>>()?)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn send(agent: &ureq::Agent, request: &HttpRequest) -> Result<onfido_core::HttpResponse, ureq::Error> {
    let mut builder = ureq::http::Request::builder().method(request.method.as_str()).uri(&request.url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let mut response = agent.run(builder.body(request.body.clone())?)?;
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_vec()?;
    Ok(onfido_core::HttpResponse { status, headers: Vec::new(), body })
}
