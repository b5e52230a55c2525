//! Exporting the items of a list as JSON or CSV files.
//!
//! CSV follows RFC 4180: comma-separated, CRLF line ends, a header row, and
//! fields quoted when they contain a comma, a quote or a line break. Each
//! column is one top-level key of the items. A nested value (an object or
//! an array, such as `links`) is written as its JSON text, and a missing
//! key or `null` as an empty field.

use std::collections::HashSet;

use serde_json::Value;

/// Errors that stop an export from being written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error(
        "No columns are selected for the CSV export. Tick at least one column, then export again."
    )]
    NoColumns,
    #[error("Writing the CSV export failed: {detail}. Export again; if it fails again, export JSON instead.")]
    Csv { detail: String },
    #[error("Writing the JSON export failed: {detail}. Export again.")]
    Json { detail: String },
}

/// Returns the top-level keys of the items, in the order they first appear.
/// Items that are not JSON objects add no keys.
pub fn columns(items: &[Value]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut columns = Vec::new();
    for object in items.iter().filter_map(Value::as_object) {
        for key in object.keys() {
            if seen.insert(key.as_str()) {
                columns.push(key.clone());
            }
        }
    }
    columns
}

/// Writes the items as CSV with one column per name in `columns`, in that
/// order. An item that is not an object fills only the first column, with
/// its JSON text.
pub fn to_csv(items: &[Value], columns: &[String]) -> Result<String, ExportError> {
    if columns.is_empty() {
        return Err(ExportError::NoColumns);
    }
    let csv_error = |error: csv::Error| ExportError::Csv {
        detail: error.to_string(),
    };

    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(columns).map_err(csv_error)?;
    for item in items {
        let row: Vec<String> = match item.as_object() {
            Some(object) => columns
                .iter()
                .map(|column| field_text(object.get(column)))
                .collect(),
            None => std::iter::once(field_text(Some(item)))
                .chain(std::iter::repeat_n(String::new(), columns.len() - 1))
                .collect(),
        };
        writer.write_record(&row).map_err(csv_error)?;
    }

    let bytes = writer.into_inner().map_err(|error| ExportError::Csv {
        detail: error.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|error| ExportError::Csv {
        detail: error.to_string(),
    })
}

/// Writes the items as a pretty-printed JSON array.
pub fn to_json(items: &[Value]) -> Result<String, ExportError> {
    serde_json::to_string_pretty(items).map_err(|error| ExportError::Json {
        detail: error.to_string(),
    })
}

/// Returns a file name without extension for an export of the list at
/// `path`: its last path segment without query, such as `networks`, or
/// `fmc-export` when the path has no usable segment.
pub fn file_stem(path: &str) -> String {
    let without_query = path.split(['?', '#']).next().unwrap_or_default();
    // A full URL's host is no file name: only the path after it counts.
    let path_part = match without_query.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
        None => without_query,
    };
    let segment = path_part
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let stem: String = segment
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if stem.is_empty() {
        "fmc-export".to_owned()
    } else {
        stem
    }
}

fn field_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn columns_in_first_seen_order() {
        let items = vec![
            json!({ "id": "1", "name": "a", "type": "Network" }),
            json!({ "id": "2", "value": "10.0.0.0/8", "name": "b" }),
            json!("not an object"),
        ];

        assert_eq!(columns(&items), names(&["id", "name", "type", "value"]));
    }

    #[test]
    fn csv_header_and_rows() {
        let items = vec![
            json!({ "id": "1", "name": "a", "type": "Network" }),
            json!({ "id": "2", "name": "b" }),
        ];

        let csv = to_csv(&items, &names(&["name", "type"])).unwrap();

        assert_eq!(csv, "name,type\r\na,Network\r\nb,\r\n");
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let items = vec![json!({
            "comma": "a,b",
            "quote": "say \"hi\"",
            "newline": "line 1\nline 2",
            "plain": "x",
        })];

        let csv = to_csv(&items, &names(&["comma", "quote", "newline", "plain"])).unwrap();

        assert_eq!(
            csv,
            "comma,quote,newline,plain\r\n\"a,b\",\"say \"\"hi\"\"\",\"line 1\nline 2\",x\r\n"
        );
    }

    #[test]
    fn csv_nested_values_as_json_text() {
        let items = vec![json!({
            "links": { "self": "https://fmc/x" },
            "tags": ["a", "b"],
            "count": 3,
            "overridable": false,
            "description": null,
        })];

        let csv = to_csv(
            &items,
            &names(&["links", "tags", "count", "overridable", "description"]),
        )
        .unwrap();

        assert_eq!(
            csv,
            "links,tags,count,overridable,description\r\n\"{\"\"self\"\":\"\"https://fmc/x\"\"}\",\"[\"\"a\"\",\"\"b\"\"]\",3,false,\r\n"
        );
    }

    #[test]
    fn csv_round_trips_through_a_reader() {
        let items = vec![
            json!({ "name": "a,\"b\"\r\nc", "value": "ü 日本" }),
            json!({ "name": "", "value": " lead space" }),
        ];
        let columns = names(&["name", "value"]);

        let csv = to_csv(&items, &columns).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|record| record.unwrap().iter().map(str::to_owned).collect())
            .collect();

        assert_eq!(
            rows,
            vec![
                vec!["a,\"b\"\r\nc".to_owned(), "ü 日本".to_owned()],
                vec![String::new(), " lead space".to_owned()],
            ]
        );
    }

    #[test]
    fn csv_item_that_is_not_an_object() {
        let csv = to_csv(&[json!(42)], &names(&["id", "name"])).unwrap();

        assert_eq!(csv, "id,name\r\n42,\r\n");
    }

    #[test]
    fn csv_without_columns_rejected() {
        assert_eq!(to_csv(&[json!({})], &[]), Err(ExportError::NoColumns));
    }

    #[test]
    fn csv_of_no_items_is_header_only() {
        assert_eq!(to_csv(&[], &names(&["id"])).unwrap(), "id\r\n");
    }

    #[test]
    fn json_is_an_array() {
        let items = vec![json!({ "id": "1" }), json!({ "id": "2" })];

        let text = to_json(&items).unwrap();

        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), json!(items));
        assert!(text.starts_with("[\n"), "{text}");
    }

    #[test]
    fn file_stems() {
        let cases = [
            (
                "/api/fmc_config/v1/domain/{domainUUID}/object/networks?expanded=true",
                "networks",
            ),
            ("/api/fmc_config/v1/domain/x/object/hosts/", "hosts"),
            (
                "https://fmc.example.com/api/x/accessrules#top",
                "accessrules",
            ),
            ("/", "fmc-export"),
            ("", "fmc-export"),
            ("https://fmc.example.com", "fmc-export"),
        ];
        for (path, stem) in cases {
            assert_eq!(file_stem(path), stem, "{path}");
        }
    }
}
