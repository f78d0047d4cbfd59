"""The clients of every version: the generated resources on one private entry point, `_call`."""

from __future__ import annotations

import copy
from typing import Any, Dict, Literal, Mapping, Optional, Tuple, Type, TypeVar

from . import _base as r
from ._base import Reader
from ._engine import CallOptions, Engine, plain, run, run_async
from ._errors import ConfigError, ValidationError
from ._retry import RetryPolicy
from ._transport import AsyncHttpxTransport, AsyncTransport, HttpxTransport, Transport
from ._v3_resources import AsyncResources, Resources

__all__ = ["Client", "AsyncClient"]

T = TypeVar("T")
C = TypeVar("C", bound="_Client")
ApiVersion = Literal["v3.6", "v3.4"]


def engine(
    versions: Tuple[Tuple[str, ...], str],
    api_token: Optional[str],
    region: Optional[str],
    base_url: Optional[str],
    api_version: str,
    retry: Optional[RetryPolicy],
    timeout: float,
    pace: bool,
    app_name: Optional[str] = None,
) -> Engine:
    """The engine of a client that speaks `versions` (the versions, and what to say of another)."""
    spoken, otherwise = versions
    if api_version not in spoken:
        raise ConfigError(f"api_version {api_version!r}: {otherwise}", field="api_version")
    return Engine(api_token, region, base_url, api_version, retry, timeout, pace, app_name)


V3 = (("v3.6", "v3.4"), "this client speaks v3.6 and v3.4; onfido_core.v2.Client speaks v2")
V2 = (("v2",), "this client speaks v2; onfido_core.Client speaks v3.6 and v3.4")


class _Client:
    """What every client has: the engine, per-call options, and its resources' constructor."""

    _engine: Engine
    _options: Optional[CallOptions] = None
    _resources: Type[Any]

    def with_options(self: C, *, timeout: Optional[float] = None, headers: Optional[Mapping[str, str]] = None) -> C:
        """This client with per-call settings: `timeout` seconds for each attempt (instead of the
        client's), `headers` added to every request (the core refuses the ones it sets itself:
        Authorization, Host, Content-Type, …). The connections and all else are shared.

        >>> client.with_options(timeout=5, headers={"X-Trace": "abc"}).applicants.find(applicant_id)
        """
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0):
            raise ValidationError(f"invalid input: timeout: must be a positive number of seconds, not {timeout!r}", {"timeout": ["must be a positive number of seconds"]})
        if headers is not None and not (isinstance(headers, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items())):
            raise ValidationError("invalid input: headers: must map header names to text values", {"headers": ["must map header names to text values"]})
        view = copy.copy(self)
        view._options = CallOptions(timeout, headers)
        view._resources.__init__(view, view)
        return view


class _Sync(_Client):
    """What every sync client does: one private entry point, `_call`, run by the core's driver."""

    _transport: Transport

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._engine.describe()})"

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the transport's connections."""
        self._transport.close()

    def request(self, operation: str, input: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any operation by id (`find_applicant`, …): the answer as JSON (`tests/vectors/README.md`)."""
        return self._call(operation, dict(input or {}), r.raw)

    def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> T:
        # The core follows redirects (a file's storage gets no Authorization), retries, and gives a
        # listing's next page's input.
        response, following = run(self._engine, self._transport, operation, plain(input), self._options)
        return read(self._engine.parse_json(operation, response), response.headers, following)


class _Async(_Client):
    """`_Sync` for asyncio."""

    _transport: AsyncTransport

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._engine.describe()})"

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Closes the transport's connections."""
        await self._transport.aclose()

    async def request(self, operation: str, input: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any operation by id: the answer as JSON."""
        return await self._call(operation, dict(input or {}), r.raw)

    async def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> T:
        response, following = await run_async(self._engine, self._transport, operation, plain(input), self._options)
        return read(self._engine.parse_json(operation, response), response.headers, following)


class Client(_Sync, Resources):
    """An Onfido API v3.6 client (`api_version="v3.4"`: the same methods, v3.4's fields).

    >>> client = Client(api_token="api_sandbox...", region="eu")   # or base_url=... for a proxy
    >>> applicant = client.applicants.create(first_name="Jane", last_name="Doe")

    Requests are built, retried and parsed by the Rust core; `transport` sends them (httpx by
    default; `SandboxTransport()` for the offline sandbox). API v2: `onfido_core.v2.Client`.
    """

    _resources = Resources

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
        app_name: Optional[str] = None,
    ) -> None:
        self._engine = engine(V3, api_token, region, base_url, api_version, retry, timeout, pace, app_name)
        self._transport = transport if transport is not None else HttpxTransport()
        Resources.__init__(self, self)

    def __enter__(self) -> "Client":
        return self


class AsyncClient(_Async, AsyncResources):
    """`Client` for asyncio: the same resources and methods, awaited."""
    _resources = AsyncResources

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
        app_name: Optional[str] = None,
    ) -> None:
        self._engine = engine(V3, api_token, region, base_url, api_version, retry, timeout, pace, app_name)
        self._transport = transport if transport is not None else AsyncHttpxTransport()
        AsyncResources.__init__(self, self)

    async def __aenter__(self) -> "AsyncClient":
        return self
