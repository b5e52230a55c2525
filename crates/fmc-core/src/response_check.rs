//! Warnings about response bodies that no FMC sends: empty where JSON is
//! due, JSON cut off, or bytes that were not UTF-8. The response is still
//! shown; the warning says why it looks wrong and what to do.

use crate::request::Method;

/// The character a browser puts in place of bytes that are not UTF-8.
const REPLACEMENT_CHARACTER: char = '\u{FFFD}';

/// Returns a warning for a successful response whose body is not what an
/// FMC sends, or `None` when the body looks normal. `body` is the text as
/// the browser decoded it, so invalid UTF-8 appears as U+FFFD.
pub fn response_warning(
    method: Method,
    url: &str,
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Option<String> {
    if !(200..300).contains(&status) {
        return None;
    }
    if body.contains(REPLACEMENT_CHARACTER) {
        return Some(format!(
            "The response from {url} contains bytes that are not valid UTF-8, shown as \u{FFFD}. An FMC sends UTF-8, so a proxy or another service on this port may have changed the response: check the host and port."
        ));
    }

    let trimmed = body.trim();
    if trimmed.is_empty() {
        // A 204, or a DELETE, legitimately has no body.
        let json_expected = status == 200 && method == Method::Get;
        return json_expected.then(|| format!(
            "{url} returned HTTP 200 with an empty body, but the FMC returns JSON for every GET. A proxy may have cut the response: send the request again, and check the host if it keeps happening."
        ));
    }

    let looks_like_json = content_type.is_some_and(is_json_type)
        || trimmed.starts_with('{')
        || trimmed.starts_with('[');
    if !looks_like_json {
        return None;
    }
    // Only an early end says the body was cut off. Other errors (invalid
    // syntax, deep nesting, huge numbers) are named by the viewer itself.
    match serde_json::from_str::<serde_json::Value>(trimmed) {
        Err(error) if error.is_eof() => Some(format!(
            "The response from {url} is not valid JSON ({error}), so it was probably cut off on the way. Send the request again."
        )),
        _ => None,
    }
}

fn is_json_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.to_ascii_lowercase().ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_but_unusual_json_not_called_cut_off() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        for body in [deep.as_str(), "[1e400]", "[\"\\ud800\"]", "{\"a\" 1}"] {
            assert_eq!(
                response_warning(
                    Method::Get,
                    "https://fmc/x",
                    200,
                    Some("application/json"),
                    body
                ),
                None,
                "{body}"
            );
        }
    }

    const URL: &str = "https://fmc.example.com/api/fmc_config/v1/domain/x/object/networks";

    fn warning(
        method: Method,
        status: u16,
        content_type: Option<&str>,
        body: &str,
    ) -> Option<String> {
        response_warning(method, URL, status, content_type, body)
    }

    #[test]
    fn normal_json_has_no_warning() {
        let body = r#"{"items":[{"name":"net-1"}]}"#;

        assert_eq!(
            warning(Method::Get, 200, Some("application/json"), body),
            None
        );
    }

    #[test]
    fn empty_get_warned() {
        let message = warning(Method::Get, 200, Some("application/json"), "").expect("warning");

        assert!(message.contains(URL), "{message}");
        assert!(message.contains("empty body"), "{message}");
        assert!(message.contains("send the request again"), "{message}");
    }

    #[test]
    fn empty_delete_and_204_accepted() {
        assert_eq!(warning(Method::Delete, 200, None, ""), None);
        assert_eq!(warning(Method::Get, 204, None, ""), None);
    }

    #[test]
    fn truncated_json_warned() {
        let body = r#"{"items":[{"name":"net-00001","value":"10.0."#;
        let message = warning(Method::Get, 200, Some("application/json"), body).expect("warning");

        assert!(message.contains("not valid JSON"), "{message}");
        assert!(message.contains("cut off"), "{message}");
    }

    #[test]
    fn truncated_json_without_type_warned() {
        let message = warning(Method::Get, 200, None, "[1, 2").expect("warning");

        assert!(message.contains("not valid JSON"), "{message}");
    }

    #[test]
    fn replacement_character_warned() {
        let body = "{\"name\":\"\u{FFFD}\u{FFFD}\"}";
        let message = warning(Method::Get, 200, Some("application/json"), body).expect("warning");

        assert!(message.contains("not valid UTF-8"), "{message}");
        assert!(message.contains("check the host and port"), "{message}");
    }

    #[test]
    fn plain_text_and_errors_not_warned() {
        assert_eq!(warning(Method::Get, 200, Some("text/plain"), "hello"), None);
        assert_eq!(
            warning(Method::Get, 500, Some("application/json"), "{"),
            None
        );
    }

    #[test]
    fn vendor_json_type_checked() {
        let message = warning(
            Method::Get,
            200,
            Some("application/problem+json; charset=utf-8"),
            "{\"error\": ",
        );

        assert!(message.is_some());
    }
}
