//! The client-side rate limiter for one FMC, as plain data.
//!
//! An FMC allows 120 requests a minute per user (300 from version 7.4.1) and
//! 10 simultaneous connections per client address, and returns HTTP 429
//! beyond that. The limiter keeps the client below those limits:
//!
//! - [`RequestWindow`] is a sliding window of the start times of the
//!   requests of the last minute. A request may start only while fewer than
//!   the budget started in the last 60 s, so no 60-second span, sliding or
//!   fixed, ever holds more. It also holds the pause after a 429. It is
//!   serializable so that several browser contexts can share one window.
//! - [`Slots`] bounds the requests in flight: a few reads at once, and a
//!   write only alone, because FMCs have answered 429 to parallel writes.
//!
//! The caller supplies the time (Unix milliseconds) and the random jitter,
//! so every decision is reproducible in tests.

use serde::{Deserialize, Serialize};

/// Length of the FMC's rate-limit window.
pub const WINDOW_MS: u64 = 60_000;

/// Requests a minute per user that FMC allows before version 7.4.1.
pub const LIMIT_BEFORE_7_4_1: u32 = 120;

/// Requests a minute per user that FMC allows from version 7.4.1.
pub const LIMIT_FROM_7_4_1: u32 = 300;

/// Share of the server's limit the client uses, in percent. The rest covers
/// requests from other tools of the same user and the difference between
/// when the client sends a request and when the server counts it.
pub const SAFETY_MARGIN_PERCENT: u32 = 90;

/// Reads in flight at once per browser context. With the popup, a
/// full-page tab and the service worker that is at most 9, below the FMC's
/// 10 connections per client address.
pub const MAX_CONCURRENT_READS: u32 = 3;

/// Minimum wait after a 429 without `Retry-After`.
pub const MIN_BACKOFF_MS: u64 = 2_000;

/// Maximum wait after a 429 without `Retry-After`.
pub const MAX_BACKOFF_MS: u64 = 60_000;

/// Maximum `Retry-After` honoured. A larger value is taken as this, so a
/// misconfigured proxy cannot stop the extension for hours; the user can
/// still cancel while it waits.
pub const MAX_RETRY_AFTER_MS: u64 = 600_000;

/// A server version string that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The FMC version {version:?} is not in the form 7.2.5 (build 208). The extension assumes the lower limit of 120 requests a minute.")]
pub struct VersionError {
    pub version: String,
}

/// Returns the FMC's requests-a-minute limit for a `serverVersion` such as
/// `7.2.5 (build 208)`: 120 below 7.4.1, 300 from 7.4.1.
pub fn server_limit_for_version(version: &str) -> Result<u32, VersionError> {
    let error = || VersionError {
        version: version.to_owned(),
    };
    let number = version.split_whitespace().next().ok_or_else(error)?;
    let mut parts = number.split('.').map(str::parse::<u32>);
    let major = parts.next().ok_or_else(error)?.map_err(|_| error())?;
    let minor = parts.next().ok_or_else(error)?.map_err(|_| error())?;
    let patch = match parts.next() {
        Some(patch) => patch.map_err(|_| error())?,
        None => 0,
    };

    if (major, minor, patch) >= (7, 4, 1) {
        Ok(LIMIT_FROM_7_4_1)
    } else {
        Ok(LIMIT_BEFORE_7_4_1)
    }
}

/// Returns the requests a minute the client allows itself against a server
/// limit: [`SAFETY_MARGIN_PERCENT`] of it, at least 1. A server limit of 0
/// means no limit and gives 0, which [`RequestWindow::admit`] reads as
/// unlimited.
pub fn budget_per_minute(server_limit: u32) -> u32 {
    if server_limit == 0 {
        return 0;
    }
    (server_limit * SAFETY_MARGIN_PERCENT / 100).max(1)
}

