//! The absolute URL of a request, for `links.self` and `paging.next`.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header::HOST;
use axum::http::request::Parts;
use axum::http::uri::Authority;

use crate::state::AppState;

/// Base URL, path and query of the current request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestUrl {
    /// `https://HOST:PORT`, without a trailing slash.
    pub base: String,
    pub path: String,
    pub path_and_query: String,
}

impl RequestUrl {
    /// Returns the full URL of the request, query included.
    pub fn absolute(&self) -> String {
        format!("{}{}", self.base, self.path_and_query)
    }
}

impl FromRequestParts<Arc<AppState>> for RequestUrl {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        Ok(RequestUrl {
            base: format!("https://{}", request_authority(parts, state)),
            path: parts.uri.path().to_owned(),
            path_and_query: parts
                .uri
                .path_and_query()
                .map(|pq| pq.as_str().to_owned())
                .unwrap_or_else(|| parts.uri.path().to_owned()),
        })
    }
}

/// Picks the host the client used: the HTTP/1.1 `Host` header, else the
/// HTTP/2 authority, else the bound address. A `Host` value that is not a
/// valid authority is ignored, so it cannot inject text into the URLs.
fn request_authority(parts: &Parts, state: &AppState) -> String {
    let from_header = parts
        .headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<Authority>().ok())
        .filter(|authority| authority.as_str().find(['@', '/']).is_none());

    match from_header.or_else(|| parts.uri.authority().cloned()) {
        Some(authority) => authority.to_string(),
        None => state.bound_addr.to_string(),
    }
}
