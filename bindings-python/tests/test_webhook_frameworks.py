"""onfido_core.webhooks in real Flask, FastAPI and Django apps, driven by each framework's own test
client: notifications signed by the in-process sandbox are accepted and parsed; a wrong or missing
signature is answered 401, a body that is not an event 400; a parsed body is a TypeError that says
what to pass; the secret shows in no answer, exception or log."""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, Iterator, List, Tuple

import django
import fastapi
import flask
import pytest
from fastapi.testclient import TestClient

from onfido_core import DecodeError, SandboxTransport, SignatureError, WebhookEvent, sign_webhook, verify_webhook
from onfido_core.v2 import Client  # the v2 sandbox delivers the v2 events these helpers are shown with
from onfido_core.webhooks import (
    django_webhook,
    fastapi_webhook,
    flask_webhook,
    refusal,
    verify_django_request,
    verify_fastapi_request,
    verify_flask_request,
)

SECRET = "whsec-frameworks-7c1f0e"


def sandbox_deliveries() -> List[Tuple[bytes, Dict[str, str]]]:
    """check.completed and report.completed notifications, as the sandbox signs them with SECRET's stand-in."""
    transport = SandboxTransport()
    client = Client(api_token="test_frameworks", transport=transport)
    hook = client.webhooks.register(url="https://hooks.example/onfido")
    applicant = client.applicants.create(first_name="Frank", last_name="Work")
    client.checks.create(applicant.id, type="express", reports=[{"name": "watchlist"}])
    assert hook.token and len(transport.deliveries) == 2
    out = []
    for delivery in transport.deliveries:
        # Re-signed with SECRET, so that one secret serves every test (the sandbox's token is random).
        headers = {"Content-Type": "application/json", "X-SHA2-Signature": sign_webhook(delivery.body, SECRET)}
        assert verify_webhook(delivery.body, delivery.headers, hook.token).action == verify_webhook(delivery.body, headers, SECRET).action
        out.append((bytes(delivery.body), headers))
    return out


DELIVERIES = sandbox_deliveries()
NOT_AN_EVENT = b'{"payload": {"action": 7}}'


def bad_cases() -> List[Tuple[str, bytes, Dict[str, str], int]]:
    body, headers = DELIVERIES[0]
    return [
        ("wrong signature", body, {"X-SHA2-Signature": sign_webhook(body, "another-token")}, 401),
        ("no signature", body, {"Content-Type": "application/json"}, 401),
        ("body changed", body.replace(b"complete", b"cOmplete"), headers, 401),
        ("sha1 of another token", body, {"X-Signature": sign_webhook(body, "x", "sha1")}, 401),
        ("not an event", NOT_AN_EVENT, {"X-SHA2-Signature": sign_webhook(NOT_AN_EVENT, SECRET)}, 400),
    ]


