"""Webhook notifications: delivered over HTTP by `onfido-sandbox --webhook-delivery` to a loopback
receiver and verified; kept by `SandboxTransport`; signed and verified by the package itself."""

from __future__ import annotations

import json
import queue
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List, Tuple

import pytest

from onfido_core.v2 import (
    Client,
    SandboxTransport,
    SignatureError,
    WebhookEvent,
    WebhookEventObject,
    parse_webhook_event,
    sign_webhook,
    verify_webhook,
)

REPORT_BODY = {"name": "watchlist"}


class Delivery:
    def __init__(self, path: str, headers: List[Tuple[str, str]], message: Any, body: bytes) -> None:
        self.path = path
        self.headers = headers
        self.message = message  # http.server's own headers object (an email.message.Message)
        self.body = body


class Receiver:
    """A loopback HTTP server that answers 200 to every POST and queues what it got."""

    def __init__(self) -> None:
        self.deliveries: "queue.Queue[Delivery]" = queue.Queue()
        deliveries = self.deliveries

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                deliveries.put(Delivery(self.path, list(self.headers.items()), self.headers, body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/onfido/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, name="webhook-receiver", daemon=True)
        self.thread.start()

    def collect(self, count: int, seconds: float = 15.0) -> List[Delivery]:
        got: List[Delivery] = []
        deadline = time.monotonic() + seconds
        while len(got) < count and time.monotonic() < deadline:
            try:
                got.append(self.deliveries.get(timeout=0.2))
            except queue.Empty:
                pass
        return got

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def uk_applicant(client: Client) -> str:
    return client.applicants.create(first_name="Wendy", last_name="Hook").id


def test_delivered_notifications_verify(sandbox_factory: Any, receiver: Receiver) -> None:
    server = sandbox_factory("--webhook-delivery")
    with Client(api_token="test_webhooks", base_url=server.url) as client:
        hook = client.webhooks.register(url=receiver.url)
        assert hook.url == receiver.url and hook.token
        token = hook.token
        applicant_id = uk_applicant(client)
        check = client.checks.create(applicant_id, type="express", reports=[REPORT_BODY])
        assert check.status == "complete"
        deliveries = receiver.collect(2)
    assert len(deliveries) == 2, f"expected check.completed and report.completed, got {len(deliveries)}"
    actions = []
    for delivery in deliveries:
        assert delivery.path == "/onfido/hooks"
        names = {name.lower() for name, _ in delivery.headers}
        assert {"x-signature", "x-sha2-signature"} <= names
        as_dict = dict(delivery.headers)
        events = [
            verify_webhook(delivery.body, as_dict, token),  # bytes, a dict
            verify_webhook(delivery.body.decode("utf-8"), delivery.headers, token),  # str, a list of pairs
            verify_webhook(bytearray(delivery.body), delivery.message, token),  # the server's headers object
            verify_webhook(memoryview(delivery.body), [(n.lower(), v) for n, v in delivery.headers], token),
        ]
        for event in events:
            assert isinstance(event, WebhookEvent)
            assert event.to_dict() == events[0].to_dict()
        event = events[0]
        assert isinstance(event.object, WebhookEventObject) and event.object.status == "complete"
        assert event.payload.object.id == event.object.id
        if event.resource_type == "check":
            assert event.object.id == check.id
        else:
            assert event.object.id in check.report_ids
        assert event.object.completed_at_iso8601
        actions.append(event.action)
        with pytest.raises(SignatureError):
            verify_webhook(delivery.body, as_dict, "not-the-token")
        with pytest.raises(SignatureError):
            verify_webhook(delivery.body[:-1] + b" ", as_dict, token)
    assert sorted(actions) == ["check.completed", "report.completed"]


def test_deliveries_only_for_chosen_events(sandbox_factory: Any, receiver: Receiver) -> None:
    server = sandbox_factory("--webhook-delivery")
    with Client(api_token="test_webhook_events", base_url=server.url) as client:
        hook = client.webhooks.register(url=receiver.url, events=["check.completed"])
        applicant_id = uk_applicant(client)
        client.checks.create(applicant_id, type="express", reports=[REPORT_BODY])
        deliveries = receiver.collect(2, seconds=1.5)
    assert len(deliveries) == 1
    event = verify_webhook(deliveries[0].body, deliveries[0].headers, hook.token or "")
    assert event.action == "check.completed"


def test_in_process_deliveries_verify() -> None:
    transport = SandboxTransport()
    client = Client(api_token="test_webhooks", transport=transport)
    hook = client.webhooks.register(url="https://hooks.example/onfido")
    other = client.webhooks.register(url="https://other.example/onfido", events=["report.completed"])
    applicant_id = uk_applicant(client)
    check = client.checks.create(applicant_id, type="express", reports=[REPORT_BODY])
    by_url: Dict[str, List[str]] = {}
    for delivery in transport.deliveries:
        assert delivery.method == "POST"
        secret = hook.token if delivery.url == hook.url else other.token
        assert secret
        event = verify_webhook(delivery.body, delivery.headers, secret)
        by_url.setdefault(delivery.url, []).append(event.action)
        assert event.object.id in [check.id, *check.report_ids]
        with pytest.raises(SignatureError):
            verify_webhook(delivery.body, delivery.headers, (other.token if secret == hook.token else hook.token) or "")
        assert secret not in repr(delivery)
    assert hook.url and other.url
    assert sorted(by_url[hook.url]) == ["check.completed", "report.completed"]
    assert by_url[other.url] == ["report.completed"]


BODY = json.dumps(
    {
        "payload": {
            "resource_type": "check",
            "action": "check.completed",
            "object": {
                "id": "c1",
                "status": "complete",
                "completed_at": "2019-10-28 15:00:39 UTC",
                "completed_at_iso8601": "2019-10-28T15:00:39Z",
                "href": "https://api.onfido.com/v2/checks/c1",
            },
        }
    },
    separators=(",", ":"),
)


def test_sign_and_verify_round_trip() -> None:
    sha256 = sign_webhook(BODY, "webhook-token")
    sha1 = sign_webhook(BODY.encode(), "webhook-token", "sha1")
    assert len(sha256) == 64 and len(sha1) == 40
    assert sha256 == sign_webhook(BODY.encode(), "webhook-token", "sha256")
    for headers in (
        {"X-SHA2-Signature": sha256},
        {"X-Signature": sha1},
        {"x-sha2-signature": sha256, "x-signature": sha1},
        [("X-Signature", sha1), ("Content-Type", "application/json")],
    ):
        event = verify_webhook(BODY, headers, "webhook-token")
        assert (event.action, event.resource_type, event.object.id) == ("check.completed", "check", "c1")
        moment = datetime(2019, 10, 28, 15, 0, 39, tzinfo=timezone.utc)
        assert event.object.completed_at_iso8601 == moment and event.object.completed_at == moment
        assert event.object["completed_at"] == "2019-10-28 15:00:39 UTC"
    assert parse_webhook_event(BODY).to_dict() == verify_webhook(BODY, {"X-Signature": sha1}, "webhook-token").to_dict()
    # SHA-256 is preferred: a good SHA-1 does not save a bad SHA-256.
    with pytest.raises(SignatureError):
        verify_webhook(BODY, {"X-SHA2-Signature": "0" * 64, "X-Signature": sha1}, "webhook-token")
    assert verify_webhook(BODY, {"X-SHA2-Signature": sha256, "X-Signature": "0" * 40}, "webhook-token").action == "check.completed"


def test_wrong_secret_raises_signature_error() -> None:
    headers = {"X-SHA2-Signature": sign_webhook(BODY, "right")}
    with pytest.raises(SignatureError) as raised:
        verify_webhook(BODY, headers, "wrong")
    assert "X-SHA2-Signature" in str(raised.value)
    with pytest.raises(SignatureError):
        verify_webhook(BODY, {"X-Signature": sign_webhook(BODY, "right", "sha1")}, "wrong")
    with pytest.raises(SignatureError):
        verify_webhook(BODY, {}, "right")
