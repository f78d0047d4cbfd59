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
    let elsewhere = onfido_sandbox::server::receiver::Receiver::start().unwrap();
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

/// Connections that send one byte of a never-ending head every `tick`, reconnecting when the
/// server closes them, until the returned flag is set.
fn tricklers(
    port: u16,
    count: usize,
    tick: Duration,
) -> (std::sync::Arc<std::sync::atomic::AtomicBool>, std::thread::JoinHandle<()>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&stop);
    let handle = std::thread::spawn(move || {
        let head = b"POST /v2/applicants HTTP/1.1\r\nHost: x\r\nX-Pad: ";
        let mut conns: Vec<Option<(TcpStream, usize)>> = (0..count).map(|_| None).collect();
        while !flag.load(Ordering::SeqCst) {
            for slot in conns.iter_mut() {
                if slot.is_none() {
                    *slot = TcpStream::connect(("127.0.0.1", port)).ok().map(|s| {
                        s.set_nonblocking(true).unwrap();
                        (s, 0)
                    });
                }
                let Some((stream, sent)) = slot else { continue };
                let mut peek = [0u8; 256];
                let closed = match stream.read(&mut peek) {
                    Ok(_) => true,
                    Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
                };
                if closed || stream.write(&[*head.get(*sent).unwrap_or(&b'a')]).is_err() {
                    *slot = None;
                } else {
                    *sent += 1;
                }
            }
            std::thread::sleep(tick);
        }
    });
    (stop, handle)
}

