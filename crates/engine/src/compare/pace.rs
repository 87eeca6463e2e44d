//! Long work in slices: progress in units of work, and a caller's pause
//! between slices (to paint, or to stop).

use std::future::Future;
use std::task::{Context, Poll, Waker};

/// How far a comparison has got, in units of work (about one per byte of
/// text per step), for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

impl Progress {
    /// The share done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            1.0
        } else {
            (self.done as f64 / self.total as f64).min(1.0) as f32
        }
    }
}

/// Where a long comparison may stop for a while: the caller shows the
/// progress, lets the browser paint, and says whether to go on.
pub trait Pause {
    /// Called every [`PAUSE_EVERY`] units of work or so. Resolving to
    /// `false` abandons the comparison.
    fn pause(&mut self, progress: Progress) -> impl Future<Output = bool>;
}

/// Work units between two calls of [`Pause::pause`].
pub const PAUSE_EVERY: u64 = 1 << 16;

/// Never pauses: the comparison runs to its end at once.
pub struct NoPause;

impl Pause for NoPause {
    async fn pause(&mut self, _: Progress) -> bool {
        true
    }
}

/// Counts work and calls the caller's [`Pause`] now and then.
pub(crate) struct Pacer<'p, P> {
    pub(crate) pause: &'p mut P,
    pub(crate) progress: Progress,
    pub(crate) since: u64,
}

impl<P: Pause> Pacer<'_, P> {
    /// Adds `units` of work done; `false` when the caller stopped.
    pub(crate) async fn advance(&mut self, units: u64) -> bool {
        self.progress.done += units;
        self.since += units;
        if self.since < PAUSE_EVERY {
            return true;
        }
        self.since = 0;
        self.pause.pause(self.progress).await
    }
}

/// Runs a future whose pauses are all ready at once (such as one driven
/// by [`NoPause`]) to its end.
pub(crate) fn run_ready<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
