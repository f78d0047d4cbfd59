//! What keeps a few misbehaving clients from starving the rest: connection slots that are
//! reclaimed from the slowest waiting connection, and a budget of request-body bytes in flight.
//!
//! # Slots
//!
//! Every connection has a thread and holds one of `max_connections` slots (256) from accept to
//! close. A slot's [`Progress`] says whether its connection is *waiting* (reading a request's
//! head or body, or idle between keep-alive requests) or *busy* (its request is being answered),
//! and for a waiting one since when and how many bytes of the request have come.
//!
//! When a connection arrives and every slot is taken, the server does not refuse the newcomer
//! (that is what let 300 connections trickling one byte a second turn away nearly every normal
//! request): it reclaims a slot. Among the waiting connections that have had at least
//! [`GRACE`] (a newcomer's head normally arrives well within it), it picks the one receiving the
//! fewest bytes per second of its current request (an idle keep-alive connection counts as zero
//! bytes; ties go to the oldest), shuts its socket down and gives the slot to the newcomer. The
//! evicted thread's blocked read returns at once and the thread ends. Only when every slot is
//! busy or within its grace is the newcomer answered 503. A trickling client therefore keeps a
//! slot only while nobody else needs it, and a normal request, whose head comes at once, is not
//! the slowest for long enough to be chosen.
//!
//! On top of that, every request has two deadlines from its first moment (not per read): the
//! head within `head_timeout` (10 s; also the keep-alive idle limit) and the whole request, body
//! included, within `request_timeout` (60 s). Past them the answer is 408 and the connection
//! closes. A busy connection is never reclaimed, but its answer must be written within
//! `request_timeout` too, so a client that reads a byte at a time holds its slot no longer.
//!
//! # Body bytes in flight
//!
//! A body is read whole before the simulator sees it, so the bytes of all bodies being received
//! or handled at once are bounded by a [`Budget`] (64 MiB by default). A `Content-Length` is
//! checked before a byte of the body is read: over the per-request maximum (10 MiB and framing)
//! it is 413, and if reserving it would overrun the budget it is 503 with `Retry-After: 1`; both
//! close the connection. A chunked body reserves each chunk before reading it. The reservation
//! is released when the request has been answered.

use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a waiting connection is safe from eviction.
pub const GRACE: Duration = Duration::from_millis(250);

/// Where a connection's current request stands; shared by its thread and the slot table.
#[derive(Debug)]
pub struct Progress {
    epoch: Instant,
    /// Milliseconds from `epoch` to when the current wait began, plus one; 0 while busy.
    since: AtomicU64,
    /// Bytes of the current request received so far.
    bytes: AtomicU64,
}

impl Progress {
    /// A connection that has just arrived: waiting, no bytes.
    pub fn new(epoch: Instant) -> Progress {
        let progress = Progress { epoch, since: AtomicU64::new(0), bytes: AtomicU64::new(0) };
        progress.begin(0);
        progress
    }

    fn now(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX - 1) + 1
    }

    /// A new request (or the wait for one) begins, with `buffered` bytes already at hand.
    pub fn begin(&self, buffered: usize) {
        self.bytes.store(u64::try_from(buffered).unwrap_or(u64::MAX), Ordering::Relaxed);
        self.since.store(self.now(), Ordering::Relaxed);
    }

    /// `n` more bytes arrived.
    pub fn add(&self, n: usize) {
        self.bytes.fetch_add(u64::try_from(n).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// The request has been read; it is being answered.
    pub fn busy(&self) {
        self.since.store(0, Ordering::Relaxed);
    }

    /// For a waiting connection: how long it has waited and the bytes that came meanwhile.
    fn waiting(&self) -> Option<(Duration, u64)> {
        let since = self.since.load(Ordering::Relaxed);
        (since != 0).then(|| {
            let elapsed = Duration::from_millis(self.now().saturating_sub(since));
            (elapsed, self.bytes.load(Ordering::Relaxed))
        })
    }
}

struct Slot {
    id: u64,
    /// A handle on the connection's socket, to shut it down on eviction.
    stream: TcpStream,
    progress: Arc<Progress>,
}

/// The connection slots.
pub struct Slots {
    max: usize,
    table: Mutex<Vec<Slot>>,
    next_id: AtomicU64,
}

impl Slots {
    /// `max` slots, all free.
    pub fn new(max: usize) -> Slots {
        Slots { max, table: Mutex::new(Vec::new()), next_id: AtomicU64::new(1) }
    }

    /// A slot for `stream`, reclaimed from the slowest waiting connection when all are taken;
    /// `None` when none can be had (the caller answers 503).
    pub fn admit(&self, stream: &TcpStream, progress: &Arc<Progress>) -> Option<u64> {
        let handle = stream.try_clone().ok()?;
        let mut table = self.table.lock().ok()?;
        if table.len() >= self.max {
            let victim = table
                .iter()
                .enumerate()
                .filter_map(|(at, slot)| {
                    let (waited, bytes) = slot.progress.waiting()?;
                    let ms = u64::try_from(waited.as_millis()).unwrap_or(u64::MAX);
                    (waited >= GRACE).then(|| (at, bytes.saturating_mul(1000) / ms.max(1), ms))
                })
                .min_by_key(|(_, rate, ms)| (*rate, std::cmp::Reverse(*ms)))
                .map(|(at, _, _)| at)?;
            let slot = table.swap_remove(victim);
            let _ = slot.stream.shutdown(Shutdown::Both);
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        table.push(Slot { id, stream: handle, progress: Arc::clone(progress) });
        Some(id)
    }

    /// Frees a connection's slot (nothing if it was reclaimed).
    pub fn release(&self, id: u64) {
        if let Ok(mut table) = self.table.lock() {
            table.retain(|slot| slot.id != id);
        }
    }
}

/// The request-body bytes all connections may hold at once.
#[derive(Debug)]
pub struct Budget {
    max: usize,
    used: AtomicUsize,
}

impl Budget {
    /// A budget of `max` bytes.
    pub fn new(max: usize) -> Arc<Budget> {
        Arc::new(Budget { max, used: AtomicUsize::new(0) })
    }

    fn take(&self, bytes: usize) -> bool {
        self.used
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |used| {
                used.checked_add(bytes).filter(|total| *total <= self.max)
            })
            .is_ok()
    }

    /// Reserves `bytes`, or `None` when they would overrun the budget.
    pub fn reserve(self: &Arc<Self>, bytes: usize) -> Option<Reservation> {
        self.take(bytes).then(|| Reservation { budget: Arc::clone(self), bytes })
    }
}

/// Bytes of the [`Budget`] held until dropped.
#[derive(Debug)]
pub struct Reservation {
    budget: Arc<Budget>,
    bytes: usize,
}

impl Reservation {
    /// Holds `bytes` more; `false` (and nothing more held) when the budget is spent.
    pub fn grow(&mut self, bytes: usize) -> bool {
        let ok = self.budget.take(bytes);
        if ok {
            self.bytes = self.bytes.saturating_add(bytes);
        }
        ok
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.budget.used.fetch_sub(self.bytes, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_budget_is_never_overrun_and_comes_back() {
        let budget = Budget::new(100);
        let a = budget.reserve(60).unwrap();
        assert!(budget.reserve(41).is_none());
        let mut b = budget.reserve(40).unwrap();
        assert!(!b.grow(1));
        drop(a);
        assert!(b.grow(60));
        assert!(budget.reserve(1).is_none());
        drop(b);
        assert!(budget.reserve(100).is_some());
    }
}
