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
//!   `"empty_body":true` sends the status with a 0-byte body instead.
//! - `{"expire_access_tokens":true}`: let every current access token expire,
//!   so the request gets 401 and the client has to refresh.
//! - `{"answer":"hang"}` and the other answers of [`Hostile`]: a hostile
//!   response. `header_bytes` sets the size of `huge_header`.
//! - `{"redirect":"https://127.0.0.1:PORT/path"}`: a 307 to that URL, which
//!   must name a loopback host.
//!
//! Each may add `"after":N` to let N eligible requests pass first, and
//! `"method":"POST"` to match only that method. Eligible are requests under
//! `/api/` except sign-in, refresh and revoke. With `"on":"sign_in"` the
//! injection hits `generatetoken` instead, which the sign-in answers of
//! [`Hostile`] always do. `DELETE /_sim/inject` clears the queue. Both need
//! no access token and return the queue.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tracing::{info, warn};

use crate::errors::{Category, FmcError};
use crate::hostile::{self, Hostile, DEFAULT_HEADER_BYTES, MAX_HEADER_BYTES};
use crate::state::AppState;

const SIGN_IN_PATH: &str = "/api/fmc_platform/v1/auth/generatetoken";

/// Host names a redirect may point to, so that no test sends a client off
/// the machine.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "[::1]", "localhost"];

/// Paths under `/api/` that injections never hit, so that a test can always
/// sign in and refresh.
const EXEMPT_PATHS: [&str; 4] = [
    SIGN_IN_PATH,
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
    pub answer: Option<Hostile>,
    pub redirect: Option<String>,
    pub empty_body: Option<bool>,
    pub header_bytes: Option<usize>,
    pub on: Option<Target>,
    pub after: Option<u32>,
    pub method: Option<String>,
}

/// Requests an injection hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Requests under `/api/` except sign-in, refresh and revoke.
    #[default]
    Api,
    /// `generatetoken` only.
    SignIn,
}

/// Effect of an injection on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Fault {
    Status {
        status: u16,
        description: String,
        retry_after: Option<u64>,
        empty_body: bool,
    },
    DropConnection,
    ExpireAccessTokens,
    Hostile {
        answer: Hostile,
        header_bytes: usize,
    },
    Redirect {
        location: String,
    },
}

impl Fault {
    /// Returns the key this fault is counted under in `/_sim/stats`.
    pub fn stats_key(&self) -> String {
        match self {
            Fault::Status { status, .. } => status.to_string(),
            Fault::DropConnection => "dropConnection".to_owned(),
            Fault::ExpireAccessTokens => "expireAccessTokens".to_owned(),
            Fault::Hostile { answer, .. } => answer.stats_key(),
            Fault::Redirect { .. } => "redirect".to_owned(),
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
    pub target: Target,
}

impl InjectRequest {
    /// Checks that exactly one fault is named, and builds the injection.
    pub fn into_injection(self) -> Result<Injection, FmcError> {
        let expire = self.expire_access_tokens == Some(true);
        let named = [
            self.status.is_some(),
            self.drop_connection.is_some(),
            expire,
            self.answer.is_some(),
            self.redirect.is_some(),
        ];
        if named.iter().filter(|&&named| named).count() != 1 {
            return Err(FmcError::bad_request(
                "Name exactly one fault: \"status\", \"drop_connection\", \"expire_access_tokens\": true, \"answer\" or \"redirect\".",
            ));
        }
        let header_bytes = self.header_bytes.unwrap_or(DEFAULT_HEADER_BYTES);
        if header_bytes > MAX_HEADER_BYTES {
            return Err(FmcError::bad_request(format!(
                "Invalid header_bytes {header_bytes}: use at most {MAX_HEADER_BYTES}."
            )));
        }
        let mut target = self.on.unwrap_or_default();
        if self.answer.as_ref().is_some_and(Hostile::changes_sign_in) {
            target = Target::SignIn;
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
                empty_body: self.empty_body == Some(true),
            };
            (fault, self.count.unwrap_or(1))
        } else if let Some(times) = self.drop_connection {
            (Fault::DropConnection, times)
        } else if let Some(answer) = self.answer {
            let fault = Fault::Hostile {
                answer,
                header_bytes,
            };
            (fault, self.count.unwrap_or(1))
        } else if let Some(location) = self.redirect {
            if !is_loopback_url(&location) {
                return Err(FmcError::bad_request(format!(
                    "Invalid redirect {location:?}: use an http or https URL on 127.0.0.1, [::1] or localhost."
                )));
            }
            (Fault::Redirect { location }, self.count.unwrap_or(1))
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
            target,
        })
    }
}

/// Returns true when `location` is an http or https URL whose host is a
/// loopback name, with or without a port.
fn is_loopback_url(location: &str) -> bool {
    let Some(rest) = location
        .strip_prefix("https://")
        .or_else(|| location.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains(['@', '\\']) {
        return false;
    }
    LOOPBACK_HOSTS.iter().any(|host| {
        authority == *host
            || authority
                .strip_prefix(host)
                .and_then(|port| port.strip_prefix(':'))
                .is_some_and(|port| {
                    !port.is_empty() && port.bytes().all(|byte| byte.is_ascii_digit())
                })
    })
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

    /// Returns the fault for the next eligible request with `method` on
    /// `target`: every matching injection that still lets requests pass
    /// counts this one, and the first that lets none pass hits it.
    pub fn take(&mut self, method: &str, target: Target) -> Option<Fault> {
        let mut hit = None;
        for injection in &mut self.pending {
            let matches = injection.target == target
                && injection
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
    let target = if path == SIGN_IN_PATH {
        Target::SignIn
    } else if path.starts_with("/api/") && !EXEMPT_PATHS.contains(&path) {
        Target::Api
    } else {
        return next.run(request).await;
    };
    let fault = state.injections().take(request.method().as_str(), target);
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
            empty_body,
        } => status_response(status, description, retry_after, empty_body),
        Fault::DropConnection => hostile::dropped_response(),
        Fault::ExpireAccessTokens => {
            state.sessions().expire_all(state.clock.now());
            next.run(request).await
        }
        Fault::Hostile { answer, .. } if answer.changes_sign_in() => {
            let response = next.run(request).await;
            hostile::alter_sign_in(&answer, response)
        }
        Fault::Hostile {
            answer,
            header_bytes,
        } => hostile::replacement(&answer, header_bytes).await,
        Fault::Redirect { location } => hostile::redirect(&location),
    }
}

fn status_response(
    status: u16,
    description: String,
    retry_after: Option<u64>,
    empty_body: bool,
) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = if empty_body {
        status.into_response()
    } else {
        FmcError::new(status, Category::Other, description).into_response()
    };
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert("retry-after", HeaderValue::from(seconds));
    }
    response
}

#[cfg(test)]
mod tests;
