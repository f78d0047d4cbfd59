//! Property tests: no input makes the parsers panic, no request carries a broken header.

use onfido_core::pagination::parse_link_header;
use onfido_core::referrer::ReferrerPattern;
use onfido_core::v3::schema::{Answer, Op};
use onfido_core::{dynamic, v3, ApiVersion, Config, HttpResponse, OperationId};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A v3.6 operation.
fn v3_operation() -> impl Strategy<Value = &'static Op> {
    prop::sample::select(v3::operations().to_vec())
}

fn operation() -> impl Strategy<Value = OperationId> {
    (0..OperationId::ALL.len()).prop_map(|i| OperationId::ALL.get(i).copied().unwrap_or(OperationId::ListWebhooks))
}

/// Bodies that are random bytes, or JSON close to what the API sends.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        "[a-z_ .:0-9-]{0,12}".prop_map(Value::from),
        prop::sample::select(vec!["clear", "consider", "complete", "2014-05-23T13:50:33Z", "2014-05-23 13:50:33 UTC"])
            .prop_map(Value::from),
    ];
    let keys = prop::sample::select(vec![
        "id",
        "error",
        "type",
        "message",
        "fields",
        "messages",
        "applicants",
        "checks",
        "reports",
        "breakdown",
        "properties",
        "result",
        "status",
        "created_at",
        "addresses",
        "id_numbers",
        "challenge",
        "query",
        "token",
        "events",
        "webhooks",
        "documents",
        "report_types",
        "doc_info",
        "extracted_data",
        "ocr_results",
        "success",
        "live_photos",
        "live_videos",
        "report_type_groups",
        "sub_result",
        "name",
        "file_size",
        "tags",
        "report_ids",
        "workflow_runs",
        "monitors",
        "matches",
        "biometric_tokens",
        "passkeys",
        "repeat_attempts",
        "document_classification",
        "link",
        "output",
        "data",
    ]);
    let json = leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    });
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        json.prop_map(|v| serde_json::to_vec(&v).unwrap_or_default()),
    ]
}

