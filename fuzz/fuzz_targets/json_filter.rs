//! The JSON filter. Every node it selects is the node of the document at the
//! path it reports, and the path written by `format_path` selects that node
//! alone. A singular filter selects at most one node, and error positions
//! fall inside the filter text.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::json_path::{format_path, JsonFilter, PathStep};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The maximum matches checked one by one, so that a filter such as
/// `..*..*` on a wide document does not turn the run into a timeout.
const MAX_CHECKED_MATCHES: usize = 64;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    filter: &'a str,
    document: &'a str,
}

fuzz_target!(|input: Input| {
    let filter = match JsonFilter::parse(input.filter) {
        Ok(filter) => filter,
        Err(error) => {
            let length = input.filter.chars().count();
            assert!(
                (1..=length + 1).contains(&error.position),
                "position {} outside {:?}",
                error.position,
                input.filter
            );
            return;
        }
    };
    let Ok(document) = serde_json::from_str::<Value>(input.document) else {
        return;
    };

    let matches = filter.select(&document);
    if filter.is_singular() {
        assert!(
            matches.len() <= 1,
            "singular filter selected {}",
            matches.len()
        );
    }
    for found in matches.iter().take(MAX_CHECKED_MATCHES) {
        let node = node_at(&document, &found.path).expect("match path exists");
        assert!(
            std::ptr::eq(node, found.value),
            "the value at {:?} is not the node at that path",
            found.path
        );

        let text = format_path(&found.path);
        let again = JsonFilter::parse(&text).expect("formatted path parses");
        let selected = again.select(&document);
        assert_eq!(selected.len(), 1, "{text} selects {} nodes", selected.len());
        assert_eq!(selected[0].path, found.path, "{text} selects another path");
        assert!(std::ptr::eq(selected[0].value, node));
    }
});

fn node_at<'a>(root: &'a Value, path: &[PathStep]) -> Option<&'a Value> {
    let mut node = root;
    for step in path {
        node = match (step, node) {
            (PathStep::Key(key), Value::Object(members)) => members.get(key)?,
            (PathStep::Index(index), Value::Array(items)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(node)
}
