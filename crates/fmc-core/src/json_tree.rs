//! The parts of a collapsible JSON tree's node: a one-line preview and the
//! groups its children are split into, so a 10,000-item array opens as 100
//! groups instead of 10,000 rows.

use std::ops::Range;

use serde_json::Value;

/// The number of children shown per group of a large array or object.
pub const TREE_GROUP_SIZE: usize = 100;

/// The maximum characters of a string preview before it is cut with `…`.
const PREVIEW_CHARS: usize = 80;

/// Returns the number of children of `value`: members of an object, items
/// of an array, 0 for anything else.
pub fn child_count(value: &Value) -> usize {
    match value {
        Value::Object(members) => members.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    }
}

/// Splits `count` children into ranges of [`TREE_GROUP_SIZE`]. Returns one
/// range for up to [`TREE_GROUP_SIZE`] children and none for 0.
pub fn child_groups(count: usize) -> Vec<Range<usize>> {
    (0..count)
        .step_by(TREE_GROUP_SIZE)
        .map(|start| start..(start + TREE_GROUP_SIZE).min(count))
        .collect()
}

/// Returns a one-line preview of `value`: `{3 keys}`, `[250 items]`, or the
/// JSON text of a scalar, with long strings cut.
pub fn preview(value: &Value) -> String {
    match value {
        Value::Object(members) => match members.len() {
            1 => "{1 key}".to_owned(),
            count => format!("{{{count} keys}}"),
        },
        Value::Array(items) => match items.len() {
            1 => "[1 item]".to_owned(),
            count => format!("[{count} items]"),
        },
        Value::String(text) if text.chars().count() > PREVIEW_CHARS => {
            let cut: String = text.chars().take(PREVIEW_CHARS).collect();
            // serde_json serializes a String without error. The closing quote
            // is dropped so that the ellipsis sits inside the quotes.
            let quoted = serde_json::to_string(&cut).unwrap_or_default();
            format!("{}…\"", quoted.trim_end_matches('"'))
        }
        scalar => scalar.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn groups_of_hundred() {
        assert_eq!(child_groups(0), Vec::<Range<usize>>::new());
        assert_eq!(child_groups(3), vec![0..3]);
        assert_eq!(child_groups(100), vec![0..100]);
        assert_eq!(child_groups(250), vec![0..100, 100..200, 200..250]);
    }

    #[test]
    fn counts_children() {
        assert_eq!(child_count(&json!({"a": 1, "b": 2})), 2);
        assert_eq!(child_count(&json!([1, 2, 3])), 3);
        assert_eq!(child_count(&json!("text")), 0);
    }

    #[test]
    fn previews() {
        assert_eq!(preview(&json!({"a": 1})), "{1 key}");
        assert_eq!(preview(&json!({"a": 1, "b": 2})), "{2 keys}");
        assert_eq!(preview(&json!([1])), "[1 item]");
        assert_eq!(preview(&json!([])), "[0 items]");
        assert_eq!(preview(&json!("a\"b")), r#""a\"b""#);
        assert_eq!(preview(&json!(1.5)), "1.5");
        assert_eq!(preview(&json!(null)), "null");
    }

    #[test]
    fn long_string_cut() {
        let long = "x".repeat(200);
        let shown = preview(&json!(long));
        assert_eq!(shown, format!("\"{}…\"", "x".repeat(80)));
    }
}
