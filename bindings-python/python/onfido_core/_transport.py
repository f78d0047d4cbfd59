"""Transports: how requests reach the API. httpx by default, or the in-process sandbox."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, List, Optional, Protocol, Tuple, runtime_checkable

from . import _native

if TYPE_CHECKING:  # httpx is imported when a transport is made, not with the package.
    import httpx

__all__ = [
    "Request",
    "Response",
    "Transport",
    "AsyncTransport",
    "TransportFailure",
    "HttpxTransport",
    "AsyncHttpxTransport",
    "SandboxTransport",
    "AsyncSandboxTransport",
]

Headers = List[Tuple[str, str]]


@dataclass(frozen=True)
class Request:
    """A request the core built: send it as is."""

    method: str
    url: str
    headers: Headers
    body: bytes

    def __repr__(self) -> str:
        shown = [(n, "***" if n.lower() == "authorization" else v) for n, v in self.headers]
        return f"Request(method={self.method!r}, url={self.url!r}, headers={shown!r}, body=<{len(self.body)} bytes>)"


@dataclass(frozen=True)
class Response:
    """What came back: status, headers in order, raw body."""

    status: int
    headers: Headers
    body: bytes = field(repr=False)


class TransportFailure(Exception):
    """The network failed. `failure` is `connect` (nothing was sent), `timeout` or `lost`."""

    def __init__(self, failure: str, message: str) -> None:
        super().__init__(message)
        self.failure = failure

    def __reduce__(self) -> Tuple[Any, ...]:
        return (TransportFailure, (self.failure, str(self)))


@runtime_checkable
class Transport(Protocol):
    """Sends one request; raises `TransportFailure` when the network fails."""

    def send(self, request: Request, timeout: float) -> Response: ...

    def close(self) -> None: ...


@runtime_checkable
class AsyncTransport(Protocol):
    """Sends one request without blocking; raises `TransportFailure` when the network fails."""

    async def send(self, request: Request, timeout: float) -> Response: ...

    async def aclose(self) -> None: ...


def _failure(error: Exception) -> TransportFailure:
    import httpx

    # Nothing was sent when the connection never opened or no pooled connection was free.
    if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)):
        return TransportFailure("connect", f"could not connect: {error}")
    if isinstance(error, httpx.TimeoutException):
        return TransportFailure("timeout", f"timed out: {error}")
    return TransportFailure("lost", f"the request failed: {error}")


class HttpxTransport:
    """httpx with connection pooling, proxies from the environment and 30 s timeouts."""

    def __init__(self, client: Optional["httpx.Client"] = None) -> None:
        import httpx

        self._client = client or httpx.Client(timeout=30.0, trust_env=True)
        self._errors = httpx.RequestError

    def send(self, request: Request, timeout: float) -> Response:
        try:
            response = self._client.request(
                request.method, request.url, headers=request.headers, content=request.body, timeout=timeout
            )
        except self._errors as error:
            raise _failure(error) from None
        return Response(response.status_code, list(response.headers.multi_items()), response.content)

    def close(self) -> None:
        self._client.close()


class AsyncHttpxTransport:
    """httpx's async client with connection pooling, proxies from the environment and 30 s timeouts."""

    def __init__(self, client: Optional["httpx.AsyncClient"] = None) -> None:
        import httpx

        self._client = client or httpx.AsyncClient(timeout=30.0, trust_env=True)
        self._errors = httpx.RequestError

    async def send(self, request: Request, timeout: float) -> Response:
        try:
            response = await self._client.request(
                request.method, request.url, headers=request.headers, content=request.body, timeout=timeout
            )
        except self._errors as error:
            raise _failure(error) from None
        return Response(response.status_code, list(response.headers.multi_items()), response.content)

    async def aclose(self) -> None:
        await self._client.aclose()


class SandboxTransport:
    """The offline sandbox in process: no server, no network, deterministic ids.

    Use any sandbox token (`test_...`). Webhook notifications the sandbox produces are kept in
    `deliveries` as signed requests, for testing your webhook handler.
    """

    def __init__(self, rate_limit: Optional[int] = None) -> None:
        self._sandbox = _native.Sandbox("https://api.onfido.com", rate_limit)
        self.deliveries: List[Request] = []

    def send(self, request: Request, timeout: float) -> Response:
        status, headers, body = self._sandbox.handle(
            request.method, request.url, request.headers, request.body, int(time.time())
        )
        for method, url, hook_headers, hook_body in self._sandbox.take_webhook_deliveries():
            self.deliveries.append(Request(method, url, hook_headers, hook_body))
        return Response(status, headers, body)

    def close(self) -> None:
        pass


class AsyncSandboxTransport:
    """The offline sandbox in process, for `AsyncClient`."""

    def __init__(self, rate_limit: Optional[int] = None) -> None:
        self._sync = SandboxTransport(rate_limit)

    @property
    def deliveries(self) -> List[Request]:
        """The signed webhook notifications produced so far."""
        return self._sync.deliveries

    async def send(self, request: Request, timeout: float) -> Response:
        return self._sync.send(request, timeout)

    async def aclose(self) -> None:
        pass
