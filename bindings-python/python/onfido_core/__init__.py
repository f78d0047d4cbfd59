"""Onfido API v3.6 (and v3.4) for Python, on the Rust core of onfido-core.

    from onfido_core import Client, verify_webhook
    client = Client(api_token="api_sandbox...", region="eu")
    applicant = client.applicants.create(first_name="Jane", last_name="Doe")

Every v3.6 operation is a method of a resource (`api/METHODS.md`); the models are generated from
the API description. API v2: `onfido_core.v2` (every name this package exported before v3.6).
"""

from . import _v3_models, v2
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
from ._base import Download, Model, Page
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
from ._clients import AsyncClient, Client
from ._v3_models import *  # noqa: F403 (the generated models, by their names in _v3_models.__all__)
from ._v2_models import WebhookEvent, WebhookEventObject, WebhookEventPayload
from ._webhooks import parse_webhook_event, sign_webhook, verify_webhook

__all__ = [
    "__version__",
    "v2",
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
    "WebhookEvent",
    "WebhookEventPayload",
    "WebhookEventObject",
]
__all__ += _v3_models.__all__
