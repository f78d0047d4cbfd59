//! Every operation's parser on arbitrary status, headers and body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onfido_core::{dynamic, HttpResponse, OperationId};

fuzz_target!(|data: &[u8]| {
    let [op, hi, lo, rest @ ..] = data else { return };
    let operation = OperationId::ALL[usize::from(*op) % OperationId::ALL.len()];
    let status = u16::from_be_bytes([*hi, *lo]) % 1000;
    // Header lines up to a blank line, then the body.
    let split = rest.windows(2).position(|w| w == b"\n\n").unwrap_or(0);
    let (head, body) = rest.split_at(split);
    let headers = String::from_utf8_lossy(head)
        .lines()
        .filter_map(|line| line.split_once(':').map(|(n, v)| (n.to_owned(), v.trim().to_owned())))
        .collect();
    let body = body.get(2..).unwrap_or_default().to_vec();
    let _ = dynamic::parse_response(operation.as_str(), HttpResponse { status, headers, body });
});
