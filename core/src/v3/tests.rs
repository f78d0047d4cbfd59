//! The engine on the generated tables: inputs, requests and every answer shape.

use serde_json::{json, Value};

use super::*;
use crate::config::{ApiVersion, Config, Region};
use crate::error::Error;
use crate::http::{HttpResponse, Method};

const ID: &str = "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10";

fn config(version: ApiVersion) -> Config {
    Config::builder().api_token("api_sandbox.abc").region(Region::Eu).api_version(version).build().unwrap()
}

fn build(id: &str, input: Value) -> Result<crate::HttpRequest, Error> {
    build_request(id, &config(ApiVersion::V3_6), &input, None)
}

fn fields(result: Result<crate::HttpRequest, Error>) -> Vec<String> {
    match result {
        Err(Error::Validation(fields)) => fields.iter().map(|(f, _)| f.to_string()).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn parse(id: &str, status: u16, headers: &[(&str, &str)], body: &[u8]) -> Result<Value, Error> {
    let mut response = HttpResponse::new(status, body.to_vec());
    response.headers = headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    parse_response(ApiVersion::V3_6, id, response)
}

#[test]
fn every_operation_of_the_document_is_in_the_table() {
    assert_eq!(operations().len(), 84);
    let v34 = operations().iter().filter(|op| op.v3_4_id.is_some()).count();
    assert_eq!(v34, 39);
    assert!(operations().iter().any(|op| op.method == Method::Patch));
}

#[test]
fn creates_an_applicant_with_an_address() {
    let input = json!({"first_name": "Jane", "last_name": "Doe", "dob": "1990-01-31",
        "address": {"country": "GBR", "postcode": "S2 2DF", "town": "London"}});
    let request = build("create_applicant", input.clone()).unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://api.eu.onfido.com/v3.6/applicants");
    assert_eq!(request.header("authorization"), Some("Token token=api_sandbox.abc"));
    assert_eq!(serde_json::from_slice::<Value>(&request.body).unwrap(), input);
}

#[test]
fn refuses_bad_inputs_naming_every_field() {
    let input = json!({"first_name": "Ja<ne", "dbo": "1990-01-01", "dob": "1990-02-30",
        "address": {"country": "GB"}, "email": 5});
    let mut got = fields(build("create_applicant", input));
    got.sort();
    assert_eq!(got, ["address.country", "address.postcode", "dbo", "dob", "email", "first_name", "last_name"]);
    assert_eq!(
        fields(build("create_check", json!({"applicant_id": "nope", "report_names": ["document_x"]}))),
        ["applicant_id", "report_names[0]"]
    );
    assert_eq!(fields(build("find_applicant", json!({"applicant_id": "a/b"}))), ["applicant_id"]);
    assert_eq!(fields(build("find_task", json!({"workflow_run_id": ID, "task_id": "../x"}))), ["task_id"]);
    assert_eq!(fields(build("create_webhook", json!({"url": "http://example.com/hook"}))), ["url"]);
    assert!(build("create_webhook", json!({"url": "http://127.0.0.1:8080/hook"})).is_ok());
}

#[test]
fn refuses_an_operation_the_version_lacks() {
    let v34 = config(ApiVersion::V3_4);
    assert_eq!(fields(build_request("download_nfc_face", &v34, &json!({"document_id": ID}), None)), ["operation"]);
    assert_eq!(fields(build("retrieve_applicant", json!({"applicant_id": ID}))), ["operation"]);
    let renamed = build_request("delete_applicant", &v34, &json!({"applicant_id": ID}), None).unwrap();
    assert_eq!(renamed.url, format!("https://api.eu.onfido.com/v3.4/applicants/{ID}"));
    assert_eq!(fields(build_request("destroy_applicant", &v34, &json!({"applicant_id": ID}), None)), ["operation"]);
    assert_eq!(
        fields(build_request("create_webhook", &v34, &json!({"url": "https://x.test", "payload_version": 2}), None)),
        ["payload_version"]
    );
}

#[test]
fn free_text_path_ids_are_percent_encoded() {
    let request = build("find_passkey", json!({"username": "jane doe/x", "passkey_id": "k?1"})).unwrap();
    assert_eq!(request.url, "https://api.eu.onfido.com/v3.6/passkeys/jane%20doe%2Fx/k%3F1");
}

#[test]
fn query_arrays_repeat_and_patch_sends_json() {
    let request =
        build("list_workflow_runs", json!({"page": 2, "tags": ["a", "b"], "status": "approved,review"})).unwrap();
    assert_eq!(
        request.url,
        "https://api.eu.onfido.com/v3.6/workflow_runs?page=2&status=approved%2Creview&tags=a&tags=b"
    );
    let patch = build("update_watchlist_monitor_match", json!({"monitor_id": ID, "enable": [ID]})).unwrap();
    assert_eq!(patch.method, Method::Patch);
    assert_eq!(patch.body, format!(r#"{{"enable":["{ID}"]}}"#).into_bytes());
}

#[test]
fn uploads_check_bytes_and_the_endpoint_limits() {
    let png = |size: usize| {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        bytes.resize(size, 0);
        bytes
    };
    use base64::Engine as _;
    let file = |bytes: Vec<u8>| json!({"filename": "id.png", "content_base64": base64::engine::general_purpose::STANDARD.encode(bytes)});
    let ok = build(
        "upload_document",
        json!({"applicant_id": ID, "type": "passport", "file": file(png(2048)),
        "validate_image_quality": true, "location": {"ip_address": "127.0.0.1", "country_of_residence": "GBR"}}),
    )
    .unwrap();
    let content_type = ok.header("content-type").unwrap().to_owned();
    let parts = crate::multipart::parse(&content_type, &ok.body).unwrap();
    let text =
        |name: &str| parts.iter().find(|p| p.name == name).map(|p| String::from_utf8_lossy(&p.data).into_owned());
    assert_eq!(text("validate_image_quality").as_deref(), Some("true"));
    assert_eq!(text("location").as_deref(), Some(r#"{"country_of_residence":"GBR","ip_address":"127.0.0.1"}"#));
    assert_eq!(
        parts.iter().find(|p| p.name == "file").and_then(|p| p.content_type.clone()).as_deref(),
        Some("image/png")
    );
    assert_eq!(
        fields(build("upload_document", json!({"applicant_id": ID, "type": "passport", "file": file(png(2047))}))),
        ["file"]
    );
    assert_eq!(fields(build("upload_live_photo", json!({"applicant_id": ID, "file": file(png(32767))}))), ["file"]);
    assert_eq!(
        fields(build("upload_signing_document", json!({"applicant_id": ID, "file": file(png(4096))}))),
        ["file"]
    );
}

#[test]
fn reads_every_answer_shape() {
    let applicant = parse(
        "find_applicant",
        200,
        &[],
        br#"{"id": "a", "first_name": "Jane", "new_field": {"x": 1}, "address": null}"#,
    )
    .unwrap();
    assert_eq!(applicant["new_field"]["x"], 1);
    assert_eq!(parse("list_tasks", 200, &[], br#"[{"id": "profile_1"}]"#).unwrap()[0]["id"], "profile_1");
    assert_eq!(parse("delete_applicant", 204, &[], b"").unwrap(), json!({}));
    assert_eq!(parse("complete_task", 200, &[], b"").unwrap(), json!({}));
    assert_eq!(parse("ping", 200, &[("Content-Type", "text/plain")], b"OK").unwrap(), json!({"text": "OK"}));
    let redirect = parse("download_evidence_folder", 302, &[("Location", "https://files.example/x.zip")], b"").unwrap();
    assert_eq!(redirect, json!({"redirect": {"location": "https://files.example/x.zip"}}));
    let created = parse(
        "force_report_creation_from_watchlist_monitor",
        201,
        &[("Location", "https://api.eu.onfido.com/v3.6/reports/r")],
        b"",
    )
    .unwrap();
    assert_eq!(created["location"], "https://api.eu.onfido.com/v3.6/reports/r");
    let file = parse("download_check", 200, &[("Content-Type", "application/pdf")], b"%PDF-1.4 x").unwrap();
    assert_eq!(file["size"], 10);
    assert!(matches!(parse("find_applicant", 200, &[], br#"{"id": 7}"#), Err(Error::Decode { .. })));
    assert!(matches!(
        parse("find_applicant", 404, &[], br#"{"error": {"type": "resource_not_found"}}"#),
        Err(Error::Api(_))
    ));
}

#[test]
fn reports_are_a_union_with_free_form_data() {
    let odd = br#"{"id": "r", "name": "document", "breakdown": {"x": 5}, "properties": "weird", "result": null}"#;
    assert_eq!(parse("find_report", 200, &[], odd).unwrap()["properties"], "weird");
    // A kind the core does not know is kept whole; the fields the known kinds declare keep their types.
    let unknown = br#"{"id": "r", "name": "future_report", "score": {"x": [1]}, "status": "complete"}"#;
    assert_eq!(parse("find_report", 200, &[], unknown).unwrap()["score"]["x"][0], 1);
    let typed =
        endpoints::parse_typed("find_report", ApiVersion::V3_6, HttpResponse::new(200, unknown.to_vec())).unwrap();
    assert_eq!(typed["score"]["x"][0], 1);
    // Facial similarity kinds declare `live_photos`, Document kinds do not: any kind may carry it.
    let media = br#"{"id": "r", "name": "document", "live_photos": [{"id": "p"}]}"#;
    assert_eq!(parse("find_report", 200, &[], media).unwrap()["live_photos"][0]["id"], "p");
    let wrong = br#"{"reports": [{"id": "r", "name": "document", "documents": 5}]}"#;
    match parse("list_reports", 200, &[], wrong) {
        Err(Error::Decode { message, .. }) => assert!(message.starts_with("reports[0].documents"), "{message}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn retries_follow_the_method_and_an_explicit_list() {
    let op = |id| operation(ApiVersion::V3_6, id).unwrap();
    assert!(is_idempotent(op("find_applicant")));
    assert!(is_idempotent(op("resume_check")));
    assert!(!is_idempotent(op("create_check")));
    assert!(!is_idempotent(op("resend_webhooks")));
    assert!(!is_idempotent(op("update_watchlist_monitor_match")));
    assert!(is_paginated(op("list_workflow_runs")) && !is_paginated(op("list_checks")));
}

#[test]
fn secrets_never_show_in_errors_or_debug() {
    let body = br#"{"id": 7, "token": "whsec-1", "oauth_server_client_secret": "cs-\"2", "url": "https://x.test"}"#;
    let error = parse("create_webhook", 201, &[], body).unwrap_err();
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("whsec-1") && !shown.contains("cs-"), "{shown}");
    match &error {
        Error::Decode { excerpt, .. } => assert!(excerpt.contains(r#""token": "***""#), "{excerpt}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    let response = HttpResponse::new(200, body.to_vec());
    assert!(!format!("{response:?}").contains("whsec-1"));
    assert_eq!(crate::error::redact_secrets(r#"{"token":"a\"b","x":"token"}"#), r#"{"token":"***","x":"token"}"#);
    assert_eq!(crate::error::redact_secrets(r#"{"token": "unterminated"#), r#"{"token": "***""#);
    assert_eq!(
        crate::error::redact_secrets(r#"["a\"", "token", {"client_secret" : "x"}]"#),
        r#"["a\"", "token", {"client_secret" : "***"}]"#
    );
}

#[test]
fn verify_event_reads_v3_notifications() {
    use crate::webhook::{sign, Algorithm};
    let check = br#"{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"c1","status":"complete","completed_at_iso8601":"2019-10-28T15:00:39Z","href":"https://api.eu.onfido.com/v3.6/checks/c1"}}}"#;
    let signature = sign(check, "whsec", Algorithm::Sha256);
    let event = verify_event(check, [("X-SHA2-Signature", signature.as_str())], "whsec").unwrap();
    assert_eq!(event["payload"]["object"]["status"], "complete");
    let sha1 = sign(check, "whsec", Algorithm::Sha1);
    assert!(verify_event(check, [("X-Signature", sha1.as_str())], "whsec").is_ok());
    assert!(matches!(
        verify_event(check, [("X-SHA2-Signature", "00"), ("X-Signature", sha1.as_str())], "whsec"),
        Err(Error::Signature(_))
    ));

    let run = br#"{"payload":{"resource_type":"workflow_run","action":"workflow_run.completed","object":{"id":"w1","status":"approved"},"resource":{"id":"w1","workflow_id":"f1","status":"approved","output":{"score":1},"tags":["vip"],"future":true}}}"#;
    let event = parse_event(run).unwrap();
    assert_eq!(event["payload"]["resource"]["future"], true);
    let unknown = br#"{"payload":{"resource_type":"passkey","action":"passkey.created","object":{"id":"p1"}}}"#;
    assert_eq!(parse_event(unknown).unwrap()["payload"]["action"], "passkey.created");
    for bad in [
        &br#"{"payload":{"resource_type":"check"}}"#[..],
        br#"{"payload":{"action":5,"resource_type":"check"}}"#,
        b"[]",
        b"{",
    ] {
        assert!(matches!(parse_event(bad), Err(Error::Decode { .. })), "{}", String::from_utf8_lossy(bad));
    }
}

#[test]
fn routes_method_and_path_to_the_operation() {
    let found = |version, method, path: &str| route(version, method, path).map(|(op, params)| (op.id, params));
    let (id, params) = found(ApiVersion::V3_6, Method::Get, &format!("/applicants/{ID}")).unwrap();
    assert_eq!((id, params), ("find_applicant", vec![("applicant_id", ID.to_owned())]));
    assert_eq!(found(ApiVersion::V3_6, Method::Post, "/webhooks/resend").unwrap().0, "resend_webhooks");
    assert_eq!(found(ApiVersion::V3_6, Method::Put, "/webhooks/resend").unwrap().0, "update_webhook");
    let (id, params) = found(ApiVersion::V3_6, Method::Get, "/passkeys/jane%20doe/pk-1").unwrap();
    assert_eq!(id, "find_passkey");
    assert_eq!(params, vec![("username", "jane doe".to_owned()), ("passkey_id", "pk-1".to_owned())]);
    assert_eq!(found(ApiVersion::V3_6, Method::Get, "/ping?x=1").unwrap().0, "ping");
    assert!(found(ApiVersion::V3_6, Method::Delete, "/ping").is_none());
    assert!(found(ApiVersion::V3_6, Method::Get, "/applicants/a/b/c").is_none());
    // v3.4 has only its profile; v2 has none of these.
    assert!(found(ApiVersion::V3_6, Method::Get, "/passkeys/jane").is_some());
    assert!(found(ApiVersion::V3_4, Method::Get, "/passkeys/jane").is_none());
    assert_eq!(found(ApiVersion::V3_4, Method::Get, "/applicants").unwrap().0, "list_applicants");
    assert!(found(ApiVersion::V2, Method::Get, "/applicants").is_none());
    // Every operation's own template routes back to it.
    for op in operations() {
        let path = op.path.replace('{', "x").replace('}', "");
        assert_eq!(found(ApiVersion::V3_6, op.method, &path).map(|(id, _)| id), Some(op.id), "{}", op.path);
    }
}

#[test]
fn check_input_runs_the_build_checks() {
    let op = operation(ApiVersion::V3_6, "create_applicant").unwrap();
    let input = json!({"first_name": "Jane", "last_name": "Doe"});
    assert!(check_input(op, ApiVersion::V3_6, input.as_object().unwrap(), None).is_ok());
    let input = json!({"first_name": "Jane", "dob": "2999-01-01", "dbo": 1});
    match check_input(op, ApiVersion::V3_6, input.as_object().unwrap(), Some(1_700_000_000)) {
        Err(Error::Validation(fields)) => {
            let names: Vec<String> = fields.iter().map(|(f, _)| f.to_string()).collect();
            assert_eq!(names, ["dbo", "dob", "last_name"]);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let upload = operation(ApiVersion::V3_6, "upload_live_photo").unwrap();
    let fields = json!({"applicant_id": ID});
    let small = crate::multipart::FileUpload::new("me.png", b"\x89PNG\r\n\x1a\nxx".to_vec());
    assert!(check_input(upload, ApiVersion::V3_6, fields.as_object().unwrap(), None).is_err(), "file required");
    let refused = check_upload_input(upload, ApiVersion::V3_6, fields.as_object().unwrap(), &small, None);
    assert!(matches!(refused, Err(Error::Validation(f)) if f.iter().any(|(n, _)| n == "file")));
}

#[test]
fn v2_operations_refuse_a_v3_configuration() {
    use crate::operations::applicants::CreateApplicant;
    use crate::operations::Operation;
    let error = CreateApplicant::new("Jane", "Doe").build(&config(ApiVersion::V3_6)).unwrap_err();
    assert_eq!(fields(Err(error)), ["operation"]);
    assert!(CreateApplicant::new("Jane", "Doe").build(&config(ApiVersion::V2)).is_ok());
    assert_eq!(Config::builder().api_token("api_sandbox.x").build().unwrap().api_version(), ApiVersion::V3_6);
}

#[test]
fn typed_models_hide_secrets_in_debug() {
    let body =
        br#"{"id": "w1", "url": "https://x.test/hook", "token": "whsec-9", "oauth_server_client_secret": "cs-9"}"#;
    let webhook = endpoints::CreateWebhook::parse(ApiVersion::V3_6, HttpResponse::new(201, body.to_vec())).unwrap();
    assert_eq!(webhook.token.as_deref(), Some("whsec-9"), "the value stays readable");
    let shown = format!("{webhook:?}");
    assert!(!shown.contains("whsec-9") && !shown.contains("cs-9") && shown.contains("***"), "{shown}");
}

/// `check_response` reads every answer as `parse_response` does; `Body` only when the body, parsed
/// as JSON, is exactly that answer.
fn checks_as_it_parses(id: &str, status: u16, body: &[u8]) -> bool {
    let parsed = parse(id, status, &[], body);
    let checked = check_response(ApiVersion::V3_6, id, HttpResponse::new(status, body.to_vec()));
    match checked {
        Ok(Checked::Body(returned)) => {
            assert_eq!(returned, body);
            assert_eq!(
                Ok(serde_json::from_slice::<Value>(body).unwrap()),
                parsed,
                "{id}: {}",
                String::from_utf8_lossy(body)
            );
            true
        }
        Ok(Checked::Value(value)) => {
            assert_eq!(Ok(value), parsed, "{id}: {}", String::from_utf8_lossy(body));
            false
        }
        Err(error) => {
            assert_eq!(Err(error), parsed, "{id}: {}", String::from_utf8_lossy(body));
            false
        }
    }
}

#[test]
fn a_conforming_body_is_the_answer_and_anything_else_reads_as_before() {
    let applicant =
        |extra: &str| format!(r#"{{"id":"{ID}","first_name":"Jane","last_name":"Doe"{extra}}}"#).into_bytes();
    // Conforming: declared fields of their types, nulls for absent members, unknown members, escapes.
    for body in [
        applicant(""),
        applicant(r#","email":null,"id_numbers":[{"type":"ssn","value":"1"}],"new_field":{"deep":[1,"x",null]}"#),
        applicant(r#","first_name":"J\u00e9\"ane\\","address":{"postcode":"S2 2DF","unknown":true}"#),
        format!(r#"  {{"id":"{ID}"}}  "#).into_bytes(),
    ] {
        assert!(checks_as_it_parses("find_applicant", 200, &body), "{}", String::from_utf8_lossy(&body));
    }
    // Not conforming, or not JSON, or not an answer: the tree-building read, its error or value.
    for body in [
        applicant(r#","first_name":5"#),
        applicant(r#","id_numbers":[null]"#),
        applicant(r#","id_numbers":{"type":"ssn"}"#),
        applicant(r#","address":"12 Main St""#),
        applicant(r#","first_name":5,"first_name":"Jane""#), // the last duplicate wins, as in the tree
        b"null".to_vec(),
        b"".to_vec(),
        b"[]".to_vec(),
        format!(r#"{{"id":"{ID}"}} trailing"#).into_bytes(),
        br#"{"id":"\ud800"}"#.to_vec(),
        b"{\"id\":\"\xff\"}".to_vec(),
        "[".repeat(200).into_bytes(),
    ] {
        assert!(!checks_as_it_parses("find_applicant", 200, &body), "{}", String::from_utf8_lossy(&body));
    }
    assert!(!checks_as_it_parses("find_applicant", 404, br#"{"error":{"type":"resource_not_found"}}"#));
    // Whole numbers: what fits an i64, as `Value::as_i64` reads it.
    let document = |size: &str| format!(r#"{{"id":"{ID}","file_size":{size}}}"#).into_bytes();
    assert!(checks_as_it_parses("find_document", 200, &document("12")));
    assert!(checks_as_it_parses("find_document", 200, &document("-1")));
    for size in ["1.0", "1e3", "9223372036854775808", "\"12\"", "true"] {
        assert!(!checks_as_it_parses("find_document", 200, &document(size)), "{size}");
    }
    // Not JSON answers (a file, no content) read as before.
    assert!(!checks_as_it_parses("download_document", 200, b"%PDF-1.4"));
    assert!(!checks_as_it_parses("delete_applicant", 204, b""));
}
