//! Wall-clock and monotonic time.

/// Milliseconds since the Unix epoch, as the core's lifetime bookkeeping expects.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A monotonic timestamp in milliseconds for measuring how long a request took.
pub fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or_else(js_sys::Date::now)
}
