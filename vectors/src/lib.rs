//! The one checker of the shared test vectors (`tests/vectors/`, the format of `VECTORS.md`).
//!
//! Every runtime reads the vector files itself, drives each case through its own public API, and
//! hands what it observed to [`check`] (bindings export it: Python `_native.check_vector`, the npm
//! package's sandbox module, the uniffi library). Matching lives here only, so the runtimes cannot
//! drift in what "passes" means. What a runtime observed is JSON of one shape per kind:
//!
//! | kind | observed |
//! |---|---|
//! | `build_request` | `{"method", "url", "headers": [[name, value], …], "body_base64"}`, or `{"error": E}` |
//! | `parse_response` | `{"ok": value}` (the answer as the API's JSON names it), or `{"error": E}` |
//! | `link_header` | `{"ok": {"next", "prev", "first", "last"}}`, or `{"error": E}` |
//! | `referrer_pattern` | `"match"`, `"no_match"` or `"invalid_pattern"` |
//! | `check_result` | `"clear"`, `"consider"` or `null` |
//! | `webhook_signature` | `true` or `false` |
//!
//! `E` is an error as the core describes it ([`onfido_core::Error::to_json`]): `kind`, and as they
//! apply `status`, `type`, `message`, `api_message`, `id`, `retry_after`, `fields`.
//!
//! ```
//! use serde_json::json;
//!
//! let case = json!({"name": "n", "report_results": ["clear", null], "expect": null});
//! assert_eq!(onfido_vectors::check("check_result", &case, &json!(null)), Ok(()));
//! assert!(onfido_vectors::check("check_result", &case, &json!("clear")).is_err());
//! ```
#![forbid(unsafe_code)]

use base64::Engine as _;
use onfido_core::{multipart, HttpResponse};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Why a case failed.
pub type Outcome = Result<(), String>;

/// The kinds of case this checker knows.
pub const KINDS: [&str; 6] =
    ["build_request", "parse_response", "link_header", "referrer_pattern", "check_result", "webhook_signature"];

/// Whether `observed` (what a runtime's API did with `case`) meets the case's expectation.
pub fn check(kind: &str, case: &Value, observed: &Value) -> Outcome {
    match kind {
        "build_request" => build_request(case, observed),
        "parse_response" | "link_header" => answer(kind, case, observed),
        "referrer_pattern" | "check_result" => {
            if observed == &case["expect"] {
                Ok(())
            } else {
                Err(format!("{observed} != {}", case["expect"]))
            }
        }
        "webhook_signature" => {
            let expected = case["valid"].as_bool().ok_or("valid is not a boolean")?;
            match observed.as_bool() {
                Some(valid) if valid == expected => Ok(()),
                _ => Err(format!("verified {observed}, expected {expected}")),
            }
        }
        other => Err(format!("unknown vector kind {other:?}: this checker knows {}", KINDS.join(", "))),
    }
}

/// [`check`] on JSON texts, as bindings hand them over: `None` when the case passes, else why not
/// (a text that is not JSON included).
pub fn check_texts(kind: &str, case: &str, observed: &str) -> Option<String> {
    let parse = |text: &str, what: &str| serde_json::from_str::<Value>(text).map_err(|e| format!("{what}: {e}"));
    parse(case, "case").and_then(|case| check(kind, &case, &parse(observed, "observed")?)).err()
}

/// The response a `parse_response` case describes: `status`, `headers` (an object or pairs),
/// `body` (text, or a JSON value sent as JSON) or `body_base64`.
pub fn response_of(case: &Value) -> Result<HttpResponse, String> {
    let status = case["status"].as_u64().and_then(|s| u16::try_from(s).ok()).ok_or("no status")?;
    let mut response = HttpResponse::new(status, body_of(case)?);
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

/// A case's body bytes: `body_base64`, `body` as text, or `body` as a JSON value.
pub fn body_of(case: &Value) -> Result<Vec<u8>, String> {
    if let Some(b64) = case.get("body_base64").and_then(Value::as_str) {
        return base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| e.to_string());
    }
    match case.get("body") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(s.clone().into_bytes()),
        Some(other) => serde_json::to_vec(other).map_err(|e| e.to_string()),
    }
}

/// Cases passed and failed, and the summary line every runner ends with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cases that met their expectation.
    pub passed: usize,
    /// One line per failed case or unreadable file: `FAIL file: case: why`.
    pub failures: Vec<String>,
}

