"""The API's resources as classes with attributes; unknown fields stay reachable as attributes too."""

from __future__ import annotations

import copy
from typing import Any, ClassVar, Dict, Generic, Iterator, List, Optional, Tuple, TypeVar, Union

from . import _native

__all__ = [
    "Model",
    "Address",
    "IdNumber",
    "Applicant",
    "Document",
    "LivePhoto",
    "Challenge",
    "LiveVideo",
    "BreakdownItem",
    "Finding",
    "Report",
    "Check",
    "Webhook",
    "ReportType",
    "ReportTypeGroup",
    "SdkToken",
    "OcrDocInfo",
    "OcrResults",
    "OcrExtractedData",
    "OcrResult",
    "SlvResult",
    "EventObject",
    "EventPayload",
    "WebhookEvent",
    "Download",
    "Page",
]

M = TypeVar("M")


class Model:
    """A resource as the API returned it. Attributes read its fields; `to_dict()` gives them back."""

    __slots__ = ("_data",)
    # Fields holding other models: name -> (shape, class) with shape "one", "list" or "map".
    _nested: ClassVar[Dict[str, Tuple[str, type]]] = {}

    def __init__(self, data: Dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        if name == "_data" or name.startswith("__"):
            raise AttributeError(name)
        try:
            value = self._data[name]
        except KeyError:
            if _declares(type(self), name):
                return None
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None
        nested = self._nested.get(name)
        if nested is None or value is None:
            return value
        shape, cls = nested
        if shape == "one":
            return cls(value)
        if shape == "list":
            return [cls(v) if isinstance(v, dict) else v for v in value]
        return {k: cls(v) for k, v in value.items()}

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self._data,))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; use to_dict() for a mutable copy")

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._data == other._data  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, str(self._data.get("id"))))

    def __repr__(self) -> str:
        keys = [k for k in ("id", "name", "type", "status", "result", "first_name", "last_name") if self._data.get(k) is not None]
        shown = ", ".join(f"{k}={self._data[k]!r}" for k in keys[:4])
        return f"{type(self).__name__}({shown})"

    def to_dict(self) -> Dict[str, Any]:
        """A deep copy of the fields, as the API names them."""
        return copy.deepcopy(self._data)

    def get(self, name: str, default: Any = None) -> Any:
        """A field by name, or `default`."""
        return self._data.get(name, default)


class Address(Model):
    """A postal address."""

    __slots__ = ()
    flat_number: Optional[str]
    building_number: Optional[str]
    building_name: Optional[str]
    street: Optional[str]
    sub_street: Optional[str]
    town: Optional[str]
    state: Optional[str]
    postcode: Optional[str]
    country: Optional[str]
    start_date: Optional[str]
    end_date: Optional[str]


class IdNumber(Model):
    """An identification number (ssn, social_insurance, tax_id, identity_card, driving_licence)."""

    __slots__ = ()
    type: str
    value: Optional[str]
    state_code: Optional[str]


class Applicant(Model):
    """The individual a check is performed on."""

    __slots__ = ()
    _nested = {"addresses": ("list", Address), "id_numbers": ("list", IdNumber)}
    id: str
    created_at: Optional[str]
    delete_at: Optional[str]
    href: Optional[str]
    title: Optional[str]
    first_name: Optional[str]
    middle_name: Optional[str]
    last_name: Optional[str]
    email: Optional[str]
    gender: Optional[str]
    dob: Optional[str]
    telephone: Optional[str]
    mobile: Optional[str]
    country: Optional[str]
    mothers_maiden_name: Optional[str]
    previous_last_name: Optional[str]
    nationality: Optional[str]
    country_of_birth: Optional[str]
    town_of_birth: Optional[str]
    id_numbers: List[IdNumber]
    addresses: List[Address]
    sandbox: Optional[bool]


class Document(Model):
    """An uploaded document."""

    __slots__ = ()
    id: str
    created_at: Optional[str]
    href: Optional[str]
    download_href: Optional[str]
    file_name: Optional[str]
    file_type: Optional[str]
    file_size: Optional[int]
    type: Optional[str]
    side: Optional[str]
    issuing_country: Optional[str]


class LivePhoto(Model):
    """A photo of the applicant's face."""

    __slots__ = ()
    id: str
    created_at: Optional[str]
    href: Optional[str]
    download_href: Optional[str]
    file_name: Optional[str]
    file_type: Optional[str]
    file_size: Optional[int]


class Challenge(Model):
    """One live video challenge: recite digits or perform a movement."""

    __slots__ = ()
    type: str
    query: Any


