//! Seeded fault injection, for testing clients' retries.

/// What to do to one request instead of (or before) answering it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer 500 without touching the sandbox.
    ServerError,
    /// Answer 503 with `Retry-After: 1` without touching the sandbox.
    Unavailable,
    /// Close the connection without answering (the request is not handled).
    Drop,
    /// Answer normally after a two-second pause.
    Slow,
}

/// A deterministic sequence of faults at a rate.
#[derive(Debug)]
pub struct Faults {
    rate: f64,
    state: u64,
}

impl Faults {
    /// Faults at `rate` (0 to 1) from the seed.
    pub fn new(rate: f64, seed: u64) -> Faults {
        Faults { rate: if rate.is_finite() { rate.clamp(0.0, 1.0) } else { 0.0 }, state: seed }
    }

    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// The fault for the next request, if any.
    pub fn draw(&mut self) -> Option<Fault> {
        if self.rate <= 0.0 {
            return None;
        }
        let roll = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        if roll >= self.rate {
            return None;
        }
        Some(match self.next() % 4 {
            0 => Fault::ServerError,
            1 => Fault::Unavailable,
            2 => Fault::Drop,
            _ => Fault::Slow,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_and_seed() {
        let draws = |seed| {
            let mut f = Faults::new(0.3, seed);
            (0..10_000).map(|_| f.draw()).collect::<Vec<_>>()
        };
        let a = draws(7);
        assert_eq!(a, draws(7));
        let hits = a.iter().filter(|f| f.is_some()).count();
        assert!((2700..3300).contains(&hits), "{hits}");
        assert!(Faults::new(0.0, 1).draw().is_none());
    }
}