fn header() -> impl Strategy<Value = (String, String)> {
    let name = prop::sample::select(vec![
        "Content-Type",
        "Link",
        "X-Total-Count",
        "Retry-After",
        "Content-Disposition",
        "link",
        "X-Other",
    ]);
    let value = prop_oneof![
        ".{0,80}",
        "(<https://api.onfido.com/v2/applicants\\?page=[0-9]{1,3}>; rel=\"?(next|last|prev|first)\"?, ?){0,3}",
        "(attachment|inline); filename\\*?=(\"[^\"]{0,12}\"|UTF-8''[%A-Za-z0-9.]{0,12})",
    ];
    (name, value).prop_map(|(n, v)| (n.to_owned(), v))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics(op in operation(), status in 0u16..1000, headers in prop::collection::vec(header(), 0..4), body in body()) {
        let response = HttpResponse { status, headers, body };
        let _ = dynamic::parse_response(op.as_str(), response);
    }

    #[test]
    fn v3_parse_never_panics_and_keeps_what_the_server_sent(
        op in v3_operation(), status in prop_oneof![Just(200u16), 0u16..1000], headers in prop::collection::vec(header(), 0..4), body in body(),
    ) {
        let response = HttpResponse { status, headers, body: body.clone() };
        let parsed = v3::parse_response(ApiVersion::V3_6, op.id, response);
        // Parse then serialise is the identity on the JSON value: nothing the server sent is lost.
        if let (Ok(value), Answer::Json(_), true) = (&parsed, op.answer, (200..300).contains(&status)) {
            if let Ok(sent) = serde_json::from_slice::<Value>(&body) {
                prop_assert_eq!(value, &sent);
            }
        }
    }

    #[test]
    fn v3_typed_models_round_trip(op in v3_operation(), body in body()) {
        // Parse into the generated model then serialise: the identity on the JSON value (numbers by
        // value; `null` members are dropped, so bodies holding one are not compared).
        let Answer::Json(_) = op.answer else { return Ok(()) };
        let Ok(sent) = serde_json::from_slice::<Value>(&body) else { return Ok(()) };
        let typed = v3::endpoints::parse_typed(op.id, ApiVersion::V3_6, HttpResponse::new(200, body));
        let tables = v3::parse_response(ApiVersion::V3_6, op.id, HttpResponse::new(200, serde_json::to_vec(&sent).unwrap_or_default()));
        prop_assert_eq!(typed.is_ok(), tables.is_ok(), "typed {:?} / tables {:?}", typed, tables);
        if let (Ok(read), false) = (typed, has_null(&sent)) {
            prop_assert!(same_json(&read, &sent), "{} read back as {}", sent, read);
        }
    }

    #[test]
    fn v3_path_ids_never_add_a_step_or_break_a_header(op in v3_operation(), id in ".{0,16}", text in ".{0,16}") {
        let Ok(config) = Config::from_json(&json!({"token": "api_sandbox.abc", "api_version": "v3.6"})) else {
            return Err(TestCaseError::fail("config"));
        };
        let mut input = serde_json::Map::new();
        for param in op.params {
            input.insert(param.name.to_owned(), Value::from(id.clone()));
        }
        if let Some(body) = &op.body {
            for field in body.object.fields {
                input.insert(field.name.to_owned(), Value::from(text.clone()));
            }
        }
        if let Ok(request) = v3::build_request(op.id, &config, &Value::Object(input), None) {
            for (name, value) in &request.headers {
                prop_assert!(!name.contains(['\r', '\n']) && !value.contains(['\r', '\n']), "{name}: {value:?}");
            }
            let url = url::Url::parse(&request.url).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let steps = op.path.split('/').filter(|s| !s.is_empty()).count() + 1;
            prop_assert_eq!(url.path_segments().map_or(0, Iterator::count), steps, "{}", request.url);
            prop_assert!(url.path().starts_with("/v3.6/"), "{}", request.url);
        }
    }

    #[test]
    fn link_and_referrer_parsers_never_panic(text in ".{0,120}", url in ".{0,80}") {
        let _ = parse_link_header(&text);
        if let Ok(pattern) = ReferrerPattern::parse(&text) {
            let _ = pattern.matches(&url);
            let _ = pattern.lint();
        }
    }

    #[test]
    fn built_headers_never_hold_line_breaks(
        op in operation(),
        token in prop_oneof![Just(None), ".{0,24}".prop_map(Some), "test_[ -~\r\n\t]{0,16}".prop_map(Some)],
        id in ".{0,16}",
        text in ".{0,16}",
        filename in ".{0,16}",
    ) {
        let config = match Config::from_json(&json!({"token": token, "base_url": "https://proxy.example/v2"})) {
            Ok(config) => config,
            Err(_) => return Ok(()),
        };
        let mut file = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        file.resize(32 * 1024, 0);
        let input = json!({
            "applicant_id": id, "document_id": id, "live_photo_id": id, "live_video_id": id, "check_id": id,
            "report_id": id, "webhook_id": id, "report_type_group_id": id, "first_name": text, "last_name": text,
            "type": "express", "reports": [{"name": text}], "url": format!("https://{text}"), "referrer": text,
            "postcode": text, "code": text, "side": "front", "issuing_country": text,
            "file": {"filename": filename, "content_base64": base64_of(&file)},
        });
        if let Ok(request) = dynamic::build_request(op.as_str(), &config, &input) {
            for (name, value) in &request.headers {
                prop_assert!(!name.contains(['\r', '\n']) && !value.contains(['\r', '\n']), "{name}: {value:?}");
            }
            prop_assert!(!request.url.chars().any(|c| c.is_control() || c.is_whitespace()), "{}", request.url);
        }
    }
}

fn has_null(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.iter().any(has_null),
        Value::Object(map) => map.values().any(has_null),
        _ => false,
    }
}

/// JSON equality with numbers compared by value (`5` and `5.0` are one number).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