@pytest.fixture
def no_secret_logged(caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> Iterator[None]:
    caplog.set_level(logging.DEBUG)
    yield
    out, err = capsys.readouterr()
    assert SECRET not in caplog.text + out + err


def test_refusal_statuses() -> None:
    assert refusal(SignatureError("x")) == (401, "invalid webhook signature")
    assert refusal(DecodeError("x", status=200, excerpt="")) == (400, "invalid webhook body")


# Flask ------------------------------------------------------------------------------------------


def flask_app() -> Any:
    app = flask.Flask("onfido_flask_test")
    seen: List[WebhookEvent] = []

    @app.post("/decorated/<tenant>")
    @flask_webhook(lambda: SECRET)
    def decorated(tenant: str, event: WebhookEvent) -> Any:
        seen.append(event)
        return {"tenant": tenant, "action": event.action, "id": event.object.id}

    @app.post("/manual")
    def manual() -> Any:
        try:
            event = verify_flask_request(flask.request, SECRET)
        except SignatureError:
            return "no", 401
        return {"action": event.action}

    @app.post("/parsed")
    def parsed() -> Any:
        verify_webhook(flask.request.json, flask.request.headers, SECRET)
        return "unreachable"

    app.config["seen"] = seen
    return app


def test_flask_accepts_signed_notifications(no_secret_logged: None) -> None:
    app = flask_app()
    client = app.test_client()
    actions = []
    for body, headers in DELIVERIES:
        answer = client.post("/decorated/acme", data=body, headers=headers)
        assert answer.status_code == 200, answer.data
        assert answer.json["tenant"] == "acme"
        actions.append(answer.json["action"])
        assert client.post("/manual", data=body, headers=headers).json["action"] == answer.json["action"]
    assert sorted(actions) == ["check.completed", "report.completed"]
    assert [e.action for e in app.config["seen"]] == actions
    assert all(isinstance(e, WebhookEvent) for e in app.config["seen"])


@pytest.mark.parametrize("name,body,headers,status", bad_cases(), ids=[c[0] for c in bad_cases()])
def test_flask_refuses(name: str, body: bytes, headers: Dict[str, str], status: int, no_secret_logged: None) -> None:
    app = flask_app()
    answer = app.test_client().post("/decorated/acme", data=body, headers=headers)
    assert answer.status_code == status
    assert SECRET.encode() not in answer.data
    assert app.config["seen"] == []
    if status == 401:
        assert app.test_client().post("/manual", data=body, headers=headers).status_code == 401


def test_flask_parsed_body_is_a_type_error() -> None:
    app = flask_app()
    app.config["PROPAGATE_EXCEPTIONS"] = True
    body, headers = DELIVERIES[0]
    with pytest.raises(TypeError) as raised:
        app.test_client().post("/parsed", data=body, headers=headers)
    message = str(raised.value)
    assert "JSON already parsed" in message and "request.get_data()" in message and SECRET not in message


# FastAPI ----------------------------------------------------------------------------------------


def fastapi_app() -> Any:
    app = fastapi.FastAPI()
    seen: List[WebhookEvent] = []
    verified = fastapi_webhook(SECRET)

    @app.post("/dependency")
    async def dependency(event: WebhookEvent = fastapi.Depends(verified)) -> Dict[str, Any]:
        seen.append(event)
        return {"action": event.action, "id": event.object.id}

    @app.post("/manual")
    async def manual(request: fastapi.Request) -> Dict[str, Any]:
        try:
            event = await verify_fastapi_request(request, lambda: SECRET)
        except SignatureError:
            raise fastapi.HTTPException(status_code=401) from None
        return {"action": event.action}

    @app.post("/parsed")
    async def parsed(request: fastapi.Request, payload: Dict[str, Any] = fastapi.Body(...)) -> str:
        verify_webhook(payload, request.headers, SECRET)  # type: ignore[arg-type]  # the mistake under test
        return "unreachable"

    app.state.seen = seen
    return app


def fastapi_client(app: Any) -> Any:
    return TestClient(app)


def test_fastapi_accepts_signed_notifications(no_secret_logged: None) -> None:
    app = fastapi_app()
    with fastapi_client(app) as client:
        actions = []
        for body, headers in DELIVERIES:
            answer = client.post("/dependency", content=body, headers=headers)
            assert answer.status_code == 200, answer.text
            actions.append(answer.json()["action"])
            assert client.post("/manual", content=body, headers=headers).json()["action"] == answer.json()["action"]
    assert sorted(actions) == ["check.completed", "report.completed"]
    assert [e.action for e in app.state.seen] == actions


@pytest.mark.parametrize("name,body,headers,status", bad_cases(), ids=[c[0] for c in bad_cases()])
def test_fastapi_refuses(name: str, body: bytes, headers: Dict[str, str], status: int, no_secret_logged: None) -> None:
    app = fastapi_app()
    with fastapi_client(app) as client:
        answer = client.post("/dependency", content=body, headers=headers)
        assert answer.status_code == status
        assert answer.json()["detail"] == refusal(SignatureError("") if status == 401 else DecodeError("", status=200, excerpt=""))[1]
        assert SECRET not in answer.text
        if status == 401:
            assert client.post("/manual", content=body, headers=headers).status_code == 401
    assert app.state.seen == []


def test_fastapi_parsed_body_is_a_type_error() -> None:
    body, headers = DELIVERIES[0]
    with fastapi_client(fastapi_app()) as client:
        with pytest.raises(TypeError) as raised:
            client.post("/parsed", content=body, headers=headers)
    message = str(raised.value)
    assert "dict, JSON already parsed" in message and "await request.body()" in message and SECRET not in message


def test_fastapi_dependency_shows_no_body_parameter() -> None:
    app = fastapi_app()
    schema = app.openapi()["paths"]["/dependency"]["post"]
    assert "requestBody" not in schema  # the body is read raw, never declared and parsed as JSON
    assert fastapi.__version__


# Django -----------------------------------------------------------------------------------------

SEEN_BY_DJANGO: List[Tuple[str, WebhookEvent]] = []


@django_webhook(SECRET)
def django_sync_view(request: Any, tenant: str, event: WebhookEvent) -> Any:
    from django.http import JsonResponse

    SEEN_BY_DJANGO.append(("sync", event))
    return JsonResponse({"tenant": tenant, "action": event.action})


@django_webhook(lambda: SECRET)
async def django_async_view(request: Any, event: WebhookEvent) -> Any:
    from django.http import JsonResponse

    SEEN_BY_DJANGO.append(("async", event))
    return JsonResponse({"action": event.action})


def django_parsed_view(request: Any) -> Any:
    verify_webhook(json.loads(request.body), request.headers, SECRET)


def django_manual_view(request: Any) -> Any:
    from django.http import HttpResponse, JsonResponse

    try:
        event = verify_django_request(request, SECRET)
    except SignatureError:
        return HttpResponse(status=401)
    return JsonResponse({"action": event.action})


urlpatterns: List[Any] = []


@pytest.fixture(scope="module")
def django_client() -> Any:
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="django-test-key-not-the-webhook-secret",
            ALLOWED_HOSTS=["testserver"],
            ROOT_URLCONF=__name__,
            MIDDLEWARE=["django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware"],
            INSTALLED_APPS=[],
            DATABASES={},
            USE_TZ=True,
        )
    django.setup()
    from django.test import Client as DjangoClient
    from django.urls import path

    urlpatterns[:] = [
        path("sync/<str:tenant>", django_sync_view),
        path("async", django_async_view),
        path("manual", django_manual_view),
        path("parsed", django_parsed_view),
    ]
    # CSRF enforced as in production: the decorated views must be exempt, the undecorated one is not.
    return DjangoClient(enforce_csrf_checks=True)


