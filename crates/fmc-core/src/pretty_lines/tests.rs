use proptest::prelude::*;
use serde_json::Value;

use super::*;

fn pretty(json: &str) -> String {
    let index = PrettyIndex::build(json).expect("valid JSON");
    (0..index.len())
        .map(|line| index.line(json, line))
        .collect::<Vec<_>>()
        .join("\n")
}

fn syntax_offset(json: &str) -> usize {
    match PrettyIndex::build(json) {
        Err(JsonIndexError::Syntax { offset, .. }) => offset,
        other => panic!("expected a syntax error for {json:?}, got {other:?}"),
    }
}

#[test]
fn matches_serde_pretty_order() {
    let body = r#"{"zeta":1,"alpha":{"b":2,"a":[1,2]},"links":{}}"#;
    let expected = "{\n  \"zeta\": 1,\n  \"alpha\": {\n    \"b\": 2,\n    \"a\": [\n      1,\n      2\n    ]\n  },\n  \"links\": {}\n}";
    assert_eq!(pretty(body), expected);
}

#[test]
fn whitespace_between_tokens_dropped() {
    let body = " {\r\n\t\"a\" :\n [ ] , \"b\":[ 1 ,\"x y\" ] }\n";
    assert_eq!(
        pretty(body),
        "{\n  \"a\": [],\n  \"b\": [\n    1,\n    \"x y\"\n  ]\n}"
    );
}

#[test]
fn strings_kept_as_written() {
    let body = r#"["a\"b: c", "\u00e9\\", "{}[],:"]"#;
    assert_eq!(
        pretty(body),
        "[\n  \"a\\\"b: c\",\n  \"\\u00e9\\\\\",\n  \"{}[],:\"\n]"
    );
}

#[test]
fn scalars_at_top_level() {
    assert_eq!(pretty("  42 "), "42");
    assert_eq!(pretty("\"text\""), "\"text\"");
    assert_eq!(pretty("null"), "null");
    assert_eq!(pretty("-1.5e+3"), "-1.5e+3");
}

#[test]
fn depth_per_line() {
    let index = PrettyIndex::build(r#"{"a":[{"b":1}]}"#).expect("valid");
    let depths: Vec<usize> = (0..index.len()).map(|line| index.depth(line)).collect();
    assert_eq!(depths, vec![0, 1, 2, 3, 2, 1, 0]);
}

#[test]
fn line_past_end_is_empty() {
    let index = PrettyIndex::build("[]").expect("valid");
    assert_eq!(index.len(), 1);
    assert_eq!(index.line("[]", 5), "");
}

#[test]
fn invalid_json_offsets() {
    assert_eq!(syntax_offset(""), 0);
    assert_eq!(syntax_offset("{\"a\" 1}"), 5);
    assert_eq!(syntax_offset("[1,]"), 3);
    assert_eq!(syntax_offset("[1 2]"), 3);
    assert_eq!(syntax_offset("{\"a\":1"), 6);
    assert_eq!(syntax_offset("{1:2}"), 1);
    assert_eq!(syntax_offset("[01]"), 2);
    assert_eq!(syntax_offset("[1.]"), 3);
    assert_eq!(syntax_offset("[1e]"), 3);
    assert_eq!(syntax_offset("[tru]"), 1);
    assert_eq!(syntax_offset("\"a\\x\""), 3);
    assert_eq!(syntax_offset("\"\\u12G4\""), 5);
    assert_eq!(syntax_offset("\"open"), 5);
    assert_eq!(syntax_offset("\"tab\there\""), 4);
    assert_eq!(syntax_offset("{} {}"), 3);
    assert_eq!(syntax_offset("[}"), 1);
}

#[test]
fn error_message_names_offset() {
    let error = PrettyIndex::build("[1,]").expect_err("invalid");
    assert_eq!(
        error.to_string(),
        "The body is not valid JSON at byte 3: expected a value. The Raw tab shows it as received."
    );
}

#[test]
fn deep_nesting_without_recursion() {
    let depth = 60_000;
    let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let index = PrettyIndex::build(&body).expect("valid");
    assert_eq!(index.len(), 2 * depth - 1);
    assert_eq!(index.depth(depth - 1), depth - 1);
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |number| number.is_finite())
            .prop_map(Value::from),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((".*", inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn compact_json_pretty_like_serde(value in json_value()) {
        let compact = serde_json::to_string(&value).expect("serializable");
        let expected = serde_json::to_string_pretty(&value).expect("serializable");
        prop_assert_eq!(pretty(&compact), expected);
    }

    #[test]
    fn pretty_json_reformats_to_itself(value in json_value()) {
        let expected = serde_json::to_string_pretty(&value).expect("serializable");
        prop_assert_eq!(pretty(&expected), expected.clone());
    }

    #[test]
    fn rejects_what_serde_rejects(text in "[\\[\\]{}\",:0-9a-z .\\\\-]{0,24}") {
        let serde_accepts = serde_json::from_str::<Value>(&text).is_ok();
        prop_assert_eq!(PrettyIndex::build(&text).is_ok(), serde_accepts);
    }
}

#[test]
fn too_deep_rejected() {
    let depth = u16::MAX as usize + 2;
    let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let error = PrettyIndex::build(&body).expect_err("too deep");
    assert!(matches!(error, JsonIndexError::TooDeep { .. }), "{error:?}");
}

#[test]
fn accepts_some_text_serde_rejects() {
    // The exceptions that PrettyIndex::build documents, shown as written.
    for json in ["1e999", "[-1e400]", "\"\\ud800\"", "{\"a\":\"x\\udc00\"}"] {
        assert!(serde_json::from_str::<Value>(json).is_err(), "{json}");
        let index = PrettyIndex::build(json);
        assert!(index.is_ok(), "{json}: {index:?}");
    }
    assert_eq!(pretty("[1e999]"), "[\n  1e999\n]");
}
