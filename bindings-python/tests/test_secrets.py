"""No token ever shows: not in a client's or config's repr, an error's text, a request's repr, nor
a webhook's or an SDK token's repr."""

from __future__ import annotations

import asyncio
import traceback
from typing import Any, Iterator, List

import pytest
from support import RecordingTransport

from onfido_core.v2 import (
    AsyncClient,
    AsyncSandboxTransport,
    AuthenticationError,
    Client,
    ConfigError,
    DecodeError,
    NotFoundError,
    OnfidoError,
    Response,
    RetryPolicy,
    SandboxTransport,
    TransportError,
    ValidationError,
    Webhook,
)
from onfido_core import _native

SECRET = "SECRETVALUE12345"
TOKEN = f"test_{SECRET}"


def texts_of_error(error: BaseException) -> Iterator[str]:
    """Everything an error shows: str, repr, args, attributes, the formatted traceback, its causes."""
    seen: List[BaseException] = []
    current: Any = error
    while current is not None and current not in seen:
        seen.append(current)
        yield str(current)
        yield repr(current)
        yield repr(current.args)
        yield repr({k: v for k, v in vars(current).items() if not k.startswith("__")})
        current = current.__cause__ or current.__context__
    yield "".join(traceback.format_exception(type(error), error, error.__traceback__))


def assert_hidden(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text, text


def test_client_and_config_reprs() -> None:
    client = Client(api_token=TOKEN, transport=SandboxTransport())
    async_client = AsyncClient(api_token=TOKEN, transport=AsyncSandboxTransport())
    config = _native.Config(TOKEN, region="eu")
    assert_hidden(repr(client), str(client), repr(async_client), repr(config), str(config), repr(client._engine.config))
    assert "test_" in repr(config)  # the prefix may show; the secret part may not
    for token in (f"us_test_{SECRET}", f"api_sandbox.{SECRET}", f"live_{SECRET}"):
        config = _native.Config(token, region="us" if token.startswith("us_") else None)
        assert_hidden(repr(config))


def test_request_repr() -> None:
    transport = RecordingTransport(lambda request: Response(200, [], b'{"id": "a1", "first_name": "Jane", "last_name": "Doe"}'))
    client = Client(api_token=TOKEN, transport=transport)
    client.applicants.retrieve("a1")
    (request,) = transport.calls
    assert any(SECRET in v for _, v in request.headers), "the token is sent"
    assert_hidden(repr(request), str(request), repr(transport.calls), f"{request}", f"{request!r}")
    assert "***" in repr(request)


def test_errors_from_the_server(sandbox_url: str) -> None:
    live = f"live_{SECRET}"
    with Client(api_token=live, base_url=sandbox_url, retry=RetryPolicy.never()) as client:
        with pytest.raises(AuthenticationError) as auth:
            client.applicants.retrieve("a1")
        assert_hidden(repr(client))
    assert_hidden(*texts_of_error(auth.value))
    with Client(api_token=TOKEN, base_url=sandbox_url, retry=RetryPolicy.never()) as client:
        with pytest.raises(NotFoundError) as missing:
            client.applicants.retrieve("a1")
    assert_hidden(*texts_of_error(missing.value))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"api_token": f"{TOKEN}\r\nX-Injected: yes"},
        {"api_token": f"{TOKEN} with spaces"},
        {"api_token": f"us_{TOKEN}", "region": "eu"},
        {"api_token": f"us_test_{SECRET}", "region": "ca"},
        {"api_token": TOKEN, "base_url": "http://api.example.com"},
        {"api_token": TOKEN, "region": "nowhere"},
    ],
)
def test_config_errors(kwargs: Any) -> None:
    with pytest.raises(ConfigError) as raised:
        Client(**kwargs)
    assert_hidden(*texts_of_error(raised.value))


def test_client_side_errors() -> None:
    transport = RecordingTransport(lambda request: Response(200, [("Content-Type", "text/html")], b"<html>not json</html>"))
    client = Client(api_token=TOKEN, transport=transport, retry=RetryPolicy.never())
    raised: List[OnfidoError] = []
    for action in (
        lambda: client.applicants.create(first_name="", last_name="Doe"),
        lambda: client.sdk_tokens.generate(applicant_id="a1", referrer="https://example.com/ x"),
        lambda: client.applicants.retrieve("a1"),
    ):
        with pytest.raises(OnfidoError) as info:
            action()
        raised.append(info.value)
    assert [type(e) for e in raised] == [ValidationError, ValidationError, DecodeError]
    for error in raised:
        assert_hidden(*texts_of_error(error))


def test_transport_error() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Client(api_token=TOKEN, base_url=f"http://127.0.0.1:{port}", retry=RetryPolicy.never()) as client:
        with pytest.raises(TransportError) as raised:
            client.webhooks.retrieve("w1")
    assert_hidden(*texts_of_error(raised.value))


def test_async_errors_and_repr() -> None:
    async def run() -> OnfidoError:
        async with AsyncClient(api_token=f"live_{SECRET}", transport=AsyncSandboxTransport(), retry=RetryPolicy.never()) as client:
            assert_hidden(repr(client))
            try:
                await client.applicants.retrieve("a1")
            except OnfidoError as error:
                return error
        raise AssertionError("no error")

    error = asyncio.run(run())
    assert isinstance(error, AuthenticationError)
    assert_hidden(*texts_of_error(error))


def test_webhook_and_sdk_token_reprs() -> None:
    client = Client(api_token=TOKEN, transport=SandboxTransport())
    hook = client.webhooks.register(url="https://hooks.example/secrets")
    assert hook.token and len(hook.token) >= 16
    listed = client.webhooks.list()
    # `request` gives the answer as JSON, the token in it as sent; a model made from it hides it.
    (raw,) = client.request("list_webhooks", {})["webhooks"]
    assert raw["token"] == hook.token
    for text in (repr(hook), str(hook), repr(listed), repr(Webhook(raw)), repr(client.webhooks.retrieve(hook.id))):
        assert hook.token not in text, text
        assert_hidden(text)
    applicant = client.applicants.create(first_name="Sam", last_name="Doe")
    sdk = client.sdk_tokens.generate(applicant_id=applicant.id, referrer="https://*.example.com/*")
    assert sdk.token.count(".") == 2  # a JWT
    for text in (repr(sdk), str(sdk), repr([sdk])):
        assert sdk.token not in text and sdk.token.split(".")[2] not in text, text
