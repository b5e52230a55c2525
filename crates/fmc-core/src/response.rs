//! Summaries of FMC responses for display: status text, what the status
//! means on an FMC, size, headers and the FMC error messages. The body is
//! kept once, as received; viewers index it for display
//! ([`crate::pretty_lines`], [`crate::raw_lines`]) instead of storing a
//! pretty-printed copy.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::error_body::{error_from_value, FmcError};
use crate::headers::{ACCESS_TOKEN, REFRESH_TOKEN};

/// The largest error body that is parsed for FMC error messages. FMC error
/// bodies are a few hundred bytes, so a larger one is an HTML page or a
/// dump that is not worth a parsed copy.
const MAX_ERROR_BODY_BYTES: usize = 1024 * 1024;

/// Response headers that carry credentials and are never shown or stored.
const SECRET_HEADERS: [&str; 4] = [ACCESS_TOKEN, REFRESH_TOKEN, "authorization", "set-cookie"];

/// Returns the standard reason phrase for `status`, or a class name such as
/// `"Client Error"` for codes without one.
pub fn status_reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        511 => "Network Authentication Required",
        _ => match status / 100 {
            1 => "Informational",
            2 => "Success",
            3 => "Redirection",
            4 => "Client Error",
            5 => "Server Error",
            _ => "Unknown Status",
        },
    }
}

/// Returns what `status` usually means when an FMC sends it, and what to do.
pub fn status_hint(status: u16) -> Option<&'static str> {
    let hint = match status {
        400 => "The FMC rejected the request. Its message below names the field; in a PUT, the id in the body must equal the id in the path. A message ending in \"Please try again.\" is usually temporary.",
        401 => "The access token is invalid or expired: sign in again. A sign-in with the same account in the FMC web interface or another client also ends this session.",
        403 => "The user is not authorized for this in this domain. Pick another domain or ask an FMC administrator for a role that allows it.",
        404 => "Nothing exists at this path in this domain: check the path, the object id and the domain.",
        405 => "This path does not support this method. The FMC REST API has GET, POST, PUT and DELETE, and no PATCH.",
        406 => "The FMC cannot respond in the requested format. Send Accept: application/json.",
        409 => "The request conflicts with the object's current state. Read the object again, then retry.",
        415 => "The FMC expects a JSON body with Content-Type: application/json.",
        422 => "The FMC could not process the body. Check the fields against the API explorer. Payloads over 2,048,000 bytes also get this status: split bulk requests.",
        429 => "Too many requests: the FMC allows 120 requests a minute per user (300 from version 7.4.1) and 10 connections per client address. Wait a minute and send requests one at a time.",
        500 => "The FMC failed while handling the request. Retry once. If it fails again, check the FMC's health and logs.",
        502 | 504 => "A proxy or load balancer in front of the FMC got no valid response from it. Check that the FMC is up, then retry.",
        503 => "The FMC is unavailable, often while it starts, upgrades or deploys. Wait a few minutes and retry.",
        _ => return None,
    };
    Some(hint)
}

/// Formats a byte count with binary units: `"512 B"`, `"1.5 KB"`, `"12.3 MB"`
/// (1 KB = 1024 B).
pub fn format_size(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    // Converting to f64 rounds only above 2^53 bytes, far beyond any body.
    let value = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if value < KIB * KIB {
        format!("{:.1} KB", value / KIB)
    } else if value < KIB * KIB * KIB {
        format!("{:.1} MB", value / (KIB * KIB))
    } else {
        format!("{:.1} GB", value / (KIB * KIB * KIB))
    }
}

