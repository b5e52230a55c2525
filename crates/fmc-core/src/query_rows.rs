//! The query string of a path as editable rows, and back.
//!
//! Rows keep the order of the query string and every parameter, also ones
//! the composer does not know. Values are shown decoded and encoded again
//! with `application/x-www-form-urlencoded` rules when the query is rebuilt.

use serde::{Deserialize, Serialize};
use url::form_urlencoded;

/// One query parameter row of the composer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueryRow {
    pub name: String,
    pub value: String,
    pub enabled: bool,
}

impl QueryRow {
    /// Builds an enabled row.
    pub fn new(name: &str, value: &str) -> Self {
        QueryRow {
            name: name.to_owned(),
            value: value.to_owned(),
            enabled: true,
        }
    }

    /// Returns true if the row goes into the query string: it is enabled
    /// and has a name and a value.
    pub fn is_sent(&self) -> bool {
        self.enabled && !self.name.trim().is_empty() && !self.value.is_empty()
    }
}

/// Splits `path` at its first `?` into the part before and the query string
/// without the `?`. A fragment after `#` stays with the query.
pub fn split_query(path: &str) -> (&str, &str) {
    match path.split_once('?') {
        Some((base, query)) => (base, query),
        None => (path, ""),
    }
}

/// Parses a query string (without `?`) into enabled rows, in order.
pub fn parse_query(query: &str) -> Vec<QueryRow> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| QueryRow::new(&name, &value))
        .collect()
}

/// Builds the query string (without `?`) from the rows that are sent.
pub fn build_query(rows: &[QueryRow]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for row in rows.iter().filter(|row| row.is_sent()) {
        serializer.append_pair(row.name.trim(), &row.value);
    }
    serializer.finish()
}

/// Returns `path` with its query string replaced by the one built from
/// `rows`, and no `?` when no row is sent.
pub fn path_with_rows(path: &str, rows: &[QueryRow]) -> String {
    let (base, _) = split_query(path);
    let query = build_query(rows);
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// Returns the rows for a path whose query string the user edited. They are
/// the parameters of the new query string in order, followed by the rows of
/// `previous` that were not sent (turned off or without a value), so editing
/// the path never loses them.
pub fn rows_for_path(path: &str, previous: &[QueryRow]) -> Vec<QueryRow> {
    let (_, query) = split_query(path);
    let parsed = parse_query(query);
    // Compared with the parsed rows only: two equal unsent rows, such as
    // two blank ones, are both kept.
    let unsent_rows: Vec<QueryRow> = previous
        .iter()
        .filter(|row| !row.is_sent())
        .filter(|row| {
            !parsed
                .iter()
                .any(|listed| listed.name == row.name && listed.value == row.value)
        })
        .cloned()
        .collect();
    let mut rows = parsed;
    rows.extend(unsent_rows);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "/api/fmc_config/v1/domain/{domainUUID}/object/networks";

    #[test]
    fn parse_keeps_order_and_unknown() {
        let rows = parse_query("limit=5&zeta=1&offset=10&zeta=2");
        let pairs: Vec<(&str, &str)> = rows
            .iter()
            .map(|row| (row.name.as_str(), row.value.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("limit", "5"),
                ("zeta", "1"),
                ("offset", "10"),
                ("zeta", "2")
            ]
        );
    }

    #[test]
    fn parse_decodes_values() {
        let rows = parse_query("filter=name%3Aweb%20servers&q=a+b");
        assert_eq!(rows[0].value, "name:web servers");
        assert_eq!(rows[1].value, "a b");
    }

    #[test]
    fn round_trip_keeps_rows() {
        let rows = vec![
            QueryRow::new("expanded", "true"),
            QueryRow::new("filter", "name:a&b=c"),
            QueryRow::new("custom", "ü 1"),
        ];
        let query = build_query(&rows);
        assert_eq!(parse_query(&query), rows);
    }

    #[test]
    fn unsent_rows_left_out() {
        let rows = vec![
            QueryRow::new("offset", ""),
            QueryRow {
                enabled: false,
                ..QueryRow::new("limit", "5")
            },
            QueryRow::new("expanded", "true"),
        ];
        assert_eq!(build_query(&rows), "expanded=true");
    }

    #[test]
    fn path_rebuilt_from_rows() {
        let path = format!("{BASE}?old=1");
        let rows = vec![QueryRow::new("limit", "25")];
        assert_eq!(path_with_rows(&path, &rows), format!("{BASE}?limit=25"));
        assert_eq!(path_with_rows(&path, &[]), BASE);
    }

    #[test]
    fn path_edit_keeps_unsent_rows() {
        let previous = vec![
            QueryRow::new("limit", "25"),
            QueryRow::new("offset", ""),
            QueryRow {
                enabled: false,
                ..QueryRow::new("expanded", "true")
            },
        ];
        let rows = rows_for_path(&format!("{BASE}?limit=50&filter=x"), &previous);
        let names: Vec<&str> = rows.iter().map(|row| row.name.as_str()).collect();
        assert_eq!(names, ["limit", "filter", "offset", "expanded"]);
        assert_eq!(rows[0].value, "50");
        assert!(!rows[3].enabled);
    }

    #[test]
    fn path_edit_keeps_equal_unsent_rows() {
        let previous = vec![
            QueryRow::new("", ""),
            QueryRow {
                enabled: false,
                ..QueryRow::new("", "")
            },
        ];
        assert_eq!(rows_for_path("", &previous), previous);
    }

    #[test]
    fn split_without_query() {
        assert_eq!(split_query(BASE), (BASE, ""));
        assert_eq!(split_query("/a?b=1?c"), ("/a", "b=1?c"));
    }
}
