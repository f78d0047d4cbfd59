"""Onfido API v2 (superseded): the generated v2 models and resources, with the client of v3.6's
shape, so `from onfido_core.v2 import Client` is the whole migration.

    from onfido_core.v2 import Client
    client = Client(api_token="test_...", region="eu")
    applicant = client.applicants.create(first_name="Jane", last_name="Doe")
"""

from __future__ import annotations

from typing import Literal, Optional

from . import _v2_models
from ._base import Download, Model, Page
from ._clients import V2, _Async, _Sync, engine
from ._errors import (
    ApiError,
    ApiValidationError,
    AuthenticationError,
    ConfigError,
    DecodeError,
    GoneError,
    NotFoundError,
    OnfidoError,
    PermissionError,
    RateLimitError,
    ServerError,
    SignatureError,
    TransportError,
    UnprocessableError,
    ValidationError,
)
from ._native import __version__
from ._retry import RetryPolicy
from ._rules import ReferrerPattern, check_result, missing_applicant_data
from ._transport import (
    AsyncHttpxTransport,
    AsyncSandboxTransport,
    AsyncTransport,
    HttpxTransport,
    Request,
    Response,
    SandboxTransport,
    Transport,
    TransportFailure,
)
from ._v2_models import *  # noqa: F403 (the generated models, by their names in _v2_models.__all__)
from ._v2_resources import AsyncResources, Resources
from ._v2_rules import Finding
from ._webhooks import parse_webhook_event, sign_webhook, verify_webhook


class Client(_Sync, Resources):
    """An Onfido API v2 client.

    >>> client = Client(api_token="test_...", region="eu")          # or base_url=... for a proxy
    >>> applicant = client.applicants.create(first_name="Jane", last_name="Doe")

    Requests are built, retried and parsed by the Rust core; `transport` sends them (httpx by
    default; `SandboxTransport()` for the offline sandbox). 429s are retried by default.
    """

    _resources = Resources

    def __init__(
        self,
        api_token: Optional[str] = None,
        *,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        api_version: Literal["v2"] = "v2",
        transport: Optional[Transport] = None,
        retry: Optional[RetryPolicy] = RetryPolicy(),
        timeout: float = 30.0,
        pace: bool = False,
        app_name: Optional[str] = None,
    ) -> None:
        self._engine = engine(V2, api_token, region, base_url, api_version, retry, timeout, pace, app_name)
        self._transport = transport if transport is not None else HttpxTransport()
        Resources.__init__(self, self)

    def __enter__(self) -> "Client":
        return self


class AsyncClient(_Async, AsyncResources):
    """`Client` for asyncio: the same resources and methods, awaited; listings are async iterators."""
    _resources = AsyncResources

    def __init__(
        self,
        api_token: Optional[str] = None,
        *,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        api_version: Literal["v2"] = "v2",
        transport: Optional[AsyncTransport] = None,
        retry: Optional[RetryPolicy] = RetryPolicy(),
        timeout: float = 30.0,
        pace: bool = False,
        app_name: Optional[str] = None,
    ) -> None:
        self._engine = engine(V2, api_token, region, base_url, api_version, retry, timeout, pace, app_name)
        self._transport = transport if transport is not None else AsyncHttpxTransport()
        AsyncResources.__init__(self, self)

    async def __aenter__(self) -> "AsyncClient":
        return self


__all__ = [
    "__version__",
    "Client",
    "AsyncClient",
    "RetryPolicy",
    "verify_webhook",
    "parse_webhook_event",
    "sign_webhook",
    "ReferrerPattern",
    "check_result",
    "missing_applicant_data",
    "Transport",
    "AsyncTransport",
    "HttpxTransport",
    "AsyncHttpxTransport",
    "SandboxTransport",
    "AsyncSandboxTransport",
    "Request",
    "Response",
    "TransportFailure",
    "OnfidoError",
    "ApiError",
    "ApiValidationError",
    "AuthenticationError",
    "PermissionError",
    "NotFoundError",
    "GoneError",
    "UnprocessableError",
    "RateLimitError",
    "ServerError",
    "ValidationError",
    "DecodeError",
    "ConfigError",
    "SignatureError",
    "TransportError",
    "Model",
    "Download",
    "Page",
    "Finding",
]
__all__ += _v2_models.__all__
