//! A shorter request timeout for tests, read from `storage.local`.
//!
//! Tests against a simulator that never responds set
//! `request_timeout_override_ms` so that a timeout shows within seconds
//! instead of the minutes real FMC requests are given. Without the key,
//! every request keeps its own timeout.

use std::time::Duration;

use super::chrome;
use super::storage::{Area, Storage};

/// `storage.local`: the longest time any request may take, in milliseconds.
pub const REQUEST_TIMEOUT_OVERRIDE_KEY: &str = "request_timeout_override_ms";

/// Shortest override accepted. A smaller value is ignored, so a typo such
/// as `5` cannot make every request time out at once.
const MIN_OVERRIDE_MS: u64 = 500;

/// Returns `requested`, or the override when one is set and shorter.
pub async fn effective_timeout(requested: Duration) -> Duration {
    if chrome::namespace(&["storage", "local"]).is_none() {
        return requested;
    }
    let stored = Storage::chrome(Area::Local)
        .get::<u64>(REQUEST_TIMEOUT_OVERRIDE_KEY)
        .await;
    match stored {
        Ok(Some(ms)) if ms >= MIN_OVERRIDE_MS => requested.min(Duration::from_millis(ms)),
        _ => requested,
    }
}
