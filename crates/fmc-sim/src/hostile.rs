//! Hostile responses: responses that no FMC sends on purpose but that a
//! client meets through proxies, login portals, broken servers or an
//! attacker, queued through `POST /_sim/inject` with `"answer"`.
//!
//! The sign-in variants (`domains_not_json`, `domains_empty`, `no_refresh_token`,
//! `no_access_token`) change the headers of a successful `generatetoken`
//! response. The others replace the response of the request they hit.

use std::io;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_TYPE, LOCATION};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use tracing::warn;

use crate::access::{ACCESS_TOKEN_HEADER, REFRESH_TOKEN_HEADER};

/// How long a `hang` keeps the request open before the simulator drops it, so a
/// forgotten injection does not keep a connection open for good. Clients
/// under test time out long before.
const HANG_LIMIT: Duration = Duration::from_secs(300);

/// Size of the `huge_header` header value unless `header_bytes` sets one.
pub const DEFAULT_HEADER_BYTES: usize = 80 * 1024;

/// Largest `header_bytes` accepted, so one injection cannot exhaust memory.
pub const MAX_HEADER_BYTES: usize = 1024 * 1024;

/// Markup that runs script if a client inserts the text as HTML. The
/// handlers set `window.__fmcMarkupRan`, which tests look for.
pub const MARKUP: &str = "<script>window.__fmcMarkupRan = 'script'</script><img src=x onerror=\"window.__fmcMarkupRan = 'img'\">";

/// A hostile response, named by the `answer` field of an injection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hostile {
    /// No response: the request stays open until the client gives up.
    Hang,
    /// 200 with `text/html`: a login portal or proxy page.
    HtmlLoginPage,
    /// 200 with `application/json` and a 0-byte body.
    EmptyOk,
    /// 200 with JSON cut off in the middle.
    TruncatedJson,
    /// 200 with `application/json` and bytes that are not UTF-8.
    NotUtf8,
    /// 200 JSON with one response header of `header_bytes` bytes.
    HugeHeader,
    /// 200 JSON whose strings contain `<script>` and `<img onerror>`.
    Markup,
    /// A sign-in whose `DOMAINS` header is not JSON.
    DomainsNotJson,
    /// A sign-in whose `DOMAINS` header is `[]`.
    DomainsEmpty,
    /// A sign-in without `X-auth-refresh-token`.
    NoRefreshToken,
    /// A sign-in without `X-auth-access-token`.
    NoAccessToken,
}

impl Hostile {
    /// Returns true for answers that change a successful sign-in, which
    /// therefore only hit `generatetoken`.
    pub fn changes_sign_in(&self) -> bool {
        matches!(
            self,
            Hostile::DomainsNotJson
                | Hostile::DomainsEmpty
                | Hostile::NoRefreshToken
                | Hostile::NoAccessToken
        )
    }

    /// Returns the key this answer is counted under in `/_sim/stats`.
    pub fn stats_key(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => "hostile".to_owned(),
        }
    }
}

