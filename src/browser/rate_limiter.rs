//! The rate limiter that every FMC request passes through: [`super::http::send`]
//! calls [`admit`] before `fetch` and [`observe`] after it, keyed by the
//! URL's origin. The rules are in `fmc_core::rate_limit`.
//!
//! The request window of each origin is shared by the popup, full-page tabs
//! and the service worker: it lives in `storage.session` under
//! `rate_window:ORIGIN` and is read and written only while holding the Web
//! Lock `fmc-rate:ORIGIN`, so together they keep to one budget and all of
//! them pause after a 429. The FMC counts per user, but the window is per
//! origin, so two users signed in to one FMC share one budget, which is
//! stricter than needed. The slots that bound requests in flight are per
//! context (3 reads each), which keeps the three contexts below the FMC's
//! 10 connections per client address.
//!
//! The budget is 90 % of the FMC's limit: 120 a minute, or 300 once a
//! `serverversion` response showed 7.4.1 or later. For simulators with
//! other limits, `storage.local` key [`RATE_LIMIT_OVERRIDE_KEY`] sets the
//! server's limit a minute, and 0 turns the pacing off.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

use fmc_core::headers::{header, RETRY_AFTER};
use fmc_core::host::FmcHost;
use fmc_core::paths::SERVER_VERSION;
use fmc_core::rate_limit::{
    budget_per_minute, server_limit_for_version, Admission, RequestKind, RequestWindow, Slots,
    WaitReason, LIMIT_BEFORE_7_4_1,
};
use web_sys::AbortSignal;

use super::locks::with_lock;
use super::storage::{Area, Storage};
use super::{chrome, clock, log, wait_notice};

/// `storage.local`: the FMC's requests-a-minute limit to assume instead of
/// the one from its version, for simulators started with `--rate-limit`.
/// 0 turns the client-side pacing off; a 429 still pauses requests.
pub const RATE_LIMIT_OVERRIDE_KEY: &str = "rate_limit_override_per_minute";

const WINDOW_KEY_PREFIX: &str = "rate_window:";
const LOCK_PREFIX: &str = "fmc-rate:";

/// Longest sleep between two checks of a waiting request, so that Cancel
/// and a freed slot are noticed quickly.
const POLL: Duration = Duration::from_millis(200);

thread_local! {
    static SLOTS: RefCell<HashMap<String, Slots>> = RefCell::new(HashMap::new());
    /// Origins that returned 429 since their last other response.
    static RATE_LIMITED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
    /// The last window seen per origin, used when storage fails.
    static FALLBACK: RefCell<HashMap<String, RequestWindow>> = RefCell::new(HashMap::new());
    /// Stand-ins for pages without `chrome.storage`, such as the component
    /// tests, shared by every request of this page.
    static MEMORY: (Storage, Storage) = (Storage::memory(Area::Session), Storage::memory(Area::Local));
}

/// The request was cancelled while it waited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aborted;

/// A slot held by a request in flight; dropping it frees the slot.
pub struct Permit {
    held: Option<(String, RequestKind)>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some((origin, kind)) = self.held.take() {
            with_slots(&origin, |slots| slots.release(kind));
        }
    }
}

/// Waits until a `method` request to `url` may start: a free slot, room in
/// the shared window and no 429 pause. Publishes the wait through
/// [`wait_notice`]. URLs that are not https pass at once.
pub async fn admit(url: &str, method: &str, signal: &AbortSignal) -> Result<Permit, Aborted> {
    let Some(origin) = origin_of(url) else {
        return Ok(Permit { held: None });
    };
    let kind = RequestKind::of_method(method);
    let permit = take_slot(&origin, kind, signal).await?;
    wait_for_window(&origin, signal).await?;
    Ok(permit)
}

