//! The native layer in a JS engine: Node by default, headless Chromium with `WASM_BINDGEN_USE_BROWSER=1`.

#![allow(missing_docs, clippy::panic, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use base64::prelude::*;
use js_sys::{Array, Reflect, Uint8Array, JSON};
use onfido_core_wasm::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const PNG_HEADER: &[u8] = b"\x89PNG\r\n\x1a\n";

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or(JsValue::NULL)
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

/// The core error's JSON a thrown value carries.
fn core_json(thrown: JsValue) -> JsValue {
    assert_eq!(text(&thrown, "name").as_deref(), Some("CoreError"));
    json(&text(&thrown, "core").unwrap_or_default())
}

fn config() -> Config {
    Config::new(Some("test_abc".into()), Some("eu".into()), None, None, None, None).unwrap_or_else(|_| unreachable!())
}

fn png(size: usize) -> Vec<u8> {
    let mut bytes = PNG_HEADER.to_vec();
    bytes.resize(size, 0x5a);
    bytes
}

#[wasm_bindgen_test]
fn config_getters_and_errors() {
    let c = config();
    assert_eq!(c.region(), "eu");
    assert_eq!(c.api_version(), "v2");
    assert_eq!(c.base_url(), "https://api.onfido.com/v2/");
    assert_eq!(c.environment().as_deref(), Some("sandbox"));
    assert!(c.has_token());
    assert!(c.user_agent().contains("node"));
    assert!(!c.to_string_js().contains("test_abc"));
    let Err(thrown) = Config::new(Some("us_test_abc".into()), Some("eu".into()), None, None, None, None) else {
        panic!("a region mismatch is a config error")
    };
    let error = core_json(thrown);
    assert_eq!(text(&error, "kind").as_deref(), Some("config"));
    assert_eq!(text(&error, "field").as_deref(), Some("region"));
    assert!(!text(&error, "message").unwrap_or_default().contains("us_test_abc"));
}

#[wasm_bindgen_test]
fn build_request_reads_json_inputs_and_uploads() {
    let input = r#"{"first_name": "Jane", "last_name": "Doe", "dob": "1990-01-01", "unknown_field": {"kept": true}}"#;
    let request = build_request("create_applicant", &config(), input, Some(1_700_000_000.0)).unwrap_or(JsValue::NULL);
    assert_eq!(text(&request, "method").as_deref(), Some("POST"));
    assert_eq!(text(&request, "url").as_deref(), Some("https://api.onfido.com/v2/applicants"));
    let body = get(&request, "body").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
    let sent = json(&String::from_utf8_lossy(&body));
    assert_eq!(text(&sent, "first_name").as_deref(), Some("Jane"));
    assert!(get(&get(&sent, "unknown_field"), "kept").is_truthy());
    let headers = Array::from(&get(&request, "headers"));
    assert!(headers.iter().any(|h| Array::from(&h).get(1).as_string().as_deref() == Some("Token token=test_abc")));

    // An upload: the package sends the bytes as base64 inside the JSON input.
    let bytes = png(40_000);
    let input = format!(
        r#"{{"applicant_id": "a1", "type": "passport", "file": {{"filename": "passport.png", "content_base64": "{}"}}}}"#,
        BASE64_STANDARD.encode(&bytes)
    );
    let request = build_request("upload_document", &config(), &input, None).unwrap_or(JsValue::NULL);
    let body = get(&request, "body").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
    assert!(body.len() > bytes.len());
    assert!(body.windows(bytes.len()).any(|w| w == bytes.as_slice()), "the bytes are sent as they are");
    let content_type = Array::from(&get(&request, "headers"))
        .iter()
        .find_map(|h| {
            let pair = Array::from(&h);
            (pair.get(0).as_string()?.eq_ignore_ascii_case("content-type")).then(|| pair.get(1).as_string())?
        })
        .unwrap_or_default();
    assert!(content_type.starts_with("multipart/form-data; boundary="));
}

