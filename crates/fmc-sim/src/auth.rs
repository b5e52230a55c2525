//! Generate token, refresh and revoke handlers.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use tracing::{error, info, warn};

use crate::access::{header_text, Authenticated, ACCESS_TOKEN_HEADER, REFRESH_TOKEN_HEADER};
use crate::config::RefreshPathSpelling;
use crate::errors::FmcError;
use crate::request_log::{token_suffix, RequestUser};
use crate::sessions::TokenPair;
use crate::state::AppState;
use crate::users::{check_credentials, User, GLOBAL_UUID};

// NOTE: FMC spells these `X-auth-access-token`, `DOMAIN_UUID`, `DOMAINS` and
// so on. hyper 1.13 writes response header names in lower case (or
// Title-Case) and has no public API for any other casing, so clients get
// lower-case names here, as from any HTTP/2 server. HTTP header names are
// case-insensitive.
const DOMAIN_UUID_HEADER: &str = "domain_uuid";
const GLOBAL_HEADER: &str = "global";
const DOMAINS_HEADER: &str = "domains";
const USER_UUID_HEADER: &str = "user_uuid";
const DOMAIN_ID_HEADER: &str = "domain_id";

/// `POST /api/fmc_platform/v1/auth/generatetoken`: signs in with Basic
/// credentials and ends the user's earlier session.
pub async fn generate_token(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let Some((name, password)) = basic_credentials(&headers) else {
        state.stats().record_sign_in_failure();
        warn!("sign-in failed: missing or malformed Basic credentials");
        return FmcError::authentication_failed().into_response();
    };
    let Some(user) = check_credentials(&name, &password) else {
        state.stats().record_sign_in_failure();
        warn!(
            user = name,
            "sign-in failed: unknown user or wrong password"
        );
        return FmcError::authentication_failed().into_response();
    };

    let tokens = state.sessions().sign_in(user, state.clock.now());
    state
        .stats()
        .record_sign_in(user.name, &tokens.access_token);
    info!(
        user = user.name,
        token = token_suffix(&tokens.access_token),
        "signed in; the user's earlier session, if any, has ended"
    );
    token_response(user, &tokens)
}

/// `POST /api/fmc_platform/v1/auth/refreshtoken`.
pub async fn refresh_token(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    refresh(&state, &uri, &headers, RefreshPathSpelling::RefreshToken)
}

/// `POST /api/fmc_platform/v1/auth/refresh-token`, the spelling of Cisco's guide text.
pub async fn refresh_hyphen_token(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    refresh(
        &state,
        &uri,
        &headers,
        RefreshPathSpelling::RefreshHyphenToken,
    )
}

/// Replaces both tokens of a session. The access token may have expired,
/// because clients refresh exactly when it has.
fn refresh(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    spelling: RefreshPathSpelling,
) -> Response {
    if !state.config.refresh_path_spelling.allows(spelling) {
        return FmcError::path_not_found(uri.path()).into_response();
    }

    let Some(refresh_token) = header_text(headers, REFRESH_TOKEN_HEADER) else {
        state.stats().record_refresh_failure();
        return FmcError::no_refresh_token().into_response();
    };
    let Some(access_token) = header_text(headers, ACCESS_TOKEN_HEADER) else {
        state.stats().record_refresh_failure();
        return FmcError::access_token_invalid().into_response();
    };

    let result = state
        .sessions()
        .refresh(access_token, refresh_token, state.clock.now());
    match result {
        Ok(refreshed) => {
            let user = refreshed.user;
            state
                .stats()
                .record_refresh(spelling, user.name, &refreshed.tokens.access_token);
            info!(
                user = user.name,
                refreshes_used = refreshed.refreshes_used,
                token = token_suffix(&refreshed.tokens.access_token),
                "refreshed tokens"
            );
            token_response(user, &refreshed.tokens)
        }
        Err(reason) => {
            state.stats().record_refresh_failure();
            let token = token_suffix(refresh_token);
            info!(token, ?reason, "refresh rejected");
            FmcError::invalid_refresh_token().into_response()
        }
    }
}