impl Tally {
    /// Checks every case of one vector file (`doc`), observing each with `observe(kind, case)`
    /// (an `Err` is a failure of the runtime to observe at all, reported as the case's failure).
    pub fn run_file(
        &mut self,
        file: &str,
        doc: &Value,
        mut observe: impl FnMut(&str, &Value) -> Result<Value, String>,
    ) {
        let kind = doc["kind"].as_str().unwrap_or("");
        let cases = doc["cases"].as_array().map(Vec::as_slice).unwrap_or_default();
        if cases.is_empty() {
            self.failures.push(format!("FAIL {file}: no cases"));
        }
        if !KINDS.contains(&kind) {
            self.failures
                .push(format!("FAIL {file}: unknown vector kind {kind:?}: this checker knows {}", KINDS.join(", ")));
            return;
        }
        for case in cases {
            let name = case["name"].as_str().unwrap_or("(unnamed)");
            match observe(kind, case).and_then(|observed| check(kind, case, &observed)) {
                Ok(()) => self.passed += 1,
                Err(why) => self.failures.push(format!("FAIL {file}: {name}: {why}")),
            }
        }
    }

    /// `vectors: N passed, M failed`.
    pub fn summary(&self) -> String {
        format!("vectors: {} passed, {} failed", self.passed, self.failures.len())
    }

    /// Whether the run passed: no failure, and at least one case.
    pub fn ok(&self) -> bool {
        self.failures.is_empty() && self.passed > 0
    }
}

fn build_request(case: &Value, observed: &Value) -> Outcome {
    let expect = &case["expect"];
    if let Some(error) = expect.get("error") {
        return match observed.get("error") {
            Some(actual) => check_error(actual, error),
            None => {
                Err(format!("expected a {} error, built {} {}", error["kind"], observed["method"], observed["url"]))
            }
        };
    }
    if let Some(error) = observed.get("error") {
        return Err(format!("unexpected error: {}", error["message"].as_str().unwrap_or_default()));
    }
    if let Some(method) = expect.get("method").and_then(Value::as_str) {
        if observed["method"].as_str() != Some(method) {
            return Err(format!("method {} != {method}", observed["method"]));
        }
    }
    if let Some(url) = expect.get("url").and_then(Value::as_str) {
        same_url(str_of(&observed["url"])?, url)?;
    }
    let headers: Vec<(&str, &str)> = observed["headers"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|pair| Some((pair.get(0)?.as_str()?, pair.get(1)?.as_str()?)))
        .collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v);
    if let Some(want) = expect.get("headers").and_then(Value::as_object) {
        for (name, value) in want {
            match header(name) {
                Some(actual) if Some(actual) == value.as_str() => {}
                actual => return Err(format!("header {name}: {actual:?} != {value}")),
            }
        }
    }
    let body = match observed.get("body_base64").and_then(Value::as_str) {
        Some(b64) => base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| format!("body_base64: {e}"))?,
        None => Vec::new(),
    };
    if let Some(expected) = expect.get("json") {
        let actual: Value = serde_json::from_slice(&body).map_err(|e| format!("body is not JSON: {e}"))?;
        if &actual != expected {
            return Err(format!("json body {actual} != {expected}"));
        }
    }
    if let Some(parts) = expect.get("multipart").and_then(Value::as_array) {
        check_multipart(header("content-type").ok_or("no Content-Type")?, &body, parts)?;
    }
    Ok(())
}

