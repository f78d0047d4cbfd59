"""Every exception class of onfido_core, raised where it belongs."""

from __future__ import annotations

import datetime
import json
import socket
from typing import Any, Callable, Dict, List

import pytest
from support import DRIVING_LICENCE, RecordingTransport

from onfido_core.v2 import (
    ApiError,
    ApiValidationError,
    AuthenticationError,
    Client,
    ConfigError,
    DecodeError,
    GoneError,
    HttpxTransport,
    NotFoundError,
    OnfidoError,
    RateLimitError,
    Request,
    Response,
    RetryPolicy,
    SandboxTransport,
    SignatureError,
    TransportError,
    ValidationError,
    sign_webhook,
    verify_webhook,
)
from onfido_core import _native

PNG = DRIVING_LICENCE.read_bytes()
NEVER = RetryPolicy.never()


# --- refused before anything is sent


def tomorrow() -> str:
    return (datetime.date.today() + datetime.timedelta(days=2)).isoformat()


CLIENT_SIDE: Dict[str, Callable[[Client], Any]] = {
    "blank first_name": lambda c: c.applicants.create(first_name="  ", last_name="Doe"),
    "empty first_name": lambda c: c.applicants.create(first_name="", last_name="Doe"),
    "dob in the future": lambda c: c.applicants.create(first_name="Jane", last_name="Doe", dob=tomorrow()),
    "bad country": lambda c: c.applicants.create(first_name="Jane", last_name="Doe", country="XXX"),
    "bad country on update": lambda c: c.applicants.update("a1", country="England"),
    "bad referrer": lambda c: c.sdk_tokens.generate(applicant_id="a1", referrer="not a pattern"),
    "webhook over http to a public host": lambda c: c.webhooks.register(url="http://hooks.example/onfido"),
    "too small an upload": lambda c: c.documents.upload("a1", file=PNG[:1000], type="passport", filename="p.png"),
    "too small a live photo": lambda c: c.live_photos.upload(applicant_id="a1", file=PNG[:32767], filename="p.png"),
}
FIELD = {
    "blank first_name": "first_name",
    "empty first_name": "first_name",
    "dob in the future": "dob",
    "bad country": "country",
    "bad country on update": "country",
    "bad referrer": "referrer",
    "webhook over http to a public host": "url",
    "too small an upload": "file",
    "too small a live photo": "file",
}


@pytest.mark.parametrize("case", sorted(CLIENT_SIDE))
def test_validation_error_before_any_request(case: str) -> None:
    transport = RecordingTransport()
    client = Client(api_token="test_validation", transport=transport)
    with pytest.raises(ValidationError) as raised:
        CLIENT_SIDE[case](client)
    error = raised.value
    assert transport.calls == [], "nothing may be sent"
    assert type(error) is ValidationError and not isinstance(error, ApiError)
    assert isinstance(error, OnfidoError) and error.kind == "validation"
    field = FIELD[case]
    assert field in error.fields and error.fields[field], error.fields
    assert all(isinstance(m, str) and m for m in error.fields[field])
    assert field in str(error)


def test_validation_names_every_bad_field() -> None:
    transport = RecordingTransport()
    client = Client(api_token="test_validation", transport=transport)
    with pytest.raises(ValidationError) as raised:
        client.applicants.create(first_name="", last_name="", dob="01/01/1990", country="XX")
    assert set(raised.value.fields) == {"first_name", "last_name", "dob", "country"}
    assert transport.calls == []


def test_a_leap_day_dob_is_accepted_and_sent() -> None:
    transport = SandboxTransport()
    client = Client(api_token="test_validation", transport=transport)
    applicant = client.applicants.create(first_name="Jane", last_name="Doe", dob="2000-02-29")
    assert applicant.dob == datetime.date(2000, 2, 29) and applicant["dob"] == "2000-02-29"


# --- the server says no