/// `POST /api/fmc_platform/v1/auth/revokeaccess`: ends the session of the
/// access token.
pub async fn revoke_access(
    State(state): State<Arc<AppState>>,
    authenticated: Authenticated,
) -> Response {
    let result = state
        .sessions()
        .revoke(&authenticated.access_token, state.clock.now());
    // The token was checked by the middleware, but another request may have
    // ended the session in between.
    let Ok(user) = result else {
        return FmcError::access_token_invalid().into_response();
    };

    state.stats().record_revoke();
    info!(
        user = user.name,
        token = token_suffix(&authenticated.access_token),
        "revoked session"
    );
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.extensions_mut().insert(RequestUser(user.name));
    response
}

/// Decodes `Authorization: Basic base64(user:password)` as UTF-8. The
/// password is everything after the first colon, so it may contain colons.
pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return None;
    }

    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (name, password) = text.split_once(':')?;
    Some((name.to_owned(), password.to_owned()))
}

/// Builds the 204 of a sign-in or refresh: tokens and domain headers.
fn token_response(user: &'static User, tokens: &TokenPair) -> Response {
    let default_domain = user.default_domain();
    let values = [
        (ACCESS_TOKEN_HEADER, tokens.access_token.clone()),
        (REFRESH_TOKEN_HEADER, tokens.refresh_token.clone()),
        (DOMAIN_UUID_HEADER, default_domain.uuid.to_owned()),
        (GLOBAL_HEADER, GLOBAL_UUID.to_owned()),
        (DOMAINS_HEADER, user.domains_header_json()),
        (USER_UUID_HEADER, user.uuid.to_owned()),
        (DOMAIN_ID_HEADER, default_domain.id.to_string()),
    ];

    let mut response = StatusCode::NO_CONTENT.into_response();
    for (name, value) in values {
        match HeaderValue::try_from(value) {
            Ok(value) => {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static(name), value);
            }
            Err(invalid) => {
                error!(header = name, %invalid, "header value is not valid; header left out")
            }
        }
    }
    response.extensions_mut().insert(RequestUser(user.name));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers_with_authorization(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    fn basic(user_and_password: &str) -> HeaderMap {
        headers_with_authorization(&format!("Basic {}", STANDARD.encode(user_and_password)))
    }

    #[test]
    fn basic_splits_at_first_colon() {
        let credentials = basic_credentials(&basic("apiuser:Pa:ss wörd1"));

        assert_eq!(
            credentials,
            Some(("apiuser".to_owned(), "Pa:ss wörd1".to_owned()))
        );
    }

    #[test]
    fn basic_scheme_ignores_case() {
        let value = format!("basic {}", STANDARD.encode("admin:Admin123"));

        let credentials = basic_credentials(&headers_with_authorization(&value));

        assert_eq!(
            credentials,
            Some(("admin".to_owned(), "Admin123".to_owned()))
        );
    }

    #[test]
    fn basic_rejects_malformed_values() {
        assert_eq!(basic_credentials(&HeaderMap::new()), None);
        assert_eq!(
            basic_credentials(&headers_with_authorization("Bearer abc")),
            None
        );
        assert_eq!(
            basic_credentials(&headers_with_authorization("Basic %%%")),
            None
        );
        assert_eq!(basic_credentials(&basic("no-colon")), None);
    }

    #[test]
    fn basic_rejects_latin1_password() {
        let latin1 = b"apiuser:Pa:ss w\xf6rd1";
        let value = format!("Basic {}", STANDARD.encode(latin1));

        assert_eq!(basic_credentials(&headers_with_authorization(&value)), None);
    }

    #[test]
    fn token_response_headers() {
        let tokens = TokenPair {
            access_token: "access".into(),
            refresh_token: "refresh".into(),
        };

        let response = token_response(&crate::users::ADMIN, &tokens);

        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let headers = response.headers();
        assert_eq!(headers["x-auth-access-token"], "access");
        assert_eq!(headers["x-auth-refresh-token"], "refresh");
        assert_eq!(headers["domain_uuid"], GLOBAL_UUID);
        assert_eq!(headers["global"], GLOBAL_UUID);
        assert_eq!(headers["domain_id"], "111");
        assert!(headers.contains_key("user_uuid"));
        assert!(headers["domains"]
            .to_str()
            .unwrap()
            .starts_with("[{\"name\":\"Global\""));
    }
}
