//! Failures injected on purpose, so tests can check how a client recovers.
//!
//! `POST /_sim/inject` queues one injection, given as JSON:
//!
//! - `{"status":503,"count":1}`: answer with this status in the FMC error
//!   shape; `description` sets the message and `retry_after` (seconds) adds
//!   a `Retry-After` header.
//! - `{"drop_connection":1}`: end the response without completing it, this
//!   many times: over HTTP/1.1 the connection closes, over HTTP/2 the
//!   stream is reset (Chromium reports `ERR_HTTP2_PROTOCOL_ERROR`).
//! - `{"expire_access_tokens":true}`: let every current access token expire,
//!   so the request gets 401 and the client has to refresh.
//!
//! Each may add `"after":N` to let N eligible requests pass first, and
//! `"method":"POST"` to match only that method. Eligible are requests under
//! `/api/` except sign-in, refresh and revoke. `DELETE /_sim/inject` clears
//! the queue. Both need no access token and return the queue.

use std::io;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tracing::{info, warn};

use crate::errors::{Category, FmcError};
use crate::state::AppState;

/// Paths under `/api/` that injections never hit, so that a test can always
/// sign in and refresh.
const EXEMPT_PATHS: [&str; 4] = [
    "/api/fmc_platform/v1/auth/generatetoken",
    "/api/fmc_platform/v1/auth/refreshtoken",
    "/api/fmc_platform/v1/auth/refresh-token",
    "/api/fmc_platform/v1/auth/revokeaccess",
];

/// The body of `POST /_sim/inject`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectRequest {
    pub status: Option<u16>,
    pub count: Option<u32>,
    pub description: Option<String>,
    pub retry_after: Option<u64>,
    pub drop_connection: Option<u32>,
    pub expire_access_tokens: Option<bool>,
    pub after: Option<u32>,
    pub method: Option<String>,
}

/// Effect of an injection on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Fault {
    Status {
        status: u16,
        description: String,
        retry_after: Option<u64>,
    },
    DropConnection,
    ExpireAccessTokens,
}

impl Fault {
    /// Returns the key this fault is counted under in `/_sim/stats`.
    pub fn stats_key(&self) -> String {
        match self {
            Fault::Status { status, .. } => status.to_string(),
            Fault::DropConnection => "dropConnection".to_owned(),
            Fault::ExpireAccessTokens => "expireAccessTokens".to_owned(),
        }
    }
}

/// One queued injection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Injection {
    pub fault: Fault,
    /// Eligible requests still to let pass.
    pub skip: u32,
    /// Requests still to hit.
    pub remaining: u32,
    /// Upper-case method name to match, or every method.
    pub method: Option<String>,
}

impl InjectRequest {
    /// Checks that exactly one fault is named, and builds the injection.
    pub fn into_injection(self) -> Result<Injection, FmcError> {
        let expire = self.expire_access_tokens == Some(true);
        let named = [
            self.status.is_some(),
            self.drop_connection.is_some(),
            expire,
        ];
        if named.iter().filter(|&&named| named).count() != 1 {
            return Err(FmcError::bad_request(
                "Name exactly one fault: \"status\", \"drop_connection\" or \"expire_access_tokens\": true.",
            ));
        }

        let (fault, remaining) = if let Some(status) = self.status {
            if !(400..=599).contains(&status) {
                return Err(FmcError::bad_request(format!(
                    "Invalid status {status}: inject a status from 400 to 599."
                )));
            }
            let description = self
                .description
                .unwrap_or_else(|| default_description(status));
            let fault = Fault::Status {
                status,
                description,
                retry_after: self.retry_after,
            };
            (fault, self.count.unwrap_or(1))
        } else if let Some(times) = self.drop_connection {
            (Fault::DropConnection, times)
        } else {
            (Fault::ExpireAccessTokens, self.count.unwrap_or(1))
        };

        let method = self.method.map(|method| method.to_ascii_uppercase());
        if let Some(method) = &method {
            if !["GET", "POST", "PUT", "DELETE"].contains(&method.as_str()) {
                return Err(FmcError::bad_request(format!(
                    "Invalid method {method:?}: use GET, POST, PUT or DELETE."
                )));
            }
        }
        Ok(Injection {
            fault,
            skip: self.after.unwrap_or(0),
            remaining,
            method,
        })
    }
}