class TamperingTransport:
    """Sends the built request with another JSON body: what a client that skipped validation would send."""

    def __init__(self, body: Dict[str, Any]) -> None:
        self._inner = HttpxTransport()
        self._body = json.dumps(body).encode()
        self.sent: List[Request] = []

    def send(self, request: Request, timeout: float) -> Response:
        raw = Request(request.method, request.url, request.headers, self._body)
        self.sent.append(raw)
        return self._inner.send(raw, timeout)

    def close(self) -> None:
        self._inner.close()


def test_server_422_is_an_api_validation_error(sandbox_url: str) -> None:
    transport = TamperingTransport({"first_name": "Jane", "last_name": "Doe", "nationality": "XXX", "dob": "1990-13-45"})
    with Client(api_token="test_server_422", base_url=sandbox_url, transport=transport, retry=NEVER) as client:
        with pytest.raises(ValidationError) as raised:
            client.applicants.create(first_name="Jane", last_name="Doe")
    error = raised.value
    assert len(transport.sent) == 1
    assert isinstance(error, ApiValidationError) and isinstance(error, ApiError) and isinstance(error, ValidationError)
    assert (error.status, error.type, error.kind) == (422, "validation_error", "api")
    assert set(error.fields) >= {"nationality", "dob"}, error.fields
    assert all(error.fields[name] for name in ("nationality", "dob"))
    assert error.api_message
    # A rejected request changes nothing on the server.
    with Client(api_token="test_server_422", base_url=sandbox_url) as client:
        assert all(a.get("nationality") != "XXX" for a in client.applicants.list())


def test_not_found(sandbox_url: str) -> None:
    with Client(api_token="test_not_found", base_url=sandbox_url, retry=NEVER) as client:
        with pytest.raises(NotFoundError) as raised:
            client.applicants.retrieve("00000000-0000-0000-0000-000000000000")
        with pytest.raises(NotFoundError):
            client.checks.retrieve("nope", "nope")
        with pytest.raises(NotFoundError):
            client.live_photos.download("nope")
    error = raised.value
    assert isinstance(error, ApiError) and (error.status, error.type) == (404, "resource_not_found")
    assert error.api_message and "404" in str(error)


def test_gone_after_deleting_an_applicant_with_a_check(sandbox_url: str) -> None:
    with Client(api_token="test_gone", base_url=sandbox_url, retry=NEVER) as client:
        applicant = client.applicants.create(first_name="Gina", last_name="Gone", dob="1985-05-05", addresses=[
            {"building_number": "1", "street": "High Street", "town": "London", "postcode": "SW4 6EH", "country": "GBR"}
        ])
        client.checks.create(applicant.id, type="express", reports=[{"name": "watchlist"}])
        client.applicants.delete(applicant.id)
        with pytest.raises(GoneError) as raised:
            client.applicants.retrieve(applicant.id)
        assert (raised.value.status, raised.value.type) == (410, "gone")
        assert isinstance(raised.value, ApiError)
        client.applicants.restore(applicant.id)
        assert client.applicants.retrieve(applicant.id).id == applicant.id


def test_live_token_is_refused_by_the_sandbox(sandbox_url: str) -> None:
    with Client(api_token="live_not_a_sandbox_token", base_url=sandbox_url, retry=NEVER) as client:
        with pytest.raises(AuthenticationError) as raised:
            list(client.webhooks.list())
    assert (raised.value.status, raised.value.type) == (401, "authorization_error")


def test_rate_limit_with_retry_after(sandbox_factory: Any) -> None:
    server = sandbox_factory("--rate-limit", "5")
    with Client(api_token="test_rate", base_url=server.url, retry=RetryPolicy.never()) as client:
        for _ in range(5):
            client.applicants.list_page()
        with pytest.raises(RateLimitError) as raised:
            client.applicants.list_page()
    error = raised.value
    assert (error.status, error.type) == (429, "rate_limit")
    assert error.retry_after is not None and 1 <= error.retry_after <= 60, error.retry_after


def test_rate_limit_in_process() -> None:
    client = Client(api_token="test_rate", transport=SandboxTransport(rate_limit=2), retry=NEVER)
    list(client.webhooks.list())
    list(client.webhooks.list())
    with pytest.raises(RateLimitError) as raised:
        list(client.webhooks.list())
    assert raised.value.retry_after is not None and raised.value.retry_after > 0


