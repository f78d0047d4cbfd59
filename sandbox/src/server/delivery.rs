//! Delivers the sandbox's webhook notifications: POSTs to loopback URLs. Only a 2xx answer is a
//! delivery; redirects are never followed (a 3xx is a failed try).
//!
//! v2 notifications are posted at once with a few quick retries. v3 ones follow the simulator's
//! schedule ([`v3_loop`]): every 100 ms the attempts due on the server's clock are posted, and
//! each outcome goes back to the simulator, which decides when the next attempt is due.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use onfido_core::HttpRequest;

use super::Shared;

/// Waits between tries (four tries in all).
const BACKOFF: [Duration; 3] = [Duration::from_millis(250), Duration::from_secs(1), Duration::from_secs(2)];

/// Posts each notification on its own thread; non-loopback targets are skipped and reported.
pub fn deliver(requests: Vec<HttpRequest>, verbose: bool) {
    for request in requests {
        let loopback = url::Url::parse(&request.url).is_ok_and(|u| onfido_core::validation::is_loopback(&u));
        if !loopback {
            if verbose {
                eprintln!("webhook: not delivered to {} (only loopback targets)", request.url);
            }
            continue;
        }
        thread::spawn(move || post_with_retries(&request, verbose));
    }
}

/// Posts the v3 attempts as they fall due until the server stops.
pub(crate) fn v3_loop(shared: &Arc<Shared>) {
    let verbose = shared.options.verbose;
    while !shared.stop.load(Ordering::SeqCst) {
        let now = shared.clock.now();
        let due = shared.sandbox.lock().map(|mut s| s.due_webhook_attempts(now)).unwrap_or_default();
        for attempt in due {
            let shared = Arc::clone(shared);
            thread::spawn(move || {
                let loopback =
                    url::Url::parse(&attempt.request.url).is_ok_and(|u| onfido_core::validation::is_loopback(&u));
                if verbose {
                    eprintln!("webhook: attempt {} of delivery {} at {now}", attempt.attempt, attempt.id);
                }
                let delivered = loopback && post(&agent(), &attempt.request, verbose);
                if !loopback && verbose {
                    eprintln!("webhook: not delivered to {} (only loopback targets)", attempt.request.url);
                }
                let now = shared.clock.now();
                if let Ok(mut sandbox) = shared.sandbox.lock() {
                    sandbox.webhook_attempt_result(attempt.id, delivered, now);
                }
            });
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// An agent that gives an answer [`crate::ANSWER_WITHIN`] seconds and never
/// follows redirects.
fn agent() -> ureq::Agent {
    let within = u64::try_from(crate::ANSWER_WITHIN).unwrap_or(10);
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(within)))
        .http_status_as_error(false)
        // Never follow a redirect: a loopback URL must not send the notification (and its
        // signatures) anywhere else. With no redirects a 3xx comes back as is: a failed try.
        .max_redirects(0)
        .build()
        .into()
}

/// One POST; whether it was answered 2xx.
fn post(agent: &ureq::Agent, request: &HttpRequest, verbose: bool) -> bool {
    let mut call = agent.post(&request.url);
    for (name, value) in &request.headers {
        call = call.header(name.as_str(), value.as_str());
    }
    let status = call.send(&request.body[..]).map(|r| r.status().as_u16());
    if verbose {
        eprintln!("webhook: POST {} -> {status:?}", request.url);
    }
    matches!(status, Ok(200..=299))
}

fn post_with_retries(request: &HttpRequest, verbose: bool) {
    let agent = agent();
    for attempt in 0..=BACKOFF.len() {
        if post(&agent, request, verbose) {
            return;
        }
        if let Some(wait) = BACKOFF.get(attempt) {
            thread::sleep(*wait);
        }
    }
}
