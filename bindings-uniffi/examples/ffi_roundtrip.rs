//! The Rust side of the FFI round-trip figure: a retrieve (build → in-process sandbox → parse),
//! straight on the core, and through this crate's `OnfidoClient` (records included), for comparison
//! with the same call from Kotlin (the `bench`-tagged BenchTest of kotlin/onfido-core). Prints
//! microseconds per call.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Instant;

use onfido_core::operations::applicants::{CreateApplicant, RetrieveApplicant};
use onfido_core::{Config, Operation};
use onfido_core_uniffi::client::OnfidoClient;
use onfido_core_uniffi::config::ClientConfig;
use onfido_core_uniffi::sandbox::SandboxTransport;
use onfido_sandbox::{Sandbox, SandboxOptions};

/// Polls a future whose every await is ready at once (the in-process sandbox never waits).
fn ready<F: Future>(future: F) -> F::Output {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut future = pin!(future);
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn per_call(iterations: u32, mut call: impl FnMut() -> Result<()>) -> Result<f64> {
    for _ in 0..iterations / 10 {
        call()?;
    }
    let started = Instant::now();
    for _ in 0..iterations {
        call()?;
    }
    Ok(started.elapsed().as_secs_f64() * 1e6 / f64::from(iterations))
}

fn main() -> Result<()> {
    let iterations: u32 = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let config = Config::builder().api_token("test_bench").api_version(onfido_core::ApiVersion::V2).build()?;
    let mut sandbox = Sandbox::new(SandboxOptions::default());
    let created = CreateApplicant::parse(sandbox.handle(&CreateApplicant::new("Jane", "Doe").build(&config)?, 0))?;
    let core = per_call(iterations, || {
        let request = RetrieveApplicant::new(created.id.as_str()).build(&config)?;
        let applicant = RetrieveApplicant::parse(sandbox.handle(&request, 0))?;
        assert_eq!(applicant.id, created.id);
        Ok(())
    })?;
    println!("rust  core: build + sandbox + parse                 {core:8.2} µs/call");

    let transport = SandboxTransport::new(None, None);
    let client_config = ClientConfig {
        api_token: Some("test_bench".into()),
        region: None,
        base_url: None,
        api_version: Some(onfido_core_uniffi::config::ApiVersion::V2),
        retry: None,
        timeout_ms: None,
        binding: None,
        app_name: None,
        pace: None,
    };
    let client = OnfidoClient::new(client_config, transport.transport(), None)?;
    let applicants = Arc::clone(&client).v2_applicants();
    let builder = onfido_core_uniffi::v2::V2ApplicantBuilder {
        first_name: Some("Jane".into()),
        last_name: Some("Doe".into()),
        ..Default::default()
    };
    let id = ready(applicants.create(builder, None))?.id.unwrap_or_default();
    let through = per_call(iterations, || {
        let applicant = ready(applicants.retrieve(id.clone(), None))?;
        assert_eq!(applicant.id.as_deref(), Some(id.as_str()));
        Ok(())
    })?;
    println!("rust  OnfidoClient + SandboxTransport (records)     {through:8.2} µs/call");
    Ok(())
}