/// Returns true when the response is an HTML page, judged by its content type
/// or by a body that starts like one. The FMC REST API responds with JSON,
/// so HTML means a login portal, a proxy or a different product.
pub fn looks_like_html(content_type: Option<&str>, body: &str) -> bool {
    let html_type = content_type.is_some_and(|value| {
        let essence = value.split(';').next().unwrap_or_default().trim();
        essence.eq_ignore_ascii_case("text/html")
            || essence.eq_ignore_ascii_case("application/xhtml+xml")
    });
    let start: String = body
        .trim_start()
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    html_type || start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// A response ready for display and for storage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseSummary {
    pub status: u16,
    pub reason: String,
    pub hint: Option<String>,
    pub elapsed_ms: u64,
    /// UTF-8 length of `body` in bytes.
    pub size_bytes: usize,
    pub content_type: Option<String>,
    /// The body as received. Shared, so that cloning the summary (as a
    /// signal's `get` does) does not copy a body of many megabytes.
    #[serde(with = "shared_text")]
    pub body: Arc<str>,
    /// The response headers in the order received, without the ones in
    /// [`SECRET_HEADERS`]. Empty for summaries stored before headers were
    /// kept.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The FMC error messages, for statuses of 400 and above.
    pub fmc_error: Option<FmcError>,
    pub looks_like_html: bool,
}

impl ResponseSummary {
    /// Adds the response headers, leaving out the access token, the refresh
    /// token, `Authorization` and `Set-Cookie`.
    pub fn with_headers(mut self, headers: &[(String, String)]) -> Self {
        self.headers = headers
            .iter()
            .filter(|(name, _)| !is_secret_header(name))
            .cloned()
            .collect();
        self
    }
}

/// Returns true for a header name that carries credentials.
pub fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS
        .iter()
        .any(|secret| secret.eq_ignore_ascii_case(name.trim()))
}

/// Serializes an `Arc<str>` as a plain string.
mod shared_text {
    use super::*;

    pub fn serialize<S: Serializer>(text: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(deserializer).map(Arc::from)
    }
}

