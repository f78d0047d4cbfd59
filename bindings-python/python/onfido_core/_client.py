"""The synchronous client: every operation as a method on a resource attribute."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, TypeVar

from . import _models as m
from ._engine import Engine, FileInput, clean, file_input, run
from ._retry import RetryPolicy
from ._transport import HttpxTransport, Response, Transport

__all__ = ["Client"]

_Self = TypeVar("_Self", bound="Client")


class Client:
    """An Onfido API v2 client.

    >>> client = Client(api_token="test_...", region="eu")          # or base_url=... for a proxy
    >>> applicant = client.applicants.create(first_name="Jane", last_name="Doe")

    Requests are built, retried and parsed by the Rust core; `transport` sends them (httpx by
    default; `SandboxTransport()` for the offline sandbox). 429s are retried by default.
    """

    def __init__(
        self,
        api_token: Optional[str] = None,
        *,
        region: Optional[str] = None,
        base_url: Optional[str] = None,
        api_version: str = "v2",
        transport: Optional[Transport] = None,
        retry: Optional[RetryPolicy] = RetryPolicy(),
        timeout: float = 30.0,
        pace: bool = False,
    ) -> None:
        self._engine = Engine(api_token, region, base_url, api_version, retry, timeout, pace)
        self._transport: Transport = transport if transport is not None else HttpxTransport()
        self.applicants = Applicants(self)
        self.documents = Documents(self)
        self.live_photos = LivePhotos(self)
        self.live_videos = LiveVideos(self)
        self.checks = Checks(self)
        self.reports = Reports(self)
        self.webhooks = Webhooks(self)
        self.report_type_groups = ReportTypeGroups(self)
        self.addresses = Addresses(self)
        self.sdk_tokens = SdkTokens(self)
        self.ocr = Ocr(self)
        self.slv = Slv(self)

    def __repr__(self) -> str:
        return f"Client({self._engine.describe()})"

    def __enter__(self: _Self) -> _Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the transport's connections."""
        self._transport.close()

    def request(self, operation: str, input: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any operation by id (`create_applicant`, …) with its input by the API's field names."""
        return self._engine.parse(operation, self._run(operation, input or {})[0])

    def _run(self, operation: str, input: Mapping[str, Any]) -> Tuple[Response, Optional[Dict[str, Any]]]:
        """Runs the core's call loop: the final response and the next page's input."""
        return run(self._engine, self._transport, operation, input)

    def _pages(self, operation: str, input: Dict[str, Any]) -> Iterator[Any]:
        following: Optional[Dict[str, Any]] = input
        while following is not None:
            response, following = self._run(operation, following)
            yield from self._engine.parse(operation, response).items


class _Resource:
    def __init__(self, client: Client) -> None:
        self._client = client


class Applicants(_Resource):
    """Applicants: the individuals checks are performed on."""

    def create(self, *, first_name: str, last_name: str, **fields: Any) -> m.Applicant:
        """Creates an applicant; other fields (dob, email, addresses, id_numbers…) by their API names."""
        result: m.Applicant = self._client.request("create_applicant", {"first_name": first_name, "last_name": last_name, **fields})
        return result

    def retrieve(self, applicant_id: str) -> m.Applicant:
        """Retrieves an applicant."""
        result: m.Applicant = self._client.request("retrieve_applicant", {"applicant_id": applicant_id})
        return result

    def update(self, applicant_id: str, **fields: Any) -> m.Applicant:
        """Changes the given fields of an applicant."""
        result: m.Applicant = self._client.request("update_applicant", {"applicant_id": applicant_id, **fields})
        return result

    def delete(self, applicant_id: str) -> None:
        """Deletes an applicant (at once without checks, else scheduled; see `restore`)."""
        self._client.request("delete_applicant", {"applicant_id": applicant_id})

    def restore(self, applicant_id: str) -> None:
        """Restores an applicant scheduled for deletion."""
        self._client.request("restore_applicant", {"applicant_id": applicant_id})

    def list(self, *, include_deleted: Optional[bool] = None, per_page: Optional[int] = None) -> Iterator[m.Applicant]:
        """Every applicant, newest first, following every page."""
        return self._client._pages("list_applicants", clean({"include_deleted": include_deleted, "per_page": per_page}))

    def list_page(
        self, *, page: Optional[int] = None, per_page: Optional[int] = None, include_deleted: Optional[bool] = None
    ) -> m.Page[m.Applicant]:
        """One page of applicants, with the total count and the neighbouring page numbers."""
        input = clean({"page": page, "per_page": per_page, "include_deleted": include_deleted})
        result: m.Page[m.Applicant] = self._client.request("list_applicants", input)
        return result


class Documents(_Resource):
    """Documents uploaded for an applicant."""

    def upload(
        self,
        applicant_id: str,
        *,
        file: FileInput,
        type: str,
        side: Optional[str] = None,
        issuing_country: Optional[str] = None,
        filename: Optional[str] = None,
    ) -> m.Document:
        """Uploads a JPEG, PNG or PDF (32 KiB to 10 MiB) from a path, bytes or a binary file object."""
        input = clean({"applicant_id": applicant_id, "file": file_input(file, filename), "type": type, "side": side, "issuing_country": issuing_country})
        result: m.Document = self._client.request("upload_document", input)
        return result

    def retrieve(self, applicant_id: str, document_id: str) -> m.Document:
        """Retrieves a document."""
        result: m.Document = self._client.request("retrieve_document", {"applicant_id": applicant_id, "document_id": document_id})
        return result

    def list(self, applicant_id: str) -> Iterator[m.Document]:
        """An applicant's documents."""
        return self._client._pages("list_documents", {"applicant_id": applicant_id})

    def download(self, applicant_id: str, document_id: str) -> m.Download:
        """A document's file: exact bytes, content type and file name."""
        result: m.Download = self._client.request("download_document", {"applicant_id": applicant_id, "document_id": document_id})
        return result


class LivePhotos(_Resource):
    """Photos of an applicant's face."""

    def upload(
        self, applicant_id: str, *, file: FileInput, advanced_validation: Optional[bool] = None, filename: Optional[str] = None
    ) -> m.LivePhoto:
        """Uploads a JPEG or PNG (32 KiB to 10 MiB) from a path, bytes or a binary file object."""
        input = clean({"applicant_id": applicant_id, "file": file_input(file, filename), "advanced_validation": advanced_validation})
        result: m.LivePhoto = self._client.request("upload_live_photo", input)
        return result

    def retrieve(self, live_photo_id: str) -> m.LivePhoto:
        """Retrieves a live photo."""
        result: m.LivePhoto = self._client.request("retrieve_live_photo", {"live_photo_id": live_photo_id})
        return result

    def list(self, applicant_id: str) -> Iterator[m.LivePhoto]:
        """An applicant's live photos."""
        return self._client._pages("list_live_photos", {"applicant_id": applicant_id})

    def download(self, live_photo_id: str) -> m.Download:
        """A live photo's file."""
        result: m.Download = self._client.request("download_live_photo", {"live_photo_id": live_photo_id})
        return result


class LiveVideos(_Resource):
    """Videos of an applicant's face (uploaded by the mobile SDKs)."""

    def retrieve(self, live_video_id: str) -> m.LiveVideo:
        """Retrieves a live video."""
        result: m.LiveVideo = self._client.request("retrieve_live_video", {"live_video_id": live_video_id})
        return result

    def list(self, applicant_id: str) -> Iterator[m.LiveVideo]:
        """An applicant's live videos."""
        return self._client._pages("list_live_videos", {"applicant_id": applicant_id})

    def download(self, live_video_id: str) -> m.Download:
        """A live video's file."""
        result: m.Download = self._client.request("download_live_video", {"live_video_id": live_video_id})
        return result


class Checks(_Resource):
    """Checks: sets of reports run on an applicant."""

    def create(
        self, applicant_id: str, *, type: str, reports: Optional[Sequence[Mapping[str, Any]]] = None, **fields: Any
    ) -> m.Check:
        """Creates a check (`type` express or standard) with reports like `[{"name": "document"}]`."""
        input = clean({"applicant_id": applicant_id, "type": type, "reports": list(reports) if reports is not None else None, **fields})
        result: m.Check = self._client.request("create_check", input)
        return result

    def retrieve(self, applicant_id: str, check_id: str) -> m.Check:
        """Retrieves a check."""
        result: m.Check = self._client.request("retrieve_check", {"applicant_id": applicant_id, "check_id": check_id})
        return result

    def list(self, applicant_id: str, *, expand_reports: bool = False) -> Iterator[m.Check]:
        """An applicant's checks; with `expand_reports`, reports as objects instead of ids."""
        return self._client._pages("list_checks", clean({"applicant_id": applicant_id, "expand": "reports" if expand_reports else None}))

    def resume(self, check_id: str) -> None:
        """Resumes a paused check."""
        self._client.request("resume_check", {"check_id": check_id})


class Reports(_Resource):
    """Reports of a check."""

    def retrieve(self, check_id: str, report_id: str) -> m.Report:
        """Retrieves a report."""
        result: m.Report = self._client.request("retrieve_report", {"check_id": check_id, "report_id": report_id})
        return result

    def list(self, check_id: str) -> Iterator[m.Report]:
        """A check's reports."""
        return self._client._pages("list_reports", {"check_id": check_id})

    def resume(self, check_id: str, report_id: str) -> None:
        """Resumes a paused report."""
        self._client.request("resume_report", {"check_id": check_id, "report_id": report_id})

    def cancel(self, check_id: str, report_id: str) -> None:
        """Cancels a paused report."""
        self._client.request("cancel_report", {"check_id": check_id, "report_id": report_id})


class Webhooks(_Resource):
    """Webhook endpoints."""

    def register(
        self,
        *,
        url: str,
        events: Optional[Sequence[str]] = None,
        environments: Optional[Sequence[str]] = None,
        enabled: Optional[bool] = None,
    ) -> m.Webhook:
        """Registers an https URL (http only on loopback) for some events (default all)."""
        input = clean({"url": url, "events": list(events) if events is not None else None, "environments": list(environments) if environments is not None else None, "enabled": enabled})
        result: m.Webhook = self._client.request("register_webhook", input)
        return result

    def retrieve(self, webhook_id: str) -> m.Webhook:
        """Retrieves a webhook."""
        result: m.Webhook = self._client.request("retrieve_webhook", {"webhook_id": webhook_id})
        return result

    def list(self) -> Iterator[m.Webhook]:
        """Every webhook of the account."""
        return self._client._pages("list_webhooks", {})


class ReportTypeGroups(_Resource):
    """Report type groups configured for the account."""

    def retrieve(self, report_type_group_id: str) -> m.ReportTypeGroup:
        """Retrieves a group."""
        result: m.ReportTypeGroup = self._client.request("retrieve_report_type_group", {"report_type_group_id": report_type_group_id})
        return result

    def list(self) -> Iterator[m.ReportTypeGroup]:
        """Every group of the account."""
        return self._client._pages("list_report_type_groups", {})


class Addresses(_Resource):
    """The UK address picker."""

    def pick(self, postcode: str) -> List[m.Address]:
        """The addresses at a UK postcode."""
        page: m.Page[m.Address] = self._client.request("pick_addresses", {"postcode": postcode})
        return page.items


class SdkTokens(_Resource):
    """Web SDK tokens."""

    def generate(self, applicant_id: str, *, referrer: str) -> m.SdkToken:
        """A token for one applicant, usable on pages matching the referrer pattern."""
        result: m.SdkToken = self._client.request("generate_sdk_token", {"applicant_id": applicant_id, "referrer": referrer})
        return result


class Ocr(_Resource):
    """OCR Autofill."""

    def extract(self, document_id: str) -> m.OcrResult:
        """The data extracted from an uploaded document."""
        result: m.OcrResult = self._client.request("extract_ocr", {"document_id": document_id})
        return result


class Slv(_Resource):
    """Street Level verification codes."""

    def submit_code(self, code: str) -> m.SlvResult:
        """Submits the code from a Street Level letter."""
        result: m.SlvResult = self._client.request("submit_slv_code", {"code": code})
        return result
