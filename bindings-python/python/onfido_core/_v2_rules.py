"""The v2 rules the description cannot state, as mixins the generated models take (the generator
names them: `xtask/src/python.rs`, `V2.rules`). They read the model's members and call the core."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from . import _native
from ._base import Field, Model

if TYPE_CHECKING:
    from ._v2_models import BreakdownItem, Report, WebhookEventObject

__all__ = ["Finding", "CheckRules", "ReportRules", "SdkTokenRules", "OcrResultsRules", "WebhookRules", "WebhookEventRules"]


class Finding(Model):
    """A breakdown a reviewer must look at: path, result (consider/unidentified), properties, meaning."""

    __slots__ = ()
    _keys = frozenset({"path", "result", "properties", "description"})
    path: Field[str] = Field("path")
    result: Field[str] = Field("result")
    properties: Field[Any] = Field("properties")
    description: Field[Optional[str]] = Field("description")


_SUB_RESULT_MEANINGS = {
    "clear": "All underlying verifications passed.",
    "rejected": "The report could not be processed further (poor quality image or an unsupported document).",
    "suspected": "The document is suspected to be fraudulent.",
    "caution": "Other verifications failed without pointing to fraud (such as the name provided not matching the document).",
}


class _Rules:
    __slots__ = ()
    _data: Dict[str, Any]


class ReportRules(_Rules):
    """A report's findings and breakdown nodes, and what its sub-result means."""

    __slots__ = ()

    def findings(self) -> List[Finding]:
        """The breakdowns whose result is consider or unidentified, deepest first, in name order."""
        return [Finding(f) for f in _native.findings(self._data)]

    def breakdown_at(self, path: str) -> Optional[BreakdownItem]:
        """The breakdown node at a dotted path (`image_integrity.image_quality`)."""
        from ._v2_models import BreakdownItem

        node: Any = {"breakdown": self._data.get("breakdown") or {}}
        for part in path.split("."):
            node = (node.get("breakdown") or {}).get(part)
            if not isinstance(node, dict):
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


class CheckRules(_Rules):
    """A check's reports (ids or expanded) and its result as the reference derives it."""

    __slots__ = ()

    @property
    def expanded_reports(self) -> List[Report]:
        """The reports given as objects (create responses, or listed with expand)."""
        from ._v2_models import Report

        return [Report(r) for r in self._data.get("reports") or [] if isinstance(r, dict)]

    @property
    def report_ids(self) -> List[str]:
        """Every report's id."""
        return [r if isinstance(r, str) else str(r.get("id")) for r in self._data.get("reports") or []]

    def derived_result(self) -> Optional[str]:
        """The result derived from the expanded reports as the reference defines it."""
        reports = self._data.get("reports") or []
        if not all(isinstance(r, dict) for r in reports):
            return None
        return _native.check_result([r.get("result") for r in reports])

    @property
    def is_finished(self) -> bool:
        """Whether the check will not change again by itself (complete or withdrawn)."""
        return self._data.get("status") in ("complete", "withdrawn")


class SdkTokenRules(_Rules):
    """A Web SDK token's claims; `repr` hides the token."""

    __slots__ = ()

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


class OcrResultsRules(_Rules):
    """MRZ lines whichever spelling arrived."""

    __slots__ = ()

    def mrz_line(self, n: int) -> Optional[str]:
        """MRZ line 1, 2 or 3, whichever spelling arrived (`mrz_line_1` or `mrz_line1`)."""
        value = self._data.get(f"mrz_line_{n}") or self._data.get(f"mrz_line{n}")
        return value if isinstance(value, str) else None


class WebhookRules(_Rules):
    """`repr` never shows the webhook's signing token."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Webhook(id={self._data.get('id')!r}, url={self._data.get('url')!r}, token='***')"


class WebhookEventRules(_Rules):
    """A notification's event, action and resource at the top level."""

    __slots__ = ()

    @property
    def action(self) -> str:
        """The event (`check.completed`, …)."""
        return str(self._data["payload"]["action"])

    @property
    def resource_type(self) -> str:
        """`check` or `report`."""
        return str(self._data["payload"]["resource_type"])

    @property
    def object(self) -> WebhookEventObject:
        """The resource the event is about."""
        from ._v2_models import WebhookEventObject

        return WebhookEventObject(self._data["payload"]["object"])