/// Builds the summary of one response. Only error bodies are parsed (for
/// the FMC error messages), so a large success body costs one copy.
pub fn summarize(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    elapsed_ms: u64,
) -> ResponseSummary {
    let looks_like_html = looks_like_html(content_type, body);
    let fmc_error = if status >= 400 && !looks_like_html && body.len() <= MAX_ERROR_BODY_BYTES {
        serde_json::from_str::<Value>(body)
            .ok()
            .as_ref()
            .and_then(error_from_value)
    } else {
        None
    };

    ResponseSummary {
        status,
        reason: status_reason(status).to_owned(),
        hint: status_hint(status).map(str::to_owned),
        elapsed_ms,
        size_bytes: body.len(),
        content_type: content_type.map(str::to_owned),
        body: Arc::from(body),
        headers: Vec::new(),
        fmc_error,
        looks_like_html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons() {
        assert_eq!(status_reason(200), "OK");
        assert_eq!(status_reason(201), "Created");
        assert_eq!(status_reason(204), "No Content");
        assert_eq!(status_reason(400), "Bad Request");
        assert_eq!(status_reason(422), "Unprocessable Entity");
        assert_eq!(status_reason(429), "Too Many Requests");
        assert_eq!(status_reason(503), "Service Unavailable");
    }

    #[test]
    fn reasons_for_unnamed_codes() {
        assert_eq!(status_reason(299), "Success");
        assert_eq!(status_reason(499), "Client Error");
        assert_eq!(status_reason(599), "Server Error");
        assert_eq!(status_reason(0), "Unknown Status");
        assert_eq!(status_reason(999), "Unknown Status");
    }

    #[test]
    fn hints() {
        assert!(status_hint(401).is_some_and(|hint| hint.contains("sign in again")));
        assert!(status_hint(403).is_some_and(|hint| hint.contains("not authorized")));
        assert!(status_hint(405).is_some_and(|hint| hint.contains("PATCH")));
        assert!(status_hint(422).is_some_and(|hint| hint.contains("2,048,000 bytes")));
        assert!(status_hint(429).is_some_and(|hint| hint.contains("120 requests a minute")));
        assert!(status_hint(404).is_some());
        assert!(status_hint(503).is_some());
        assert_eq!(status_hint(200), None);
        assert_eq!(status_hint(204), None);
    }

    #[test]
    fn sizes() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(512), "512 B");
        assert_eq!(format_size(1023), "1023 B");
        assert_eq!(format_size(1024), "1.0 KB");
        assert_eq!(format_size(1536), "1.5 KB");
        assert_eq!(format_size(12_897_485), "12.3 MB");
        assert_eq!(format_size(3 * 1024 * 1024 * 1024), "3.0 GB");
    }

    #[test]
    fn summarize_keeps_body_once() {
        let body = r#"{"zeta":1,"alpha":{"b":2}}"#;
        let summary = summarize(200, Some("application/json"), body, 42);
        assert_eq!(&*summary.body, body);
        assert_eq!(summary.status, 200);
        assert_eq!(summary.reason, "OK");
        assert_eq!(summary.elapsed_ms, 42);
        assert_eq!(summary.content_type.as_deref(), Some("application/json"));
        assert!(!summary.looks_like_html);
        assert_eq!(summary.fmc_error, None);
        assert!(summary.headers.is_empty());
    }

    #[test]
    fn headers_drop_credentials() {
        let headers = vec![
            ("content-type".to_owned(), "application/json".to_owned()),
            ("x-auth-access-token".to_owned(), "secret-1".to_owned()),
            ("X-Auth-Refresh-Token".to_owned(), "secret-2".to_owned()),
            ("authorization".to_owned(), "Basic abc".to_owned()),
            ("set-cookie".to_owned(), "a=b".to_owned()),
            ("domain_uuid".to_owned(), "e276abec".to_owned()),
        ];
        let summary = summarize(200, None, "{}", 1).with_headers(&headers);
        assert_eq!(
            summary.headers,
            vec![
                ("content-type".to_owned(), "application/json".to_owned()),
                ("domain_uuid".to_owned(), "e276abec".to_owned()),
            ]
        );
    }

    #[test]
    fn stored_summary_round_trip() {
        let summary = summarize(200, Some("application/json"), "[1]", 4)
            .with_headers(&[("a".to_owned(), "b".to_owned())]);
        let stored = serde_json::to_string(&summary).expect("serializable");
        let restored: ResponseSummary = serde_json::from_str(&stored).expect("readable");
        assert_eq!(restored, summary);
    }

    #[test]
    fn summary_stored_with_pretty_still_reads() {
        let stored = r#"{"status":200,"reason":"OK","hint":null,"elapsed_ms":1,"size_bytes":2,"content_type":null,"body":"{}","pretty":"{}","fmc_error":null,"looks_like_html":false}"#;
        let restored: ResponseSummary = serde_json::from_str(stored).expect("readable");
        assert_eq!(&*restored.body, "{}");
        assert!(restored.headers.is_empty());
    }

    #[test]
    fn summarize_size_is_utf8_bytes() {
        let summary = summarize(200, None, "{\"name\":\"ü\"}", 1);
        assert_eq!(summary.size_bytes, 13);
    }

    #[test]
    fn summarize_fmc_error() {
        let body = r#"{"error":{"category":"FRAMEWORK","messages":[{"description":"Access token invalid."}],"severity":"ERROR"}}"#;
        let summary = summarize(401, Some("application/json"), body, 3);
        let error = summary.fmc_error.expect("FMC error");
        assert_eq!(error.summary(), "Access token invalid.");
        assert!(summary.hint.is_some());
    }

    #[test]
    fn summarize_error_shape_on_success_is_not_error() {
        let summary = summarize(
            200,
            Some("application/json"),
            r#"{"error":{"category":"OTHER"}}"#,
            1,
        );
        assert_eq!(summary.fmc_error, None);
    }

    #[test]
    fn summarize_html() {
        let body = "<!DOCTYPE html><html><body>Login</body></html>";
        let summary = summarize(200, Some("text/html; charset=UTF-8"), body, 5);
        assert!(summary.looks_like_html);
        let sniffed = summarize(200, None, "\n  <HTML><body>proxy</body></HTML>", 5);
        assert!(sniffed.looks_like_html);
    }

    #[test]
    fn summarize_plain_text_and_empty() {
        let text = summarize(502, Some("text/plain"), "Bad gateway", 5);
        assert_eq!(text.fmc_error, None);
        assert!(!text.looks_like_html);
        let empty = summarize(204, None, "", 5);
        assert_eq!(empty.size_bytes, 0);
        assert_eq!(empty.reason, "No Content");
    }
}