def django_post(client: Any, url: str, body: bytes, headers: Dict[str, str]) -> Any:
    extra = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items() if name.lower() != "content-type"}
    return client.post(url, data=body, content_type=headers.get("Content-Type", "application/json"), **extra)


def test_django_accepts_signed_notifications(django_client: Any, no_secret_logged: None) -> None:
    SEEN_BY_DJANGO.clear()
    for body, headers in DELIVERIES:
        answer = django_post(django_client, "/sync/acme", body, headers)
        assert answer.status_code == 200, answer.content
        assert answer.json()["tenant"] == "acme"
        assert django_post(django_client, "/async", body, headers).json()["action"] == answer.json()["action"]
    assert sorted(kind for kind, _ in SEEN_BY_DJANGO) == ["async", "async", "sync", "sync"]
    assert sorted(e.action for kind, e in SEEN_BY_DJANGO if kind == "sync") == ["check.completed", "report.completed"]
    # An undecorated view gets Django's CSRF refusal: what the decorator's exemption avoids.
    assert django_post(django_client, "/manual", *DELIVERIES[0]).status_code == 403


@pytest.mark.parametrize("name,body,headers,status", bad_cases(), ids=[c[0] for c in bad_cases()])
def test_django_refuses(name: str, body: bytes, headers: Dict[str, str], status: int, django_client: Any, no_secret_logged: None) -> None:
    SEEN_BY_DJANGO.clear()
    for url in ("/sync/acme", "/async"):
        answer = django_post(django_client, url, body, headers)
        assert answer.status_code == status
        assert SECRET.encode() not in answer.content
    assert SEEN_BY_DJANGO == []


def test_django_request_factory_and_parsed_body(django_client: Any) -> None:
    from django.test import RequestFactory

    body, headers = DELIVERIES[0]
    factory = RequestFactory()
    request = factory.post("/manual", data=body, content_type="application/json", HTTP_X_SHA2_SIGNATURE=headers["X-SHA2-Signature"])
    assert verify_django_request(request, SECRET).action == json.loads(body)["payload"]["action"]
    with pytest.raises(SignatureError):
        verify_django_request(request, "another-token")
    with pytest.raises(TypeError) as raised:
        django_parsed_view(request)
    message = str(raised.value)
    assert "JSON already parsed" in message and "request.body (Django)" in message and SECRET not in message


# Outside any framework --------------------------------------------------------------------------


@pytest.mark.parametrize("parsed", [{"payload": {}}, [1, 2]])
def test_parsed_bodies_are_type_errors(parsed: Any) -> None:
    body, headers = DELIVERIES[0]
    with pytest.raises(TypeError, match=r"JSON already parsed; signatures cover the raw bytes"):
        verify_webhook(parsed, headers, SECRET)


@pytest.mark.parametrize("wrong", [5, None, 1.5, object()])
def test_other_bodies_are_type_errors(wrong: Any) -> None:
    body, headers = DELIVERIES[0]
    with pytest.raises(TypeError, match=r"the webhook body must be bytes or str, not"):
        verify_webhook(wrong, headers, SECRET)


def test_buffers_still_verify() -> None:
    import array

    body, headers = DELIVERIES[0]
    assert verify_webhook(array.array("B", body), headers, SECRET).action


def test_secret_must_be_text() -> None:
    app = flask.Flask("onfido_flask_secret")
    body, headers = DELIVERIES[0]
    with app.test_request_context("/", method="POST", data=body, headers=headers):
        with pytest.raises(TypeError, match="must be a str"):
            verify_flask_request(flask.request, lambda: None)  # type: ignore[arg-type, return-value]
        assert verify_flask_request(flask.request, SECRET).action
