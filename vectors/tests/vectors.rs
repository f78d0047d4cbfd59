//! The Rust core through the shared vectors (`tests/vectors/`, `tests/vectors/v3/`, `$ONFIDO_VECTORS`):
//! each case driven through the core's API, the result judged by [`onfido_vectors::check`].
//!
//! v3 answers are read twice, through the tables (`v3::parse_response`, what the bindings use) and
//! through the generated typed endpoints (`v3::endpoints::parse_typed`); both must pass.
//! Ends with `vectors: N passed, M failed`; exits non-zero on any failure.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use onfido_core::models::ReportResult;
use onfido_core::pagination::parse_link_header;
use onfido_core::referrer::ReferrerPattern;
use onfido_core::{dynamic, results, webhook, ApiVersion, Config, Error, HttpRequest};
use onfido_vectors::{body_of, response_of, Tally};
use serde_json::{json, Value};

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut dirs = vec![shared.join("v3"), shared];
    if let Some(extra) = std::env::var_os("ONFIDO_VECTORS").filter(|v| !v.is_empty()) {
        dirs.push(PathBuf::from(extra));
    }
    let mut tally = Tally::default();
    for dir in &dirs {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                tally.failures.push(format!("FAIL {}: cannot read the directory: {e}", dir.display()));
                continue;
            }
        };
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        for file in files {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match std::fs::read(&file)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice::<Value>(&b).map_err(|e| e.to_string()))
            {
                Ok(doc) => tally.run_file(&name, &doc, observe),
                Err(e) => tally.failures.push(format!("FAIL {name}: not a JSON vector file: {e}")),
            }
        }
    }
    for failure in &tally.failures {
        println!("{failure}");
    }
    println!("{}", tally.summary());
    if !tally.ok() {
        std::process::exit(1);
    }
}

fn observe(kind: &str, case: &Value) -> Result<Value, String> {
    match kind {
        "build_request" => Ok(build_request(case)),
        "parse_response" => parse_response(case),
        "link_header" => Ok(answer(
            parse_link_header(str_of(&case["header"])?)
                .map(|links| json!({"next": links.next, "prev": links.prev, "first": links.first, "last": links.last}))
                .map_err(|e| Error::decode(0, e, &[])),
        )),
        "referrer_pattern" => Ok(json!(match ReferrerPattern::parse(str_of(&case["pattern"])?) {
            Err(_) => "invalid_pattern",
            Ok(p) if p.matches(str_of(&case["url"])?) => "match",
            Ok(_) => "no_match",
        })),
        "check_result" => {
            let results: Vec<Option<ReportResult>> = case["report_results"]
                .as_array()
                .ok_or("report_results is not a list")?
                .iter()
                .map(|r| r.as_str().map(ReportResult::from))
                .collect();
            Ok(json!(results::check_result(results.iter().map(Option::as_ref)).as_ref().map(|r| r.as_str())))
        }
        "webhook_signature" => {
            let algorithm = webhook::Algorithm::parse(str_of(&case["algorithm"])?).ok_or("unknown algorithm")?;
            let body = body_of(case)?;
            Ok(json!(webhook::verify(&body, str_of(&case["signature"])?, str_of(&case["secret"])?, algorithm)))
        }
        other => Err(format!("no way to observe {other}")),
    }
}

fn build_request(case: &Value) -> Value {
    // Rules that need the time (a date of birth in the future) get the case's `now` or the real clock.
    let now = case["now"].as_i64().unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    let operation = case["operation"].as_str().unwrap_or_default();
    match Config::from_json(&case["config"])
        .and_then(|config| dynamic::build_request_at(operation, &config, &case["input"], now))
    {
        Ok(request) => request_json(&request),
        Err(error) => json!({"error": error.to_json()}),
    }
}

fn request_json(request: &HttpRequest) -> Value {
    json!({
        "method": request.method.as_str(),
        "url": request.url,
        "headers": request.headers,
        "body_base64": base64::engine::general_purpose::STANDARD.encode(&request.body),
    })
}

fn parse_response(case: &Value) -> Result<Value, String> {
    let version = match case.get("api_version").and_then(Value::as_str) {
        Some(text) => ApiVersion::parse(text).map_err(|e| e.to_string())?,
        None => ApiVersion::V2,
    };
    let operation = str_of(&case["operation"])?;
    let tables = answer(dynamic::parse_response_in(version, operation, response_of(case)?));
    if version.is_v3() {
        // The typed models must read every answer as the tables do.
        let typed = answer(onfido_core::v3::endpoints::parse_typed(operation, version, response_of(case)?));
        onfido_vectors::check("parse_response", case, &typed).map_err(|why| format!("typed: {why}"))?;
        // And through the check without a tree: a conforming body, parsed as a runtime would.
        let checked =
            answer(onfido_core::v3::check_response(version, operation, response_of(case)?).and_then(|c| match c {
                onfido_core::v3::Checked::Body(body) => {
                    serde_json::from_slice(&body).map_err(|e| Error::decode(200, e.to_string(), &[]))
                }
                onfido_core::v3::Checked::Value(value) => Ok(value),
            }));
        onfido_vectors::check("parse_response", case, &checked).map_err(|why| format!("checked: {why}"))?;
    }
    Ok(tables)
}

fn answer(result: Result<Value, Error>) -> Value {
    match result {
        Ok(value) => json!({ "ok": value }),
        Err(error) => json!({ "error": error.to_json() }),
    }
}

fn str_of(v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| format!("expected a string, found {v}"))
}