/// Reads a `Retry-After` value in seconds, as milliseconds capped at
/// [`MAX_RETRY_AFTER_MS`]. `None` for a missing or unreadable value.
///
/// NOTE: the HTTP-date form of `Retry-After` is not read; the backoff
/// applies instead. Whether FMC sends `Retry-After` at all is unknown.
pub fn parse_retry_after(value: Option<&str>) -> Option<u64> {
    let seconds: u64 = value?.trim().parse().ok()?;
    Some(seconds.saturating_mul(1000).min(MAX_RETRY_AFTER_MS))
}

/// Returns the wait before retry number `attempt` (0 for the first retry):
/// 2 s doubled per attempt, capped at 60 s, with "equal jitter", so the
/// wait lies between half that value and the value, and never below 2 s.
/// `jitter` is a random number in `[0, 1)`.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let ceiling = MIN_BACKOFF_MS
        .saturating_mul(1u64 << attempt.min(16))
        .min(MAX_BACKOFF_MS);
    let jitter = jitter.clamp(0.0, 1.0);
    let wait = ceiling / 2 + (ceiling as f64 / 2.0 * jitter) as u64;
    wait.clamp(MIN_BACKOFF_MS, MAX_BACKOFF_MS)
}

/// Cause of a request's wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// The budget of the last minute is used up.
    Pacing { budget_per_minute: u32 },
    /// The server returned 429 and the pause it requested is not over.
    RateLimited,
}

impl WaitReason {
    /// Returns the status line for a request to `host` that waits
    /// `wait_ms` more, such as "Rate limited by 127.0.0.1:8443: waiting
    /// 12 s". Seconds are rounded up, so the line never shows 0 s early.
    pub fn message(self, host: &str, wait_ms: u64) -> String {
        let seconds = wait_ms.div_ceil(1000);
        match self {
            WaitReason::RateLimited => format!("Rate limited by {host}: waiting {seconds} s"),
            WaitReason::Pacing { budget_per_minute } => format!(
                "Keeping to {budget_per_minute} requests a minute for {host}: waiting {seconds} s"
            ),
        }
    }
}

/// The limiter's decision for a request that is about to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// The request may start; its start time has been recorded.
    Go,
    /// Ask again at `until_ms`.
    Wait { until_ms: u64, reason: WaitReason },
}

/// The requests of the last minute to one FMC and the pause after a 429.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestWindow {
    /// Start times of the requests of the last [`WINDOW_MS`], oldest first.
    started_ms: Vec<u64>,
    /// No request starts before this time, after a 429.
    paused_until_ms: u64,
    /// 429 answers since the last other answer, for the backoff.
    rate_limited_in_a_row: u32,
    /// The limit read from the FMC's server version, when known.
    server_limit: Option<u32>,
}

impl RequestWindow {
    /// Lets a request start at `now_ms` when fewer than `budget` started in
    /// the last minute and no 429 pause is running, and records its start.
    /// A `budget` of 0 applies no pacing, but the 429 pause still holds.
    pub fn admit(&mut self, budget: u32, now_ms: u64) -> Admission {
        self.forget_before(now_ms);
        if now_ms < self.paused_until_ms {
            return Admission::Wait {
                until_ms: self.paused_until_ms,
                reason: WaitReason::RateLimited,
            };
        }

        let budget_used = budget > 0 && self.started_ms.len() >= budget as usize;
        if budget_used {
            // The request may start once enough of the oldest have left the
            // window to make room for one more.
            let excess = self.started_ms.len() + 1 - budget as usize;
            let frees_room = self.started_ms[excess - 1] + WINDOW_MS;
            return Admission::Wait {
                until_ms: frees_room,
                reason: WaitReason::Pacing {
                    budget_per_minute: budget,
                },
            };
        }

        self.started_ms.push(now_ms);
        Admission::Go
    }

    /// Records a 429 answered at `now_ms` and pauses every request to the
    /// FMC for the `Retry-After` value (seconds) when present, else for an
    /// exponential backoff. Returns the pause in milliseconds.
    pub fn record_rate_limited(
        &mut self,
        retry_after: Option<&str>,
        now_ms: u64,
        jitter: f64,
    ) -> u64 {
        let wait = parse_retry_after(retry_after)
            .unwrap_or_else(|| backoff_ms(self.rate_limited_in_a_row, jitter));
        self.rate_limited_in_a_row = self.rate_limited_in_a_row.saturating_add(1);
        self.paused_until_ms = self.paused_until_ms.max(now_ms + wait);
        wait
    }

