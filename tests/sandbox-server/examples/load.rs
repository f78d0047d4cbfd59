//! A bounded load run against the sandbox server on loopback: 8 clients for 10 s.
//!
//! `cargo run --release -p onfido-sandbox --example load [-- CLIENTS SECONDS]`; prints requests per
//! second, p50/p99 latency and errors. Loopback only; every loop ends by itself.

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use onfido_core::operations::applicants::{CreateApplicant, ListApplicants, RetrieveApplicant};
use onfido_core::{Config, HttpRequest, Operation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let clients: usize = args.next().map_or(Ok(8), |a| a.parse())?;
    let seconds: u64 = args.next().map_or(Ok(10), |a| a.parse())?.min(60);
    let server = onfido_sandbox::Server::bind(onfido_sandbox::Options::default())?;
    let (url, stop, handle) = server.spawn();
    let config = Config::builder().api_token("test_load").base_url(&url).binding("load").build()?;
    let setup = agent();
    let mut ids = Vec::new();
    for i in 0..50 {
        let request = CreateApplicant::new("Load", format!("Test{i}")).build(&config)?;
        ids.push(CreateApplicant::parse(send(&setup, &request)?)?.id);
    }
    let requests: Vec<HttpRequest> = ids
        .iter()
        .map(|id| RetrieveApplicant::new(id).build(&config))
        .chain(std::iter::once(ListApplicants::default().build(&config)))
        .collect::<Result<_, _>>()?;
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
