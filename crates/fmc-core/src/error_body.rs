//! The JSON error body that the FMC sends with 4xx and 5xx responses:
//! `{"error":{"category":"FRAMEWORK","messages":[{"description":"..."}],"severity":"ERROR"}}`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The parts of an FMC error body that a user can act on.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FmcError {
    /// `FRAMEWORK` or `OTHER` on the FMCs seen.
    pub category: Option<String>,
    /// `ERROR` on the FMCs seen.
    pub severity: Option<String>,
    /// The non-empty `messages[*].description` values, trimmed, in order.
    pub messages: Vec<String>,
}

/// Parses an FMC error body. Returns `None` when `body` is not JSON or has no
/// `error` object with at least a category, severity or message.
pub fn parse_error_body(body: &str) -> Option<FmcError> {
    let value: Value = serde_json::from_str(body).ok()?;
    error_from_value(&value)
}

/// Reads an FMC error from JSON that is already parsed, with the same rules
/// as [`parse_error_body`].
pub fn error_from_value(value: &Value) -> Option<FmcError> {
    let error = value.get("error")?.as_object()?;
    let text = |key: &str| {
        error
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    };

    let messages: Vec<String> = error
        .get("messages")
        .and_then(Value::as_array)
        .map(|messages| {
            messages
                .iter()
                .filter_map(|message| message.get("description").and_then(Value::as_str))
                .map(str::trim)
                .filter(|description| !description.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();

    let parsed = FmcError {
        category: text("category"),
        severity: text("severity"),
        messages,
    };
    let is_empty =
        parsed.category.is_none() && parsed.severity.is_none() && parsed.messages.is_empty();
    (!is_empty).then_some(parsed)
}

/// Returns the error descriptions of `body` joined by spaces, or `None` when
/// the body is not an FMC error or has no description.
pub fn error_detail(body: &str) -> Option<String> {
    parse_error_body(body)
        .map(|error| error.summary())
        .filter(|summary| !summary.is_empty())
}

impl FmcError {
    /// Returns the descriptions joined by a space.
    pub fn summary(&self) -> String {
        self.messages.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fmc_401_body() {
        let body = r#"{"error":{"category":"FRAMEWORK","messages":[{"description":"User authentication failed."}],"severity":"ERROR"}}"#;
        let error = parse_error_body(body).expect("FMC error body");
        assert_eq!(error.category.as_deref(), Some("FRAMEWORK"));
        assert_eq!(error.severity.as_deref(), Some("ERROR"));
        assert_eq!(
            error.messages,
            vec!["User authentication failed.".to_owned()]
        );
        assert_eq!(error.summary(), "User authentication failed.");
    }

    #[test]
    fn joins_several_descriptions() {
        let body = r#"{"error":{"category":"OTHER","messages":[{"description":"Duplicate name."},{"code":"x"},{"description":"  "},{"description":" Please try again. "}],"severity":"ERROR"}}"#;
        let error = parse_error_body(body).expect("FMC error body");
        assert_eq!(error.messages.len(), 2);
        assert_eq!(error.summary(), "Duplicate name. Please try again.");
    }

    #[test]
    fn accepts_partial_shapes() {
        let only_messages =
            parse_error_body(r#"{"error":{"messages":[{"description":"Access token invalid."}]}}"#);
        assert_eq!(
            only_messages.map(|error| error.summary()),
            Some("Access token invalid.".to_owned())
        );
        let only_category =
            parse_error_body(r#"{"error":{"category":"FRAMEWORK"}}"#).expect("category only");
        assert!(only_category.messages.is_empty());
        assert_eq!(only_category.summary(), "");
    }

    #[test]
    fn ignores_wrong_field_types() {
        let body = r#"{"error":{"category":7,"messages":"oops","severity":"ERROR"}}"#;
        let error = parse_error_body(body).expect("severity is enough");
        assert_eq!(error.category, None);
        assert!(error.messages.is_empty());
    }

    #[test]
    fn rejects_other_shapes() {
        for body in [
            "",
            "User authentication failed.",
            "<html><body>Bad</body></html>",
            "[]",
            r#"{"items":[]}"#,
            r#"{"error":"text"}"#,
            r#"{"error":{}}"#,
            r#"{"error":{"messages":[]}}"#,
        ] {
            assert_eq!(parse_error_body(body), None, "body {body:?}");
        }
    }

    #[test]
    fn error_detail_summarises() {
        let body = r#"{"error":{"messages":[{"description":"Invalid refresh token"}]}}"#;
        assert_eq!(error_detail(body), Some("Invalid refresh token".to_owned()));
        assert_eq!(error_detail(r#"{"error":{"category":"OTHER"}}"#), None);
        assert_eq!(error_detail("not json"), None);
    }
}