/// Learns from a response to `url`: a 429 pauses every request to its
/// origin for `Retry-After` or the backoff; a server version sets the
/// budget.
pub async fn observe(url: &str, status: u16, headers: &[(String, String)], body: &str) {
    let Some(origin) = origin_of(url) else {
        return;
    };
    if status == 429 {
        let retry_after = header(headers, RETRY_AFTER).map(str::to_owned);
        let change = WindowChange::RateLimited {
            retry_after,
            now_ms: clock::now_ms(),
            jitter: js_sys::Math::random(),
        };
        let wait_ms = update_window(&origin, change).await;
        RATE_LIMITED.with(|origins| origins.borrow_mut().insert(origin.clone()));
        let message = WaitReason::RateLimited.message(display(&origin), wait_ms);
        log::warn(&format!("HTTP 429 for {url}. {message}."));
        wait_notice::show(message);
        return;
    }

    let was_limited = RATE_LIMITED.with(|origins| origins.borrow_mut().remove(&origin));
    if was_limited {
        update_window(&origin, WindowChange::Answer).await;
    }
    if status == 200 && path_of(url) == SERVER_VERSION {
        learn_server_version(&origin, body).await;
    }
}

/// Returns true once a server version of `url`'s FMC has set the budget.
pub async fn knows_server_limit(url: &str) -> bool {
    let Some(origin) = origin_of(url) else {
        return true;
    };
    load_window(&session_storage(), &origin)
        .await
        .server_limit()
        .is_some()
}

async fn learn_server_version(origin: &str, body: &str) {
    let version = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|value| {
            value["items"][0]["serverVersion"]
                .as_str()
                .map(str::to_owned)
        });
    let Some(version) = version else {
        log::warn(&format!(
            "The server version of {origin} has no items[0].serverVersion; keeping {LIMIT_BEFORE_7_4_1} requests a minute."
        ));
        return;
    };
    let limit = match server_limit_for_version(&version) {
        Ok(limit) => limit,
        Err(error) => {
            log::warn(&error.to_string());
            LIMIT_BEFORE_7_4_1
        }
    };
    log::info(&format!(
        "{origin} runs FMC {version}, which allows {limit} requests a minute."
    ));
    update_window(origin, WindowChange::ServerLimit(limit)).await;
}

async fn take_slot(
    origin: &str,
    kind: RequestKind,
    signal: &AbortSignal,
) -> Result<Permit, Aborted> {
    let waits_as_writer = kind == RequestKind::Write;
    if waits_as_writer {
        with_slots(origin, Slots::wait_for_write);
    }
    let outcome = loop {
        if signal.aborted() {
            break Err(Aborted);
        }
        if with_slots(origin, |slots| slots.try_acquire(kind)) {
            break Ok(Permit {
                held: Some((origin.to_owned(), kind)),
            });
        }
        gloo_timers::future::sleep(POLL).await;
    };
    if waits_as_writer {
        with_slots(origin, Slots::stop_waiting);
    }
    outcome
}

async fn wait_for_window(origin: &str, signal: &AbortSignal) -> Result<(), Aborted> {
    let mut announced = false;
    loop {
        if signal.aborted() {
            return Err(Aborted);
        }
        match check_window(origin).await {
            Some(Admission::Go) => {
                if announced {
                    wait_notice::clear();
                }
                return Ok(());
            }
            Some(Admission::Wait { until_ms, reason }) => {
                let left = until_ms.saturating_sub(clock::now_ms());
                wait_notice::show(reason.message(display(origin), left));
                announced = true;
                // Rechecked at least every second, so the status line
                // counts down and a 429 seen meanwhile extends the wait.
                sleep_unless_aborted(left.min(1_000), signal).await;
            }
            None => gloo_timers::future::sleep(POLL).await,
        }
    }
}

/// Takes the decision for one request under the origin's lock. `None` when
/// the lock was lost, so the caller asks again.
async fn check_window(origin: &str) -> Option<Admission> {
    let server_limit_override = read_override().await;
    let storage = session_storage();
    let origin_owned = origin.to_owned();
    let decided = with_lock(&format!("{LOCK_PREFIX}{origin}"), move || async move {
        let mut window = load_window(&storage, &origin_owned).await;
        let before = window.clone();
        let server_limit = server_limit_override
            .or(window.server_limit())
            .unwrap_or(LIMIT_BEFORE_7_4_1);
        let admission = window.admit(budget_per_minute(server_limit), clock::now_ms());
        if window != before {
            save_window(&storage, &origin_owned, &window).await;
        }
        admission
    })
    .await;
    match decided {
        Ok(admission) => Some(admission),
        Err(error) => {
            log::warn(&error.to_string());
            None
        }
    }
}

/// A change to an origin's window.
#[derive(Clone, Debug)]
enum WindowChange {
    RateLimited {
        retry_after: Option<String>,
        now_ms: u64,
        jitter: f64,
    },
    Answer,
    ServerLimit(u32),
}

