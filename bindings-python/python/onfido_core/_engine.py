"""What the sync and async clients share: build (core), decide on retries (core), parse (core)."""

from __future__ import annotations

import logging
import os
import random
import time
from datetime import date, datetime
from typing import IO, Any, Dict, Generator, List, Mapping, Optional, Tuple, Union

from . import _native
from ._errors import TransportError, from_core
from ._retry import RetryPolicy
from ._transport import AsyncTransport, Request, Response, Transport, TransportFailure

__all__ = ["Engine", "FileInput", "file_input", "run", "run_async"]

log = logging.getLogger("onfido_core")

FileInput = Union[str, os.PathLike[str], bytes, bytearray, memoryview, IO[bytes]]


def file_input(file: FileInput, filename: Optional[str]) -> Dict[str, Any]:
    """An upload's file from a path, bytes or a binary file object.

    Without a name (bytes, or a file object without one) the core names it after the bytes:
    `upload.png`, `upload.jpg` or `upload.pdf`.
    """
    if isinstance(file, (bytes, bytearray, memoryview)):
        content = bytes(file)
        return {"filename": filename or None, "content": content}
    if isinstance(file, (str, os.PathLike)):
        from pathlib import Path  # on the first upload from a path, not at import

        path = Path(file)
        return {"filename": filename or path.name, "content": path.read_bytes()}
    read = file.read()
    if not isinstance(read, (bytes, bytearray)):
        raise TypeError("file objects must be opened in binary mode ('rb')")
    content = bytes(read)
    name = getattr(file, "name", None)
    default = os.path.basename(name) if isinstance(name, str) else None
    return {"filename": filename or default, "content": content}


class Send:
    """A request to send, with its timeout in seconds."""

    __slots__ = ("request", "timeout")

    def __init__(self, request: Request, timeout: float) -> None:
        self.request = request
        self.timeout = timeout


# What a call asks of its runner (send, or sleep seconds), what it is told back, what it ends with:
# the final response and, for listings, the next page's input.
Action = Union[Send, float]
Outcome = Union[Response, TransportFailure, None]
Finished = Tuple[Response, Optional[Dict[str, Any]]]


class CallOptions:
    """Per-call settings (`client.with_options(...)`): a timeout in seconds for each attempt, and
    headers to add (the core refuses those it owns: Authorization, Host, Content-Type, …)."""

    __slots__ = ("timeout", "headers")

    def __init__(self, timeout: Optional[float], headers: Optional[Mapping[str, str]]) -> None:
        self.timeout = timeout
        self.headers = dict(headers) if headers is not None else None

    def native(self) -> Tuple[Optional[List[Tuple[str, str]]], Optional[int]]:
        headers = list(self.headers.items()) if self.headers is not None else None
        return headers, (_ms(self.timeout) if self.timeout is not None else None)


def _ms(seconds: float) -> int:
    """A timeout as the core takes it: whole milliseconds, at least 1."""
    return max(1, int(seconds * 1000))


async def _sleep(seconds: float) -> None:
    # asyncio is imported by the first async wait, not by `import onfido_core` (~50 ms of it).
    import asyncio

    await asyncio.sleep(seconds)


def _now() -> Tuple[int, int, float]:
    return int(time.time()), int(time.monotonic() * 1000), random.random()


