//! Delivers the sandbox's webhook notifications: POSTs to loopback URLs, with bounded retries.
//! Only a 2xx answer is a delivery; redirects are never followed (a 3xx is a failed try).

use std::thread;
use std::time::Duration;

use onfido_core::HttpRequest;

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

fn post_with_retries(request: &HttpRequest, verbose: bool) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        // Never follow a redirect: a loopback URL must not send the notification (and its
        // signatures) anywhere else. With no redirects a 3xx comes back as is: a failed try.
        .max_redirects(0)
        .build()
        .into();
    for attempt in 0..=BACKOFF.len() {
        let mut call = agent.post(&request.url);
        for (name, value) in &request.headers {
            call = call.header(name.as_str(), value.as_str());
        }
        let status = call.send(&request.body[..]).map(|r| r.status().as_u16());
        if verbose {
            eprintln!("webhook: POST {} -> {status:?}", request.url);
        }
        if matches!(status, Ok(200..=299)) {
            return;
        }
        if let Some(wait) = BACKOFF.get(attempt) {
            thread::sleep(*wait);
        }
    }
}
