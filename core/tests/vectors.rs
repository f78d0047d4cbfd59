//! Runs the shared vectors (`tests/vectors/`, `tests/vectors/v3/` and `$ONFIDO_VECTORS`) against the core.
//!
//! Ends with `vectors: N passed, M failed`; exits non-zero on any failure.

#![allow(clippy::indexing_slicing)] // serde_json::Value indexing returns Null, never panics.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use onfido_core::models::ReportResult;
use onfido_core::pagination::parse_link_header;
use onfido_core::referrer::ReferrerPattern;
use onfido_core::{dynamic, multipart, results, webhook, ApiVersion, Config, Error, HttpRequest, HttpResponse};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

type Outcome = Result<(), String>;

const KINDS: [&str; 6] =
    ["build_request", "parse_response", "link_header", "referrer_pattern", "check_result", "webhook_signature"];

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    // v3/: the v3.6 and v3.4 cases (tests/vectors/README.md).
    let mut dirs = vec![shared.join("v3"), shared];
    if let Some(extra) = std::env::var_os("ONFIDO_VECTORS").filter(|v| !v.is_empty()) {
        dirs.push(PathBuf::from(extra));
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for dir in &dirs {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                println!("FAIL {}: cannot read the directory: {e}", dir.display());
                failed += 1;
                continue;
            }
        };
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        for file in files {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let doc: Value = match std::fs::read(&file)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
            {
                Ok(v) => v,
                Err(e) => {
                    println!("FAIL {name}: not a JSON vector file: {e}");
                    failed += 1;
                    continue;
                }
            };
            let kind = doc["kind"].as_str().unwrap_or("");
            let cases = doc["cases"].as_array().cloned().unwrap_or_default();
            for case in &cases {
                let case_name = case["name"].as_str().unwrap_or("(unnamed)");
                let outcome = match kind {
                    "build_request" => build_request(case),
                    "parse_response" => parse_response(case),
                    "link_header" => link_header(case),
                    "referrer_pattern" => referrer_pattern(case),
                    "check_result" => check_result(case),
                    "webhook_signature" => webhook_signature(case),
                    other => Err(format!("unknown vector kind {other:?}: this runner supports {}", KINDS.join(", "))),
                };
                match outcome {
                    Ok(()) => passed += 1,
                    Err(why) => {
                        failed += 1;
                        println!("FAIL {name}: {case_name}: {why}");
                    }
                }
            }
            if cases.is_empty() {
                println!("FAIL {name}: no cases");
                failed += 1;
            }
        }
    }
    println!("vectors: {passed} passed, {failed} failed");
    if failed > 0 || passed == 0 {
        std::process::exit(1);
    }
}

fn build_request(case: &Value) -> Outcome {
    let expect = &case["expect"];
    let operation = str_of(&case["operation"])?;
    // Rules that need the time (a date of birth in the future) get the case's `now` or the real clock.
    let now = case["now"].as_i64().unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    let result = Config::from_json(&case["config"])
        .and_then(|config| dynamic::build_request_at(operation, &config, &case["input"], now));
    if let Some(error) = expect.get("error") {
        return match result {
            Ok(request) => Err(format!("expected a {} error, built {} {}", error["kind"], request.method, request.url)),
            Err(e) => check_error(&e, error),
        };
    }
    let request = result.map_err(|e| format!("unexpected error: {e}"))?;
    if let Some(method) = expect.get("method").and_then(Value::as_str) {
        if request.method.as_str() != method {
            return Err(format!("method {} != {method}", request.method));
        }
    }
    if let Some(url) = expect.get("url").and_then(Value::as_str) {
        same_url(&request.url, url)?;
    }
    if let Some(headers) = expect.get("headers").and_then(Value::as_object) {
        for (name, value) in headers {
            match request.header(name) {
                Some(actual) if Some(actual) == value.as_str() => {}
                actual => return Err(format!("header {name}: {actual:?} != {value}")),
            }
        }
    }
    if let Some(expected) = expect.get("json") {
        let actual: Value = serde_json::from_slice(&request.body).map_err(|e| format!("body is not JSON: {e}"))?;
        if &actual != expected {
            return Err(format!("json body {actual} != {expected}"));
        }
    }
    if let Some(parts) = expect.get("multipart").and_then(Value::as_array) {
        check_multipart(&request, parts)?;
    }
    Ok(())
}

