//! The API spec parser: any bytes give endpoints or an error, never an
//! empty list. A spec built from known operations gives exactly those
//! operations in document order, with each parameter name listed once.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::spec::{parse_spec, Endpoint};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const METHODS: [&str; 4] = ["get", "post", "put", "delete"];

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    Bytes(&'a [u8]),
    Built {
        openapi: bool,
        base_path: &'a str,
        paths: Vec<PathInput<'a>>,
    },
}

#[derive(Arbitrary, Debug)]
struct PathInput<'a> {
    /// Written after a leading `/`.
    path: &'a str,
    /// One bit for each of GET, POST, PUT and DELETE.
    methods: u8,
    summary: &'a str,
    /// Parameters as (name, in query rather than path).
    parameters: Vec<(&'a str, bool)>,
}

fuzz_target!(|input: Input| match input {
    Input::Bytes(bytes) => {
        if let Ok(endpoints) = parse_spec(bytes) {
            assert!(!endpoints.is_empty(), "an empty endpoint list");
            endpoints.iter().for_each(check_endpoint);
        }
    }
    Input::Built {
        openapi,
        base_path,
        paths,
    } => check_built(openapi, base_path, &paths),
});

fn check_endpoint(endpoint: &Endpoint) {
    assert_eq!(
        endpoint.summary,
        endpoint.summary.trim(),
        "untrimmed summary"
    );
    for list in [&endpoint.query_params, &endpoint.path_params] {
        for (position, name) in list.iter().enumerate() {
            assert!(
                !list[..position].contains(name),
                "{name:?} listed twice in {}",
                endpoint.path
            );
        }
    }
}

fn check_built(openapi: bool, base_path: &str, paths: &[PathInput]) {
    // Only base paths that the parser keeps as they are: a path without a
    // scheme, without a trailing '/'.
    let base = if base_path.starts_with('/') && !base_path.contains("://") {
        base_path.trim_end_matches('/')
    } else {
        ""
    };
    let mut document = Map::new();
    if openapi {
        document.insert("openapi".into(), json!("3.0.1"));
        document.insert(
            "servers".into(),
            json!([{ "url": format!("https://fmc{base}") }]),
        );
    } else {
        document.insert("swagger".into(), json!("2.0"));
        document.insert("basePath".into(), json!(base));
    }

    let mut path_items = Map::new();
    let mut expected: Vec<(String, String)> = Vec::new();
    for input in paths {
        let path = format!("/{}", input.path);
        if path_items.contains_key(&path) {
            continue;
        }
        let parameters: Vec<Value> = input
            .parameters
            .iter()
            .map(|(name, query)| json!({ "name": name, "in": if *query { "query" } else { "path" } }))
            .collect();
        let mut item = Map::new();
        for (bit, method) in METHODS.iter().enumerate() {
            if input.methods & (1 << bit) == 0 {
                continue;
            }
            item.insert(
                (*method).to_owned(),
                json!({ "summary": input.summary, "parameters": parameters }),
            );
            expected.push((method.to_ascii_uppercase(), format!("{base}{path}")));
        }
        path_items.insert(path, Value::Object(item));
    }
    document.insert("paths".into(), Value::Object(path_items));

    let text = Value::Object(document).to_string();
    match parse_spec(text.as_bytes()) {
        Ok(endpoints) => {
            let found: Vec<(String, String)> = endpoints
                .iter()
                .map(|endpoint| (endpoint.method.as_str().to_owned(), endpoint.path.clone()))
                .collect();
            assert_eq!(found, expected, "endpoints of {text}");
            endpoints.iter().for_each(check_endpoint);
        }
        Err(error) => assert!(expected.is_empty(), "{error} for {text}"),
    }
}
