use serde_json::{json, Value};

use super::*;

const NETWORKS: &str = "/api/fmc_config/v1/domain/{domainUUID}/object/networks";

fn host() -> FmcHost {
    FmcHost::parse("fmc.example.com").unwrap()
}

fn object(n: usize) -> Value {
    json!({ "id": format!("id-{n:05}"), "name": format!("net-{n:05}"), "type": "Network" })
}

fn objects(range: std::ops::Range<usize>) -> Vec<Value> {
    range.map(object).collect()
}

fn query_value(path: &str, name: &str) -> Option<usize> {
    let query = path.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| value.parse().ok())
}

/// Returns the page for `path` as an FMC whose page size is capped at
/// `cap` would: the paging block with `count`, and a `next` URL while items
/// follow.
fn serve(all: &[Value], path: &str, cap: usize) -> Value {
    let offset = query_value(path, "offset").unwrap_or(0);
    let limit = query_value(path, "limit").unwrap_or(25).min(cap);
    serve_page(all, offset, limit)
}

fn serve_page(all: &[Value], offset: usize, limit: usize) -> Value {
    if all.is_empty() {
        return json!({"links":{},"paging":{"offset":0,"limit":0,"count":0,"pages":0}});
    }
    let end = (offset + limit).min(all.len());
    let start = offset.min(all.len());
    let mut paging = json!({
        "offset": offset, "limit": limit, "count": all.len(),
        "pages": all.len().div_ceil(limit),
    });
    if end < all.len() {
        paging["next"] = json!([format!(
            "https://fmc.example.com/api/fmc_config/v1/domain/d/object/networks?offset={end}&limit={limit}"
        )]);
    }
    let mut body = json!({ "links": { "self": "https://fmc.example.com/x" }, "paging": paging });
    if start < end {
        body["items"] = Value::Array(all[start..end].to_vec());
    }
    body
}

/// Pages through `all` to the end and returns the pager and the paths requested.
fn fetch_everything(all: &[Value], cap: usize) -> (Pager, Vec<String>) {
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();
    let mut paths = Vec::new();
    while let Some(path) = pager.next_path() {
        assert!(paths.len() < 1000, "paging did not end");
        let page = serve(all, &path, cap);
        paths.push(path);
        pager.accept(&page).unwrap();
    }
    (pager, paths)
}

