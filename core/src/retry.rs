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
    /// Milliseconds since the first try began (the caller's monotonic clock), for the deadline.
    pub elapsed_ms: u64,
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
///
/// Fails fast by default: a 5xx, a timeout or a refused connection backs off from about a second;
/// a 429 without `Retry-After` waits the getting-started guide's 30 s; no backoff is longer than
/// `max_delay_ms`, a `Retry-After` longer than `max_retry_after_ms` gives up, and nothing is waited
/// past `deadline_ms` after the first try began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included (1: never retry).
    pub max_attempts: u32,
    /// The first backoff after a 5xx, a timeout or a failed connection.
    pub initial_delay_ms: u64,
    /// The longest backoff.
    pub max_delay_ms: u64,
    /// The longest `Retry-After` worth waiting for; longer ones give up.
    pub max_retry_after_ms: u64,
    /// The first wait after a 429 without `Retry-After` (the getting-started guide's 30 s).
    pub rate_limit_delay_ms: u64,
    /// Tries and waits together: no wait that would end later than this after the first try.
    pub deadline_ms: u64,
}

impl Default for RetryPolicy {
    /// 4 tries; backoff 1 s, 2 s, 4 s (jittered) after a 5xx or a failed connection, 30 s after a
    /// 429 without `Retry-After`; no wait over 30 s; all within 60 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_delay_ms: 1_000,
            max_delay_ms: 30_000,
            max_retry_after_ms: 30_000,
            rate_limit_delay_ms: 30_000,
            deadline_ms: 60_000,
        }
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

    /// Retry after a delay, or give up. `Retry-After` wins over the backoff when present, within
    /// `max_retry_after_ms` and the deadline.
    pub fn decide(&self, attempt: &Attempt) -> Decision {
        if attempt.number >= self.max_attempts || !Self::is_retryable(attempt.outcome, attempt.idempotent) {
            return Decision::GiveUp;
        }
        let delay_ms = match attempt.retry_after {
            Some(retry_after) => {
                let delay_ms = retry_after.delay_seconds(attempt.now).saturating_mul(1000);
                if delay_ms > self.max_retry_after_ms {
                    return Decision::GiveUp;
                }
                delay_ms
            }
            None => {
                let first = match attempt.outcome {
                    Outcome::Status(429) => self.rate_limit_delay_ms,
                    _ => self.initial_delay_ms,
                };
                let exponent = attempt.number.saturating_sub(1).min(32);
                let base = first.saturating_mul(1u64 << exponent).min(self.max_delay_ms);
                let jitter = if attempt.jitter.is_finite() { attempt.jitter.clamp(0.0, 1.0) } else { 0.0 };
                // Equal jitter: half fixed, half spread, so retries never bunch and never vanish.
                let spread = (base / 2) as f64 * jitter;
                base - base / 2 + spread as u64
            }
        };
        if attempt.elapsed_ms.saturating_add(delay_ms) > self.deadline_ms {
            return Decision::GiveUp;
        }
        Decision::Retry { delay_ms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(number: u32, idempotent: bool, outcome: Outcome) -> Attempt {
        Attempt { number, idempotent, outcome, retry_after: None, now: 0, elapsed_ms: 0, jitter: 0.0 }
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::default();
        assert_eq!(p.decide(&attempt(1, false, Outcome::Status(429))), Decision::Retry { delay_ms: 15_000 });
        assert_eq!(p.decide(&attempt(1, false, Outcome::Status(503))), Decision::GiveUp);
        assert_eq!(p.decide(&attempt(1, true, Outcome::Status(503))), Decision::Retry { delay_ms: 500 });
        assert_eq!(p.decide(&attempt(1, false, Outcome::Timeout)), Decision::GiveUp);
        assert_eq!(p.decide(&attempt(1, false, Outcome::ConnectFailed)), Decision::Retry { delay_ms: 500 });
        assert_eq!(p.decide(&attempt(1, true, Outcome::Status(422))), Decision::GiveUp);
        assert_eq!(p.decide(&attempt(4, true, Outcome::Status(429))), Decision::GiveUp);
    }

    #[test]
    fn backoff_and_retry_after() {
        let p = RetryPolicy { max_attempts: 10, deadline_ms: u64::MAX, ..RetryPolicy::default() };
        let at = |n, jitter| p.decide(&Attempt { jitter, ..attempt(n, true, Outcome::Status(500)) });
        assert_eq!(at(1, 0.999_999), Decision::Retry { delay_ms: 999 });
        assert_eq!(at(2, 0.0), Decision::Retry { delay_ms: 1_000 });
        assert_eq!(at(3, 1.0), Decision::Retry { delay_ms: 4_000 });
        assert_eq!(at(9, 1.0), Decision::Retry { delay_ms: 30_000 });
        let with =
            |ra| p.decide(&Attempt { retry_after: Some(ra), now: 1000, ..attempt(1, false, Outcome::Status(429)) });
        assert_eq!(with(RetryAfter::Seconds(7)), Decision::Retry { delay_ms: 7000 });
        assert_eq!(with(RetryAfter::At(1005)), Decision::Retry { delay_ms: 5000 });
        assert_eq!(with(RetryAfter::At(900)), Decision::Retry { delay_ms: 0 });
        // A Retry-After longer than the policy allows gives up (the default used to wait up to 10 minutes).
        assert_eq!(with(RetryAfter::Seconds(60)), Decision::GiveUp);
        assert_eq!(with(RetryAfter::Seconds(3600)), Decision::GiveUp);
    }

    #[test]
    fn a_wrong_host_fails_fast_and_every_policy_has_a_deadline() {
        // A refused connection: 4 tries, waits of at most 1 + 2 + 4 s (was 30 + 60 + 120 s).
        let p = RetryPolicy::default();
        let (mut waited, mut tries) = (0u64, 1u32);
        while let Decision::Retry { delay_ms } =
            p.decide(&Attempt { elapsed_ms: waited, jitter: 1.0, ..attempt(tries, true, Outcome::ConnectFailed) })
        {
            waited += delay_ms;
            tries += 1;
        }
        assert_eq!((tries, waited), (4, 7_000));
        // 429s without Retry-After: 30 s, then 60 s capped at 30 s would end past the 60 s deadline.
        let limited =
            |n, elapsed_ms| p.decide(&Attempt { elapsed_ms, jitter: 1.0, ..attempt(n, false, Outcome::Status(429)) });
        assert_eq!(limited(1, 0), Decision::Retry { delay_ms: 30_000 });
        assert_eq!(limited(2, 30_000), Decision::Retry { delay_ms: 30_000 });
        assert_eq!(limited(3, 60_000), Decision::GiveUp);
        // An unparseable Retry-After ends the retrying rather than falling back to a backoff.
        for garbage in ["1e9", "-5", "99999999999999999999", "soon"] {
            let odd =
                Attempt { retry_after: Some(RetryAfter::for_retry(garbage)), ..attempt(1, true, Outcome::Status(503)) };
            assert_eq!(p.decide(&odd), Decision::GiveUp, "{garbage}");
        }
        // The deadline bounds Retry-After too.
        let late = Attempt {
            retry_after: Some(RetryAfter::Seconds(20)),
            elapsed_ms: 45_000,
            ..attempt(1, true, Outcome::Status(503))
        };
        assert_eq!(p.decide(&late), Decision::GiveUp);
    }
}
