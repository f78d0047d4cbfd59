//! The clocks, jitter, and a runtime-free sleep for clients given no `Sleeper`.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Now, in Unix seconds.
pub fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Milliseconds since `origin` (a monotonic clock).
pub fn monotonic_ms(origin: Instant) -> u64 {
    u64::try_from(origin.elapsed().as_millis()).unwrap_or(u64::MAX)
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

/// One shared timer thread for every client given no `Sleeper`: a heap of deadlines, woken by a
/// condition variable. Waits that end early (a try that answered before its timeout) are dropped
/// from it, so no thread lingers per request.
struct Timer {
    state: Mutex<Timers>,
    changed: Condvar,
}

#[derive(Default)]
struct Timers {
    next_id: u64,
    /// (deadline, id), earliest first.
    queue: BinaryHeap<Reverse<(Instant, u64)>>,
    /// Pending waits: their waker, if polled.
    pending: HashMap<u64, Option<Waker>>,
    running: bool,
}

fn timer() -> &'static Timer {
    static TIMER: OnceLock<Timer> = OnceLock::new();
    TIMER.get_or_init(|| Timer { state: Mutex::new(Timers::default()), changed: Condvar::new() })
}

impl Timer {
    /// The timer thread: wakes each wait at its deadline; ends when nothing is pending.
    fn run(&self) {
        let Ok(mut timers) = self.state.lock() else { return };
        loop {
            let now = Instant::now();
            while let Some(Reverse((deadline, id))) = timers.queue.peek().copied() {
                if deadline > now {
                    break;
                }
                timers.queue.pop();
                if let Some(Some(waker)) = timers.pending.remove(&id) {
                    waker.wake();
                }
            }
            // Waits dropped early leave their deadline behind; they are skipped above.
            while let Some(Reverse((_, id))) = timers.queue.peek().copied() {
                if timers.pending.contains_key(&id) {
                    break;
                }
                timers.queue.pop();
            }
            let Some(Reverse((deadline, _))) = timers.queue.peek().copied() else {
                timers.running = false;
                return;
            };
            let wait = deadline.saturating_duration_since(Instant::now());
            timers = match self.changed.wait_timeout(timers, wait) {
                Ok((guard, _)) => guard,
                Err(_) => return,
            };
        }
    }
}

/// Completes after a delay, woken by the shared timer thread: no async runtime needed, no caller
/// thread blocked.
pub struct ThreadSleep {
    id: Option<u64>,
}

impl ThreadSleep {
    /// Starts the wait.
    pub fn new(millis: u64) -> ThreadSleep {
        let Some(deadline) = Instant::now().checked_add(Duration::from_millis(millis)) else {
            // Past the end of time: a wait that never ends by itself.
            return ThreadSleep::registered(Instant::now() + Duration::from_secs(3600 * 24 * 365));
        };
        ThreadSleep::registered(deadline)
    }

    fn registered(deadline: Instant) -> ThreadSleep {
        let timer = timer();
        let Ok(mut timers) = timer.state.lock() else { return ThreadSleep { id: None } };
        let id = timers.next_id;
        timers.next_id = timers.next_id.wrapping_add(1);
        timers.queue.push(Reverse((deadline, id)));
        timers.pending.insert(id, None);
        if !timers.running {
            let started = std::thread::Builder::new().name("onfido-timer".to_owned()).spawn(|| self::timer().run());
            if started.is_err() {
                // No thread to be had: the wait ends at once rather than never.
                timers.pending.remove(&id);
                return ThreadSleep { id: None };
            }
            timers.running = true;
        }
        timer.changed.notify_one();
        ThreadSleep { id: Some(id) }
    }
}

impl Future for ThreadSleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(id) = self.id else { return Poll::Ready(()) };
        let Ok(mut timers) = timer().state.lock() else { return Poll::Ready(()) };
        match timers.pending.get_mut(&id) {
            Some(waker) => {
                *waker = Some(cx.waker().clone());
                Poll::Pending
            }
            None => Poll::Ready(()),
        }
    }
}

impl Drop for ThreadSleep {
    fn drop(&mut self) {
        if let (Some(id), Ok(mut timers)) = (self.id, timer().state.lock()) {
            timers.pending.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::task::Wake;

    struct Flag(Mutex<bool>, Condvar);
    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            if let Ok(mut woken) = self.0.lock() {
                *woken = true;
            }
            self.1.notify_all();
        }
    }

    fn block_on(mut sleep: ThreadSleep) {
        let flag = Arc::new(Flag(Mutex::new(false), Condvar::new()));
        let waker = Waker::from(Arc::clone(&flag));
        let mut cx = Context::from_waker(&waker);
        while Pin::new(&mut sleep).poll(&mut cx).is_pending() {
            let mut woken = flag.0.lock().unwrap();
            while !*woken {
                woken = flag.1.wait(woken).unwrap();
            }
            *woken = false;
        }
    }

    #[test]
    fn waits_end_in_deadline_order_and_dropped_ones_are_forgotten() {
        let started = Instant::now();
        let long = ThreadSleep::new(60_000);
        block_on(ThreadSleep::new(30));
        block_on(ThreadSleep::new(10));
        let long_id = long.id.unwrap();
        assert!(timer().state.lock().unwrap().pending.contains_key(&long_id), "registered");
        drop(long);
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(30) && took < Duration::from_secs(5), "{took:?}");
        assert!(!timer().state.lock().unwrap().pending.contains_key(&long_id), "a dropped wait is forgotten");
    }
}
