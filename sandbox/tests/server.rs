//! The server as a process: robustness, limits, signals, injected faults, rate limit, webhooks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{api_error, Client, SandboxProcess};
use onfido_core::models::{CheckType, ReportName, WebhookEvent};
use onfido_core::operations::applicants::{CreateApplicant, ListApplicants};
use onfido_core::operations::checks::{CreateCheck, ReportRequest};
use onfido_core::operations::webhooks::{ListWebhooks, RegisterWebhook};
use onfido_core::retry::{Attempt, Decision, Outcome, RetryPolicy};
use onfido_core::{webhook, Error, Operation};
use onfido_sandbox::server::receiver::Receiver;

/// Sends raw bytes and returns what the server answered (until it closes or 2 s pass).
fn raw(port: u16, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let _ = stream.write_all(bytes);
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn still_serves(server: &SandboxProcess) {
    let c = Client::new(server.config("test_alive"));
    assert!(c.send(&ListWebhooks {}).is_ok(), "the server stopped serving");
}

#[test]
fn malformed_requests_get_400_and_the_server_keeps_serving() {
    let server = SandboxProcess::start(&[]);
    assert!(raw(server.port(), b"GARBAGE\r\n\r\n").starts_with("HTTP/1.1 400"));
    assert!(raw(server.port(), b"GET /v2/applicants HTTP/1.1\r\nBad Header\r\n\r\n").starts_with("HTTP/1.1 400"));
    assert!(
        raw(server.port(), b"POST /v2/applicants HTTP/1.1\r\nContent-Length: nope\r\n\r\n").starts_with("HTTP/1.1 400")
    );
    assert!(raw(server.port(), b"POST /v2/slv HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n")
        .starts_with("HTTP/1.1 400"));
    let long_head = format!("GET /v2/{} HTTP/1.1\r\n\r\n", "a".repeat(70_000));
    assert!(raw(server.port(), long_head.as_bytes()).starts_with("HTTP/1.1 431"));
    // Random bytes, bounded: nothing crashes the server.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..200 {
        let len = 1 + (round * 37) % 700;
        let junk: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 256) as u8
            })
            .collect();
        let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
        let _ = stream.write_all(&junk);
        let _ = stream.write_all(b"\r\n\r\n");
    }
    still_serves(&server);
}

#[test]
fn huge_bodies_get_413() {
    let server = SandboxProcess::start(&[]);
    let head = b"POST /v2/applicants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 11534336\r\n\r\n";
    assert!(raw(server.port(), head).starts_with("HTTP/1.1 413"));
    let chunked = b"POST /v2/applicants HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nB00000\r\n";
    assert!(raw(server.port(), chunked).starts_with("HTTP/1.1 413"));
    still_serves(&server);
}

#[test]
fn slow_clients_get_408_without_blocking_others() {
    let server = SandboxProcess::start(&["--head-timeout-ms", "300"]);
    let mut slow = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    slow.write_all(b"GET /v2/webh").unwrap();
    still_serves(&server);
    slow.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let mut answer = String::new();
    let _ = slow.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[test]
fn stops_on_sigterm_and_on_closed_stdin() {
    let mut server = SandboxProcess::start(&[]);
    let killed = std::process::Command::new("kill").args(["-TERM", &server.pid().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = server.wait_exit(Duration::from_secs(5)).expect("stopped after SIGTERM");
    assert!(status.success(), "{status:?}");
    let mut server = SandboxProcess::start(&[]);
    server.close_stdin();
    assert!(server.wait_exit(Duration::from_secs(5)).expect("stopped when stdin closed").success());
}

#[test]
fn retries_get_through_injected_faults() {
    let server = SandboxProcess::start(&["--fail-rate", "0.3", "--seed", "7"]);
    let c = Client::new(server.config("test_retries"));
    let policy = RetryPolicy {
        max_attempts: 10,
        initial_delay_ms: 5,
        max_delay_ms: 50,
        max_retry_after_ms: 2_000,
        ..RetryPolicy::default()
    };
    let request = ListWebhooks {}.build(&c.config).unwrap();
    let (mut retried, mut jitter) = (0, 0.37);
    for _ in 0..40 {
        let mut number = 1;
        loop {
            let (outcome, response) = match c.exchange(&request) {
                Ok(response) => (Outcome::Status(response.status), Some(response)),
                Err(_) => (Outcome::ConnectionLost, None),
            };
            if let Some(response) = response.as_ref().filter(|r| r.is_success()) {
                ListWebhooks::parse(response.clone()).unwrap();
                break;
            }
            let retry_after =
                response.as_ref().and_then(|r| r.header("retry-after")).map(onfido_core::error::RetryAfter::for_retry);
            jitter = (jitter * 7.0_f64).fract();
            match policy.decide(&Attempt {
                number,
                idempotent: true,
                outcome,
                retry_after,
                now: 0,
                elapsed_ms: 0,
                jitter,
            }) {
                Decision::Retry { delay_ms } => std::thread::sleep(Duration::from_millis(delay_ms.min(1_000))),
                Decision::GiveUp => panic!("gave up after {number} tries on {outcome:?}"),
            }
            retried += 1;
            number += 1;
        }
    }
    assert!(retried >= 3, "the fault rate should have forced retries, saw {retried}");
}

#[test]
fn rate_limit_answers_429_with_retry_after() {
    let server = SandboxProcess::start(&["--rate-limit", "5"]);
    let c = Client::new(server.config("test_rate"));
    for _ in 0..5 {
        c.send(&ListApplicants::default()).unwrap();
    }
    match c.send(&ListApplicants::default()) {
        Err(Error::Api(api)) => {
            assert_eq!((api.status, api.error_type.as_str()), (429, "rate_limit"));
            assert!(api.retry_after.is_some_and(|r| (1..=60).contains(&r.delay_seconds(0))));
        }
        other => panic!("expected 429, got {other:?}"),
    }
}

#[test]
fn webhook_deliveries_are_signed() {
    let server = SandboxProcess::start(&["--webhook-delivery"]);
    let c = Client::new(server.config("test_hooks"));
    let receiver = Receiver::start().unwrap();
    let hook = c.send(&RegisterWebhook::new(receiver.url.clone())).unwrap();
    let jane = c.send(&CreateApplicant::new("Jane", "Doe")).unwrap();
    c.send(&CreateCheck::new(&jane.id, CheckType::Express, vec![ReportRequest::new(ReportName::Watchlist)])).unwrap();
    let token = hook.token.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut actions = Vec::new();
    while actions.len() < 2 && Instant::now() < deadline {
        if let Some(delivery) = receiver.next(Duration::from_millis(200)) {
            let pairs = delivery.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
            let event = webhook::verify_event(&delivery.body, pairs, &token).expect("a valid signature");
            assert!(delivery.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("x-signature")));
            actions.push(event.payload.action);
        }
    }
    actions.sort_by_key(|a| a.as_str().to_owned());
    assert_eq!(actions, [WebhookEvent::CheckCompleted, WebhookEvent::ReportCompleted]);
}

#[test]
fn errors_never_show_the_token() {
    let server = SandboxProcess::start(&[]);
    let c = Client::new(server.config("live_secret_value_123"));
    let err = c.send(&ListApplicants::default()).unwrap_err();
    assert_eq!(api_error::<()>(Err(err.clone())), (401, "authorization_error".into()));
    for text in [err.to_string(), format!("{err:?}"), err.to_json().to_string(), format!("{:?}", c.config)] {
        assert!(!text.contains("secret_value_123"), "{text}");
    }
}
