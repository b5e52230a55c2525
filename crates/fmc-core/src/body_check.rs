//! Checks of a JSON request body before it is sent: syntax, pretty
//! formatting, a PUT whose body `id` differs from the path, and bulk POSTs
//! beyond the FMC's limits.

use serde_json::Value;

use crate::query_rows::{parse_query, split_query};
use crate::request::Method;

/// Maximum entries of one bulk POST that the FMC accepts.
pub const MAX_BULK_ENTRIES: usize = 1_000;

/// Maximum payload size in bytes: the FMC returns 422 above 2,048,000 bytes.
pub const MAX_PAYLOAD_BYTES: usize = 2_048_000;

/// A JSON syntax error with its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("The body is not valid JSON at line {line}, column {column}: {message}.")]
pub struct JsonSyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Something about a valid body that the user should confirm before it is
/// sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BodyWarning {
    #[error("The body's id {body_id:?} differs from the id {path_id:?} at the end of the path, so the FMC will reject the PUT with \"Request UUID and data does not match.\" Make them equal, or send anyway.")]
    IdMismatch { path_id: String, body_id: String },
    #[error("The bulk POST has {entries} entries, but the FMC takes at most {MAX_BULK_ENTRIES} at once. Split the list, or send anyway.")]
    TooManyEntries { entries: usize },
    #[error("The body is {bytes} bytes, but the FMC rejects payloads over {MAX_PAYLOAD_BYTES} bytes with 422. Split the list, or send anyway.")]
    TooLarge { bytes: usize },
}

/// Checks that `body` is one JSON value. A blank body passes.
pub fn check_json(body: &str) -> Result<(), JsonSyntaxError> {
    if body.trim().is_empty() {
        return Ok(());
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(body) {
        Ok(_) => Ok(()),
        Err(error) => Err(syntax_error(&error)),
    }
}

/// Returns `body` pretty-printed with two-space indentation, keeping the
/// key order.
pub fn format_json(body: &str) -> Result<String, JsonSyntaxError> {
    let value: Value = serde_json::from_str(body).map_err(|error| syntax_error(&error))?;
    serde_json::to_string_pretty(&value).map_err(|error| syntax_error(&error))
}

/// Returns the warnings for sending `body` with `method` to `path`. A body
/// that is not valid JSON gets none, because the syntax check reports it.
pub fn body_warnings(method: Method, path: &str, body: &str) -> Vec<BodyWarning> {
    let mut warnings = Vec::new();
    if body.trim().is_empty() || !method.allows_body() {
        return warnings;
    }
    if body.len() > MAX_PAYLOAD_BYTES {
        warnings.push(BodyWarning::TooLarge { bytes: body.len() });
    }
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return warnings;
    };

    match (method, &value) {
        (Method::Put, Value::Object(object)) => {
            let body_id = object.get("id").and_then(Value::as_str);
            if let (Some(body_id), Some(path_id)) = (body_id, last_segment(path)) {
                if body_id != path_id {
                    warnings.push(BodyWarning::IdMismatch {
                        path_id: path_id.to_owned(),
                        body_id: body_id.to_owned(),
                    });
                }
            }
        }
        (Method::Post, Value::Array(entries))
            if is_bulk(path) && entries.len() > MAX_BULK_ENTRIES =>
        {
            warnings.push(BodyWarning::TooManyEntries {
                entries: entries.len(),
            });
        }
        _ => {}
    }
    warnings
}

/// Returns the path's last segment, without query string or slash.
fn last_segment(path: &str) -> Option<&str> {
    let (base, _) = split_query(path.trim());
    base.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|segment| !segment.is_empty())
}

fn is_bulk(path: &str) -> bool {
    let (_, query) = split_query(path);
    parse_query(query)
        .iter()
        .any(|row| row.name == "bulk" && row.value.eq_ignore_ascii_case("true"))
}

fn syntax_error(error: &serde_json::Error) -> JsonSyntaxError {
    // serde_json appends " at line L column C" to its message, and the line
    // and column have their own fields.
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = text.strip_suffix(&position).unwrap_or(&text).to_owned();
    JsonSyntaxError {
        line: error.line(),
        column: error.column(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NETWORK: &str = "/api/fmc_config/v1/domain/{domainUUID}/object/networks";

    #[test]
    fn syntax_error_line_and_column() {
        let error = check_json("{\n  \"name\": \"a\",\n  \"value\" 1\n}").unwrap_err();
        assert_eq!(error.line, 3);
        assert_eq!(error.column, 11);
        assert!(error.message.starts_with("expected `:`"));
    }

    #[test]
    fn blank_and_valid_pass() {
        assert_eq!(check_json("  \n"), Ok(()));
        assert_eq!(check_json("[1, {\"a\": null}]"), Ok(()));
    }

    #[test]
    fn format_pretty_keeps_order() {
        let formatted = format_json("{\"z\":1,\"a\":[true]}").expect("valid");
        assert_eq!(formatted, "{\n  \"z\": 1,\n  \"a\": [\n    true\n  ]\n}");
    }

    #[test]
    fn format_invalid_reports_position() {
        let error = format_json("{\"a\":}").unwrap_err();
        assert_eq!((error.line, error.column), (1, 6));
    }

    #[test]
    fn put_id_mismatch_warned() {
        let path = format!("{NETWORK}/aaaa-1111?x=1");
        let warnings = body_warnings(Method::Put, &path, r#"{"id":"bbbb-2222"}"#);
        assert_eq!(
            warnings,
            [BodyWarning::IdMismatch {
                path_id: "aaaa-1111".to_owned(),
                body_id: "bbbb-2222".to_owned()
            }]
        );
    }

    #[test]
    fn put_matching_id_passes() {
        let path = format!("{NETWORK}/aaaa-1111");
        assert!(body_warnings(Method::Put, &path, r#"{"id":"aaaa-1111"}"#).is_empty());
        assert!(body_warnings(Method::Put, &path, r#"{"name":"n"}"#).is_empty());
    }

    #[test]
    fn bulk_over_limit_warned() {
        let entries = vec!["{}"; MAX_BULK_ENTRIES + 1].join(",");
        let body = format!("[{entries}]");
        let path = format!("{NETWORK}?bulk=true");
        assert_eq!(
            body_warnings(Method::Post, &path, &body),
            [BodyWarning::TooManyEntries {
                entries: MAX_BULK_ENTRIES + 1
            }]
        );
        let at_limit = format!("[{}]", vec!["{}"; MAX_BULK_ENTRIES].join(","));
        assert!(body_warnings(Method::Post, &path, &at_limit).is_empty());
    }

    #[test]
    fn oversized_body_warned() {
        let body = format!("{{\"description\":\"{}\"}}", "x".repeat(MAX_PAYLOAD_BYTES));
        let warnings = body_warnings(Method::Post, NETWORK, &body);
        assert_eq!(warnings, [BodyWarning::TooLarge { bytes: body.len() }]);
    }

    #[test]
    fn get_body_not_checked() {
        assert!(body_warnings(Method::Get, NETWORK, r#"{"id":"x"}"#).is_empty());
    }
}