fn check_multipart(content_type: &str, body: &[u8], expected: &[Value]) -> Outcome {
    let parts = multipart::parse(content_type, body).map_err(|e| format!("bad multipart body: {e}"))?;
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

/// URLs equal with one trailing slash of the path ignored and the query as decoded pairs in any order.
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

/// `parse_response` and `link_header`: `expect.ok` as a subset of `observed.ok`, or the error.
fn answer(kind: &str, case: &Value, observed: &Value) -> Outcome {
    let expect = &case["expect"];
    if kind == "link_header" {
        // `"expect": "invalid"`: any refusal will do.
        return match (expect, observed.get("error")) {
            (Value::String(s), Some(_)) if s == "invalid" => Ok(()),
            (Value::String(_), None) => Err(format!("expected invalid, parsed {}", observed["ok"])),
            (_, Some(error)) => Err(format!("refused: {}", error["message"].as_str().unwrap_or_default())),
            (want, None) => subset(&observed["ok"], want, ""),
        };
    }
    if let Some(error) = expect.get("error") {
        return match observed.get("error") {
            Some(actual) => check_error(actual, error),
            None => Err(format!("expected a {} error, parsed {}", error["kind"], observed["ok"])),
        };
    }
    if let Some(error) = observed.get("error") {
        return Err(format!("unexpected error: {}", error["message"].as_str().unwrap_or_default()));
    }
    let ok = expect.get("ok").ok_or("expect has neither ok nor error")?;
    subset(observed.get("ok").ok_or("observed has neither ok nor error")?, ok, "")
}

/// `expected` names a subset of `actual`: objects key by key, arrays element by element with
/// equal length; numbers equal as numbers.
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

fn check_error(actual: &Value, expected: &Value) -> Outcome {
    let kind = str_of(&expected["kind"])?;
    let message = actual["message"].as_str().unwrap_or_default();
    if actual["kind"] != kind {
        return Err(format!("error kind {} != {kind} ({message})", actual["kind"]));
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
    if let Some(want) = expected.get("message").and_then(Value::as_str) {
        if actual["api_message"].as_str() != Some(want) && message != want {
            return Err(format!("message {} != {want:?}", actual["api_message"]));
        }
    }
    let fields = actual["fields"].as_object().cloned().unwrap_or_default();
    match expected.get("fields") {
        Some(Value::Array(names)) => {
            for name in names {
                let name = str_of(name)?;
                if !fields.contains_key(name) {
                    return Err(format!("no error on field {name:?}; errors: {message}"));
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

fn str_of(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| format!("expected a string, found {v}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_fails_a_wrong_observation() {
        let build = json!({"expect": {"method": "GET", "url": "https://x.example/a?b=1&c=2",
            "headers": {"Accept": "application/json"}, "json": {"k": 1}}});
        let body = base64::engine::general_purpose::STANDARD.encode(br#"{"k": 1}"#);
        let good = json!({"method": "GET", "url": "https://x.example/a/?c=2&b=1",
            "headers": [["accept", "application/json"]], "body_base64": body});
        assert_eq!(check("build_request", &build, &good), Ok(()));
        for (key, value) in [("method", json!("POST")), ("url", json!("https://x.example/b")), ("headers", json!([]))] {
            let mut bad = good.clone();
            bad[key] = value;
            assert!(check("build_request", &build, &bad).is_err(), "{key}");
        }
        let refused = json!({"expect": {"error": {"kind": "validation", "fields": ["dob"]}}});
        let error = json!({"error": {"kind": "validation", "fields": {"dob": ["in the future"]}}});
        assert_eq!(check("build_request", &refused, &error), Ok(()));
        assert!(check("build_request", &refused, &good).is_err());
        let other_field = json!({"error": {"kind": "validation", "fields": {"email": ["bad"]}}});
        assert!(check("build_request", &refused, &other_field).is_err());

        let parse = json!({"expect": {"ok": {"id": "a", "list": [1, 2]}}});
        assert_eq!(check("parse_response", &parse, &json!({"ok": {"id": "a", "list": [1.0, 2], "x": 3}})), Ok(()));
        assert!(check("parse_response", &parse, &json!({"ok": {"id": "a", "list": [1]}})).is_err());
        assert!(check("parse_response", &parse, &json!({"error": {"kind": "decode"}})).is_err());
        let api = json!({"expect": {"error": {"kind": "api", "status": 422, "fields": {"email": ["bad"]}}}});
        let got = json!({"error": {"kind": "api", "status": 422, "fields": {"email": ["bad"], "x": ["y"]}}});
        assert_eq!(check("parse_response", &api, &got), Ok(()));
        assert!(check("parse_response", &api, &json!({"error": {"kind": "api", "status": 404}})).is_err());

        let link = json!({"expect": "invalid"});
        assert_eq!(check("link_header", &link, &json!({"error": {"kind": "decode"}})), Ok(()));
        assert!(check("link_header", &link, &json!({"ok": {}})).is_err());
        assert!(check("webhook_signature", &json!({"valid": true}), &json!(false)).is_err());
        assert!(check("webhook_signature", &json!({"valid": true}), &json!("true")).is_err());
        assert!(check("referrer_pattern", &json!({"expect": "match"}), &json!("no_match")).is_err());
        assert!(check("no_such_kind", &json!({}), &json!(null)).is_err());
    }

    #[test]
    fn a_tally_reports_files_without_cases_and_unknown_kinds() {
        let mut tally = Tally::default();
        tally.run_file("a.json", &json!({"kind": "check_result", "cases": []}), |_, _| Ok(json!(null)));
        tally.run_file("b.json", &json!({"kind": "what", "cases": [{}]}), |_, _| Ok(json!(null)));
        let cases = json!({"kind": "check_result", "cases": [{"name": "one", "expect": "clear"}]});
        tally.run_file("c.json", &cases, |_, _| Ok(json!("clear")));
        tally.run_file("c.json", &cases, |_, _| Err("cannot".into()));
        assert_eq!(tally.passed, 1);
        assert_eq!(tally.failures.len(), 3, "{:?}", tally.failures);
        assert_eq!(tally.summary(), "vectors: 1 passed, 3 failed");
        assert!(!tally.ok());
    }
}
