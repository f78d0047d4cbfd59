//! Issue 14: attacker-style probes of the server, each over real sockets on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::SandboxProcess;

const AUTH: &str = "Authorization: Token token=test_hardening\r\n";

/// Sends raw bytes and returns everything the server answered until it closed (or `wait` passed).
fn raw_for(port: u16, bytes: &[u8], wait: Duration) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    let _ = stream.write_all(bytes);
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn raw(port: u16, bytes: &[u8]) -> String {
    raw_for(port, bytes, Duration::from_secs(3))
}

/// The head (status line and headers) of the first response in `answer`.
fn head(answer: &str) -> &str {
    answer.split("\r\n\r\n").next().unwrap_or_default()
}

#[test]
fn crlf_in_a_query_parameter_never_reaches_a_response_header() {
    let server = SandboxProcess::start(&[]);
    let smuggled = "a%0D%0ASet-Cookie:%20stolen=1%0D%0AContent-Length:%200%0D%0A%0D%0AHTTP/1.1%20200%20OK%0D%0AX:%20y";
    for path in ["/v2/webhooks", "/v2/report_type_groups"] {
        let request = format!(
            "GET {path}?{smuggled}=v%0D%0AX-Value:%201&b%0A=1 HTTP/1.1\r\nHost: x\r\n{AUTH}Connection: close\r\n\r\n"
        );
        let answer = raw(server.port(), request.as_bytes());
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert_eq!(answer.matches("HTTP/1.1").count(), 1, "a second response was smuggled: {answer}");
        let head = head(&answer);
        for line in head.lines() {
            let name = line.split(':').next().unwrap_or_default().to_ascii_lowercase();
            assert!(!["set-cookie", "x", "x-value"].contains(&name.as_str()), "injected header {line:?} in {head}");
        }
        assert_eq!(head.matches("Content-Length").count(), 1, "{head}");
        let link = head.lines().find(|l| l.starts_with("Link: ")).expect("a Link header");
        assert!(link.contains("&a%0D%0ASet%2DCookie%3A%20stolen=1%0D%0AContent%2DLength%3A%200%0D%0A"), "{link}");
        assert!(link.contains("%0D%0AX%2DValue%3A%201"), "{link}");
        assert!(link.contains("&b%0A=1"), "{link}");
    }
}

/// Sends a head (and what follows it) on one connection, then a second, innocent request: the
/// server must answer exactly one 400 and close, so nothing after the bad head is ever served.
fn refused_and_closed(port: u16, bad: &str) {
    let follow = format!("GET /v2/webhooks HTTP/1.1\r\nHost: x\r\n{AUTH}\r\n");
    let started = std::time::Instant::now();
    let answer = raw_for(port, format!("{bad}{follow}").as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 400"), "{bad:?} got {answer}");
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 1, "{bad:?}: more than one response: {answer}");
    assert!(head(&answer).contains("Connection: close"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(4), "{bad:?}: the connection stayed open");
}

#[test]
fn content_length_must_be_digits_and_agree() {
    let server = SandboxProcess::start(&[]);
    let post = format!("POST /v2/slv HTTP/1.1\r\nHost: x\r\n{AUTH}Content-Type: application/json\r\n");
    for length in ["+2", "-1", "  2", "0x2", "2 2", "2,2", "2, 2", "", "99999999999999999999999"] {
        refused_and_closed(server.port(), &format!("{post}Content-Length: {length}\r\n\r\n{{}}"));
    }
    // Differing duplicates: whichever copy a proxy believed, the other would smuggle bytes.
    refused_and_closed(server.port(), &format!("{post}Content-Length: 2\r\nContent-Length: 40\r\n\r\n{{}}"));
    refused_and_closed(server.port(), &format!("{post}Content-Length: 40\r\nContent-Length: 2\r\n\r\n{{}}"));
    // Equal duplicates are one length (RFC 9112 section 6.3): served, and the next request too.
    let same = format!("{post}Content-Length: 2\r\nContent-Length: 2\r\n\r\n{{}}");
    let follow = format!("GET /v2/webhooks HTTP/1.1\r\nHost: x\r\n{AUTH}Connection: close\r\n\r\n");
    let answer = raw(server.port(), format!("{same}{follow}").as_bytes());
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 2, "{answer}");
}

