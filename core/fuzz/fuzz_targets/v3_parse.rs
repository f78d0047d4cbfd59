//! Every v3 operation's answer on arbitrary status, headers and body, read three ways: the tables
//! and the typed models must never panic and must agree on accepting it, and the check without a
//! tree (`v3::check_response`) must give exactly the tables' answer (a conforming body, parsed as
//! JSON, is that answer).
#![no_main]

use libfuzzer_sys::fuzz_target;
use onfido_core::{v3, ApiVersion, HttpResponse};

fuzz_target!(|data: &[u8]| {
    let [op, hi, lo, rest @ ..] = data else { return };
    let operations = v3::operations();
    let Some(operation) = operations.get(usize::from(*op) % operations.len()) else { return };
    let status = u16::from_be_bytes([*hi, *lo]) % 1000;
    // Header lines up to a blank line, then the body.
    let split = rest.windows(2).position(|w| w == b"\n\n").unwrap_or(0);
    let (head, body) = rest.split_at(split);
    let headers: Vec<(String, String)> = String::from_utf8_lossy(head)
        .lines()
        .filter_map(|line| line.split_once(':').map(|(n, v)| (n.to_owned(), v.trim().to_owned())))
        .collect();
    let body = body.get(2..).unwrap_or_default().to_vec();
    let response = HttpResponse { status, headers, body };
    let tables = v3::parse_response(ApiVersion::V3_6, operation.id, response.clone());
    let checked = match v3::check_response(ApiVersion::V3_6, operation.id, response.clone()) {
        Ok(v3::Checked::Body(body)) => Ok(serde_json::from_slice(&body).expect("a conforming body is JSON")),
        Ok(v3::Checked::Value(value)) => Ok(value),
        Err(error) => Err(error),
    };
    assert_eq!(checked, tables, "{}: checked without a tree", operation.id);
    let typed = v3::endpoints::parse_typed(operation.id, ApiVersion::V3_6, response);
    assert_eq!(tables.is_ok(), typed.is_ok(), "{}: tables {tables:?}, typed {typed:?}", operation.id);
});
