use serde_json::json;

use super::*;
use crate::oauth::ClientCredentials;

const TOKEN: &str = "api_sandbox.secret-token-value";
const API: &str = "https://api.eu.onfido.com/v3.6";

fn session() -> Session {
    Session::new(Config::builder().api_token(TOKEN).build().unwrap())
}

fn oauth_session() -> Session {
    let credentials = ClientCredentials::new("client-1", "oauth-secret-1").unwrap();
    Session::new(Config::builder().oauth(credentials).build().unwrap())
}

fn at(ms: u64) -> Now {
    Now { unix: 1_700_000_000 + (ms / 1000) as i64, monotonic_ms: ms, jitter: 0.0 }
}

fn json_response(status: u16, body: Value) -> HttpResponse {
    HttpResponse::new(status, body.to_string().into_bytes())
}

fn applicant() -> HttpResponse {
    json_response(200, json!({"id": "a1", "first_name": "Jane", "last_name": "Doe"}))
}

fn send(step: Step) -> Send {
    match step {
        Step::Send(send) => send,
        other => panic!("expected a send, got {other:?}"),
    }
}

fn wait(step: Step) -> Wait {
    match step {
        Step::Wait(wait) => wait,
        other => panic!("expected a wait, got {other:?}"),
    }
}

fn done(step: Step) -> Result<Answer, Error> {
    match step {
        Step::Done(result) => result,
        other => panic!("expected the end, got {other:?}"),
    }
}