def test_decode_error_on_a_body_that_is_not_json() -> None:
    html = b"<html><body>Gateway says hi</body></html>"
    transport = RecordingTransport(lambda request: Response(200, [("Content-Type", "text/html")], html))
    client = Client(api_token="test_decode", transport=transport, retry=NEVER)
    with pytest.raises(DecodeError) as raised:
        client.applicants.retrieve("a1")
    error = raised.value
    assert len(transport.calls) == 1 and error.kind == "decode" and error.status == 200
    assert "Gateway" in error.excerpt


def test_decode_error_on_json_of_the_wrong_shape() -> None:
    transport = RecordingTransport(lambda request: Response(200, [], b'{"id": "c1", "status": 5}'))
    client = Client(api_token="test_decode", transport=transport, retry=NEVER)
    with pytest.raises(DecodeError):
        client.checks.retrieve("a1", "c1")


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"api_token": "test_abc\r\nX-Injected: 1"}, "api_token"),
        ({"api_token": "us_test_abc", "region": "eu"}, "region"),
        ({"api_token": "test_abc", "base_url": "http://api.example.com"}, "base_url"),
        ({"api_token": "test_abc", "region": "mars"}, "region"),
        ({"api_token": "test_abc", "api_version": "v9"}, "api_version"),
        ({}, "base_url"),
    ],
)
def test_config_errors(kwargs: Dict[str, Any], field: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Client(transport=RecordingTransport(), **kwargs)
    assert raised.value.kind == "config"
    assert raised.value.field == field, (raised.value.field, str(raised.value))


def test_signature_error_with_a_wrong_secret() -> None:
    body = b'{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"c1","status":"complete","href":"https://api.onfido.com/v2/checks/c1"}}}'
    headers = {"X-SHA2-Signature": sign_webhook(body, "right-secret")}
    assert verify_webhook(body, headers, "right-secret").action == "check.completed"
    with pytest.raises(SignatureError) as raised:
        verify_webhook(body, headers, "wrong-secret")
    assert raised.value.kind == "signature" and isinstance(raised.value, OnfidoError)
    with pytest.raises(SignatureError):
        verify_webhook(body, {}, "right-secret")
    with pytest.raises(SignatureError):
        verify_webhook(body + b" ", headers, "right-secret")


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_transport_error_when_nothing_listens() -> None:
    port = closed_port()
    with Client(api_token="test_closed", base_url=f"http://127.0.0.1:{port}", retry=RetryPolicy.never()) as client:
        with pytest.raises(TransportError) as raised:
            client.applicants.retrieve("a1")
    assert raised.value.failure == "connect" and raised.value.kind == "transport"


def test_transport_error_after_retries_on_connect_failures() -> None:
    port = closed_port()
    policy = RetryPolicy(max_attempts=3, initial_delay=0.001, max_delay=0.002)
    with Client(api_token="test_closed", base_url=f"http://127.0.0.1:{port}", retry=policy) as client:
        with pytest.raises(TransportError):
            client.applicants.create(first_name="Jane", last_name="Doe")


def test_unexpected_exceptions_from_a_transport_propagate() -> None:
    def explode(request: Request) -> Response:
        raise RuntimeError("boom")

    client = Client(api_token="test_boom", transport=RecordingTransport(explode), retry=NEVER)
    with pytest.raises(RuntimeError, match="boom"):
        client.applicants.retrieve("a1")


def test_an_unparseable_retry_after_ends_the_retrying() -> None:
    # The core's decision: 20 digits, 1e9, -5 or garbage are not a wait to guess at (issue 14).
    for garbage in ("1e9", "-5", "99999999999999999999", "soon"):
        limited = Response(429, [("Retry-After", garbage)], b'{"error": {"type": "rate_limit"}}')
        transport = RecordingTransport(lambda request: limited)
        with pytest.raises(RateLimitError):
            Client(api_token="test_retry", transport=transport).webhooks.retrieve("w1")
        assert len(transport.calls) == 1, garbage


@pytest.mark.parametrize("status", [65_736, 99, 600, -200, True])
def test_a_status_no_http_answer_has_is_a_transport_error(status: Any) -> None:
    # A custom transport's status outside 100-599 used to be read (or wrapped); it is refused (issue 14).
    transport = RecordingTransport(lambda request: Response(status, [], b"{}"))
    with Client(api_token="test_status", transport=transport) as client:
        with pytest.raises(TransportError, match="not an HTTP status"):
            client.webhooks.retrieve("w1")
    assert len(transport.calls) == 1, "never retried"


def _nested(depth: int) -> Dict[str, Any]:
    value: Dict[str, Any] = {}
    for _ in range(depth):
        value = {"x": value}
    return value


def test_deep_or_self_referencing_inputs_are_refused_not_a_crash() -> None:
    # Issue 14: a deeply nested or cyclic input used to overflow the native stack (SIGSEGV).
    client = Client(api_token="test_deep", transport=RecordingTransport())
    deep = _nested(10_000)
    with pytest.raises(ValidationError) as error:
        client.request("create_applicant", {"first_name": "A", "last_name": "B", "address": deep})
    assert any("nested deeper than 64" in m for ms in error.value.fields.values() for m in ms), error.value.fields
    cyclic: Dict[str, Any] = {"first_name": "A", "last_name": "B"}
    cyclic["address"] = cyclic
    with pytest.raises(ValidationError, match="contains itself"):
        client.request("create_applicant", cyclic)
    looped: List[Any] = []
    looped.append(looped)
    with pytest.raises(ValidationError, match="contains itself"):
        client.request("create_check", {"applicant_id": "a1", "type": "express", "reports": looped})
    with pytest.raises(_native.CoreError, match="nested deeper than 64"):
        _native.findings(_nested(5_000))


def test_deep_inputs_are_refused_in_a_thread_with_a_small_stack() -> None:
    # What json.loads accepts (~1,000 levels) in a thread with a 1 MiB stack.
    import threading

    outcome: List[BaseException] = []
    deep = _nested(990)  # what json.loads accepts at the default recursion limit

    def run() -> None:
        client = Client(api_token="test_deep", transport=RecordingTransport())
        try:
            client.request("create_applicant", {"first_name": "A", "last_name": "B", "address": deep})
        except BaseException as error:  # noqa: BLE001 - the test records what came out
            outcome.append(error)

    old = threading.stack_size(1 << 20)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old)
    assert len(outcome) == 1 and isinstance(outcome[0], ValidationError), outcome