#[wasm_bindgen_test]
fn build_request_refuses_bad_input_without_panicking() {
    for input in ["7", "\"x\"", "[]", r#"{"first_name": 7}"#, "{", "\u{0}"] {
        let Err(thrown) = build_request("create_applicant", &config(), input, None) else { panic!("refused") };
        assert_eq!(text(&core_json(thrown), "kind").as_deref(), Some("validation"));
    }
    let Err(thrown) = build_request("create_applicant", &config(), r#"{"first_name": 7}"#, None) else {
        panic!("refused")
    };
    assert!(get(&get(&core_json(thrown), "fields"), "first_name").is_truthy(), "the field is named");
    let Err(thrown) = build_request("no_such_operation", &config(), "", None) else { panic!("refused") };
    assert!(text(&core_json(thrown), "kind").is_some());
    let short = r#"{"first_name": "", "last_name": "Doe", "dob": "2999-01-01"}"#;
    let Err(thrown) = build_request("create_applicant", &config(), short, Some(1_700_000_000.0)) else {
        panic!("refused")
    };
    let fields = get(&core_json(thrown), "fields");
    assert!(get(&fields, "first_name").is_truthy() && get(&fields, "dob").is_truthy());
}

fn pairs(list: &[(&str, &str)]) -> JsValue {
    list.iter().map(|(n, v)| Array::of2(&(*n).into(), &(*v).into())).collect::<Array>().into()
}