/// One request on a fresh connection; its status (0 without an answer).
fn fresh_request(port: u16) -> u16 {
    let request = format!("GET /v2/webhooks HTTP/1.1\r\nHost: x\r\n{AUTH}Connection: close\r\n\r\n");
    let answer = raw_for(port, request.as_bytes(), Duration::from_secs(5));
    answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[test]
fn trickling_connections_do_not_starve_normal_clients() {
    // 48 slow connections against 32 slots: before, every slot was held until its head timed
    // out (10 s) and nearly every normal request got 503.
    let server = SandboxProcess::start(&["--max-connections", "32"]);
    let port = server.port();
    let (stop, attacker) = tricklers(port, 48, Duration::from_secs(1));
    std::thread::sleep(Duration::from_millis(1500));
    let clients: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(move || {
                (0..20)
                    .map(|_| {
                        std::thread::sleep(Duration::from_millis(50));
                        fresh_request(port)
                    })
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    let statuses: Vec<u16> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    attacker.join().unwrap();
    let ok = statuses.iter().filter(|s| **s == 200).count();
    assert!(ok * 100 >= statuses.len() * 95, "only {ok} of {} normal requests served: {statuses:?}", statuses.len());
}

#[test]
fn a_request_has_one_deadline_for_head_and_body() {
    let server = SandboxProcess::start(&["--request-timeout-ms", "1500", "--head-timeout-ms", "1000"]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    let started = std::time::Instant::now();
    let head = format!("POST /v2/slv HTTP/1.1\r\nHost: x\r\n{AUTH}Content-Length: 100\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A byte of body every 100 ms: every read succeeds, the whole request never does.
    stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    let mut answer = Vec::new();
    for _ in 0..60 {
        if stream.write_all(b" ").is_err() {
            break;
        }
        let mut chunk = [0u8; 1024];
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(_) => {}
        }
        if !answer.is_empty() {
            break;
        }
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(1400) && took < Duration::from_secs(3), "{took:?}");
}

#[test]
fn bodies_in_flight_are_bounded_before_they_are_read() {
    let server = SandboxProcess::start(&["--body-budget-mib", "1"]);
    let post_head = |length: usize| {
        format!("POST /v2/slv HTTP/1.1\r\nHost: x\r\n{AUTH}Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n")
    };
    // One unfinished 700 kB body holds most of the 1 MiB budget.
    let mut holder = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    holder.write_all(format!("{}{{}}   ", post_head(700_000)).as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    // A second one is refused on its Content-Length at once, before its body is read.
    let started = std::time::Instant::now();
    let answer = raw_for(server.port(), post_head(700_000).as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(head_of_has(&answer, "Retry-After: 1"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(2));
    // Over the per-request maximum it is 413, also at once.
    let answer = raw_for(server.port(), post_head(20 * 1024 * 1024).as_bytes(), Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // Small bodies still fit beside it.
    let small = format!("{}{{}}", post_head(2));
    let answer = raw(server.port(), small.as_bytes());
    assert!(!answer.starts_with("HTTP/1.1 503"), "{answer}");
    // When the holder goes, its share comes back.
    drop(holder);
    std::thread::sleep(Duration::from_millis(300));
    let mut full = post_head(700_000).into_bytes();
    full.extend_from_slice(b"{}");
    full.resize(full.len() + 700_000 - 2, b' ');
    let answer = raw(server.port(), &full);
    assert!(answer.starts_with("HTTP/1.1 4"), "served, as an invalid code: {}", head(&answer));
}

fn head_of_has(answer: &str, line: &str) -> bool {
    head(answer).lines().any(|l| l == line)
}

#[test]
fn long_fields_are_refused_and_stored_uploads_have_a_budget() {
    use onfido_core::multipart::FileUpload;
    use onfido_core::operations::applicants::CreateApplicant;
    use onfido_core::operations::live_photos::UploadLivePhoto;
    use onfido_core::Error;

    let server = SandboxProcess::start(&["--upload-budget-mib", "1"]);
    let c = common::Client::new(server.config("test_limits"));
    match c.send(&CreateApplicant::new("a".repeat(100_000), "Doe")) {
        Err(Error::Api(api)) => {
            assert_eq!((api.status, api.error_type.as_str()), (422, "validation_error"));
            assert!(api.fields.get("first_name").is_some(), "{api:?}");
        }
        other => panic!("a 100,000-character first name was accepted: {other:?}"),
    }
    let jane = c.send(&CreateApplicant::new("a".repeat(1_000), "Doe")).unwrap();
    let photo = |size| UploadLivePhoto::new(&jane.id, FileUpload::new("selfie.png", common::png(size)));
    c.send(&photo(400 * 1024)).unwrap();
    c.send(&photo(400 * 1024)).unwrap();
    assert_eq!(common::api_error(c.send(&photo(400 * 1024))), (507, "insufficient_storage".into()));
    c.send(&photo(100 * 1024)).unwrap();
    let long_name =
        UploadLivePhoto::new(&jane.id, FileUpload::new(format!("{}.png", "n".repeat(2_000)), common::png(40_000)));
    match c.send(&long_name) {
        Err(Error::Api(api)) => assert!(api.status == 422 && api.fields.get("file").is_some(), "{api:?}"),
        other => panic!("a 2,000-character file name was accepted: {other:?}"),
    }
}

#[test]
fn a_client_that_does_not_read_its_answer_holds_its_slot_only_so_long() {
    use onfido_core::multipart::FileUpload;
    use onfido_core::operations::applicants::CreateApplicant;
    use onfido_core::operations::live_photos::UploadLivePhoto;

    let server = SandboxProcess::start(&["--max-connections", "1", "--request-timeout-ms", "3000"]);
    let c = common::Client::new(server.config("test_reader"));
    let jane = c.send(&CreateApplicant::new("Jane", "Doe")).unwrap();
    let photo =
        c.send(&UploadLivePhoto::new(&jane.id, FileUpload::new("big.png", common::png(9 * 1024 * 1024)))).unwrap();
    drop(c); // its idle connection would be reclaimed anyway; let it go now
    std::thread::sleep(Duration::from_millis(300));
    // Asks for 9 MiB and never reads: more than loopback's socket buffers hold, so the answer
    // cannot be written, and the connection is busy (never reclaimed) while it is written.
    let mut stalled = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    let download = format!("GET /v2/live_photos/{}/download HTTP/1.1\r\nHost: x\r\n{AUTH}\r\n", photo.id);
    stalled.write_all(download.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(fresh_request(server.port()), 503, "the only slot should be busy writing");
    // Past the deadline for writing the whole answer, the slot is free again.
    std::thread::sleep(Duration::from_millis(3000));
    assert_eq!(fresh_request(server.port()), 200);
    drop(stalled);
}