class Engine:
    """Builds requests and reads responses (core); the call loop itself is the core's driver."""

    def __init__(
        self,
        api_token: Optional[str],
        region: Optional[str],
        base_url: Optional[str],
        api_version: str,
        retry: Optional[RetryPolicy],
        timeout: float,
        pace: bool,
        app_name: Optional[str] = None,
    ) -> None:
        try:
            self.config = _native.Config(api_token, region=region, api_version=api_version, base_url=base_url, app_name=app_name)
            policy = (retry or RetryPolicy.never())._native()
            self.session = _native.Session(self.config, retry=policy, pace=pace, timeout_ms=_ms(timeout))
        except _native.CoreError as error:
            raise from_core(error.args[0]) from None
        self.timeout = timeout

    def build(self, operation: str, input: Mapping[str, Any]) -> Request:
        """The request for an operation, or the `ValidationError` that keeps it from being sent."""
        try:
            method, url, headers, body = _native.build_request(operation, self.config, dict(input), int(time.time()))
        except _native.CoreError as error:
            raise from_core(error.args[0]) from None
        return Request(method, url, headers, body)

    def steps(self, operation: str, input: Mapping[str, Any], options: Optional[CallOptions] = None) -> Generator[Action, Outcome, Finished]:
        """One call as the core drives it: yields what to do (send, or sleep seconds), is told what
        happened; returns the final response and, for listings, the next page's input. The sync
        and async clients run the same steps (`run`, `run_async`)."""
        try:
            headers, timeout_ms = options.native() if options is not None else (None, None)
            call = _native.Call(self.session, operation, dict(input), int(time.time()), headers=headers, timeout_ms=timeout_ms)
            step = call.start(*_now())
            while True:
                if step[0] == "send":
                    _, (method, url, headers, body), timeout_ms, attempt, purpose = step
                    log.debug("%s %s (%s, %s, attempt %d)", method, url, operation, purpose, attempt)
                    outcome = yield Send(Request(method, url, headers, body), timeout_ms / 1000.0)
                    if isinstance(outcome, Response):
                        self.check_status(operation, outcome)
                        log.debug("%s answered %d", operation, outcome.status)
                        step = call.received(*_now(), status=outcome.status, headers=outcome.headers, body=outcome.body)
                    elif isinstance(outcome, TransportFailure):
                        log.debug("%s failed: %s (%s)", operation, outcome.failure, outcome)
                        step = call.received(*_now(), failure=outcome.failure, message=str(outcome))
                    else:
                        raise TypeError("the call loop was resumed without an outcome")
                elif step[0] == "wait":
                    _, ms, reason = step
                    (log.info if reason == "retry" else log.debug)("%s: waiting %.3f s (%s)", operation, ms / 1000.0, reason)
                    yield ms / 1000.0
                    step = call.waited(*_now())
                else:
                    _, status, headers, body, following = step
                    return Response(status, headers, body), following
        except _native.CoreError as error:
            exception = from_core(error.args[0])
            log.debug("%s: %s", operation, exception)
            raise exception from None

    @staticmethod
    def check_status(operation: str, outcome: Response) -> None:
        """A status no HTTP answer has, from a custom transport, is a transport error (never retried)."""
        if not (isinstance(outcome.status, int) and not isinstance(outcome.status, bool) and 100 <= outcome.status <= 599):
            raise TransportError(
                f"{operation}: the transport answered status {outcome.status!r}, which is not an HTTP status (100-599)",
                failure="lost",
            )

    def parse_json(self, operation: str, outcome: Response) -> Any:
        """An answer as the core reads it (JSON as Python values; lists as the API's wrapper), or its error."""
        try:
            return _native.parse_response(operation, outcome.status, outcome.headers, outcome.body, self.config.api_version)
        except _native.CoreError as error:
            raise from_core(error.args[0]) from None

    def describe(self) -> str:
        c = self.config
        return f"region={c.region!r}, api_version={c.api_version!r}, base_url={c.base_url!r}, environment={c.environment!r}"


def run(engine: Engine, transport: Transport, operation: str, input: Mapping[str, Any], options: Optional[CallOptions] = None) -> Finished:
    """Runs one call: sends and sleeps as the core's steps say."""
    steps = engine.steps(operation, input, options)
    outcome: Outcome = None
    try:
        while True:
            action = steps.send(outcome)
            if isinstance(action, Send):
                try:
                    outcome = transport.send(action.request, action.timeout)
                except TransportFailure as failure:
                    outcome = failure
            else:
                time.sleep(action)
                outcome = None
    except StopIteration as done:
        finished: Finished = done.value
        return finished


async def run_async(
    engine: Engine, transport: AsyncTransport, operation: str, input: Mapping[str, Any], options: Optional[CallOptions] = None
) -> Finished:
    """`run` for an async transport."""
    steps = engine.steps(operation, input, options)
    outcome: Outcome = None
    try:
        while True:
            action = steps.send(outcome)
            if isinstance(action, Send):
                try:
                    outcome = await transport.send(action.request, action.timeout)
                except TransportFailure as failure:
                    outcome = failure
            else:
                await _sleep(action)
                outcome = None
    except StopIteration as done:
        finished: Finished = done.value
        return finished


def plain(input: Mapping[str, Any]) -> Dict[str, Any]:
    """An input as the core takes it: arguments left as None dropped, dates as ISO 8601 text."""
    return {k: _plain(v, ()) for k, v in input.items() if v is not None}


def _plain(value: Any, within: Tuple[int, ...]) -> Any:
    # Containers with no date inside stay the very objects given, so that the core's bounds check
    # (`bounds.rs`) names a container that holds itself, or one nested too deep, as it would
    # without this pass; this pass stops where the core would refuse (65 levels) or at a cycle.
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if len(within) > 64 or id(value) in within:
        return value
    if isinstance(value, dict):
        inner = within + (id(value),)
        converted = {k: _plain(v, inner) for k, v in value.items()}
        return value if all(converted[k] is v for k, v in value.items()) else converted
    if isinstance(value, (list, tuple)):
        inner = within + (id(value),)
        items = [_plain(v, inner) for v in value]
        return value if isinstance(value, list) and all(a is b for a, b in zip(items, value)) else items
    return value
