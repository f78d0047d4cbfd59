"""Retry and pacing settings; the decisions themselves are the core's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

__all__ = ["RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    """When to retry: 429 always; 5xx, timeouts and lost connections only for requests safe to repeat.

    Backoff doubles from `initial_delay` (the getting-started guide's 30 s) up to `max_delay`,
    with jitter; a `Retry-After` from the server wins, unless it is longer than `max_retry_after`.
    """

    max_attempts: int = 4
    initial_delay: float = 30.0
    max_delay: float = 300.0
    max_retry_after: float = 600.0

    @classmethod
    def never(cls) -> "RetryPolicy":
        """No retries at all."""
        return cls(max_attempts=1)

    def _native(self) -> Tuple[int, int, int, int]:
        return (self.max_attempts, _ms(self.initial_delay), _ms(self.max_delay), _ms(self.max_retry_after))


def _ms(seconds: float) -> int:
    return max(0, int(seconds * 1000))
