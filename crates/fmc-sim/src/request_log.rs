//! One log line per request and the per-request counters of `/_sim/stats`.
//!
//! Logged: method, path and query, status, user, at most the last four
//! characters of the access token, and the description of an error
//! response. Never the `Authorization` header, a password or a whole token.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tracing::info;

use crate::access::{header_text, ACCESS_TOKEN_HEADER};
use crate::errors::ErrorDescription;
use crate::state::AppState;

/// Name of the user a request acted for, set on the response by the handler
/// or middleware that identified the user.
#[derive(Debug, Clone, Copy)]
pub struct RequestUser(pub &'static str);

/// Returns the last four characters of a token, the most a log may show.
pub fn token_suffix(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    let start = chars.len().saturating_sub(4);
    format!("…{}", chars[start..].iter().collect::<String>())
}

/// Logs the request after its response is built, and counts it unless it
/// went to a `/_sim/` control endpoint.
pub async fn log_request(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let target = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| request.uri().path().to_owned());
    let presented_token = header_text(request.headers(), ACCESS_TOKEN_HEADER).map(str::to_owned);

    if let Some(token) = &presented_token {
        state
            .stats()
            .record_token_presented(token, request.uri().path());
    }

    // The simulator's own control endpoints are not FMC traffic; counting
    // them would make a test's stats read change the figures it reads.
    let is_control = request.uri().path().starts_with("/_sim/");
    let response = next.run(request).await;

    let status = response.status().as_u16();
    if !is_control {
        state.stats().record_status(status);
    }

    let user = response
        .extensions()
        .get::<RequestUser>()
        .map_or("-", |user| user.0);
    let token = presented_token
        .as_deref()
        .map_or_else(|| "-".to_owned(), token_suffix);
    match response.extensions().get::<ErrorDescription>() {
        Some(ErrorDescription(error)) => {
            info!(%method, target, status, user, token, error, "request")
        }
        None => info!(%method, target, status, user, token, "request"),
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_keeps_last_four() {
        assert_eq!(
            token_suffix("d3b1c3b1-0000-4000-8000-00000000abcd"),
            "…abcd"
        );
    }

    #[test]
    fn suffix_of_short_token() {
        assert_eq!(token_suffix("ab"), "…ab");
    }

    #[test]
    fn suffix_counts_characters_not_bytes() {
        assert_eq!(token_suffix("xxwörd"), "…wörd");
    }
}