class LiveVideo(Model):
    """A video of the applicant's face."""

    __slots__ = ()
    _nested = {"challenge": ("list", Challenge)}
    id: str
    created_at: Optional[str]
    href: Optional[str]
    download_href: Optional[str]
    file_name: Optional[str]
    file_type: Optional[str]
    file_size: Optional[int]
    challenge: List[Challenge]


class BreakdownItem(Model):
    """One node of a report's breakdown tree."""

    __slots__ = ()
    result: Optional[str]
    properties: Any
    breakdown: Dict[str, "BreakdownItem"]


BreakdownItem._nested = {"breakdown": ("map", BreakdownItem)}


class Finding(Model):
    """A breakdown a reviewer must look at: path, result (consider/unidentified), properties, meaning."""

    __slots__ = ()
    path: str
    result: str
    properties: Any
    description: Optional[str]


_SUB_RESULT_MEANINGS = {
    "clear": "All underlying verifications passed.",
    "rejected": "The report could not be processed further (poor quality image or an unsupported document).",
    "suspected": "The document is suspected to be fraudulent.",
    "caution": "Other verifications failed without pointing to fraud (such as the name provided not matching the document).",
}


class Report(Model):
    """One verification within a check, with its breakdown tree."""

    __slots__ = ()
    _nested = {"breakdown": ("map", BreakdownItem)}
    id: str
    name: Optional[str]
    created_at: Optional[str]
    href: Optional[str]
    status: Optional[str]
    result: Optional[str]
    sub_result: Optional[str]
    variant: Optional[str]
    options: Any
    breakdown: Dict[str, BreakdownItem]
    properties: Dict[str, Any]
    documents: List[Any]

    def findings(self) -> List[Finding]:
        """The breakdowns whose result is consider or unidentified, deepest first, in name order."""
        return [Finding(f) for f in _native.findings(self._data)]

    def breakdown_at(self, path: str) -> Optional[BreakdownItem]:
        """The breakdown node at a dotted path (`image_integrity.image_quality`)."""
        node: Any = {"breakdown": self._data.get("breakdown") or {}}
        for part in path.split("."):
            node = (node.get("breakdown") or {}).get(part)
            if node is None:
                return None
        return BreakdownItem(node)

    @property
    def sub_result_meaning(self) -> Optional[str]:
        """What the document report's sub_result means, in the reference's words."""
        sub = self._data.get("sub_result")
        return _SUB_RESULT_MEANINGS.get(sub) if isinstance(sub, str) else None

    @property
    def is_finished(self) -> bool:
        """Whether the report will not change again (complete, withdrawn or cancelled)."""
        return self._data.get("status") in ("complete", "withdrawn", "cancelled")


class Check(Model):
    """A set of reports run on one applicant; `reports` holds ids or expanded reports."""

    __slots__ = ()
    _nested = {"reports": ("list", Report)}
    id: str
    created_at: Optional[str]
    href: Optional[str]
    type: Optional[str]
    status: Optional[str]
    result: Optional[str]
    redirect_uri: Optional[str]
    results_uri: Optional[str]
    download_uri: Optional[str]
    form_uri: Optional[str]
    reports: List[Union[str, Report]]
    report_type_groups: List[str]
    tags: List[str]
    sandbox: Optional[bool]
    paused: Optional[bool]

    @property
    def expanded_reports(self) -> List[Report]:
        """The reports given as objects (create responses, or listed with expand)."""
        return [r for r in self.reports if isinstance(r, Report)]

    @property
    def report_ids(self) -> List[str]:
        """Every report's id."""
        return [r if isinstance(r, str) else r.id for r in self.reports]

    def derived_result(self) -> Optional[str]:
        """The result derived from the expanded reports as the reference defines it."""
        if len(self.expanded_reports) != len(self.reports):
            return None
        return _native.check_result([r.result for r in self.expanded_reports])

    @property
    def is_finished(self) -> bool:
        """Whether the check will not change again by itself (complete or withdrawn)."""
        return self._data.get("status") in ("complete", "withdrawn")


class Webhook(Model):
    """A registered webhook; `repr` never shows its signing token."""

    __slots__ = ()
    id: str
    url: Optional[str]
    token: Optional[str]
    enabled: Optional[bool]
    href: Optional[str]
    environments: List[str]
    events: List[str]

    def __repr__(self) -> str:
        return f"Webhook(id={self._data.get('id')!r}, url={self._data.get('url')!r}, token='***')"


class ReportType(Model):
    """A report type within a group."""

    __slots__ = ()
    id: Optional[str]
    name: Optional[str]


