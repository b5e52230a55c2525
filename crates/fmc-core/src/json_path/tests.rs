use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;

fn page() -> Value {
    json!({
        "links": {"self": "/networks?offset=0", "next": "/networks?offset=2"},
        "items": [
            {"name": "net-1", "value": "10.0.0.0/8", "metadata": {"name": "inner"}},
            {"name": "net-2", "value": "192.168.0.0/16"},
            {"type": "Network"}
        ],
        "paging": {"count": 3}
    })
}

fn selected(filter: &str, root: &Value) -> Vec<Value> {
    JsonFilter::parse(filter)
        .unwrap_or_else(|error| panic!("{filter}: {error}"))
        .select(root)
        .into_iter()
        .map(|found| found.value.clone())
        .collect()
}

fn paths(filter: &str, root: &Value) -> Vec<String> {
    JsonFilter::parse(filter)
        .expect("valid filter")
        .select(root)
        .iter()
        .map(|found| format_path(&found.path))
        .collect()
}

fn error_at(filter: &str) -> FilterError {
    JsonFilter::parse(filter).expect_err(filter)
}

#[test]
fn wildcard_then_name() {
    assert_eq!(
        selected("items[*].name", &page()),
        vec![json!("net-1"), json!("net-2")]
    );
}

#[test]
fn leading_dollar_is_optional() {
    assert_eq!(
        selected("$.items[*].value", &page()),
        selected("items[*].value", &page())
    );
    assert_eq!(selected("$.items[*].value", &page()).len(), 2);
}

#[test]
fn index_and_dotted_names() {
    assert_eq!(selected("items[0]", &page())[0]["name"], json!("net-1"));
    assert_eq!(
        selected("links.next", &page()),
        vec![json!("/networks?offset=2")]
    );
    assert_eq!(selected("items[-1].type", &page()), vec![json!("Network")]);
}

#[test]
fn dollar_alone_is_root() {
    assert_eq!(selected("$", &page()), vec![page()]);
}

#[test]
fn wildcard_lists_array_items() {
    assert_eq!(selected("items[*]", &page()).len(), 3);
    assert_eq!(selected("links.*", &page()).len(), 2);
}

#[test]
fn missing_members_select_nothing() {
    assert!(selected("items[7]", &page()).is_empty());
    assert!(selected("items[-4]", &page()).is_empty());
    assert!(selected("paging.count.x", &page()).is_empty());
    assert!(selected("links[0]", &page()).is_empty());
}

#[test]
fn recursive_descent_in_document_order() {
    assert_eq!(
        paths("..name", &page()),
        vec!["items[0].name", "items[0].metadata.name", "items[1].name"]
    );
    assert_eq!(paths("$..count", &page()), vec!["paging.count"]);
    assert_eq!(paths("items..[0]", &page()), vec!["items[0]"]);
}

#[test]
fn recursive_wildcard_visits_every_node() {
    let root = json!({"a": [1, {"b": 2}]});
    assert_eq!(paths("..*", &root), vec!["a", "a[0]", "a[1]", "a[1].b"]);
}

#[test]
fn quoted_keys() {
    let root = json!({"a b": {"x\"y": 1, "it's": 2}});
    assert_eq!(selected(r#"["a b"]["x\"y"]"#, &root), vec![json!(1)]);
    assert_eq!(selected(r#"$['a b']['it\'s']"#, &root), vec![json!(2)]);
}

#[test]
fn singular_filters() {
    assert!(JsonFilter::parse("items[0].name")
        .expect("valid")
        .is_singular());
    assert!(!JsonFilter::parse("items[*]").expect("valid").is_singular());
    assert!(!JsonFilter::parse("..name").expect("valid").is_singular());
}

#[test]
fn errors_name_position() {
    let cases = [
        ("", 1, "a path"),
        ("items[", 7, "an index, '*' or a quoted key"),
        ("items[0", 8, "']'"),
        ("items.", 7, "a name or '*'"),
        ("items[?(@.x)]", 7, "an index, '*' or a quoted key"),
        ("items[0:2]", 8, "']'"),
        ("items[\"a", 9, "a closing quote"),
        ("$x", 2, "'.' or '['"),
        ("items name", 6, "'.' or '['"),
        ("items[-]", 8, "a digit"),
        ("  items.", 9, "a name or '*'"),
    ];
    for (filter, position, expected) in cases {
        let error = error_at(filter);
        assert_eq!(error.position, position, "{filter}");
        assert_eq!(error.expected, expected, "{filter}");
    }
}

#[test]
fn error_message_text() {
    assert_eq!(
        error_at("items[").to_string(),
        "Invalid filter at character 7: expected an index, '*' or a quoted key. Write a path such as items[*].name or $.links.next."
    );
}

#[test]
fn format_path_forms() {
    assert_eq!(format_path(&[]), "$");
    let steps = [
        PathStep::Key("items".into()),
        PathStep::Index(3),
        PathStep::Key("name".into()),
    ];
    assert_eq!(format_path(&steps), "items[3].name");
    let odd = [PathStep::Key("a b".into()), PathStep::Key("q\"\\".into())];
    assert_eq!(format_path(&odd), r#"["a b"]["q\"\\"]"#);
    assert_eq!(format_path(&[PathStep::Index(0)]), "[0]");
    assert_eq!(format_path(&[PathStep::Key("2x".into())]), r#"["2x"]"#);
}

fn path_step() -> impl Strategy<Value = PathStep> {
    prop_oneof![
        ".*".prop_map(PathStep::Key),
        "[a-z_][a-z0-9_-]{0,6}".prop_map(PathStep::Key),
        (0usize..5).prop_map(PathStep::Index),
    ]
}

/// Builds the smallest document that has a node at `steps`.
fn document_for(steps: &[PathStep]) -> Value {
    let mut value = json!("leaf");
    for step in steps.iter().rev() {
        value = match step {
            PathStep::Key(key) => {
                let mut object = serde_json::Map::new();
                object.insert(key.clone(), value);
                Value::Object(object)
            }
            PathStep::Index(index) => {
                let mut items = vec![Value::Null; *index];
                items.push(value);
                Value::Array(items)
            }
        };
    }
    value
}

proptest! {
    #[test]
    fn formatted_path_selects_its_node(steps in prop::collection::vec(path_step(), 0..6)) {
        let document = document_for(&steps);
        let text = format_path(&steps);
        let filter = JsonFilter::parse(&text).map_err(|error| TestCaseError::fail(format!("{text}: {error}")))?;
        prop_assert!(filter.is_singular());
        let found = filter.select(&document);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(&found[0].path, &steps);
        prop_assert_eq!(found[0].value, &json!("leaf"));
    }

    #[test]
    fn parse_never_panics(text in ".{0,40}") {
        let _ = JsonFilter::parse(&text);
    }
}