/// Builds the response for an answer that replaces the real one. Sign-in
/// answers never get here; see [`alter_sign_in`].
pub async fn replacement(answer: &Hostile, header_bytes: usize) -> Response {
    match answer {
        Hostile::Hang => {
            tokio::time::sleep(HANG_LIMIT).await;
            dropped_response()
        }
        Hostile::HtmlLoginPage => with_type(
            StatusCode::OK,
            "text/html; charset=utf-8",
            "<!DOCTYPE html><html><head><title>Network login</title></head><body><form method=\"post\" action=\"/login\"><label>User <input name=\"user\"></label><label>Password <input name=\"password\" type=\"password\"></label><button>Log in</button></form></body></html>",
        ),
        Hostile::EmptyOk => with_type(StatusCode::OK, "application/json", ""),
        Hostile::TruncatedJson => with_type(
            StatusCode::OK,
            "application/json",
            "{\"links\":{},\"items\":[{\"name\":\"net-00001\",\"value\":\"10.0.",
        ),
        Hostile::NotUtf8 => {
            let bytes: &'static [u8] = b"{\"name\":\"\xff\xfe\xc3\x28 not utf-8\"}";
            let mut response = Body::from(Bytes::from_static(bytes)).into_response();
            set_type(&mut response, "application/json");
            response
        }
        Hostile::HugeHeader => {
            let mut response =
                with_type(StatusCode::OK, "application/json", "{\"items\":[]}");
            let padding = "a".repeat(header_bytes.min(MAX_HEADER_BYTES));
            if let Ok(value) = HeaderValue::from_str(&padding) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static("x-sim-padding"), value);
            }
            response
        }
        Hostile::Markup => {
            let body = serde_json::json!({
                "name": MARKUP,
                "description": MARKUP,
                "items": [{ "name": MARKUP }],
            });
            with_type(StatusCode::OK, "application/json", body.to_string())
        }
        Hostile::DomainsNotJson
        | Hostile::DomainsEmpty
        | Hostile::NoRefreshToken
        | Hostile::NoAccessToken => {
            warn!(?answer, "sign-in answer applied as a replacement");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Changes the headers of a `generatetoken` response. Only a 204 is
/// changed, so a failed sign-in stays as it was.
pub fn alter_sign_in(answer: &Hostile, mut response: Response) -> Response {
    if response.status() != StatusCode::NO_CONTENT {
        return response;
    }
    let headers = response.headers_mut();
    match answer {
        Hostile::DomainsNotJson => {
            headers.insert("domains", HeaderValue::from_static("Global, Global/Devel"));
        }
        Hostile::DomainsEmpty => {
            headers.insert("domains", HeaderValue::from_static("[]"));
        }
        Hostile::NoRefreshToken => {
            headers.remove(REFRESH_TOKEN_HEADER);
        }
        Hostile::NoAccessToken => {
            headers.remove(ACCESS_TOKEN_HEADER);
        }
        _ => {}
    }
    response
}

/// Builds a redirect to `location` with a 307, which keeps the method and
/// body, so a client that follows it would resend everything there.
pub fn redirect(location: &str) -> Response {
    let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
    match HeaderValue::from_str(location) {
        Ok(value) => {
            response.headers_mut().insert(LOCATION, value);
        }
        Err(error) => warn!(location, %error, "redirect location is not a valid header"),
    }
    response
}

/// Builds a response whose body fails before its first byte, so hyper
/// closes the HTTP/1.1 connection or resets the HTTP/2 stream without
/// completing it.
pub fn dropped_response() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, io::Error>(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "connection dropped by an injection",
        ))
    });
    Response::new(Body::from_stream(failing))
}

fn with_type(status: StatusCode, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut response = (status, body.into()).into_response();
    set_type(&mut response, content_type);
    response
}

fn set_type(response: &mut Response, content_type: &'static str) {
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_bytes(response: Response) -> Bytes {
        axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body")
    }

    #[test]
    fn sign_in_answers_are_marked() {
        assert!(Hostile::NoAccessToken.changes_sign_in());
        assert!(Hostile::DomainsEmpty.changes_sign_in());
        assert!(!Hostile::Hang.changes_sign_in());
        assert!(!Hostile::Markup.changes_sign_in());
    }

    #[test]
    fn stats_key_is_snake_case() {
        assert_eq!(Hostile::HtmlLoginPage.stats_key(), "html_login_page");
        assert_eq!(Hostile::NotUtf8.stats_key(), "not_utf8");
    }

    #[tokio::test]
    async fn not_utf8_body_is_invalid() {
        let response = replacement(&Hostile::NotUtf8, 0).await;

        assert_eq!(response.status(), StatusCode::OK);
        let bytes = body_bytes(response).await;
        assert!(std::str::from_utf8(&bytes).is_err());
    }

    #[tokio::test]
    async fn empty_ok_has_no_body() {
        let response = replacement(&Hostile::EmptyOk, 0).await;

        assert_eq!(response.status(), StatusCode::OK);
        assert!(body_bytes(response).await.is_empty());
    }

    #[tokio::test]
    async fn truncated_json_does_not_parse() {
        let bytes = body_bytes(replacement(&Hostile::TruncatedJson, 0).await).await;

        assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_err());
    }

    #[tokio::test]
    async fn huge_header_is_capped() {
        let response = replacement(&Hostile::HugeHeader, MAX_HEADER_BYTES * 4).await;

        let value = &response.headers()["x-sim-padding"];
        assert_eq!(value.len(), MAX_HEADER_BYTES);
    }

    #[test]
    fn alter_sign_in_removes_access_token() {
        let mut response = StatusCode::NO_CONTENT.into_response();
        response
            .headers_mut()
            .insert(ACCESS_TOKEN_HEADER, HeaderValue::from_static("token"));

        let altered = alter_sign_in(&Hostile::NoAccessToken, response);

        assert!(altered.headers().get(ACCESS_TOKEN_HEADER).is_none());
    }

    #[test]
    fn alter_sign_in_keeps_failures() {
        let response = StatusCode::UNAUTHORIZED.into_response();

        let altered = alter_sign_in(&Hostile::DomainsEmpty, response);

        assert_eq!(altered.status(), StatusCode::UNAUTHORIZED);
        assert!(altered.headers().get("domains").is_none());
    }

    #[test]
    fn redirect_sets_location() {
        let response = redirect("https://127.0.0.1:9/api/");

        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        assert_eq!(response.headers()[LOCATION], "https://127.0.0.1:9/api/");
    }
}
