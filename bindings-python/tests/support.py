"""Helpers the test modules share (pytest puts this directory on sys.path)."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, TypeVar

import httpx

from onfido_core import _native
from onfido_core._base import Reader
from onfido_core.v2 import AsyncClient, Client, Request, Response, SandboxTransport

T = TypeVar("T")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURES = REPO / "tests" / "fixtures"
DRIVING_LICENCE = FIXTURES / "sample_driving_licence.png"
PHOTO = FIXTURES / "sample_photo.png"

ALL_OPERATIONS: Set[str] = set(_native.operations())

# A fake MP4 (the sandbox stores any bytes as a live video); large enough to span many TCP segments.
VIDEO = b"\x00\x00\x00\x18ftypmp42" + hashlib.sha256(b"video").digest() * 2048


class RecordingClient(Client):
    """A `Client` that notes every operation id it runs (every resource method goes through `_call`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.operations: Set[str] = set()

    def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> T:
        self.operations.add(operation)
        return super()._call(operation, input, read)


class RecordingAsyncClient(AsyncClient):
    """An `AsyncClient` that notes every operation id it runs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.operations: Set[str] = set()

    async def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> T:
        self.operations.add(operation)
        return await super()._call(operation, input, read)


class RecordingTransport:
    """A transport that records each request and answers with `respond` (default: fail the test)."""

    def __init__(self, respond: Optional[Callable[[Request], Response]] = None) -> None:
        self.calls: List[Request] = []
        self._respond = respond
        self._lock = threading.Lock()

    def send(self, request: Request, timeout: float) -> Response:
        with self._lock:
            self.calls.append(request)
        if self._respond is None:
            raise AssertionError(f"the transport was called: {request!r}")
        return self._respond(request)

    def close(self) -> None:
        pass


def multipart(fields: Dict[str, str], files: Dict[str, Tuple[str, bytes, str]]) -> Tuple[str, bytes]:
    """(Content-Type, body) of a multipart/form-data form, encoded by httpx."""
    built = httpx.Request("POST", "http://localhost/", data=fields, files=files)
    return built.headers["content-type"], built.read()


def upload_live_video_http(base_url: str, token: str, applicant_id: str, video: bytes = VIDEO) -> Dict[str, Any]:
    """The sandbox's `POST /v2/live_videos` (videos normally come from the mobile SDKs), with httpx."""
    response = httpx.post(
        f"{base_url}/v2/live_videos",
        headers={"Authorization": f"Token token={token}"},
        data={"applicant_id": applicant_id},
        files={"file": ("video.mp4", video, "video/mp4")},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    result: Dict[str, Any] = response.json()
    return result


def live_video_request(token: str, applicant_id: str, video: bytes = VIDEO) -> Request:
    """The sandbox's `POST /v2/live_videos` as a `Request` for an in-process sandbox transport."""
    content_type, body = multipart({"applicant_id": applicant_id}, {"file": ("video.mp4", video, "video/mp4")})
    return Request(
        "POST",
        "https://api.onfido.com/v2/live_videos",
        [("Authorization", f"Token token={token}"), ("Content-Type", content_type)],
        body,
    )


def created_json(response: Response) -> Dict[str, Any]:
    assert response.status == 201, response.body[:300]
    result: Dict[str, Any] = json.loads(response.body)
    return result


def upload_live_video_in_process(
    transport: SandboxTransport, token: str, applicant_id: str, video: bytes = VIDEO
) -> Dict[str, Any]:
    """The same upload straight into an in-process sandbox transport."""
    return created_json(transport.send(live_video_request(token, applicant_id, video), 30.0))


UK_ADDRESS = {
    "building_number": "100",
    "street": "Main Street",
    "town": "London",
    "postcode": "SW4 6EH",
    "country": "GBR",
}