def _stuck_listing(request: Request) -> Response:
    # Every page says the next one is page 2: a listing that would never end.
    link = '<https://api.onfido.com/v2/applicants?page=2>; rel="next"'
    return Response(200, [("Link", link), ("Content-Type", "application/json")], b'{"applicants": []}')


def test_a_listing_whose_next_page_never_advances_stops_with_a_decode_error() -> None:
    # Issue 14 point 10: the sync iterator used to request page 2 forever.
    transport = RecordingTransport(_stuck_listing)
    client = Client(api_token="test_pages", transport=transport, retry=NEVER)
    with pytest.raises(DecodeError, match=r"the next page \(2\) is not after this one \(2\)"):
        for _ in client.applicants.list():
            pass
    assert [r.url.rsplit("?", 1)[-1] if "?" in r.url else "" for r in transport.calls] == ["", "page=2"]


def test_an_async_listing_whose_next_page_never_advances_stops_with_a_decode_error() -> None:
    import asyncio

    from onfido_core.v2 import AsyncClient

    calls: List[Request] = []

    class StuckTransport:
        async def send(self, request: Request, timeout: float) -> Response:
            calls.append(request)
            return _stuck_listing(request)

        async def aclose(self) -> None:
            pass

    async def run() -> None:
        client = AsyncClient(api_token="test_pages", transport=StuckTransport(), retry=NEVER)
        async for _ in client.applicants.list():
            pass

    with pytest.raises(DecodeError, match=r"the next page \(2\) is not after this one \(2\)"):
        asyncio.run(run())
    assert len(calls) == 2, [r.url for r in calls]