fn names(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|item| item["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn first_path_asks_for_maximum_limit() {
    let pager = Pager::new(&host(), NETWORKS).unwrap();

    assert_eq!(
        pager.next_path().unwrap(),
        format!("{NETWORKS}?offset=0&limit=1000")
    );
}

#[test]
fn first_path_keeps_limit_offset_and_other_params() {
    let path = format!("{NETWORKS}?expanded=true&limit=50&offset=200&filter=nameOrValue:10.0");

    let pager = Pager::new(&host(), &path).unwrap();

    assert_eq!(
        pager.next_path().unwrap(),
        format!("{NETWORKS}?expanded=true&filter=nameOrValue:10.0&offset=200&limit=50")
    );
}

#[test]
fn fragment_is_dropped() {
    let pager = Pager::new(&host(), "/api/x?expanded=true#top").unwrap();

    assert_eq!(
        pager.next_path().unwrap(),
        "/api/x?expanded=true&offset=0&limit=1000"
    );
}

#[test]
fn full_url_is_paged() {
    let pager = Pager::new(&host(), "https://fmc.example.com/api/x").unwrap();

    assert_eq!(
        pager.next_path().unwrap(),
        "https://fmc.example.com/api/x?offset=0&limit=1000"
    );
}

#[test]
fn invalid_numbers_rejected() {
    for path in ["/api/x?limit=abc", "/api/x?offset=-1", "/api/x?limit="] {
        let error = Pager::new(&host(), path).unwrap_err();
        assert!(
            matches!(error, PagingError::InvalidQuery { .. }),
            "{path}: {error:?}"
        );
    }
}

#[test]
fn zero_limit_rejected() {
    let error = Pager::new(&host(), "/api/x?limit=0").unwrap_err();

    assert!(matches!(error, PagingError::ZeroLimit { .. }), "{error:?}");
    assert!(error.to_string().contains("Remove it"), "{error}");
}

#[test]
fn all_pages_in_order() {
    let all = objects(1..2501);

    let (pager, paths) = fetch_everything(&all, 1000);

    assert_eq!(paths.len(), 3);
    assert_eq!(pager.items(), all.as_slice());
    assert_eq!(pager.duplicates(), 0);
    assert!(pager.is_done());
    assert_eq!(pager.count_change(), None);
}

#[test]
fn trimmed_limit_advances_by_items_received() {
    // Seen on a real FMC: 40 of 41 domains on the first page although more
    // were requested, then a last page of 1.
    let all = objects(0..41);

    let (pager, paths) = fetch_everything(&all, 40);

    assert_eq!(
        paths,
        vec![
            "/api/fmc_config/v1/domain/{domainUUID}/object/networks?offset=0&limit=1000",
            "/api/fmc_config/v1/domain/{domainUUID}/object/networks?offset=40&limit=1000",
        ]
    );
    assert_eq!(pager.items(), all.as_slice());
}

#[test]
fn short_page_mid_list_skips_nothing() {
    // The server returns 300 items on the second page while its `next`
    // claims the following page starts 1000 items later.
    let all = objects(0..2500);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    pager.accept(&serve_page(&all, 0, 1000)).unwrap();
    let mut short = serve_page(&all, 1000, 300);
    short["paging"]["next"] = json!(["https://fmc.example.com/api/x?offset=2000&limit=1000"]);
    pager.accept(&short).unwrap();

    assert_eq!(
        pager.next_path().unwrap(),
        format!("{NETWORKS}?offset=1300&limit=1000")
    );
    while let Some(path) = pager.next_path() {
        pager.accept(&serve(&all, &path, 1000)).unwrap();
    }
    assert_eq!(pager.items(), all.as_slice());
}

#[test]
fn shrinking_count_ends_and_is_reported() {
    let mut all = objects(0..2500);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    let path = pager.next_path().unwrap();
    pager.accept(&serve(&all, &path, 1000)).unwrap();
    // Objects 0..100 are deleted before the second page: every later item
    // moves 100 places to a lower offset.
    all.drain(0..100);
    while let Some(path) = pager.next_path() {
        pager.accept(&serve(&all, &path, 1000)).unwrap();
    }

    assert!(pager.is_done());
    assert_eq!(pager.count_change(), Some((2500, 2400)));
    assert_eq!(pager.duplicates(), 0);
    // Objects 1000..1100 moved from the second page onto the first after it
    // was read, so they were never seen; the deleted 0..100 were.
    let seen = names(pager.items());
    assert_eq!(seen.len(), 2400);
    assert!(!seen.contains(&"net-01000".to_owned()));
    assert!(seen.contains(&"net-01100".to_owned()));
}

#[test]
fn growing_count_skips_duplicates() {
    let mut all = objects(0..2500);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    let path = pager.next_path().unwrap();
    pager.accept(&serve(&all, &path, 1000)).unwrap();
    // 50 objects are created at the front before the second page: the last
    // 50 items of the first page come again at the start of the second.
    let created: Vec<Value> = (9000..9050).map(object).collect();
    all.splice(0..0, created);
    while let Some(path) = pager.next_path() {
        pager.accept(&serve(&all, &path, 1000)).unwrap();
    }

    assert_eq!(pager.duplicates(), 50);
    assert_eq!(pager.count_change(), Some((2500, 2550)));
    assert_eq!(names(pager.items()), names(&objects(0..2500)));
}

#[test]
fn growing_count_at_the_end_fetches_more() {
    let mut all = objects(0..1500);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    let path = pager.next_path().unwrap();
    pager.accept(&serve(&all, &path, 1000)).unwrap();
    all.extend(objects(1500..2600));
    while let Some(path) = pager.next_path() {
        pager.accept(&serve(&all, &path, 1000)).unwrap();
    }

    assert_eq!(pager.items(), all.as_slice());
    assert_eq!(pager.progress().pages_done, 3);
}

#[test]
fn next_on_other_host_rejected() {
    let all = objects(0..1500);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();
    let mut page = serve_page(&all, 0, 1000);
    page["paging"]["next"] = json!(["https://attacker.example.net/api/x?offset=1000&limit=1000"]);

    let error = pager.accept(&page).unwrap_err();

    assert_eq!(
        error,
        PagingError::NextOnOtherHost {
            url: "https://attacker.example.net/api/x?offset=1000&limit=1000".into(),
            host: "fmc.example.com".into(),
        }
    );
    assert!(pager.is_done());
    assert_eq!(pager.next_path(), None);
}

#[test]
fn next_on_other_port_or_plain_http_rejected() {
    for url in [
        "https://fmc.example.com:8443/api/x?offset=1000",
        "http://fmc.example.com/api/x?offset=1000",
    ] {
        let mut pager = Pager::new(&host(), NETWORKS).unwrap();
        let mut page = serve_page(&objects(0..1500), 0, 1000);
        page["paging"]["next"] = json!([url]);

        let result = pager.accept(&page);

        assert!(
            matches!(result, Err(PagingError::NextOnOtherHost { .. })),
            "{url}: {result:?}"
        );
    }
}

#[test]
fn items_before_foreign_next_are_not_added() {
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();
    let mut page = serve_page(&objects(0..1500), 0, 1000);
    page["paging"]["next"] = json!(["https://other.example.com/api/x"]);

    let _ = pager.accept(&page);

    assert!(pager.items().is_empty());
}

#[test]
fn empty_result_without_items_key() {
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    let report = pager.accept(&serve_page(&[], 0, 1000)).unwrap();

    assert_eq!(report.received, 0);
    assert!(pager.is_done());
    let combined = pager.combined(true);
    assert_eq!(combined["items"], json!([]));
    assert_eq!(combined["paging"]["count"], 0);
    assert_eq!(combined["fetchAll"]["serverCount"], 0);
}

#[test]
fn page_past_end_stops() {
    let mut pager = Pager::new(&host(), &format!("{NETWORKS}?offset=5000")).unwrap();

    pager
        .accept(&serve_page(&objects(0..10), 5000, 1000))
        .unwrap();

    assert!(pager.is_done());
    assert!(pager.items().is_empty());
}

#[test]
fn single_object_is_not_a_list() {
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    let error = pager.accept(&object(1)).unwrap_err();

    assert!(matches!(error, PagingError::NotAList { .. }), "{error:?}");
    assert!(pager.is_done());
}

#[test]
fn items_that_are_not_an_array_rejected() {
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    let error = pager
        .accept(&json!({ "items": {}, "paging": {} }))
        .unwrap_err();

    assert!(matches!(error, PagingError::NotAList { .. }), "{error:?}");
}

#[test]
fn server_ignoring_offset_stops() {
    let all = objects(0..3000);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    pager.accept(&serve_page(&all, 0, 1000)).unwrap();
    pager.accept(&serve_page(&all, 0, 1000)).unwrap();
    let error = pager.accept(&serve_page(&all, 0, 1000)).unwrap_err();

    assert_eq!(
        error,
        PagingError::RepeatedPages {
            pages: 2,
            offset: 3000
        }
    );
    assert_eq!(pager.items().len(), 1000);
    assert!(pager.is_done());
}

#[test]
fn items_without_id_are_all_kept() {
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();
    let page = json!({ "items": [{ "name": "a" }, { "name": "a" }], "paging": { "count": 2 } });

    let report = pager.accept(&page).unwrap();

    assert_eq!(report.added, 2);
    assert!(pager.is_done());
}

#[test]
fn single_next_string_accepted() {
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();
    let page = json!({
        "items": [object(0)],
        "paging": { "next": "https://fmc.example.com/api/x?offset=1" },
    });

    pager.accept(&page).unwrap();

    assert!(!pager.is_done());
}

#[test]
fn progress_estimates_totals() {
    let all = objects(0..2500);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();
    assert_eq!(pager.progress().pages_total, None);

    let path = pager.next_path().unwrap();
    pager.accept(&serve(&all, &path, 1000)).unwrap();
    let progress = pager.progress();

    assert_eq!(progress.pages_done, 1);
    assert_eq!(progress.pages_total, Some(3));
    assert_eq!(progress.items_done, 1000);
    assert_eq!(progress.items_total, Some(2500));
    assert_eq!(progress.estimate_remaining_ms(400), Some(800));
}

#[test]
fn progress_of_trimmed_pages_uses_page_size_received() {
    let all = objects(0..1000);
    let mut pager = Pager::new(&host(), NETWORKS).unwrap();

    let path = pager.next_path().unwrap();
    pager.accept(&serve(&all, &path, 100)).unwrap();

    assert_eq!(pager.progress().pages_total, Some(10));
}

#[test]
fn remaining_time_unknown_before_first_page() {
    let progress = Progress {
        pages_done: 0,
        pages_total: Some(4),
        items_done: 0,
        items_total: Some(4000),
    };

    assert_eq!(progress.estimate_remaining_ms(1000), None);
}

#[test]
fn combined_result_shape() {
    let all = objects(0..3);
    let mut pager = Pager::new(&host(), &format!("{NETWORKS}?limit=2")).unwrap();
    let path = pager.next_path().unwrap();
    pager.accept(&serve(&all, &path, 1000)).unwrap();

    let partial = pager.combined(false);

    assert_eq!(
        partial,
        json!({
            "links": { "self": format!("{NETWORKS}?offset=0&limit=2") },
            "items": [object(0), object(1)],
            "paging": { "offset": 0, "limit": 2, "count": 2, "pages": 1 },
            "fetchAll": {
                "complete": false,
                "pagesFetched": 1,
                "serverCount": 3,
                "firstServerCount": 3,
                "duplicatesSkipped": 0,
            },
        })
    );
}

#[test]
fn progress_descriptions() {
    let known = Progress {
        pages_done: 3,
        pages_total: Some(20),
        items_done: 3000,
        items_total: Some(20000),
    };
    let unknown = Progress {
        pages_done: 0,
        pages_total: None,
        items_done: 0,
        items_total: None,
    };

    assert_eq!(known.describe(), "3 of 20 pages, 3,000 of 20,000 items");
    assert_eq!(unknown.describe(), "0 pages, 0 items");
}

#[test]
fn digit_groups() {
    let cases = [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (20000, "20,000"),
        (1234567, "1,234,567"),
    ];
    for (count, text) in cases {
        assert_eq!(group_digits(count), text);
    }
}

#[test]
fn durations() {
    let cases = [
        (800, "800 ms"),
        (1_000, "1 s"),
        (11_200, "12 s"),
        (60_000, "1 min"),
        (125_000, "2 min 5 s"),
    ];
    for (ms, text) in cases {
        assert_eq!(format_duration(ms), text);
    }
}
