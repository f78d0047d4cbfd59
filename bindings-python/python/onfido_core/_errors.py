"""The exceptions of onfido_core: one hierarchy for client-side and server-side failures."""

from __future__ import annotations

import time
from typing import Any, Dict, List, Mapping, Optional, Tuple

__all__ = [
    "OnfidoError",
    "ApiError",
    "AuthenticationError",
    "PermissionError",
    "NotFoundError",
    "GoneError",
    "RateLimitError",
    "ServerError",
    "UnprocessableError",
    "ValidationError",
    "ApiValidationError",
    "DecodeError",
    "ConfigError",
    "SignatureError",
    "TransportError",
]


class OnfidoError(Exception):
    """Any failure of onfido_core. `kind` is api, validation, decode, config, signature or transport.

    The class names are the core's (`NotFoundError`, `RateLimitError`, …), the same in every runtime.
    Errors that ended a call say which: `operation`, `url` (never with credentials) and `attempts`.
    """

    kind: str = "onfido"
    operation: Optional[str] = None
    url: Optional[str] = None
    attempts: Optional[int] = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> Tuple[Any, ...]:
        # Rebuild without calling __init__ (subclasses take keyword-only fields): pickling works.
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: "type[OnfidoError]", message: str, state: Dict[str, Any]) -> "OnfidoError":
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class ValidationError(OnfidoError):
    """Input refused before sending; `fields` maps each field to its messages (as the server's 422)."""

    kind = "validation"

    def __init__(self, message: str, fields: Mapping[str, List[str]]) -> None:
        OnfidoError.__init__(self, message)
        self.fields: Dict[str, List[str]] = dict(fields)


class ApiError(OnfidoError):
    """The server said no: HTTP status, documented `type`, message, per-field messages, error id."""

    kind = "api"

    def __init__(
        self,
        message: str,
        *,
        status: int,
        type: str,
        api_message: str = "",
        fields: Optional[Mapping[str, List[str]]] = None,
        error_id: Optional[str] = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        OnfidoError.__init__(self, message)
        self.status = status
        self.type = type
        self.api_message = api_message
        self.fields: Dict[str, List[str]] = dict(fields or {})
        self.error_id = error_id
        self.request_id = request_id
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, type={self.type!r}, message={self.api_message!r})"


class AuthenticationError(ApiError):
    """401: the token is wrong, expired, or not allowed (a live token on the sandbox)."""


class PermissionError(ApiError):  # noqa: A001 - the core's name, the same in every runtime
    """403: the account may not do this (disabled, trial limits, a feature not enabled)."""


class NotFoundError(ApiError):
    """404: no such resource."""


class GoneError(ApiError):
    """410: deleted or scheduled for deletion."""


class RateLimitError(ApiError):
    """429: too many requests; `retry_after` says how many seconds to wait, when the server said."""


class ServerError(ApiError):
    """5xx: the server failed."""


class UnprocessableError(ApiError):
    """422: the server understood the request but refused it (missing documents, billing, ...)."""


class ApiValidationError(UnprocessableError, ValidationError):
    """422 validation_error from the server: catch `ValidationError` to handle it like a client-side one."""

    kind = "api"


class DecodeError(OnfidoError):
    """The body was not what the endpoint promises; `status` and a short `excerpt` of it."""

    kind = "decode"

    def __init__(self, message: str, *, status: int, excerpt: str) -> None:
        super().__init__(message)
        self.status = status
        self.excerpt = excerpt


class ConfigError(OnfidoError):
    """Unusable settings (token, region, base URL); `field` names the setting."""

    kind = "config"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class SignatureError(OnfidoError):
    """A webhook signature did not verify (kept apart from JSON errors)."""

    kind = "signature"


class TransportError(OnfidoError):
    """The request could not be completed over the network, after the retries the policy allows."""

    kind = "transport"

    def __init__(self, message: str, *, failure: str) -> None:
        super().__init__(message)
        self.failure = failure


_API_CLASSES: Dict[str, "type[ApiError]"] = {
    "AuthenticationError": AuthenticationError,
    "PermissionError": PermissionError,
    "NotFoundError": NotFoundError,
    "GoneError": GoneError,
    "UnprocessableError": UnprocessableError,
    "RateLimitError": RateLimitError,
    "ServerError": ServerError,
}


def _retry_seconds(value: Any) -> Optional[float]:
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict) and isinstance(value.get("at"), (int, float)):
        return max(0.0, float(value["at"]) - time.time())
    return None


def from_core(payload: str) -> OnfidoError:
    """The exception for a core error's JSON (its `name` picks the class)."""
    import json  # on the first error, not at import

    info: Dict[str, Any] = json.loads(payload)
    kind = info.get("kind")
    message = str(info.get("message", ""))
    error: OnfidoError
    if kind == "api":
        error_type = str(info.get("type") or "unknown")
        cls = _API_CLASSES.get(str(info.get("name")), ApiError)
        if error_type == "validation_error":
            cls = ApiValidationError
        error = cls(
            message,
            status=int(info.get("status") or 0),
            type=error_type,
            api_message=str(info.get("api_message") or ""),
            fields=info.get("fields") or {},
            error_id=info.get("id"),
            request_id=info.get("request_id"),
            retry_after=_retry_seconds(info.get("retry_after")),
        )
    elif kind == "validation":
        error = ValidationError(message, info.get("fields") or {})
    elif kind == "decode":
        error = DecodeError(message, status=int(info.get("status") or 0), excerpt=str(info.get("excerpt") or ""))
    elif kind == "config":
        error = ConfigError(message, field=str(info.get("field") or ""))
    elif kind == "signature":
        error = SignatureError(message)
    elif kind == "transport":
        error = TransportError(message, failure=str(info.get("failure") or "lost"))
    else:
        error = OnfidoError(message)
    call = info.get("call")
    if isinstance(call, dict):
        error.operation, error.url, error.attempts = call.get("operation"), call.get("url"), call.get("attempts")
    return error