#[wasm_bindgen_test]
fn parse_response_outputs() {
    let run =
        parse_response("list_workflow_runs", 200, JsValue::NULL, br#"[{"id": "w1"}]"#.to_vec(), Some("v3.6".into()))
            .unwrap_or(JsValue::NULL);
    assert!(run.is_undefined(), "a v3.6 JSON body of its declared types is the answer: JSON.parse reads it");
    let empty = parse_response("delete_applicant", 204, JsValue::NULL, Vec::new(), Some("v3.6".into()))
        .unwrap_or(JsValue::NULL);
    assert!(empty.is_object() && !Array::is_array(&empty), "no content reads as {{}}");
    let applicant = parse_response(
        "retrieve_applicant",
        200,
        JsValue::NULL,
        br#"{"id": "a1", "first_name": "Jane", "x": [1]}"#.to_vec(),
        None,
    )
    .unwrap_or(JsValue::NULL);
    assert_eq!(text(&applicant, "id").as_deref(), Some("a1"));
    assert!(get(&applicant, "last_name").is_null(), "absent values are null");
    assert!(Array::is_array(&get(&applicant, "x")), "unknown fields are kept");
    assert!(Array::is_array(&get(&applicant, "addresses")));

    let headers =
        pairs(&[("Link", r#"<https://api.onfido.com/v2/applicants?page=2>; rel="next""#), ("X-Total-Count", "3")]);
    // v2 lists read back as the API's wrapper, as v3's do (the page is the headers' business).
    let list = parse_response("list_applicants", 200, headers, br#"{"applicants": [{"id": "a1"}]}"#.to_vec(), None)
        .unwrap_or(JsValue::NULL);
    assert_eq!(Array::from(&get(&list, "applicants")).length(), 1);

    let bytes = vec![0u8, 255, 13, 10, 0, 1];
    let headers = pairs(&[("Content-Type", "image/png"), ("Content-Disposition", r#"attachment; filename="a.png""#)]);
    let download = parse_response("download_document", 200, headers, bytes.clone(), None).unwrap_or(JsValue::NULL);
    assert_eq!(text(&download, "content_base64").as_deref(), Some("AP8NCgAB"), "byte-exact");
    assert_eq!(get(&download, "size").as_f64(), Some(6.0));
    assert_eq!(text(&download, "content_type").as_deref(), Some("image/png"));
    assert_eq!(text(&download, "filename").as_deref(), Some("a.png"));

    let deleted = parse_response("delete_applicant", 204, JsValue::NULL, Vec::new(), None).unwrap_or(JsValue::NULL);
    let deleted = JSON::stringify(&deleted).map(String::from).unwrap_or_default();
    assert_eq!(deleted, "{}", "204 reads as {{}}");

    let body = br#"{"error": {"type": "validation_error", "message": "bad", "fields": {"email": ["invalid"]}}}"#;
    let Err(thrown) = parse_response("create_applicant", 422, JsValue::NULL, body.to_vec(), None) else {
        panic!("an error")
    };
    let error = core_json(thrown);
    assert_eq!(text(&error, "kind").as_deref(), Some("api"));
    assert_eq!(get(&error, "status").as_f64(), Some(422.0));
    assert_eq!(text(&error, "type").as_deref(), Some("validation_error"));

    for garbage in [&b"\xff\xfe"[..], b"[", b"{\"id\": 7}", b""] {
        let Err(thrown) = parse_response("retrieve_check", 200, JsValue::NULL, garbage.to_vec(), None) else {
            panic!("refused")
        };
        assert_eq!(text(&core_json(thrown), "kind").as_deref(), Some("decode"));
    }
    let Err(thrown) = parse_response("retrieve_check", 200, JsValue::from(3), Vec::new(), None) else {
        panic!("bad headers")
    };
    assert_eq!(text(&core_json(thrown), "kind").as_deref(), Some("validation"));
}

#[wasm_bindgen_test]
fn webhooks() {
    let body =
        br#"{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"c1","status":"complete"}}}"#;
    let signature = sign_webhook(body, "secret", "sha256").unwrap_or_default();
    let mac = onfido_core::hex::encode(&webhook_mac(body, "secret", "sha256").unwrap_or_default());
    assert_eq!(webhook_signature_is_sha256(true, true, false).ok(), Some(true), "X-SHA2-Signature wins");
    assert_eq!(webhook_signature_is_sha256(false, true, false).ok(), Some(false));
    let Err(thrown) = webhook_signature_is_sha256(false, false, false) else { panic!("no signature header") };
    assert_eq!(text(&core_json(thrown), "kind").as_deref(), Some("signature"));
    let Err(thrown) = webhook_signature_is_sha256(true, false, true) else { panic!("an empty token") };
    assert_eq!(text(&core_json(thrown), "kind").as_deref(), Some("validation"));
    assert!(webhook_mac_matches(&signature, &mac));
    assert!(webhook_mac_matches(&signature.to_uppercase(), &mac));
    assert!(!webhook_mac_matches(&signature, &"0".repeat(64)));
    assert!(!webhook_mac_matches(&format!("{signature}zz"), &mac));
    assert!(!webhook_mac_matches("", ""));
    assert_eq!(text(&core_json(webhook_mismatch_error(true)), "kind").as_deref(), Some("signature"));
    assert_eq!(verify_signature(body, &signature, "secret", "sha256").ok(), Some(true));
    assert_eq!(verify_signature(body, &signature, "other", "sha256").ok(), Some(false));
    assert!(verify_signature(body, &signature, "secret", "md5").is_err());
}

#[wasm_bindgen_test]
fn rules() {
    let pattern = ReferrerPattern::new("https://*.example.com/*").unwrap_or_else(|_| unreachable!());
    assert!(pattern.matches("https://a.example.com/x"));
    assert!(!pattern.matches("https://example.com.evil.org/"));
    assert!(ReferrerPattern::new("nope").is_err());
    assert_eq!(check_result(json(r#"["clear", "consider"]"#)).ok().flatten().as_deref(), Some("consider"));
    assert_eq!(check_result(json(r#"["clear", null]"#)).ok().flatten(), None);
    assert!(check_result(JsValue::from(1)).is_err());
    let report = r#"{"id": "r1", "result": "consider", "breakdown": {"a": {"result": "consider"}}}"#;
    let found = Array::from(&findings(report).unwrap_or(JsValue::NULL));
    assert_eq!(text(&found.get(0), "path").as_deref(), Some("a"));
    let missing = missing_applicant_data(
        r#"{"type": "express", "reports": [{"name": "identity", "variant": "kyc"}]}"#,
        r#"{"id": "a1", "first_name": "Jane", "last_name": "Doe"}"#,
    )
    .unwrap_or(JsValue::NULL);
    assert!(Array::from(&missing).length() > 0);
    assert!(sdk_token_claims("not.a.jwt!").is_err());
    let links = parse_link_header(r#"<https://x/?page=3>; rel="last""#).unwrap_or(JsValue::NULL);
    assert_eq!(text(&links, "last").as_deref(), Some("https://x/?page=3"));
    assert!(parse_link_header("<oops").is_err());
    assert_eq!(operations().length(), 34);
    assert_eq!(is_idempotent("retrieve_check").ok(), Some(true));
    assert_eq!(is_idempotent("create_check").ok(), Some(false));
    assert!(!version().is_empty());
}

#[wasm_bindgen_test]
fn the_call_driver_retries_paces_and_ends() {
    let config = config();
    // Two tries at most, pacing for the token's limit, 5 s per try.
    let mut session = Session::new(&config, 2, 100.0, 1_000.0, 30_000.0, 60_000.0, true, 5_000.0);
    let id = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    let input = format!(r#"{{"applicant_id": "{id}"}}"#);
    let mut call = Call::new(&session, "retrieve_applicant", &input, 1_700_000_000.0, JsValue::NULL, None)
        .unwrap_or_else(|_| unreachable!());
    let send = call.start(&mut session, 1_700_000_000.0, 0.0, 0.0).unwrap_or(JsValue::NULL);
    assert_eq!(text(&send, "kind").as_deref(), Some("send"));
    assert_eq!(get(&send, "timeoutMs").as_f64(), Some(5_000.0));
    let busy = call
        .received(&mut session, 1_700_000_000.0, 10.0, 0.0, Some(503.0), JsValue::NULL, None, None, None)
        .unwrap_or(JsValue::NULL);
    assert_eq!(text(&busy, "kind").as_deref(), Some("wait"));
    assert_eq!(text(&busy, "reason").as_deref(), Some("retry"));
    let again = call.waited(&mut session, 1_700_000_000.0, 100.0, 0.0).unwrap_or(JsValue::NULL);
    assert_eq!(get(&again, "attempt").as_f64(), Some(2.0));
    let body = format!(r#"{{"id": "{id}", "first_name": "Jane", "last_name": "Doe"}}"#).into_bytes();
    let done = call
        .received(&mut session, 1_700_000_000.0, 200.0, 0.0, Some(200.0), JsValue::NULL, Some(body), None, None)
        .unwrap_or(JsValue::NULL);
    assert_eq!(text(&done, "kind").as_deref(), Some("done"));
    assert_eq!(get(&done, "status").as_f64(), Some(200.0));
    // A status no HTTP answer has ends the call with a thrown transport error.
    let mut odd = Call::new(&session, "retrieve_applicant", &input, 1_700_000_000.0, JsValue::NULL, None)
        .unwrap_or_else(|_| unreachable!());
    let _ = odd.start(&mut session, 1_700_000_000.0, 0.0, 0.0);
    assert!(odd
        .received(&mut session, 1_700_000_000.0, 1.0, 0.0, Some(65_736.0), JsValue::NULL, None, None, None)
        .is_err());
    // Bad input is refused before any step.
    assert!(Call::new(&session, "retrieve_applicant", "{}", 0.0, JsValue::NULL, None).is_err());
}

#[wasm_bindgen_test]
fn sandbox_in_process() {
    let mut sandbox = Sandbox::new(None, None);
    let body = br#"{"first_name": "Jane", "last_name": "Doe"}"#.to_vec();
    let headers = pairs(&[("Authorization", "Token token=test_abc"), ("Content-Type", "application/json")]);
    let response = sandbox
        .handle("POST", "https://api.onfido.com/v2/applicants".into(), headers, body, 1_700_000_000.0)
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&response, "status").as_f64(), Some(201.0));
    let body = get(&response, "body").dyn_into::<Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
    let applicant =
        parse_response("create_applicant", 201, get(&response, "headers"), body, None).unwrap_or(JsValue::NULL);
    assert_eq!(text(&applicant, "first_name").as_deref(), Some("Jane"));
    let unauthenticated = sandbox
        .handle("GET", "https://api.onfido.com/v2/applicants".into(), JsValue::NULL, Vec::new(), 1_700_000_000.0)
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&unauthenticated, "status").as_f64(), Some(401.0));
    assert!(sandbox.handle("BREW", "x".into(), JsValue::NULL, Vec::new(), 0.0).is_err());
    assert_eq!(sandbox.take_webhook_deliveries().length(), 0);
}
