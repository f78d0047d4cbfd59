"""The v3.6 (and v3.4) clients: the generated resources on one private entry point, `_call`."""

from __future__ import annotations

from typing import Any, Dict, Literal, Mapping, Optional, TypeVar

from ._engine import Engine, plain, run, run_async
from ._errors import ConfigError
from ._retry import RetryPolicy
from ._transport import AsyncHttpxTransport, AsyncTransport, HttpxTransport, Transport
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
        # The core follows redirects (a file's storage gets no Authorization) and retries.
        response, _ = run(self._engine, self._transport, operation, plain(input))
        return read(self._engine.parse_json(operation, response), response.headers)


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
        response, _ = await run_async(self._engine, self._transport, operation, plain(input))
        return read(self._engine.parse_json(operation, response), response.headers)
