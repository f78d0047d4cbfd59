"""What the sync and async clients share: build (core), decide on retries (core), parse (core)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path
from typing import IO, Any, Dict, Mapping, Optional, Tuple, Type, Union

from . import _models, _native
from ._errors import TransportError, from_core
from ._retry import RetryPolicy
from ._transport import Request, Response, TransportFailure

__all__ = ["Engine", "FileInput", "file_input"]

FileInput = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]

# The model each operation reads as (lists: the item model).
MODELS: Dict[str, Optional[Type[_models.Model]]] = {
    "create_applicant": _models.Applicant,
    "retrieve_applicant": _models.Applicant,
    "update_applicant": _models.Applicant,
    "delete_applicant": None,
    "restore_applicant": None,
    "list_applicants": _models.Applicant,
    "upload_document": _models.Document,
    "retrieve_document": _models.Document,
    "list_documents": _models.Document,
    "download_document": _models.Download,
    "upload_live_photo": _models.LivePhoto,
    "retrieve_live_photo": _models.LivePhoto,
    "list_live_photos": _models.LivePhoto,
    "download_live_photo": _models.Download,
    "retrieve_live_video": _models.LiveVideo,
    "list_live_videos": _models.LiveVideo,
    "download_live_video": _models.Download,
    "create_check": _models.Check,
    "retrieve_check": _models.Check,
    "list_checks": _models.Check,
    "resume_check": None,
    "retrieve_report": _models.Report,
    "list_reports": _models.Report,
    "resume_report": None,
    "cancel_report": None,
    "register_webhook": _models.Webhook,
    "retrieve_webhook": _models.Webhook,
    "list_webhooks": _models.Webhook,
    "retrieve_report_type_group": _models.ReportTypeGroup,
    "list_report_type_groups": _models.ReportTypeGroup,
    "pick_addresses": _models.Address,
    "generate_sdk_token": _models.SdkToken,
    "extract_ocr": _models.OcrResult,
    "submit_slv_code": _models.SlvResult,
}


def file_input(file: FileInput, filename: Optional[str]) -> Dict[str, Any]:
    """An upload's file from a path, bytes or a binary file object.

    Without a name (bytes, or a file object without one) the core names it after the bytes:
    `upload.png`, `upload.jpg` or `upload.pdf`.
    """
    if isinstance(file, (bytes, bytearray, memoryview)):
        content = bytes(file)
        return {"filename": filename or None, "content": content}
    if isinstance(file, (str, os.PathLike)):
        path = Path(file)
        return {"filename": filename or path.name, "content": path.read_bytes()}
    read = file.read()
    if not isinstance(read, (bytes, bytearray)):
        raise TypeError("file objects must be opened in binary mode ('rb')")
    content = bytes(read)
    name = getattr(file, "name", None)
    default = os.path.basename(name) if isinstance(name, str) else None
    return {"filename": filename or default, "content": content}


def clean(values: Mapping[str, Any]) -> Dict[str, Any]:
    """Arguments left as None are not sent."""
    return {k: v for k, v in values.items() if v is not None}


class Engine:
    """Builds requests, decides on retries and pacing, and reads responses; never does I/O."""

    def __init__(
        self,
        api_token: Optional[str],
        region: Optional[str],
        base_url: Optional[str],
        api_version: str,
        retry: Optional[RetryPolicy],
        timeout: float,
        pace: bool,
    ) -> None:
        try:
            self.config = _native.Config(api_token, region=region, api_version=api_version, base_url=base_url)
        except _native.CoreError as error:
            raise from_core(error.args[0]) from None
        self.retry = retry or RetryPolicy.never()
        self.timeout = timeout
        limit = 30 if self.config.environment == "sandbox" else 400
        self.pacer: Optional[_native.Pacer] = _native.Pacer(limit) if pace else None

    def build(self, operation: str, input: Mapping[str, Any]) -> Request:
        """The request for an operation, or the `ValidationError` that keeps it from being sent."""
        try:
            method, url, headers, body = _native.build_request(operation, self.config, dict(input), int(time.time()))
        except _native.CoreError as error:
            raise from_core(error.args[0]) from None
        return Request(method, url, headers, body)

    def pace(self) -> float:
        """Seconds to wait before sending, under the documented rate limit."""
        if self.pacer is None:
            return 0.0
        return self.pacer.acquire(int(time.time() * 1000)) / 1000.0

    @staticmethod
    def check_status(operation: str, outcome: Union[Response, TransportFailure]) -> None:
        """A status no HTTP answer has, from a custom transport, is a transport error (never retried)."""
        if isinstance(outcome, Response) and not (
            isinstance(outcome.status, int) and not isinstance(outcome.status, bool) and 100 <= outcome.status <= 599
        ):
            raise TransportError(
                f"{operation}: the transport answered status {outcome.status!r}, which is not an HTTP status (100-599)",
                failure="lost",
            )

    def retry_delay(
        self, operation: str, attempt: int, outcome: Union[Response, TransportFailure], started: float
    ) -> Optional[float]:
        """Seconds to wait before trying again, or None to stop (`started`: `time.monotonic()` at the first try)."""
        status = outcome.status if isinstance(outcome, Response) else None
        if status is not None and 200 <= status < 300:
            return None
        failure = outcome.failure if isinstance(outcome, TransportFailure) else None
        retry_after = None
        if isinstance(outcome, Response):
            retry_after = next((v for n, v in outcome.headers if n.lower() == "retry-after"), None)
        delay = _native.retry_delay(
            self.retry._native(),
            attempt,
            _native.is_idempotent(operation),
            status,
            failure,
            retry_after,
            int(time.time()),
            random.random(),
            max(0, int((time.monotonic() - started) * 1000)),
        )
        return None if delay is None else delay / 1000.0

    def parse(self, operation: str, outcome: Union[Response, TransportFailure]) -> Any:
        """The operation's result, or its error."""
        if isinstance(outcome, TransportFailure):
            raise TransportError(str(outcome), failure=outcome.failure)
        try:
            raw = _native.parse_response(operation, outcome.status, outcome.headers, outcome.body)
        except _native.CoreError as error:
            raise from_core(error.args[0]) from None
        model = MODELS[operation]
        if raw is None or model is None:
            return None
        if isinstance(raw, tuple):
            items, links = raw
            return _models.Page([model(item) for item in items], links)
        return model(raw)

    def describe(self) -> str:
        c = self.config
        return f"region={c.region!r}, api_version={c.api_version!r}, base_url={c.base_url!r}, environment={c.environment!r}"


def next_input(input: Mapping[str, Any], page: _models.Page[Any]) -> Optional[Dict[str, Any]]:
    """The same listing's next page, or None on the last one.

    A next page that is not after this one (a server whose `Link` keeps naming the same page) is a
    `DecodeError`, by the core's rule, rather than the same pages requested forever.
    """
    current = input.get("page")
    if not isinstance(current, int) or isinstance(current, bool) or current < 1:
        current = 1
    try:
        following_page = _native.next_page_after(current, page.next_page)
    except _native.CoreError as error:
        raise from_core(error.args[0]) from None
    if following_page is None:
        return None
    following = dict(input)
    following["page"] = following_page
    return following