class ReportTypeGroup(Model):
    """A named set of report types configured for the account."""

    __slots__ = ()
    _nested = {"report_types": ("list", ReportType)}
    id: str
    name: Optional[str]
    group_only: Optional[bool]
    report_types: List[ReportType]


class SdkToken(Model):
    """A Web SDK token (a JWT); `repr` hides it."""

    __slots__ = ()
    token: str

    def claims(self) -> Dict[str, Any]:
        """The token's claims (`exp`, `iat`…), read without checking the signature."""
        result: Dict[str, Any] = _native.sdk_token_claims(self._data["token"])
        return result

    def is_expired(self, now: float) -> bool:
        """Whether the token has expired at `now` (Unix seconds)."""
        exp = self.claims().get("exp")
        return isinstance(exp, int) and exp <= now

    def __repr__(self) -> str:
        return "SdkToken(token='***')"


class OcrDocInfo(Model):
    """The document OCR Autofill classified."""

    __slots__ = ()
    country: Optional[str]
    type: Optional[str]


class OcrResults(Model):
    """The fields OCR Autofill extracted."""

    __slots__ = ()
    document_number: Optional[str]
    first_name: Optional[str]
    last_name: Optional[str]
    gender: Optional[str]
    date_of_birth: Optional[str]
    date_of_expiry: Optional[str]
    nationality: Optional[str]

    def mrz_line(self, n: int) -> Optional[str]:
        """MRZ line 1, 2 or 3, whichever spelling arrived."""
        value = self._data.get(f"mrz_line_{n}") or self._data.get(f"mrz_line{n}")
        return value if isinstance(value, str) else None


class OcrExtractedData(Model):
    """The wrapper around OCR Autofill's fields."""

    __slots__ = ()
    _nested = {"ocr_results": ("one", OcrResults)}
    ocr_results: Optional[OcrResults]


class OcrResult(Model):
    """OCR Autofill's answer."""

    __slots__ = ()
    _nested = {"doc_info": ("one", OcrDocInfo), "extracted_data": ("one", OcrExtractedData)}
    document_id: Optional[str]
    doc_info: Optional[OcrDocInfo]
    extracted_data: Optional[OcrExtractedData]


class SlvResult(Model):
    """Whether a Street Level code was accepted."""

    __slots__ = ()
    success: bool


class EventObject(Model):
    """The resource a webhook event is about."""

    __slots__ = ()
    id: str
    status: Optional[str]
    href: Optional[str]
    completed_at: Optional[str]
    completed_at_iso8601: Optional[str]


class EventPayload(Model):
    """What happened, to which resource."""

    __slots__ = ()
    _nested = {"object": ("one", EventObject)}
    resource_type: str
    action: str
    object: EventObject


class WebhookEvent(Model):
    """A verified webhook notification."""

    __slots__ = ()
    _nested = {"payload": ("one", EventPayload)}
    payload: EventPayload

    @property
    def action(self) -> str:
        """The event (`check.completed`, …)."""
        return str(self._data["payload"]["action"])

    @property
    def resource_type(self) -> str:
        """`check` or `report`."""
        return str(self._data["payload"]["resource_type"])

    @property
    def object(self) -> EventObject:
        """The resource the event is about."""
        return EventObject(self._data["payload"]["object"])


class Download(Model):
    """A downloaded file: exact bytes, content type and file name."""

    __slots__ = ()
    content: bytes
    content_type: Optional[str]
    filename: Optional[str]

    def __repr__(self) -> str:
        return f"Download(filename={self._data.get('filename')!r}, content_type={self._data.get('content_type')!r}, size={len(self._data['content'])})"


class Page(Generic[M]):
    """One page of a list (v2 and v3 models): its items, the total count, and the neighbouring page numbers."""

    __slots__ = ("items", "total_count", "next_page", "prev_page", "last_page")

    def __init__(self, items: List[M], links: Dict[str, Any]) -> None:
        self.items = items
        self.total_count: Optional[int] = links.get("total_count")
        self.next_page: Optional[int] = _page_of(links.get("next"))
        self.prev_page: Optional[int] = _page_of(links.get("prev"))
        self.last_page: Optional[int] = _page_of(links.get("last"))

    def __iter__(self) -> Iterator[M]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Page(items={len(self.items)}, total_count={self.total_count}, next_page={self.next_page})"


def _declares(cls: type, name: str) -> bool:
    """Whether a model class (or a base) annotates a field: absent declared fields read as None."""
    return any(name in getattr(base, "__annotations__", {}) for base in cls.__mro__)


def _page_of(link: Any) -> Optional[int]:
    if isinstance(link, dict) and isinstance(link.get("page"), int):
        return int(link["page"])
    return None
