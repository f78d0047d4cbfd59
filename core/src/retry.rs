//! Retry decisions as data: given what happened, wait this long and retry, or give up.

use crate::error::RetryAfter;

/// How a try ended, as the transport saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A response with this status arrived.
    Status(u16),
    /// The connection could not be opened: nothing was sent.
    ConnectFailed,
    /// No response in time: the server may have acted on the request.
    Timeout,
    /// The connection broke after the request was sent.
    ConnectionLost,
}

impl Outcome {
    /// An outcome from a status, or from a transport's failure name (`connect`, `timeout`, anything else: lost).
    pub fn from_parts(status: Option<u16>, failure: Option<&str>) -> Outcome {
        match (status, failure) {
            (Some(status), _) => Outcome::Status(status),
            (None, Some("connect")) => Outcome::ConnectFailed,
            (None, Some("timeout")) => Outcome::Timeout,
            _ => Outcome::ConnectionLost,
        }
    }
}

/// One finished try, to decide on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Attempt {
    /// Which try this was, from 1.
    pub number: u32,
    /// Whether repeating the request cannot create a second resource.
    pub idempotent: bool,
    /// How it ended.
    pub outcome: Outcome,
    /// The response's `Retry-After`, if any.
    pub retry_after: Option<RetryAfter>,
    /// Now, in Unix seconds (for `Retry-After` dates).
    pub now: i64,
    /// A random value in `[0, 1)` from the caller, to spread retries.
    pub jitter: f64,
}

/// What to do after a try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this many milliseconds, then send the same request again.
    Retry {
        /// The wait in milliseconds.
        delay_ms: u64,
    },
    /// Stop: return the last outcome to the caller.
    GiveUp,
}

/// When and how long to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included (1: never retry).
    pub max_attempts: u32,
    /// The first backoff (the getting-started guide recommends 30 s).
    pub initial_delay_ms: u64,
    /// The longest backoff.
    pub max_delay_ms: u64,
    /// The longest `Retry-After` worth waiting for; longer ones give up.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    /// 4 tries, backoff 30 s, 60 s, 120 s (jittered), capped at 5 minutes.
    fn default() -> Self {
        RetryPolicy { max_attempts: 4, initial_delay_ms: 30_000, max_delay_ms: 300_000, max_retry_after_ms: 600_000 }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// Whether an outcome may be retried at all for such a request.
    ///
    /// 429 always; 5xx, timeouts and lost connections only when the request is safe to repeat;
    /// a connection that never opened always (nothing was sent).
    pub fn is_retryable(outcome: Outcome, idempotent: bool) -> bool {
        match outcome {
            Outcome::Status(429) | Outcome::ConnectFailed => true,
            Outcome::Status(500 | 502 | 503 | 504) | Outcome::Timeout | Outcome::ConnectionLost => idempotent,
            Outcome::Status(_) => false,
        }
    }

    /// Retry after a delay, or give up. `Retry-After` wins over the backoff when present.
    pub fn decide(&self, attempt: &Attempt) -> Decision {
        if attempt.number >= self.max_attempts || !Self::is_retryable(attempt.outcome, attempt.idempotent) {
            return Decision::GiveUp;
        }
        if let Some(retry_after) = attempt.retry_after {
            let delay_ms = retry_after.delay_seconds(attempt.now).saturating_mul(1000);
            return if delay_ms > self.max_retry_after_ms { Decision::GiveUp } else { Decision::Retry { delay_ms } };
        }
        let exponent = attempt.number.saturating_sub(1).min(32);
        let base = self.initial_delay_ms.saturating_mul(1u64 << exponent).min(self.max_delay_ms);
        let jitter = if attempt.jitter.is_finite() { attempt.jitter.clamp(0.0, 1.0) } else { 0.0 };
        // Equal jitter: half fixed, half spread, so retries never bunch and never vanish.
        let spread = (base / 2) as f64 * jitter;
        Decision::Retry { delay_ms: base - base / 2 + spread as u64 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(number: u32, idempotent: bool, outcome: Outcome) -> Attempt {
        Attempt { number, idempotent, outcome, retry_after: None, now: 0, jitter: 0.0 }
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::default();
        assert_eq!(p.decide(&attempt(1, false, Outcome::Status(429))), Decision::Retry { delay_ms: 15_000 });
        assert_eq!(p.decide(&attempt(1, false, Outcome::Status(503))), Decision::GiveUp);
        assert_eq!(p.decide(&attempt(1, true, Outcome::Status(503))), Decision::Retry { delay_ms: 15_000 });
        assert_eq!(p.decide(&attempt(1, false, Outcome::Timeout)), Decision::GiveUp);
        assert_eq!(p.decide(&attempt(1, false, Outcome::ConnectFailed)), Decision::Retry { delay_ms: 15_000 });
        assert_eq!(p.decide(&attempt(1, true, Outcome::Status(422))), Decision::GiveUp);
        assert_eq!(p.decide(&attempt(4, true, Outcome::Status(429))), Decision::GiveUp);
    }

    #[test]
    fn backoff_and_retry_after() {
        let p = RetryPolicy { max_attempts: 10, ..RetryPolicy::default() };
        let at = |n, jitter| p.decide(&Attempt { jitter, ..attempt(n, true, Outcome::Status(500)) });
        assert_eq!(at(1, 0.999_999), Decision::Retry { delay_ms: 29_999 });
        assert_eq!(at(2, 0.0), Decision::Retry { delay_ms: 30_000 });
        assert_eq!(at(3, 1.0), Decision::Retry { delay_ms: 120_000 });
        assert_eq!(at(9, 1.0), Decision::Retry { delay_ms: 300_000 });
        let with =
            |ra| p.decide(&Attempt { retry_after: Some(ra), now: 1000, ..attempt(1, false, Outcome::Status(429)) });
        assert_eq!(with(RetryAfter::Seconds(7)), Decision::Retry { delay_ms: 7000 });
        assert_eq!(with(RetryAfter::At(1005)), Decision::Retry { delay_ms: 5000 });
        assert_eq!(with(RetryAfter::At(900)), Decision::Retry { delay_ms: 0 });
        assert_eq!(with(RetryAfter::Seconds(3600)), Decision::GiveUp);
    }
}
