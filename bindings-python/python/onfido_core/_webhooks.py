"""Webhook notifications: verify the raw body's signature, then read the event."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Tuple, Union

from . import _native
from ._errors import from_core
from ._v2_models import WebhookEvent

__all__ = ["verify_webhook", "sign_webhook", "parse_webhook_event", "HeadersLike", "BodyLike"]

HeadersLike = Union[Mapping[str, str], Iterable[Tuple[str, str]], Any]
BodyLike = Union[bytes, bytearray, memoryview, str]


RAW_BODY_HINT = (
    "signatures cover the raw bytes as received: pass request.get_data() (Flask), "
    "await request.body() (FastAPI/Starlette) or request.body (Django), "
    "or use onfido_core.webhooks' helpers for these frameworks"
)


def _bytes(body: BodyLike) -> bytes:
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (dict, list)):
        raise TypeError(f"the webhook body is a {type(body).__name__}, JSON already parsed; {RAW_BODY_HINT}")
    try:
        return bytes(memoryview(body))  # bytes, bytearray, memoryview or any other buffer; never an int's zeros
    except TypeError:
        raise TypeError(f"the webhook body must be bytes or str, not {type(body).__name__}; {RAW_BODY_HINT}") from None


def verify_webhook(body: BodyLike, headers: HeadersLike, secret: str) -> WebhookEvent:
    """Verifies a notification against its webhook token and returns its event.

    Pass the raw body as received (bytes, or text) and the request's headers; `X-SHA2-Signature`
    (HMAC-SHA256) is used when present, else `X-Signature` (HMAC-SHA1), compared in constant time.
    Raises `SignatureError` when the signature is missing or does not match.
    """
    try:
        return WebhookEvent(_native.verify_webhook(_bytes(body), headers, secret))
    except _native.CoreError as error:
        raise from_core(error.args[0]) from None


def parse_webhook_event(body: BodyLike) -> WebhookEvent:
    """Reads a notification's event without verifying it (only after your own verification)."""
    try:
        return WebhookEvent(_native.parse_webhook_event(_bytes(body)))
    except _native.CoreError as error:
        raise from_core(error.args[0]) from None


def sign_webhook(body: BodyLike, secret: str, algorithm: str = "sha256") -> str:
    """The hex signature Onfido would send for a body (`sha256` or `sha1`): for tests."""
    try:
        return _native.sign_webhook(_bytes(body), secret, algorithm)
    except _native.CoreError as error:
        raise from_core(error.args[0]) from None