impl WindowChange {
    /// Applies the change; returns the pause after a 429 in milliseconds,
    /// else 0.
    fn apply(self, window: &mut RequestWindow) -> u64 {
        match self {
            WindowChange::RateLimited {
                retry_after,
                now_ms,
                jitter,
            } => window.record_rate_limited(retry_after.as_deref(), now_ms, jitter),
            WindowChange::Answer => {
                window.record_answer();
                0
            }
            WindowChange::ServerLimit(limit) => {
                window.set_server_limit(limit);
                0
            }
        }
    }
}

/// Changes the origin's window under its lock; see [`WindowChange::apply`]
/// for the result.
async fn update_window(origin: &str, change: WindowChange) -> u64 {
    let storage = session_storage();
    let origin_owned = origin.to_owned();
    let locked_change = change.clone();
    let locked = with_lock(&format!("{LOCK_PREFIX}{origin}"), move || async move {
        let mut window = load_window(&storage, &origin_owned).await;
        let value = locked_change.apply(&mut window);
        save_window(&storage, &origin_owned, &window).await;
        value
    })
    .await;
    match locked {
        Ok(value) => value,
        Err(error) => {
            // The change is applied to this page's copy, so at least this
            // page honours it.
            log::warn(&format!(
                "{error} The rate limiter of {origin} changes for this page only."
            ));
            FALLBACK.with(|fallback| {
                let mut fallback = fallback.borrow_mut();
                change.apply(fallback.entry(origin.to_owned()).or_default())
            })
        }
    }
}

async fn load_window(storage: &Storage, origin: &str) -> RequestWindow {
    let key = format!("{WINDOW_KEY_PREFIX}{origin}");
    match storage.get::<RequestWindow>(&key).await {
        Ok(window) => window.unwrap_or_default(),
        Err(error) => {
            log::warn(&format!(
                "{error} Pacing requests with this page's own count."
            ));
            FALLBACK.with(|fallback| fallback.borrow().get(origin).cloned().unwrap_or_default())
        }
    }
}

async fn save_window(storage: &Storage, origin: &str, window: &RequestWindow) {
    FALLBACK.with(|fallback| {
        fallback
            .borrow_mut()
            .insert(origin.to_owned(), window.clone())
    });
    let key = format!("{WINDOW_KEY_PREFIX}{origin}");
    if let Err(error) = storage.set(&key, window).await {
        log::warn(&format!(
            "{error} Other extension pages may exceed the FMC's rate limit meanwhile."
        ));
    }
}

async fn read_override() -> Option<u32> {
    local_storage()
        .get::<u32>(RATE_LIMIT_OVERRIDE_KEY)
        .await
        .ok()
        .flatten()
}

fn session_storage() -> Storage {
    if chrome::namespace(&["storage", "session"]).is_some() {
        Storage::chrome(Area::Session)
    } else {
        MEMORY.with(|(session, _)| session.clone())
    }
}

fn local_storage() -> Storage {
    if chrome::namespace(&["storage", "local"]).is_some() {
        Storage::chrome(Area::Local)
    } else {
        MEMORY.with(|(_, local)| local.clone())
    }
}

fn with_slots<T>(origin: &str, action: impl FnOnce(&mut Slots) -> T) -> T {
    SLOTS.with(|slots| action(slots.borrow_mut().entry(origin.to_owned()).or_default()))
}

async fn sleep_unless_aborted(total_ms: u64, signal: &AbortSignal) {
    let mut left = total_ms;
    while left > 0 && !signal.aborted() {
        let step = left.min(POLL.as_millis() as u64);
        gloo_timers::future::sleep(Duration::from_millis(step)).await;
        left -= step;
    }
}

/// Returns the origin of an https URL, normalised like the FMC host.
fn origin_of(url: &str) -> Option<String> {
    if !url.get(..8)?.eq_ignore_ascii_case("https://") {
        return None;
    }
    FmcHost::parse(url).ok().map(|host| host.origin())
}

/// Returns the host and port of an origin, as the status line shows it.
fn display(origin: &str) -> &str {
    origin.strip_prefix("https://").unwrap_or(origin)
}

/// Returns the path of an absolute URL, without query.
fn path_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("", |slash| &after_scheme[slash..]);
    path.split(['?', '#']).next().unwrap_or_default()
}
