use super::*;

fn entry(method: Method, path: &str, outcome: HistoryOutcome) -> HistoryEntry {
    HistoryEntry {
        id: 0,
        sent_at_ms: 1_700_000_000_000,
        method,
        path: path.to_owned(),
        host: "fmc.example.org".to_owned(),
        username: "admin".to_owned(),
        domain: Some("Global".to_owned()),
        outcome,
        elapsed_ms: 42,
        body: String::new(),
        body_truncated: false,
        response_excerpt: String::new(),
        response_truncated: false,
    }
}

fn networks() -> HistoryEntry {
    entry(
        Method::Get,
        "/api/fmc_config/v1/domain/{domainUUID}/object/networks",
        HistoryOutcome::Status(200),
    )
}

#[test]
fn record_puts_newest_first() {
    let mut history = History::default();
    let first = history.record(networks());
    let second = history.record(entry(Method::Post, "/x", HistoryOutcome::Status(201)));

    assert_ne!(first, second);
    assert_eq!(history.entries[0].id, second);
    assert_eq!(history.entries[1].id, first);
}

#[test]
fn record_drops_oldest_past_entry_limit() {
    let mut history = History::default();
    let first = history.record(networks());
    for _ in 0..MAX_ENTRIES {
        history.record(networks());
    }

    assert_eq!(history.entries.len(), MAX_ENTRIES);
    assert!(history.find(first).is_none());
}

#[test]
fn record_drops_oldest_past_byte_limit() {
    let mut history = History::default();
    let mut big = networks();
    big.response_excerpt = "x".repeat(MAX_EXCERPT_BYTES);
    big.body = "y".repeat(MAX_BODY_BYTES);
    let first = history.record(big.clone());
    for _ in 0..40 {
        history.record(big.clone());
    }

    assert!(history.stored_bytes() <= MAX_TOTAL_BYTES);
    assert!(history.entries.len() < 41);
    assert!(history.find(first).is_none());
}

#[test]
fn record_caps_body_and_excerpt() {
    let mut history = History::default();
    let mut big = networks();
    big.body = "é".repeat(MAX_BODY_BYTES);
    big.response_excerpt = "ü".repeat(MAX_EXCERPT_BYTES);
    history.record(big);

    let kept = &history.entries[0];
    assert!(kept.body.len() <= MAX_BODY_BYTES);
    assert!(kept.body_truncated);
    assert!(kept.response_excerpt.len() <= MAX_EXCERPT_BYTES);
    assert!(kept.response_truncated);
}

#[test]
fn truncate_keeps_character_boundary() {
    assert_eq!(truncate_utf8("aé", 2), ("a".to_owned(), true));
    assert_eq!(truncate_utf8("aé", 3), ("aé".to_owned(), false));
    assert_eq!(truncate_utf8("", 0), (String::new(), false));
}

#[test]
fn search_matches_method_path_status_host() {
    let mut history = History::default();
    history.record(networks());
    history.record(entry(
        Method::Delete,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts/abc",
        HistoryOutcome::Status(404),
    ));
    history.record(entry(
        Method::Put,
        "/api/fmc_config/v1/domain/{domainUUID}/object/ports/1",
        HistoryOutcome::Failed("Failed to fetch".to_owned()),
    ));

    assert_eq!(history.search("").len(), 3);
    assert_eq!(history.search("delete").len(), 1);
    assert_eq!(history.search("NETWORKS").len(), 1);
    assert_eq!(history.search("404").len(), 1);
    assert_eq!(history.search("failed").len(), 1);
    assert_eq!(history.search("fmc.example").len(), 3);
    assert_eq!(history.search("get hosts").len(), 0);
    assert_eq!(history.search("delete hosts").len(), 1);
}

#[test]
fn remove_and_clear() {
    let mut history = History::default();
    let first = history.record(networks());
    let second = history.record(networks());

    assert!(history.remove(first));
    assert!(!history.remove(first));
    assert_eq!(history.entries.len(), 1);
    assert_eq!(history.entries[0].id, second);
    history.clear();
    assert!(history.entries.is_empty());
}

#[test]
fn ids_stay_unique_after_remove() {
    let mut history = History::default();
    history.record(networks());
    let second = history.record(networks());
    history.remove(second);
    let third = history.record(networks());

    let ids: Vec<u64> = history.entries.iter().map(|entry| entry.id).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(history.entries[0].id, third);
}

#[test]
fn entry_rebuilds_draft() {
    let mut sent = entry(Method::Post, "/api/x", HistoryOutcome::Status(201));
    sent.body = "{\"name\":\"n\"}".to_owned();
    let draft = sent.to_draft();

    assert_eq!(draft.method, Method::Post);
    assert_eq!(draft.path, "/api/x");
    assert_eq!(draft.body, "{\"name\":\"n\"}");
}

#[test]
fn history_round_trips_json() {
    let mut history = History::default();
    history.record(networks());
    history.record(entry(
        Method::Get,
        "/x",
        HistoryOutcome::Failed("timed out".to_owned()),
    ));
    let json = serde_json::to_string(&history).unwrap();

    assert_eq!(serde_json::from_str::<History>(&json).unwrap(), history);
}
