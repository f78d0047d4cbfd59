"""The call loop is the core's (`onfido_core::call`): what Python users see of it: error classes
named as in every runtime, the request id, sentences naming the call, logging, pagination."""

from __future__ import annotations

import json
import logging
from typing import List

import pytest

from onfido_core.v2 import (
    Client,
    DecodeError,
    PermissionError,
    RetryPolicy,
    ServerError,
    TransportError,
    UnprocessableError,
)
from onfido_core._transport import Request, Response, TransportFailure

from support import RecordingTransport

TOKEN = "test_call_loop_token_value"
APPLICANT = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
FAST = RetryPolicy(initial_delay=0.001, max_delay=0.002)


def client(transport: RecordingTransport, retry: RetryPolicy = FAST) -> Client:
    return Client(api_token=TOKEN, transport=transport, retry=retry)


def error_response(status: int, type: str, request_id: str = "req-1") -> Response:
    body = json.dumps({"error": {"type": type, "message": "No.", "id": "err-9"}}).encode()
    return Response(status, [("Content-Type", "application/json"), ("X-Request-Id", request_id)], body)


def test_a_403_is_a_permission_error_with_both_ids_and_the_call() -> None:
    transport = RecordingTransport(lambda r: error_response(403, "account_disabled"))
    with pytest.raises(PermissionError) as caught:
        client(transport).applicants.retrieve(APPLICANT)
    error = caught.value
    assert (error.status, error.type, error.error_id, error.request_id) == (403, "account_disabled", "err-9", "req-1")
    assert (error.operation, error.attempts) == ("retrieve_applicant", 1)
    assert error.url == f"https://api.onfido.com/v2/applicants/{APPLICANT}"
    assert str(error) == (
        f"GET https://api.onfido.com/v2/applicants/{APPLICANT} (retrieve_applicant) was refused: "
        "403 account_disabled: No [1 attempt; request id req-1]."
    )
    assert TOKEN not in f"{error} {error!r} {error.__dict__}"


def test_a_422_that_is_not_a_validation_error_is_unprocessable() -> None:
    transport = RecordingTransport(lambda r: error_response(422, "missing_documents"))
    with pytest.raises(UnprocessableError) as caught:
        client(transport).checks.create(APPLICANT, type="standard", reports=[{"name": "document"}])
    assert caught.value.type == "missing_documents"


def test_retries_are_the_cores_and_are_logged_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    answers: List[Response] = [error_response(503, "internal_server_error")] * 2
    ok = Response(200, [], json.dumps({"id": APPLICANT, "first_name": "Jane", "last_name": "Doe"}).encode())

    def respond(request: Request) -> Response:
        return answers.pop() if answers else ok

    transport = RecordingTransport(respond)
    with caplog.at_level(logging.DEBUG, logger="onfido_core"):
        applicant = client(transport).applicants.retrieve(APPLICANT)
    assert applicant.first_name == "Jane" and len(transport.calls) == 3
    messages = [r.getMessage() for r in caplog.records if r.name == "onfido_core"]
    assert sum("waiting" in m and "(retry)" in m for m in messages) == 2, messages
    assert any("attempt 3" in m for m in messages), messages
    assert not any(TOKEN in m for m in messages)

    # A POST is not repeated after a 5xx: it may have created the applicant.
    failing = RecordingTransport(lambda r: error_response(503, "internal_server_error"))
    with pytest.raises(ServerError) as caught:
        client(failing).applicants.create(first_name="Jane", last_name="Doe")
    assert len(failing.calls) == 1 and caught.value.attempts == 1


def test_a_timeout_reads_as_a_sentence() -> None:
    def respond(request: Request) -> Response:
        raise TransportFailure("timeout", "read timed out")

    with pytest.raises(TransportError) as caught:
        Client(api_token=TOKEN, transport=RecordingTransport(respond), timeout=2.5).applicants.create(
            first_name="Jane", last_name="Doe"
        )
    assert caught.value.failure == "timeout"
    assert str(caught.value) == (
        "POST https://api.onfido.com/v2/applicants (create_applicant) timed out after 2500 ms: read timed out [1 attempt]."
    )


def test_a_listing_whose_next_page_never_advances_stops() -> None:
    def respond(request: Request) -> Response:
        link = '<https://api.onfido.com/v2/applicants?page=2>; rel="next"'
        return Response(200, [("Link", link)], b'{"applicants": [{"id": "%s"}]}' % APPLICANT.encode())

    transport = RecordingTransport(respond)
    with pytest.raises(DecodeError, match="never end"):
        list(client(transport).applicants.list())
    assert len(transport.calls) == 2


def test_app_name_joins_the_user_agent_and_with_options_sets_a_calls_timeout_and_headers() -> None:
    import onfido_core
    from onfido_core import ValidationError

    timeouts: List[float] = []

    class Timed(RecordingTransport):
        def send(self, request: Request, timeout: float) -> Response:
            timeouts.append(timeout)
            return RecordingTransport.send(self, request, timeout)

    body = json.dumps({"id": APPLICANT, "first_name": "Jane"}).encode()
    transport = Timed(lambda r: Response(200, [("Content-Type", "application/json")], body))
    plain = onfido_core.Client(api_token=TOKEN, transport=transport, timeout=7.0, app_name="acme-kyc/1.2")
    assert plain.applicants.find(APPLICANT).first_name == "Jane"
    tuned = plain.with_options(timeout=2.5, headers={"X-Trace": "abc"})
    assert tuned.applicants.find(APPLICANT).id == APPLICANT
    assert plain.applicants.find(APPLICANT).id == APPLICANT  # the original keeps its settings
    first, second, third = transport.calls
    agent = dict(first.headers)["User-Agent"]
    assert agent.endswith("acme-kyc/1.2") and agent.startswith("onfido-core"), agent
    assert dict(second.headers)["X-Trace"] == "abc" and "X-Trace" not in dict(third.headers)
    assert timeouts == [7.0, 2.5, 7.0]
    for bad in ({"timeout": 0}, {"timeout": "5"}, {"timeout": True}, {"headers": {"X-Trace": 1}}):
        with pytest.raises(ValidationError) as caught:
            plain.with_options(**bad)
        assert set(caught.value.fields) <= {"timeout", "headers"}
    with pytest.raises(ValidationError) as refused:
        plain.with_options(headers={"Authorization": "Token token=other"}).applicants.find(APPLICANT)
    assert "Authorization" in str(refused.value) or refused.value.fields
    assert len(transport.calls) == 3, "nothing is sent with a header the core owns"
