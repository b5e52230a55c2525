//! The one clock that all token expiry reads.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Monotonic clock that tests can move forward without sleeping.
#[derive(Debug, Default)]
pub struct Clock {
    offset_millis: AtomicU64,
}

impl Clock {
    /// Returns the current instant plus every [`Clock::advance`] so far.
    pub fn now(&self) -> Instant {
        Instant::now() + Duration::from_millis(self.offset_millis.load(Ordering::Relaxed))
    }

    /// Moves the clock forward, so tokens expire as if `by` had passed.
    pub fn advance(&self, by: Duration) {
        let millis = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.offset_millis.fetch_add(millis, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_now_forward() {
        let clock = Clock::default();
        let before = clock.now();

        clock.advance(Duration::from_secs(1800));

        assert!(clock.now() >= before + Duration::from_secs(1800));
    }
}
