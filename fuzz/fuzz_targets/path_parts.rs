//! Query rows and path placeholders.
//!
//! Rows built into a query string parse back to the same rows, parsing is
//! stable after one round, editing a path keeps the rows that are not sent,
//! and every placeholder found is a `{name}` at the offsets it reports.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::placeholders::{placeholders, unfilled_placeholders};
use fmc_core::query_rows::{build_query, parse_query, path_with_rows, rows_for_path, QueryRow};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    path: &'a str,
    rows: Vec<(&'a str, &'a str, bool)>,
}

fuzz_target!(|input: Input| {
    let rows: Vec<QueryRow> = input
        .rows
        .iter()
        .map(|(name, value, enabled)| QueryRow {
            name: (*name).to_owned(),
            value: (*value).to_owned(),
            enabled: *enabled,
        })
        .collect();

    check_rows_round_trip(&rows);
    check_query_stable(input.path);
    check_path_edit(input.path, &rows);
    check_placeholders(input.path);
});

fn check_rows_round_trip(rows: &[QueryRow]) {
    let sent: Vec<QueryRow> = rows
        .iter()
        .filter(|row| row.is_sent())
        .map(|row| QueryRow::new(row.name.trim(), &row.value))
        .collect();
    let query = build_query(rows);
    assert_eq!(parse_query(&query), sent, "rows of {query:?}");
}

fn check_query_stable(query: &str) {
    let once = parse_query(query);
    let rebuilt = build_query(&once);
    let twice = parse_query(&rebuilt);
    let sent: Vec<QueryRow> = once
        .iter()
        .filter(|row| row.is_sent())
        .map(|row| QueryRow::new(row.name.trim(), &row.value))
        .collect();
    assert_eq!(twice, sent, "rows of {query:?} after one rebuild");
}

fn check_path_edit(path: &str, previous: &[QueryRow]) {
    let rows = rows_for_path(path, previous);
    // The parsed rows come first, then every unsent row whose name and
    // value the new query string does not list, in order.
    let parsed = parse_query(path.split_once('?').map_or("", |(_, query)| query));
    let unsent: Vec<QueryRow> = previous
        .iter()
        .filter(|row| !row.is_sent())
        .filter(|row| {
            !parsed
                .iter()
                .any(|listed| listed.name == row.name && listed.value == row.value)
        })
        .cloned()
        .collect();
    assert_eq!(rows[..parsed.len()], parsed[..], "parsed rows of {path:?}");
    assert_eq!(
        rows[parsed.len()..],
        unsent[..],
        "editing {path:?} lost a row"
    );
    let rebuilt = path_with_rows(path, &rows);
    let (base, _) = rebuilt.split_once('?').unwrap_or((&rebuilt, ""));
    let (original_base, _) = path.split_once('?').unwrap_or((path, ""));
    assert_eq!(base, original_base, "the path before '?' changed");
}

fn check_placeholders(path: &str) {
    let found = placeholders(path);
    let mut previous_end = 0;
    for placeholder in &found {
        assert!(
            placeholder.start >= previous_end,
            "overlapping placeholders"
        );
        let text = &path[placeholder.start..placeholder.end];
        assert_eq!(text, format!("{{{}}}", placeholder.name), "in {path:?}");
        previous_end = placeholder.end;
    }
    let unfilled = unfilled_placeholders(path);
    assert!(unfilled.len() <= found.len());
    for name in &unfilled {
        assert!(found.iter().any(|placeholder| &placeholder.name == name));
    }
}