#[test]
fn transfer_encoding_never_lets_a_second_request_through() {
    let server = SandboxProcess::start(&[]);
    let post = format!("POST /v2/slv HTTP/1.1\r\nHost: x\r\n{AUTH}Content-Type: application/json\r\n");
    // The chunked body ends at once; a front end that believed Content-Length would have sent the
    // "smuggled" GET as part of this body.
    let body = "0\r\n\r\n";
    for headers in [
        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 0\r\nContent-Length: 0\r\n",
    ] {
        refused_and_closed(server.port(), &format!("{post}{headers}\r\n{body}"));
    }
    let http10 = format!("POST /v2/slv HTTP/1.0\r\nHost: x\r\n{AUTH}Transfer-Encoding: chunked\r\n\r\n{body}");
    refused_and_closed(server.port(), &http10);
    for size in ["+2", "0x2", " -1"] {
        refused_and_closed(
            server.port(),
            &format!("{post}Transfer-Encoding: chunked\r\n\r\n{size}\r\n{{}}\r\n0\r\n\r\n"),
        );
    }
    // Plain chunked still works, keep-alive included.
    let chunked = format!("{post}Transfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\n\r\n");
    let follow = format!("GET /v2/webhooks HTTP/1.1\r\nHost: x\r\n{AUTH}Connection: close\r\n\r\n");
    let answer = raw(server.port(), format!("{chunked}{follow}").as_bytes());
    assert_eq!(answer.matches("HTTP/1.1 ").count(), 2, "{answer}");
    assert!(!answer.contains("HTTP/1.1 400"), "{answer}");
}

#[test]
fn webhook_delivery_never_follows_a_redirect() {
    use onfido_core::models::{CheckType, ReportName};
    use onfido_core::operations::applicants::CreateApplicant;
    use onfido_core::operations::checks::{CreateCheck, ReportRequest};
    use onfido_core::operations::webhooks::RegisterWebhook;
    use std::sync::mpsc;

    let server = SandboxProcess::start(&["--webhook-delivery"]);
    let c = common::Client::new(server.config("test_redirect"));
    // Where a redirect would lead: it must never hear from the sandbox.
    let elsewhere = onfido_sandbox::receiver::Receiver::start().unwrap();
    // The registered (allowed, loopback) URL answers every POST with a 302 to `elsewhere`.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let (tx, posts) = mpsc::channel::<Vec<u8>>();
    let location = elsewhere.url.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // The head, then the body up to Content-Length.
            while let Ok(n) = stream.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).into_owned();
                if let Some(at) = text.find("\r\n\r\n") {
                    let length = text[..at]
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned())
                        })
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(0);
                    if buf.len() >= at + 4 + length {
                        let _ = tx.send(buf[at + 4..at + 4 + length].to_vec());
                        break;
                    }
                }
            }
            let answer =
                format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    c.send(&RegisterWebhook::new(url)).unwrap();
    let jane = c.send(&CreateApplicant::new("Jane", "Doe")).unwrap();
    c.send(&CreateCheck::new(&jane.id, CheckType::Express, vec![ReportRequest::new(ReportName::Watchlist)])).unwrap();
    // Notifications arrive at the registered URL, and each 302 counts as a failed try: retried.
    let mut bodies: Vec<Vec<u8>> = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(6);
    while std::time::Instant::now() < deadline {
        if let Ok(body) = posts.recv_timeout(Duration::from_millis(200)) {
            bodies.push(body);
        }
    }
    assert!(!bodies.is_empty(), "no delivery was tried");
    let retried = bodies.iter().any(|b| bodies.iter().filter(|o| *o == b).count() > 1);
    assert!(retried, "a 302 was taken as delivered ({} tries)", bodies.len());
    assert!(elsewhere.next(Duration::from_millis(500)).is_none(), "the delivery followed the redirect");
}