fn check_multipart(request: &HttpRequest, expected: &[Value]) -> Outcome {
    let content_type = request.header("content-type").ok_or("no Content-Type")?;
    let parts = multipart::parse(content_type, &request.body).map_err(|e| format!("bad multipart body: {e}"))?;
    if parts.len() != expected.len() {
        let names: Vec<_> = parts.iter().map(|p| p.name.as_str()).collect();
        return Err(format!("{} parts {names:?}, expected {}", parts.len(), expected.len()));
    }
    for want in expected {
        let name = str_of(&want["name"])?;
        let part = parts.iter().find(|p| p.name == name).ok_or(format!("no part {name:?}"))?;
        if let Some(text) = want.get("text").and_then(Value::as_str) {
            if part.data != text.as_bytes() {
                return Err(format!("part {name}: {:?} != {text:?}", String::from_utf8_lossy(&part.data)));
            }
        }
        if let Some(filename) = want.get("filename").and_then(Value::as_str) {
            if part.filename.as_deref() != Some(filename) {
                return Err(format!("part {name}: filename {:?} != {filename:?}", part.filename));
            }
        }
        if let Some(ct) = want.get("content_type").and_then(Value::as_str) {
            if part.content_type.as_deref() != Some(ct) {
                return Err(format!("part {name}: content type {:?} != {ct:?}", part.content_type));
            }
        }
        if let Some(sha) = want.get("sha256").and_then(Value::as_str) {
            let actual = onfido_core::hex::encode(&Sha256::digest(&part.data));
            if !actual.eq_ignore_ascii_case(sha) {
                return Err(format!("part {name}: sha256 {actual} != {sha}"));
            }
        }
    }
    Ok(())
}

fn same_url(actual: &str, expected: &str) -> Outcome {
    let a = url::Url::parse(actual).map_err(|e| format!("built URL {actual:?}: {e}"))?;
    let e = url::Url::parse(expected).map_err(|e| format!("expected URL {expected:?}: {e}"))?;
    let trim = |u: &url::Url| u.path().strip_suffix('/').unwrap_or(u.path()).to_owned();
    let pairs = |u: &url::Url| {
        let mut p: Vec<(String, String)> = u.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        p.sort();
        p
    };
    if a.scheme() != e.scheme()
        || a.host_str() != e.host_str()
        || a.port() != e.port()
        || trim(&a) != trim(&e)
        || pairs(&a) != pairs(&e)
    {
        return Err(format!("url {actual} != {expected}"));
    }
    Ok(())
}

fn response_of(case: &Value) -> Result<HttpResponse, String> {
    let status = case["status"].as_u64().and_then(|s| u16::try_from(s).ok()).ok_or("no status")?;
    let body = if let Some(b64) = case.get("body_base64").and_then(Value::as_str) {
        base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| e.to_string())?
    } else {
        match case.get("body") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) => s.clone().into_bytes(),
            Some(other) => serde_json::to_vec(other).map_err(|e| e.to_string())?,
        }
    };
    let mut response = HttpResponse::new(status, body);
    match case.get("headers") {
        Some(Value::Object(map)) => {
            for (k, v) in map {
                response.headers.push((k.clone(), v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())));
            }
        }
        Some(Value::Array(pairs)) => {
            for pair in pairs {
                response.headers.push((str_of(&pair[0])?.to_owned(), str_of(&pair[1])?.to_owned()));
            }
        }
        _ => {}
    }
    Ok(response)
}

fn parse_response(case: &Value) -> Outcome {
    let version = match case.get("api_version").and_then(Value::as_str) {
        Some(text) => ApiVersion::parse(text).map_err(|e| e.to_string())?,
        None => ApiVersion::V2,
    };
    let operation = str_of(&case["operation"])?;
    check_parsed(case, dynamic::parse_response_in(version, operation, response_of(case)?))?;
    if version.is_v3() {
        // The typed models must read every answer as the tables do.
        let typed = onfido_core::v3::endpoints::parse_typed(operation, version, response_of(case)?);
        check_parsed(case, typed).map_err(|why| format!("typed: {why}"))?;
    }
    Ok(())
}

fn check_parsed(case: &Value, result: Result<Value, Error>) -> Outcome {
    let expect = &case["expect"];
    if let Some(error) = expect.get("error") {
        return match result {
            Ok(v) => Err(format!("expected a {} error, parsed {v}", error["kind"])),
            Err(e) => check_error(&e, error),
        };
    }
    let output = result.map_err(|e| format!("unexpected error: {e}"))?;
    let ok = expect.get("ok").ok_or("expect has neither ok nor error")?;
    subset(&output, ok, "")
}

