//! A token bucket that keeps requests under the API's rate limits; time comes in as an argument.

use crate::config::Environment;

/// The documented limit for live tokens, per minute.
pub const LIVE_REQUESTS_PER_MINUTE: u32 = 400;
/// The documented limit for sandbox tokens, per minute.
pub const SANDBOX_REQUESTS_PER_MINUTE: u32 = 30;

/// Paces requests so that no 60-second window holds more than the limit.
///
/// Half the limit may go at once; the other half refills evenly over the minute.
#[derive(Clone, Debug, PartialEq)]
pub struct Pacer {
    burst: f64,
    per_ms: f64,
    tokens: f64,
    last_ms: Option<u64>,
}

impl Pacer {
    /// A pacer for a limit in requests per minute (at least 1).
    pub fn new(requests_per_minute: u32) -> Pacer {
        let limit = f64::from(requests_per_minute.max(1));
        let burst = (limit / 2.0).floor().max(1.0);
        let refill = (limit - burst).max(1.0);
        Pacer { burst, per_ms: refill / 60_000.0, tokens: burst, last_ms: None }
    }

    /// A pacer for a token's environment: 400 a minute live, 30 in the sandbox.
    pub fn for_environment(environment: Environment) -> Pacer {
        Pacer::new(match environment {
            Environment::Live => LIVE_REQUESTS_PER_MINUTE,
            Environment::Sandbox => SANDBOX_REQUESTS_PER_MINUTE,
        })
    }

    /// Takes a slot for a request at `now_ms`; returns how many milliseconds to wait before sending.
    pub fn acquire(&mut self, now_ms: u64) -> u64 {
        let elapsed = self.last_ms.map_or(0, |last| now_ms.saturating_sub(last));
        self.last_ms = Some(self.last_ms.map_or(now_ms, |last| last.max(now_ms)));
        self.tokens = (self.tokens + elapsed as f64 * self.per_ms).min(self.burst);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            0
        } else {
            (-self.tokens / self.per_ms).ceil() as u64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends `n` requests as fast as the pacer allows; returns the send times.
    fn schedule(pacer: &mut Pacer, n: usize) -> Vec<u64> {
        let mut now = 0;
        (0..n)
            .map(|_| {
                now += pacer.acquire(now);
                now
            })
            .collect()
    }

    #[test]
    fn never_more_than_the_limit_in_a_minute() {
        for limit in [30, 400] {
            let mut pacer = Pacer::new(limit);
            let times = schedule(&mut pacer, 3 * limit as usize);
            for (i, start) in times.iter().enumerate() {
                let in_window = times[i..].iter().take_while(|t| **t < start + 60_000).count();
                assert!(in_window <= limit as usize, "limit {limit}: {in_window} in the minute from {start}");
            }
        }
    }

    #[test]
    fn sandbox_bursts_fifteen_then_spaces() {
        let mut pacer = Pacer::for_environment(Environment::Sandbox);
        let times = schedule(&mut pacer, 17);
        assert!(times[..15].iter().all(|t| *t == 0));
        assert_eq!(times[15], 4000);
        assert_eq!(times[16], 8000);
    }
}
