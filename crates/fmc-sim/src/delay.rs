//! Slow responses on request, so tests can cancel a request that is still
//! under way.
//!
//! `POST /_sim/delay` with `{"delayMs": 5000}` delays the next API request
//! for that many milliseconds before handling it. `"count": N` delays the
//! next N requests and `"method": "GET"` matches only that method.
//! Eligible are requests under `/api/` except sign-in, refresh and revoke.
//! `DELETE /_sim/delay` clears the queue. Both need no access token.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::Request;
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use tracing::info;

use crate::errors::{method_not_allowed, FmcError};
use crate::state::AppState;

/// Maximum delay accepted, so a typo cannot hang a test run.
const MAX_DELAY_MS: u64 = 600_000;

/// Paths that are never delayed, so that a test can always sign in.
const EXEMPT_PATHS: [&str; 4] = [
    "/api/fmc_platform/v1/auth/generatetoken",
    "/api/fmc_platform/v1/auth/refreshtoken",
    "/api/fmc_platform/v1/auth/refresh-token",
    "/api/fmc_platform/v1/auth/revokeaccess",
];

/// The body of `POST /_sim/delay`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DelayRequest {
    delay_ms: u64,
    count: Option<u32>,
    method: Option<String>,
}

/// A queued delay.
#[derive(Debug, Clone)]
struct Delay {
    delay: Duration,
    remaining: u32,
    method: Option<String>,
}

type DelayQueue = Arc<Mutex<Vec<Delay>>>;

/// Adds `/_sim/delay` to `router` and delays matching requests to every
/// route added before this call.
pub fn install(router: Router<Arc<AppState>>) -> Router<Arc<AppState>> {
    let queue = DelayQueue::default();
    let for_layer = queue.clone();
    let for_post = queue.clone();
    router
        .layer(from_fn(move |request: Request, next: Next| {
            let queue = for_layer.clone();
            async move { delay_request(&queue, request, next).await }
        }))
        .route(
            "/_sim/delay",
            post(move |Json(body): Json<DelayRequest>| async move { queue_delay(&for_post, body) })
                .delete(move || async move { clear(&queue) })
                .fallback(method_not_allowed),
        )
}

fn queue_delay(queue: &DelayQueue, body: DelayRequest) -> Result<Json<Value>, FmcError> {
    if body.delay_ms == 0 || body.delay_ms > MAX_DELAY_MS {
        return Err(FmcError::bad_request(format!(
            "Invalid delayMs {}: use 1 to {MAX_DELAY_MS} milliseconds.",
            body.delay_ms
        )));
    }
    let method = body.method.map(|method| method.to_ascii_uppercase());
    let delay = Delay {
        delay: Duration::from_millis(body.delay_ms),
        remaining: body.count.unwrap_or(1),
        method,
    };
    info!(?delay, "delay queued");
    let mut pending = queue.lock().unwrap_or_else(PoisonError::into_inner);
    pending.push(delay);
    Ok(Json(json!({ "pending": pending.len() })))
}

fn clear(queue: &DelayQueue) -> Json<Value> {
    let mut pending = queue.lock().unwrap_or_else(PoisonError::into_inner);
    let cleared = pending.len();
    pending.clear();
    info!(cleared, "delays cleared");
    Json(json!({ "cleared": cleared }))
}

async fn delay_request(queue: &DelayQueue, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") && !EXEMPT_PATHS.contains(&path) {
        let delay = take(queue, request.method().as_str());
        if let Some(delay) = delay {
            info!(method = %request.method(), path, ?delay, "delaying request");
            tokio::time::sleep(delay).await;
        }
    }
    next.run(request).await
}

fn take(queue: &DelayQueue, method: &str) -> Option<Duration> {
    let mut pending = queue.lock().unwrap_or_else(PoisonError::into_inner);
    let position = pending.iter().position(|delay| {
        delay
            .method
            .as_deref()
            .is_none_or(|wanted| wanted == method)
    })?;
    let delay = pending[position].delay;
    pending[position].remaining -= 1;
    if pending[position].remaining == 0 {
        pending.remove(position);
    }
    Some(delay)
}