fn default_description(status: u16) -> String {
    match status {
        400 => "The request could not be completed. Please try again.".to_owned(),
        429 => "Too many requests. Wait and try again.".to_owned(),
        500 => "Internal server error.".to_owned(),
        502 => "Bad gateway.".to_owned(),
        503 => "Service unavailable.".to_owned(),
        other => format!("Injected HTTP {other}."),
    }
}

/// Queued injections, in the order they were posted.
#[derive(Debug, Default)]
pub struct InjectionQueue {
    pending: Vec<Injection>,
}

impl InjectionQueue {
    pub fn push(&mut self, injection: Injection) {
        self.pending.push(injection);
    }

    pub fn clear(&mut self) -> usize {
        let cleared = self.pending.len();
        self.pending.clear();
        cleared
    }

    pub fn pending(&self) -> &[Injection] {
        &self.pending
    }

    /// Returns the fault for the next eligible request with `method`: every
    /// matching injection that still lets requests pass counts this one,
    /// and the first that lets none pass hits it.
    pub fn take(&mut self, method: &str) -> Option<Fault> {
        let mut hit = None;
        for injection in &mut self.pending {
            let matches = injection
                .method
                .as_deref()
                .is_none_or(|wanted| wanted == method);
            if !matches {
                continue;
            }
            if injection.skip > 0 {
                injection.skip -= 1;
            } else if hit.is_none() && injection.remaining > 0 {
                injection.remaining -= 1;
                hit = Some(injection.fault.clone());
            }
        }
        self.pending.retain(|injection| injection.remaining > 0);
        hit
    }
}

/// `POST /_sim/inject`: queues an injection and returns the queue.
pub async fn post_injection(
    State(state): State<Arc<AppState>>,
    Json(request): Json<InjectRequest>,
) -> Result<Json<Value>, FmcError> {
    let injection = request
        .into_injection()
        .inspect_err(|error| warn!(error = error.description, "injection rejected"))?;
    info!(?injection, "injection queued");
    let mut queue = state.injections();
    queue.push(injection);
    Ok(Json(json!({ "pending": queue.pending() })))
}

/// `DELETE /_sim/inject`: clears the queue.
pub async fn clear_injections(State(state): State<Arc<AppState>>) -> Json<Value> {
    let cleared = state.injections().clear();
    info!(cleared, "injections cleared");
    Json(json!({ "cleared": cleared, "pending": [] }))
}

/// Applies the next injection to an eligible request.
pub async fn apply_injections(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") || EXEMPT_PATHS.contains(&path) {
        return next.run(request).await;
    }
    let fault = state.injections().take(request.method().as_str());
    let Some(fault) = fault else {
        return next.run(request).await;
    };

    state.stats().record_injected(&fault.stats_key());
    info!(method = %request.method(), path, ?fault, "injected fault");
    match fault {
        Fault::Status {
            status,
            description,
            retry_after,
        } => status_response(status, description, retry_after),
        Fault::DropConnection => dropped_connection(),
        Fault::ExpireAccessTokens => {
            state.sessions().expire_all(state.clock.now());
            next.run(request).await
        }
    }
}

fn status_response(status: u16, description: String, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = FmcError::new(status, Category::Other, description).into_response();
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert("retry-after", HeaderValue::from(seconds));
    }
    response
}

/// Builds a response whose body fails before its first byte, so hyper
/// closes the HTTP/1.1 connection or resets the HTTP/2 stream without
/// completing it.
fn dropped_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, io::Error>(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "connection dropped by an injection",
        ))
    });
    Response::new(Body::from_stream(failing))
}

#[cfg(test)]
mod tests;
