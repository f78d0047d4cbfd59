"""Webhook notifications: verify the raw body's signature, then read the event."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Tuple, Union

from . import _native
from ._errors import from_core
from ._models import WebhookEvent

__all__ = ["verify_webhook", "sign_webhook", "parse_webhook_event", "HeadersLike", "BodyLike"]

HeadersLike = Union[Mapping[str, str], Iterable[Tuple[str, str]], Any]
BodyLike = Union[bytes, bytearray, memoryview, str]


def _bytes(body: BodyLike) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


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