/// `expected` names a subset of `actual`: objects key by key, arrays element by element.
fn subset(actual: &Value, expected: &Value, path: &str) -> Outcome {
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => {
            for (k, v) in want {
                let child = format!("{path}.{k}");
                match have.get(k) {
                    Some(a) => subset(a, v, &child)?,
                    None if v.is_null() => {}
                    None => return Err(format!("{child}: missing, expected {v}")),
                }
            }
            Ok(())
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                return Err(format!("{path}: {} elements, expected {}", have.len(), want.len()));
            }
            want.iter().zip(have).enumerate().try_for_each(|(i, (w, h))| subset(h, w, &format!("{path}[{i}]")))
        }
        (Value::Number(w), Value::Number(h)) if w.as_f64() == h.as_f64() => Ok(()),
        (w, h) if w == h => Ok(()),
        (w, h) => Err(format!("{}: {h} != {w}", if path.is_empty() { "." } else { path })),
    }
}

fn check_error(error: &Error, expected: &Value) -> Outcome {
    let actual = error.to_json();
    let kind = str_of(&expected["kind"])?;
    if actual["kind"] != kind {
        return Err(format!("error kind {} != {kind} ({error})", actual["kind"]));
    }
    if let Some(status) = expected.get("status").and_then(Value::as_u64) {
        if actual["status"].as_u64() != Some(status) {
            return Err(format!("status {} != {status}", actual["status"]));
        }
    }
    for key in ["type", "id", "retry_after"] {
        if let Some(want) = expected.get(key) {
            if &actual[key] != want {
                return Err(format!("{key} {} != {want}", actual[key]));
            }
        }
    }
    if let Some(message) = expected.get("message").and_then(Value::as_str) {
        if actual["api_message"].as_str() != Some(message) && actual["message"].as_str() != Some(message) {
            return Err(format!("message {} != {message:?}", actual["api_message"]));
        }
    }
    let fields = actual["fields"].as_object().cloned().unwrap_or_default();
    match expected.get("fields") {
        Some(Value::Array(names)) => {
            for name in names {
                let name = str_of(name)?;
                if !fields.contains_key(name) {
                    return Err(format!("no error on field {name:?}; errors: {error}"));
                }
            }
        }
        Some(Value::Object(want)) => {
            for (name, messages) in want {
                if fields.get(name) != Some(messages) {
                    return Err(format!("field {name}: {:?} != {messages}", fields.get(name)));
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn link_header(case: &Value) -> Outcome {
    let header = str_of(&case["header"])?;
    let result = parse_link_header(header);
    match (&case["expect"], result) {
        (Value::String(s), Err(_)) if s == "invalid" => Ok(()),
        (Value::String(_), Ok(links)) => Err(format!("expected invalid, parsed {links:?}")),
        (want, Ok(links)) => {
            let actual = json!({"next": links.next, "prev": links.prev, "first": links.first, "last": links.last});
            subset(&actual, want, "")
        }
        (_, Err(e)) => Err(format!("refused: {e}")),
    }
}

fn referrer_pattern(case: &Value) -> Outcome {
    let outcome = match ReferrerPattern::parse(str_of(&case["pattern"])?) {
        Err(_) => "invalid_pattern",
        Ok(p) if p.matches(str_of(&case["url"])?) => "match",
        Ok(_) => "no_match",
    };
    let expect = str_of(&case["expect"])?;
    if outcome == expect {
        Ok(())
    } else {
        Err(format!("{outcome} != {expect}"))
    }
}

fn check_result(case: &Value) -> Outcome {
    let results: Vec<Option<ReportResult>> = case["report_results"]
        .as_array()
        .ok_or("report_results is not a list")?
        .iter()
        .map(|r| r.as_str().map(ReportResult::from))
        .collect();
    let derived = results::check_result(results.iter().map(Option::as_ref));
    let actual = derived.as_ref().map(|r| r.as_str());
    if actual == case["expect"].as_str() {
        Ok(())
    } else {
        Err(format!("{actual:?} != {}", case["expect"]))
    }
}

fn webhook_signature(case: &Value) -> Outcome {
    let algorithm = webhook::Algorithm::parse(str_of(&case["algorithm"])?).ok_or("unknown algorithm")?;
    let body = match case.get("body_base64").and_then(Value::as_str) {
        Some(b64) => base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| e.to_string())?,
        None => match &case["body"] {
            Value::String(s) => s.clone().into_bytes(),
            Value::Null => Vec::new(),
            other => serde_json::to_vec(other).map_err(|e| e.to_string())?,
        },
    };
    let valid = webhook::verify(&body, str_of(&case["signature"])?, str_of(&case["secret"])?, algorithm);
    let expected = case["valid"].as_bool().ok_or("valid is not a boolean")?;
    if valid == expected {
        Ok(())
    } else {
        Err(format!("verified {valid}, expected {expected}"))
    }
}

fn str_of(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| format!("expected a string, found {v}"))
}