    /// Records an answer other than 429, which restarts the backoff at 2 s.
    /// Returns true when that changed the window.
    pub fn record_answer(&mut self) -> bool {
        let changed = self.rate_limited_in_a_row != 0;
        self.rate_limited_in_a_row = 0;
        changed
    }

    /// Remembers the FMC's limit, read from its server version.
    pub fn set_server_limit(&mut self, limit: u32) {
        self.server_limit = Some(limit);
    }

    /// Returns the limit read from the FMC's server version, if any.
    pub fn server_limit(&self) -> Option<u32> {
        self.server_limit
    }

    /// Returns the number of requests started in the minute before `now_ms`.
    pub fn recent(&self, now_ms: u64) -> usize {
        self.started_ms
            .iter()
            .filter(|&&started| in_window(started, now_ms))
            .count()
    }

    fn forget_before(&mut self, now_ms: u64) {
        // Start times after `now_ms` come from a clock that was set back.
        // They are dropped too, because they would otherwise block requests
        // for longer than a minute.
        self.started_ms
            .retain(|&started| in_window(started, now_ms));
    }
}

fn in_window(started_ms: u64, now_ms: u64) -> bool {
    started_ms <= now_ms && now_ms - started_ms < WINDOW_MS
}

/// Whether a request changes configuration, by its HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// GET.
    Read,
    /// POST, PUT and DELETE.
    Write,
}

impl RequestKind {
    /// Returns the kind of a request with this method name.
    pub fn of_method(method: &str) -> RequestKind {
        if method.eq_ignore_ascii_case("GET") {
            RequestKind::Read
        } else {
            RequestKind::Write
        }
    }
}

/// Requests in flight to one FMC from one browser context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slots {
    max_reads: u32,
    reads: u32,
    writing: bool,
    /// Writes waiting for the reads in flight to end. Reads do not start
    /// while one waits, so a stream of reads cannot starve a write.
    writes_waiting: u32,
}

impl Default for Slots {
    fn default() -> Self {
        Slots::new(MAX_CONCURRENT_READS)
    }
}

impl Slots {
    /// Creates slots for at most `max_reads` reads at once (at least 1).
    pub fn new(max_reads: u32) -> Self {
        Slots {
            max_reads: max_reads.max(1),
            reads: 0,
            writing: false,
            writes_waiting: 0,
        }
    }

    /// Takes a slot for a request of `kind` when one is free. A write needs
    /// every slot; a read needs a free read slot, no write in flight and
    /// none waiting.
    pub fn try_acquire(&mut self, kind: RequestKind) -> bool {
        match kind {
            RequestKind::Read => {
                let free = !self.writing && self.writes_waiting == 0 && self.reads < self.max_reads;
                if free {
                    self.reads += 1;
                }
                free
            }
            RequestKind::Write => {
                let free = !self.writing && self.reads == 0;
                if free {
                    self.writing = true;
                }
                free
            }
        }
    }

    /// Registers a write that waits for a slot; pair it with
    /// [`Slots::stop_waiting`].
    pub fn wait_for_write(&mut self) {
        self.writes_waiting += 1;
    }

    /// Ends a wait registered with [`Slots::wait_for_write`], whether the
    /// write got its slot or gave up.
    pub fn stop_waiting(&mut self) {
        self.writes_waiting = self.writes_waiting.saturating_sub(1);
    }

    /// Gives back the slot of a finished request of `kind`.
    pub fn release(&mut self, kind: RequestKind) {
        match kind {
            RequestKind::Read => self.reads = self.reads.saturating_sub(1),
            RequestKind::Write => self.writing = false,
        }
    }

    /// Returns the number of requests in flight.
    pub fn in_flight(&self) -> u32 {
        self.reads + u32::from(self.writing)
    }
}

#[cfg(test)]
mod tests;
