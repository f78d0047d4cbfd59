"""The core's rules for Python: referrer patterns, check results, applicant data requirements."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from . import _native
from ._errors import from_core

__all__ = ["ReferrerPattern", "check_result", "missing_applicant_data"]


class ReferrerPattern:
    """A Web SDK referrer pattern (`https://*.example.com/*`), matched as the API matches it."""

    __slots__ = ("_native",)

    def __init__(self, pattern: str) -> None:
        try:
            self._native = _native.ReferrerPattern(pattern)
        except _native.CoreError as error:
            raise from_core(error.args[0]) from None

    def matches(self, url: str) -> bool:
        """Whether a page URL matches (userinfo never decides the host; non-http(s) never matches)."""
        return self._native.matches(url)

    def lint(self) -> List[str]:
        """Warnings to show a user (path-specific patterns, `*` hosts, `*://`)."""
        return self._native.lint()

    def __repr__(self) -> str:
        return f"ReferrerPattern({str(self._native)!r})"


def check_result(report_results: Sequence[Optional[str]]) -> Optional[str]:
    """A check's result from its reports' results: `consider`, `clear`, or None while undecided."""
    return _native.check_result(list(report_results))


def missing_applicant_data(check: Mapping[str, Any], applicant: Mapping[str, Any]) -> List[Dict[str, Any]]:
    """The applicant data a check's reports need and the applicant lacks (field, report, reason)."""
    try:
        # Applicant data not yet created has no id; the rules do not need one.
        result: List[Dict[str, Any]] = _native.missing_applicant_data(dict(check), {"id": "", **applicant})
        return result
    except _native.CoreError as error:
        raise from_core(error.args[0]) from None
