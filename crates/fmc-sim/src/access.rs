//! The access-token check in front of every `/api/...` path except the
//! sign-in and refresh paths.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::debug;

use crate::errors::FmcError;
use crate::request_log::{token_suffix, RequestUser};
use crate::state::AppState;
use crate::users::User;

pub const ACCESS_TOKEN_HEADER: &str = "x-auth-access-token";
pub const REFRESH_TOKEN_HEADER: &str = "x-auth-refresh-token";

/// Paths under `/api/` that take credentials or a refresh token instead of a
/// valid access token. Both refresh spellings are listed even when one is
/// disabled, so that the disabled one returns 404 whatever the token.
const PATHS_WITHOUT_ACCESS_TOKEN: [&str; 3] = [
    "/api/fmc_platform/v1/auth/generatetoken",
    "/api/fmc_platform/v1/auth/refreshtoken",
    "/api/fmc_platform/v1/auth/refresh-token",
];

/// The user and access token of a request that passed the check.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: &'static User,
    pub access_token: String,
}

/// Reads a header as text; a missing or non-text value counts as absent.
pub fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// Rejects `/api/...` requests without a current access token with 401
/// `Access token invalid.`, before the router looks at the path, as FMC does.
pub async fn require_access_token(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") || PATHS_WITHOUT_ACCESS_TOKEN.contains(&path) {
        return next.run(request).await;
    }

    let Some(access_token) = header_text(request.headers(), ACCESS_TOKEN_HEADER) else {
        debug!(path, "rejected: no access token header");
        return FmcError::access_token_invalid().into_response();
    };
    let access_token = access_token.to_owned();

    let now = state.clock.now();
    let user = match state.sessions().authenticate(&access_token, now) {
        Ok(user) => user,
        Err(reason) => {
            let token = token_suffix(&access_token);
            debug!(path, token, ?reason, "rejected access token");
            return FmcError::access_token_invalid().into_response();
        }
    };

    request
        .extensions_mut()
        .insert(Authenticated { user, access_token });
    let mut response = next.run(request).await;
    response.extensions_mut().insert(RequestUser(user.name));
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Authenticated {
    type Rejection = FmcError;

    /// Takes the result of [`require_access_token`]; a route outside that
    /// middleware gets 401.
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Authenticated>()
            .cloned()
            .ok_or_else(FmcError::access_token_invalid)
    }
}
