//! The FMC's request limits: at most `--rate-limit` requests a minute per
//! user and `--max-connections` requests in progress per client address.
//! Beyond either, the response is 429 in the FMC error shape, with a
//! `Retry-After` header when `--retry-after` is set.
//!
//! Only paths under `/api/` count. The user is the one of the access token
//! (also an expired one, so refreshes count), else the Basic user of a
//! sign-in, else the client address. Rejected requests do not count towards
//! the window, so a client that waits is served again after a minute.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::debug;

use crate::access::{header_text, ACCESS_TOKEN_HEADER};
use crate::auth::basic_credentials;
use crate::errors::{Category, FmcError};
use crate::state::AppState;

/// Length of the rate-limit window.
pub const RATE_WINDOW: Duration = Duration::from_secs(60);

/// Start times of the accepted requests of the last minute, per user, and
/// the requests in progress per client address.
#[derive(Debug, Default)]
pub struct LimitState {
    windows: HashMap<String, VecDeque<Instant>>,
    in_progress: HashMap<IpAddr, u32>,
}

impl LimitState {
    /// Counts a request of `key` at `now` unless `limit` requests were
    /// accepted in the minute before; returns false when it is over the
    /// limit. A `limit` of 0 accepts everything.
    pub fn try_count(&mut self, key: &str, limit: u32, now: Instant) -> bool {
        if limit == 0 {
            return true;
        }
        let window = self.windows.entry(key.to_owned()).or_default();
        while window
            .front()
            .is_some_and(|&started| now.duration_since(started) >= RATE_WINDOW)
        {
            window.pop_front();
        }
        if window.len() >= limit as usize {
            return false;
        }
        window.push_back(now);
        true
    }

    /// Marks a request from `ip` as started unless `max` are in progress;
    /// returns false when it is over the limit. A `max` of 0 accepts all.
    pub fn try_start(&mut self, ip: IpAddr, max: u32) -> bool {
        let count = self.in_progress.entry(ip).or_default();
        if max > 0 && *count >= max {
            return false;
        }
        *count += 1;
        true
    }

    /// Marks a request from `ip` as finished.
    pub fn finish(&mut self, ip: IpAddr) {
        if let Some(count) = self.in_progress.get_mut(&ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                self.in_progress.remove(&ip);
            }
        }
    }
}

/// Ends the in-progress mark of a request when its handler returns, also
/// when the client disconnects first and the handler future is dropped.
struct InProgress {
    state: Arc<AppState>,
    ip: IpAddr,
}

impl Drop for InProgress {
    fn drop(&mut self) {
        self.state.limits().finish(self.ip);
    }
}

/// Applies both limits to `/api/` requests.
pub async fn enforce_limits(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());

    let _in_progress = match ip {
        Some(ip) => {
            if !state.limits().try_start(ip, state.config.max_connections) {
                state.stats().record_connection_limited();
                debug!(%ip, "rejected: too many requests in progress");
                let description = format!(
                    "Too many simultaneous connections from {ip}: at most {} are allowed. Wait for a request to finish and try again.",
                    state.config.max_connections
                );
                return too_many_requests(&state, description);
            }
            Some(InProgress {
                state: state.clone(),
                ip,
            })
        }
        None => None,
    };

    let key = rate_key(&state, &request, ip);
    let accepted = state
        .limits()
        .try_count(&key, state.config.rate_limit, state.clock.now());
    if !accepted {
        state.stats().record_rate_limited();
        debug!(key, "rejected: rate limit reached");
        // NOTE: the wording of a real FMC's 429 body is not known; this
        // follows its error shape with a description of the rule.
        let description = format!(
            "Too many requests: more than {} requests in the last minute for {key}. Wait and try again.",
            state.config.rate_limit
        );
        return too_many_requests(&state, description);
    }
    next.run(request).await
}

/// Builds a 429 in the FMC error shape, with `Retry-After` when configured.
pub fn too_many_requests(state: &AppState, description: String) -> Response {
    let mut response = FmcError::new(
        StatusCode::TOO_MANY_REQUESTS,
        Category::Framework,
        description,
    )
    .into_response();
    if let Some(seconds) = state.config.retry_after {
        response
            .headers_mut()
            .insert("retry-after", HeaderValue::from(seconds));
    }
    response
}

/// Names the user a request counts against.
fn rate_key(state: &AppState, request: &Request, ip: Option<IpAddr>) -> String {
    let headers = request.headers();
    if let Some(token) = header_text(headers, ACCESS_TOKEN_HEADER) {
        if let Some(user) = state.sessions().user_of(token) {
            return user.name.to_owned();
        }
    }
    if let Some((name, _)) = basic_credentials(headers) {
        return name;
    }
    ip.map_or_else(|| "unknown client".to_owned(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_counts_per_key() {
        let mut limits = LimitState::default();
        let now = Instant::now();

        assert!(limits.try_count("admin", 2, now));
        assert!(limits.try_count("admin", 2, now));
        assert!(!limits.try_count("admin", 2, now));
        assert!(limits.try_count("apiuser", 2, now));
    }

    #[test]
    fn window_frees_after_a_minute() {
        let mut limits = LimitState::default();
        let now = Instant::now();
        limits.try_count("admin", 1, now);

        assert!(!limits.try_count("admin", 1, now + Duration::from_secs(59)));
        assert!(limits.try_count("admin", 1, now + RATE_WINDOW));
    }

    #[test]
    fn rejected_requests_do_not_count() {
        let mut limits = LimitState::default();
        let now = Instant::now();
        limits.try_count("admin", 1, now);
        for second in 1..50 {
            limits.try_count("admin", 1, now + Duration::from_secs(second));
        }

        assert!(limits.try_count("admin", 1, now + RATE_WINDOW));
    }

    #[test]
    fn zero_limit_accepts_all() {
        let mut limits = LimitState::default();
        let now = Instant::now();

        assert!((0..1000).all(|_| limits.try_count("admin", 0, now)));
    }

    #[test]
    fn in_progress_bounded_per_address() {
        let mut limits = LimitState::default();
        let first: IpAddr = "127.0.0.1".parse().unwrap();
        let second: IpAddr = "127.0.0.2".parse().unwrap();

        assert!(limits.try_start(first, 2));
        assert!(limits.try_start(first, 2));
        assert!(!limits.try_start(first, 2));
        assert!(limits.try_start(second, 2));
        limits.finish(first);
        assert!(limits.try_start(first, 2));
    }
}
