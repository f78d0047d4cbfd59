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
