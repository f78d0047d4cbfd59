"""The v3.6 (and v3.4) clients: the generated resources on one private entry point, `_call`."""

from __future__ import annotations

import base64
from typing import Any, Dict, Literal, Mapping, Optional, TypeVar, Union

from ._engine import Engine, plain, send, send_async
from ._errors import ConfigError, TransportError
from ._retry import RetryPolicy
from ._transport import (
    AsyncHttpxTransport,
    AsyncTransport,
    HttpxTransport,
    Request,
    Response,
    Transport,
    TransportFailure,
)
from ._v3_base import Reader
from ._v3_resources import AsyncResources, Resources

__all__ = ["Client", "AsyncClient"]

T = TypeVar("T")
ApiVersion = Literal["v3.6", "v3.4"]


def _engine(
    api_token: Optional[str], region: Optional[str], base_url: Optional[str], api_version: str, retry: Optional[RetryPolicy], timeout: float, pace: bool
) -> Engine:
    if api_version not in ("v3.6", "v3.4"):
        raise ConfigError(
            f"api_version {api_version!r}: this client speaks v3.6 and v3.4; onfido_core.v2.Client speaks v2",
            field="api_version",
        )
    return Engine(api_token, region, base_url, api_version, retry, timeout, pace)


def _redirect(value: Any) -> Optional[Request]:
    """The request that fetches a file the API redirected to: no `Authorization` goes along."""
    target = value.get("redirect") if isinstance(value, dict) else None
    if not isinstance(target, dict):
        return None
    return Request("GET", str(target.get("location")), [("Accept", "*/*")], b"")


def _fetched(operation: str, outcome: Union[Response, TransportFailure]) -> Dict[str, Any]:
    """A redirected file as the core reads a file answer."""
    if isinstance(outcome, TransportFailure) or not 200 <= outcome.status < 300:
        raise TransportError(f"{operation}: fetching the file the API redirected to failed: {outcome}", failure="lost")
    content_type = next((v for n, v in outcome.headers if n.lower() == "content-type"), None)
    return {"content_type": content_type, "filename": None, "content_base64": base64.b64encode(outcome.body).decode()}


class Client(Resources):
    """An Onfido API v3.6 client (`api_version="v3.4"`: the same methods, v3.4's fields).

    >>> client = Client(api_token="api_sandbox...", region="eu")   # or base_url=... for a proxy
    >>> applicant = client.applicants.create(first_name="Jane", last_name="Doe")

    Requests are built, retried and parsed by the Rust core; `transport` sends them (httpx by
    default; `SandboxTransport()` for the offline sandbox). API v2: `onfido_core.v2.Client`.
    """

    def __init__(
        self,
        api_token: Optional[str] = None,
        *,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        api_version: ApiVersion = "v3.6",
        transport: Optional[Transport] = None,
        retry: Optional[RetryPolicy] = RetryPolicy(),
        timeout: float = 30.0,
        pace: bool = False,
    ) -> None:
        self._engine = _engine(api_token, region, base_url, api_version, retry, timeout, pace)
        self._transport: Transport = transport if transport is not None else HttpxTransport()
        Resources.__init__(self, self)

    def __repr__(self) -> str:
        return f"Client({self._engine.describe()})"

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the transport's connections."""
        self._transport.close()

    def request(self, operation: str, input: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any operation by id (`find_applicant`, …): the answer as JSON (`tests/vectors/README.md`)."""
        return self._call(operation, dict(input or {}), lambda value, _: value)

    def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> T:
        engine = self._engine
        outcome = send(engine, self._transport, operation, engine.build(operation, plain(input)))
        value = engine.parse_json(operation, outcome)
        follow = _redirect(value)
        if follow is not None:
            value = _fetched(operation, send(engine, self._transport, operation, follow))
        return read(value, outcome.headers if isinstance(outcome, Response) else [])


class AsyncClient(AsyncResources):
    """`Client` for asyncio: the same resources and methods, awaited."""

    def __init__(
        self,
        api_token: Optional[str] = None,
        *,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        api_version: ApiVersion = "v3.6",
        transport: Optional[AsyncTransport] = None,
        retry: Optional[RetryPolicy] = RetryPolicy(),
        timeout: float = 30.0,
        pace: bool = False,
    ) -> None:
        self._engine = _engine(api_token, region, base_url, api_version, retry, timeout, pace)
        self._transport: AsyncTransport = transport if transport is not None else AsyncHttpxTransport()
        AsyncResources.__init__(self, self)

    def __repr__(self) -> str:
        return f"AsyncClient({self._engine.describe()})"

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Closes the transport's connections."""
        await self._transport.aclose()

    async def request(self, operation: str, input: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any operation by id: the answer as JSON."""
        return await self._call(operation, dict(input or {}), lambda value, _: value)

    async def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> T:
        engine = self._engine
        outcome = await send_async(engine, self._transport, operation, engine.build(operation, plain(input)))
        value = engine.parse_json(operation, outcome)
        follow = _redirect(value)
        if follow is not None:
            value = _fetched(operation, await send_async(engine, self._transport, operation, follow))
        return read(value, outcome.headers if isinstance(outcome, Response) else [])
