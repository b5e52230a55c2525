//! The headers of a composed request: the automatic ones (`Accept`, the
//! access token, `Content-Type`), which the user may turn off, and the ones
//! the user adds.

use serde::{Deserialize, Serialize};

use crate::headers::{ACCESS_TOKEN, REFRESH_TOKEN};

/// The `Accept` header name.
pub const ACCEPT: &str = "Accept";

/// Switches for the headers the extension adds by itself. All are on by
/// default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AutoHeaders {
    /// `Accept: application/json`.
    pub accept: bool,
    /// `X-auth-access-token` with the session's current access token.
    pub access_token: bool,
    /// `Content-Type: application/json`, sent only with a body.
    pub content_type: bool,
}

impl Default for AutoHeaders {
    fn default() -> Self {
        AutoHeaders {
            accept: true,
            access_token: true,
            content_type: true,
        }
    }
}

/// A header row that the user added to the request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HeaderRow {
    pub name: String,
    pub value: String,
    pub enabled: bool,
}

/// A user-added header that cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("A header has a value but no name. Enter a name such as X-Custom, or remove the row.")]
    MissingName,
    #[error("The header name {name:?} contains {character:?}, which a header name cannot contain. Use letters, digits and - only.")]
    InvalidName { name: String, character: char },
    #[error("The value of header {name} contains a line break or control character. Remove it, because a header value must stay on one line.")]
    InvalidValue { name: String },
    #[error("The header {name} is set by the browser and cannot be changed by the extension. Remove the row.")]
    ForbiddenName { name: String },
    #[error("The header {name} carries the session's token and is added automatically. Remove the row and use the switch of the automatic header instead.")]
    TokenName { name: String },
    #[error("The header {name} carries credentials, which would be saved with the draft and copied into curl commands. Remove the row: the extension signs in by itself and sends the access token.")]
    CredentialName { name: String },
}

/// Header names that `fetch()` silently drops or controls itself, from the
/// forbidden request-header list of the Fetch standard.
const FORBIDDEN_NAMES: [&str; 21] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// Checks one user-added header row. Rows that are turned off, or have
/// neither a name nor a value, are not sent and pass.
pub fn validate_header(row: &HeaderRow) -> Result<(), HeaderError> {
    let name = row.name.trim();
    if !row.enabled || (name.is_empty() && row.value.trim().is_empty()) {
        return Ok(());
    }
    if name.is_empty() {
        return Err(HeaderError::MissingName);
    }
    // RFC 9110 section 5.6.2: a field name is a token.
    if let Some(character) = name.chars().find(|&c| !is_token_char(c)) {
        return Err(HeaderError::InvalidName {
            name: name.to_owned(),
            character,
        });
    }
    let lower = name.to_ascii_lowercase();
    if FORBIDDEN_NAMES.contains(&lower.as_str())
        || lower.starts_with("proxy-")
        || lower.starts_with("sec-")
    {
        return Err(HeaderError::ForbiddenName {
            name: name.to_owned(),
        });
    }
    if name.eq_ignore_ascii_case(ACCESS_TOKEN) || name.eq_ignore_ascii_case(REFRESH_TOKEN) {
        return Err(HeaderError::TokenName {
            name: name.to_owned(),
        });
    }
    if name.eq_ignore_ascii_case("Authorization") {
        return Err(HeaderError::CredentialName {
            name: name.to_owned(),
        });
    }
    if row.value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(HeaderError::InvalidValue {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// Returns the user-added headers that are sent, checked, with names and
/// values trimmed.
pub fn sent_headers(rows: &[HeaderRow]) -> Result<Vec<(String, String)>, HeaderError> {
    let mut sent = Vec::new();
    for row in rows {
        validate_header(row)?;
        let name = row.name.trim();
        if row.enabled && !name.is_empty() {
            sent.push((name.to_owned(), row.value.trim().to_owned()));
        }
    }
    Ok(sent)
}

/// Returns true if an automatic header called `name` is replaced by a
/// user-added header of the same name.
pub fn is_overridden(name: &str, user_headers: &[(String, String)]) -> bool {
    user_headers
        .iter()
        .any(|(user_name, _)| user_name.eq_ignore_ascii_case(name))
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, value: &str) -> HeaderRow {
        HeaderRow {
            name: name.to_owned(),
            value: value.to_owned(),
            enabled: true,
        }
    }

    #[test]
    fn valid_header_passes() {
        assert_eq!(validate_header(&row("X-Trace-Id", "abc 123")), Ok(()));
    }

    #[test]
    fn blank_and_disabled_rows_pass() {
        assert_eq!(validate_header(&row("", " ")), Ok(()));
        let disabled = HeaderRow {
            enabled: false,
            ..row("bad name", "x")
        };
        assert_eq!(validate_header(&disabled), Ok(()));
    }

    #[test]
    fn malformed_headers_rejected() {
        assert_eq!(
            validate_header(&row("", "value")),
            Err(HeaderError::MissingName)
        );
        assert_eq!(
            validate_header(&row("X Bad", "v")),
            Err(HeaderError::InvalidName {
                name: "X Bad".to_owned(),
                character: ' '
            })
        );
        assert_eq!(
            validate_header(&row("X-Split", "a\r\nInjected: 1")),
            Err(HeaderError::InvalidValue {
                name: "X-Split".to_owned()
            })
        );
        assert_eq!(
            validate_header(&row("Cookie", "a=b")),
            Err(HeaderError::ForbiddenName {
                name: "Cookie".to_owned()
            })
        );
        assert_eq!(
            validate_header(&row("x-auth-access-token", "t")),
            Err(HeaderError::TokenName {
                name: "x-auth-access-token".to_owned()
            })
        );
    }

    #[test]
    fn error_message_names_header() {
        let error = validate_header(&row("X-Split", "a\nb")).unwrap_err();
        assert!(error.to_string().contains("X-Split"));
    }

    #[test]
    fn sent_headers_skip_unsent_rows() {
        let rows = [
            row("X-One", " 1 "),
            HeaderRow {
                enabled: false,
                ..row("X-Two", "2")
            },
            row("", ""),
        ];
        assert_eq!(
            sent_headers(&rows),
            Ok(vec![("X-One".to_owned(), "1".to_owned())])
        );
    }

    #[test]
    fn automatic_headers_default_on() {
        let auto = AutoHeaders::default();
        assert!(auto.accept);
        assert!(auto.access_token);
        assert!(auto.content_type);
        let parsed: AutoHeaders = serde_json::from_str(r#"{"accept":false}"#).unwrap();
        assert!(!parsed.accept);
        assert!(parsed.access_token);
    }
}
