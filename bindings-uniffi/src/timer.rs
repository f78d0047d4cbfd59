//! The clock, jitter, and a runtime-free sleep for clients given no `Sleeper`.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Now, in Unix seconds.
pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// A value in `[0, 1)` to spread retries (xorshift seeded by the clock; no cryptographic use).
pub fn jitter() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let mut x = STATE.load(Ordering::Relaxed);
    if x == 0 {
        x = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0x9e37_79b9, |d| d.as_nanos() as u64) | 1;
    }
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    STATE.store(x, Ordering::Relaxed);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

#[derive(Default)]
struct State {
    done: bool,
    waker: Option<Waker>,
}

/// Completes after a delay, woken by a helper thread: no async runtime needed, no caller thread blocked.
pub struct ThreadSleep {
    state: Arc<Mutex<State>>,
}

impl ThreadSleep {
    /// Starts the wait.
    pub fn new(millis: u64) -> ThreadSleep {
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(millis));
            if let Ok(mut s) = shared.lock() {
                s.done = true;
                if let Some(waker) = s.waker.take() {
                    waker.wake();
                }
            }
        });
        ThreadSleep { state }
    }
}

impl Future for ThreadSleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.state.lock() {
            Ok(mut s) if !s.done => {
                s.waker = Some(cx.waker().clone());
                Poll::Pending
            }
            _ => Poll::Ready(()),
        }
    }
}