fn find(session: &Session) -> Call {
    Call::new(
        session,
        "find_applicant",
        &json!({"applicant_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}),
        1_700_000_000,
    )
    .unwrap()
}

#[test]
fn a_call_sends_once_and_answers() {
    let mut s = session();
    let mut call = find(&s);
    let first = send(call.start(&mut s, at(0)));
    assert_eq!((first.attempt, first.purpose, first.timeout_ms), (1, Purpose::Call, DEFAULT_TIMEOUT_MS));
    assert_eq!(first.request.url, format!("{API}/applicants/1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
    let answer = done(call.received(&mut s, Ok(applicant().with_header("X-Request-Id", "req-7")), at(5))).unwrap();
    assert_eq!((answer.response.status, answer.request_id(), answer.attempts), (200, Some("req-7"), 1));
    assert_eq!(answer.next_input, None);
    assert_eq!(answer.parse().unwrap()["first_name"], "Jane");

    // Error statuses are the core's errors.
    let mut refused = find(&s);
    send(refused.start(&mut s, at(0)));
    let error = done(refused.received(&mut s, Ok(json_response(403, json!({}))), at(1))).unwrap_err();
    assert_eq!(error.name(), "PermissionError");
}

#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let s = session();
    let error = Call::new(&s, "create_applicant", &json!({"first_name": "Jane", "dbo": "1990-01-01"}), 0).unwrap_err();
    assert_eq!(error.name(), "ValidationError");
    assert!(error.fields().unwrap().contains("dbo"), "{error}");
    assert!(Call::new(&s, "no_such_operation", &json!({}), 0).is_err());
}

#[test]
fn idempotent_calls_retry_5xx_and_posts_do_not() {
    let mut s = session();
    let mut call = find(&s);
    send(call.start(&mut s, at(0)));
    let backoff = wait(call.received(&mut s, Ok(json_response(503, json!({}))), at(100)));
    assert_eq!(backoff, Wait { ms: 500, reason: WaitReason::Retry });
    let again = send(call.waited(&mut s, at(600)));
    assert_eq!(again.attempt, 2);
    let answer = done(call.received(&mut s, Ok(applicant()), at(700))).unwrap();
    assert_eq!(answer.attempts, 2);

    let input = json!({"first_name": "Jane", "last_name": "Doe"});
    let mut create = Call::new(&s, "create_applicant", &input, 0).unwrap();
    send(create.start(&mut s, at(0)));
    let error = done(create.received(&mut s, Ok(json_response(503, json!({}))), at(10))).unwrap_err();
    assert_eq!(error.name(), "ServerError");
    assert_eq!(error.call().unwrap().attempts, 1);

    let mut lost = Call::new(&s, "create_applicant", &input, 0).unwrap();
    send(lost.start(&mut s, at(0)));
    let error = done(lost.received(&mut s, Err((Failure::Timeout, "no answer".into())), at(30_000))).unwrap_err();
    assert_eq!(error.name(), "TransportError");
    assert_eq!(
        error.to_string(),
        format!("POST {API}/applicants (create_applicant) timed out after 30000 ms: no answer [1 attempt].")
    );
}

#[test]
fn a_refused_connection_is_retried_even_for_a_post_and_429_waits_as_told() {
    let mut s = session();
    let input = json!({"first_name": "Jane", "last_name": "Doe"});
    let mut create = Call::new(&s, "create_applicant", &input, 0).unwrap();
    send(create.start(&mut s, at(0)));
    wait(create.received(&mut s, Err((Failure::Connect, "refused".into())), at(1)));
    send(create.waited(&mut s, at(600)));
    let limited = json_response(429, json!({"error": {"type": "rate_limit", "message": "slow down"}}))
        .with_header("Retry-After", "2");
    assert_eq!(create.received(&mut s, Ok(limited), at(700)).wait_ms(), Some(2000));
    send(create.waited(&mut s, at(2700)));
    let created = json_response(201, json!({"id": "a2", "first_name": "Jane", "last_name": "Doe"}));
    assert_eq!(done(create.received(&mut s, Ok(created), at(2800))).unwrap().attempts, 3);

    // A Retry-After nobody can read ends the retrying.
    let mut again = Call::new(&s, "create_applicant", &input, 0).unwrap();
    send(again.start(&mut s, at(0)));
    let odd = json_response(429, json!({})).with_header("Retry-After", "1e9");
    let error = done(again.received(&mut s, Ok(odd), at(1))).unwrap_err();
    assert_eq!(error.name(), "RateLimitError");
}

#[test]
fn the_deadline_bounds_every_wait() {
    let mut s = session();
    let mut call = find(&s);
    send(call.start(&mut s, at(0)));
    // 59.9 s in, a backoff would end past the 60 s deadline: the 503 is the answer.
    let error = done(call.received(&mut s, Ok(json_response(503, json!({}))), at(59_900))).unwrap_err();
    assert_eq!(error.status(), Some(503));
}

#[test]
fn pacing_sleeps_before_sending_when_the_minute_is_full() {
    let mut s = session().with_rate_limit(2);
    let mut first = find(&s);
    send(first.start(&mut s, at(0)));
    let mut second = find(&s);
    let paced = wait(second.start(&mut s, at(0)));
    assert_eq!(paced, Wait { ms: 60_000, reason: WaitReason::Pacing });
    assert_eq!(send(second.waited(&mut s, at(60_000))).attempt, 1);
    // The sandbox's 30 a minute: 15 at once, then one every 4 s.
    let mut sandbox = session().with_pacing(true);
    for _ in 0..15 {
        send(find(&sandbox).start(&mut sandbox, at(0)));
    }
    assert_eq!(wait(find(&sandbox).start(&mut sandbox, at(0))).ms, 4_000);
}

#[test]
fn listings_say_the_next_page_and_stop_when_it_does_not_advance() {
    let mut s = session();
    let page = |n: u32| {
        json_response(200, json!({"applicants": []}))
            .with_header("Link", format!("<{API}/applicants?page={n}&per_page=20>; rel=\"next\""))
    };
    let mut call = Call::new(&s, "list_applicants", &json!({"per_page": 20}), 0).unwrap();
    send(call.start(&mut s, at(0)));
    let answer = done(call.received(&mut s, Ok(page(2)), at(1))).unwrap();
    let next = answer.next_input.unwrap();
    assert_eq!(next, json!({"page": 2, "per_page": 20}));

    let mut second = Call::new(&s, "list_applicants", &next, 0).unwrap();
    assert!(send(second.start(&mut s, at(2))).request.url.contains("page=2"));
    let error = done(second.received(&mut s, Ok(page(2)), at(3))).unwrap_err();
    assert_eq!(error.name(), "DecodeError");
    assert!(error.to_string().contains("would never end"), "{error}");
}

#[test]
fn redirects_are_followed_without_the_token_on_other_hosts() {
    let mut s = session();
    let mut call = Call::new(
        &s,
        "download_signed_evidence_file",
        &json!({"workflow_run_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"}),
        0,
    )
    .unwrap();
    let first = send(call.start(&mut s, at(0)));
    assert!(first.request.header("authorization").is_some());
    let moved = HttpResponse::new(302, Vec::new()).with_header("Location", "https://files.example/evidence.pdf?sig=x");
    let redirected = send(call.received(&mut s, Ok(moved), at(1)));
    assert_eq!(redirected.purpose, Purpose::Redirect);
    assert_eq!(redirected.request.url, "https://files.example/evidence.pdf?sig=x");
    assert_eq!(redirected.request.header("authorization"), None);
    assert!(!format!("{:?}", redirected.request.headers).contains(TOKEN));
    let file = HttpResponse::new(200, b"%PDF-1.4".to_vec()).with_header("Content-Type", "application/pdf");
    let answer = done(call.received(&mut s, Ok(file), at(2))).unwrap();
    assert_eq!(answer.attempts, 2);

    // Same origin keeps the token; a relative Location resolves against the request.
    let mut same =
        Call::new(&s, "download_document", &json!({"document_id": "6ba7b811-9dad-11d1-80b4-00c04fd430c8"}), 0).unwrap();
    send(same.start(&mut s, at(0)));
    let moved = HttpResponse::new(307, Vec::new())
        .with_header("Location", "/v3.6/documents/6ba7b811-9dad-11d1-80b4-00c04fd430c8/download?again=1");
    let again = send(same.received(&mut s, Ok(moved), at(1)));
    assert_eq!(again.request.url, format!("{API}/documents/6ba7b811-9dad-11d1-80b4-00c04fd430c8/download?again=1"));
    assert!(again.request.header("authorization").is_some());
}

#[test]
fn redirects_down_to_http_or_past_the_limit_are_not_followed() {
    let mut s = session();
    let input = json!({"workflow_run_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"});
    let mut call = Call::new(&s, "download_signed_evidence_file", &input, 0).unwrap();
    send(call.start(&mut s, at(0)));
    let downgrade = HttpResponse::new(302, Vec::new()).with_header("Location", "http://files.example/e.pdf");
    let answer = done(call.received(&mut s, Ok(downgrade), at(1))).unwrap();
    assert_eq!(answer.parse().unwrap(), json!({"redirect": {"location": "http://files.example/e.pdf"}}));

    let mut looping = Call::new(&s, "download_signed_evidence_file", &input, 0).unwrap();
    let mut step = looping.start(&mut s, at(0));
    let mut sent = 0;
    while let Step::Send(_) = step {
        sent += 1;
        let moved = HttpResponse::new(302, Vec::new()).with_header("Location", format!("https://files.example/{sent}"));
        step = looping.received(&mut s, Ok(moved), at(sent));
    }
    assert_eq!(sent, 1 + usize::from(MAX_REDIRECTS) as u64);
    assert!(done(step).unwrap().parse().unwrap()["redirect"]["location"].is_string());
}

#[test]
fn oauth_fetches_a_token_first_reuses_it_and_refreshes_it_once_on_401() {
    let mut s = oauth_session();
    let token_answer =
        |token: &str| json_response(200, json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600}));
    let mut call = find(&s);
    let token_request = send(call.start(&mut s, at(0)));
    assert_eq!(token_request.purpose, Purpose::Token);
    assert_eq!(token_request.request.url, format!("{API}/oauth/token"));
    let api = send(call.received(&mut s, Ok(token_answer("at-1")), at(10)));
    assert_eq!(api.request.header("authorization"), Some("Bearer at-1"));
    done(call.received(&mut s, Ok(applicant()), at(20))).unwrap();

    // The next call reuses the token; a 401 fetches a new one once.
    let mut next = find(&s);
    assert_eq!(send(next.start(&mut s, at(1000))).purpose, Purpose::Call);
    let refused = json_response(401, json!({"error": {"type": "authorization_error"}}));
    assert_eq!(send(next.received(&mut s, Ok(refused.clone()), at(1001))).purpose, Purpose::Token);
    let api = send(next.received(&mut s, Ok(token_answer("at-2")), at(1002)));
    assert_eq!(api.request.header("authorization"), Some("Bearer at-2"));
    let error = done(next.received(&mut s, Ok(refused), at(1003))).unwrap_err();
    assert_eq!(error.name(), "AuthenticationError");
    assert!(!format!("{error} {error:?} {s:?}").contains("at-2"));
    assert!(!format!("{error} {error:?} {s:?}").contains("oauth-secret-1"));

    // Near expiry (30 s before), the token is fetched again before the call.
    let mut late = find(&s);
    assert_eq!(send(late.start(&mut s, at(3_571_000))).purpose, Purpose::Token);
}

#[test]
fn a_refused_token_request_is_an_authentication_error() {
    let mut s = oauth_session();
    let mut call = find(&s);
    send(call.start(&mut s, at(0)));
    let refused = json_response(401, json!({"error": {"type": "authorization_error", "message": "bad client"}}));
    let error = done(call.received(&mut s, Ok(refused), at(1))).unwrap_err();
    assert_eq!(error.name(), "AuthenticationError");
    assert!(error.to_string().contains("oauth/token"), "{error}");
}

#[test]
fn api_errors_read_as_sentences_with_the_request_id_and_no_secret() {
    let mut s = session();
    let mut call = find(&s);
    send(call.start(&mut s, at(0)));
    let missing =
        json_response(404, json!({"error": {"type": "resource_not_found", "message": "Not found.", "id": "e-1"}}))
            .with_header("X-Request-Id", "req-1");
    let error = done(call.received(&mut s, Ok(missing), at(1))).unwrap_err();
    assert_eq!(error.name(), "NotFoundError");
    assert_eq!(
        error.to_string(),
        format!(
            "GET {API}/applicants/1b4e28ba-2fa1-11d2-883f-0016d3cca427 (find_applicant) was refused: 404 resource_not_found: Not found \
             [1 attempt; request id req-1]."
        )
    );
    let json = error.to_json();
    assert_eq!((json["kind"].as_str(), json["name"].as_str()), (Some("api"), Some("NotFoundError")));
    assert_eq!((json["id"].as_str(), json["request_id"].as_str()), (Some("e-1"), Some("req-1")));
    assert_eq!(json["call"]["operation"], "find_applicant");
    assert!(!format!("{error:?} {json}").contains(TOKEN));
    for (status, name) in [
        (400, "ApiError"),
        (401, "AuthenticationError"),
        (403, "PermissionError"),
        (410, "GoneError"),
        (422, "UnprocessableError"),
        (429, "RateLimitError"),
        (500, "ServerError"),
        (502, "ServerError"),
    ] {
        let api = crate::ApiError::from_response(&HttpResponse::new(status, Vec::new()));
        assert_eq!(Error::Api(Box::new(api)).name(), name);
    }
}

#[test]
fn statuses_no_http_answer_has_and_misuse_end_the_call_cleanly() {
    let mut s = session();
    let mut call = find(&s);
    send(call.start(&mut s, at(0)));
    let error = done(call.received(&mut s, Ok(HttpResponse::new(65_000, Vec::new())), at(1))).unwrap_err();
    assert_eq!(error.name(), "TransportError");
    assert!(error.to_string().contains("65000"), "{error}");

    let mut early = find(&s);
    assert!(done(early.received(&mut s, Ok(applicant()), at(0))).is_err());
    assert!(done(early.start(&mut s, at(0))).is_err());
}

#[test]
fn per_call_headers_and_timeouts() {
    let mut s = session().with_timeout_ms(5_000);
    let headers = vec![("X-Trace".to_owned(), "t-1".to_owned())];
    let mut call = find(&s).timeout_ms(1_000).headers(&headers).unwrap();
    let sent = send(call.start(&mut s, at(0)));
    assert_eq!((sent.request.header("x-trace"), sent.timeout_ms), (Some("t-1"), 1_000));
    assert_eq!(send(find(&s).start(&mut s, at(0))).timeout_ms, 5_000);
    for (name, value) in [("Authorization", "x"), ("Bad Name", "x"), ("X-Ok", "line\r\nbreak")] {
        let error = find(&s).headers(&[(name.to_owned(), value.to_owned())]).unwrap_err();
        assert_eq!(error.name(), "ValidationError", "{name}");
    }
}

impl Step {
    fn wait_ms(self) -> Option<u64> {
        match self {
            Step::Wait(wait) => Some(wait.ms),
            _ => None,
        }
    }
}
