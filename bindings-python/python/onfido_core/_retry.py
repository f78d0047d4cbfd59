"""Retry and pacing settings; the decisions themselves are the core's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

__all__ = ["RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    """When to retry: 429 always; 5xx, timeouts and lost connections only for requests safe to repeat.

    Backoff after a 5xx, a timeout or a failed connection doubles from `initial_delay` (1 s), with
    jitter; a 429 without `Retry-After` waits 30 s first, as the getting-started guide says. A
    `Retry-After` from the server wins, unless it is longer than `max_retry_after` (then the call
    gives up), and nothing is waited past `deadline` after the first try.
    """

    max_attempts: int = 4
    initial_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 30.0
    deadline: float = 60.0

    @classmethod
    def never(cls) -> "RetryPolicy":
        """No retries at all."""
        return cls(max_attempts=1)

    def _native(self) -> Tuple[int, int, int, int, int]:
        return (
            self.max_attempts,
            _ms(self.initial_delay),
            _ms(self.max_delay),
            _ms(self.max_retry_after),
            _ms(self.deadline),
        )


def _ms(seconds: float) -> int:
    return max(0, int(seconds * 1000))
