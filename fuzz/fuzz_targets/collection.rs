//! Postman collections.
//!
//! Any file text: an import accounts for every request item, once, either
//! as a request with a path on the profile's FMC or as a skipped request
//! with a reason. Saved requests: export, JSON text, parse and import give
//! back the same method, path, body, name and folder, and a full URL on the
//! profile's FMC comes back as its path.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::collection::{
    export_collection, import_collection, parse_collection, Collection, Item,
};
use fmc_core::host::FmcHost;
use fmc_core::request::{Draft, Method};
use fmc_core::saved::SavedRequests;
use libfuzzer_sys::fuzz_target;

const DOMAIN: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    File(&'a str),
    Saved {
        /// Picks `fmc.example.org:8443` or `fmc.example.org` (port 443).
        default_port: bool,
        requests: Vec<SavedInput<'a>>,
    },
}

#[derive(Arbitrary, Debug)]
struct SavedInput<'a> {
    name: &'a str,
    folder: &'a str,
    method: u8,
    /// Written after a leading `/`.
    path: &'a str,
    domain_placeholder: bool,
    /// Picks how the path is written: as a path, or as a full URL with one
    /// of the spellings of the host that `owns_url` accepts.
    spelling: u8,
    body: &'a str,
}

fuzz_target!(|input: Input| {
    match input {
        Input::File(text) => {
            let host = FmcHost::parse("fmc.example.org:8443").expect("fixed host parses");
            check_file(&host, text);
        }
        Input::Saved {
            default_port,
            requests,
        } => {
            let typed = if default_port {
                "fmc.example.org"
            } else {
                "fmc.example.org:8443"
            };
            let host = FmcHost::parse(typed).expect("fixed host parses");
            check_round_trip(&host, &requests);
        }
    }
});

/// Returns the text in front of a path: nothing, or an origin that
/// `owns_url` accepts for `host`.
fn url_prefix(host: &FmcHost, spelling: u8) -> String {
    let port = host.port();
    match spelling % 5 {
        0 => String::new(),
        1 => host.origin(),
        2 => host.origin().to_ascii_uppercase(),
        3 => format!("https://{}.:{port}", host.name()),
        _ => format!("https://{}:{port}", host.name()),
    }
}

fn check_file(host: &FmcHost, text: &str) {
    let Ok(collection) = parse_collection("fuzz.json", text) else {
        return;
    };
    let report = import_collection(&collection, host);
    assert_eq!(
        report.requests.len() + report.skipped.len(),
        count_requests(&collection.item),
        "an item was lost or counted twice"
    );
    for imported in &report.requests {
        assert!(
            imported.draft.path.starts_with('/'),
            "imported path {:?} is not a path",
            imported.draft.path
        );
        let url = host.url(&imported.draft.path);
        assert!(
            host.owns_url(&url) || url::Url::parse(&url).is_err(),
            "imported path {:?} leaves the host",
            imported.draft.path
        );
    }
    for skipped in &report.skipped {
        assert!(
            !skipped.reason.is_empty(),
            "{} skipped without reason",
            skipped.name
        );
    }
}

fn count_requests(items: &[Item]) -> usize {
    items
        .iter()
        .map(|item| match &item.item {
            Some(children) => count_requests(children),
            None => 1,
        })
        .sum()
}

/// Returns true for path text that the round trip keeps as it is: no
/// braces, which the export and import treat as variables, no `:`, which
/// could spell `:domainUUID`, and none of the domain UUID.
fn is_plain_path(path: &str) -> bool {
    !path.contains(['{', '}', ':'])
        && !path.to_ascii_lowercase().contains(DOMAIN)
        && !path.chars().any(char::is_whitespace)
}

fn check_round_trip(host: &FmcHost, inputs: &[SavedInput]) {
    let mut saved = SavedRequests::default();
    let mut expected_paths = Vec::new();
    for input in inputs {
        if !is_plain_path(input.path) {
            continue;
        }
        let placeholder = if input.domain_placeholder {
            "/api/fmc_config/v1/domain/{domainUUID}"
        } else {
            ""
        };
        let path = format!("{placeholder}/{}", input.path);
        let url = format!("{}{path}", url_prefix(host, input.spelling));
        let method = Method::ALL[usize::from(input.method) % Method::ALL.len()];
        let draft = Draft::new(method, url, input.body.to_owned());
        if let Ok(id) = saved.add(input.name, input.folder, draft) {
            expected_paths.push((id, path));
        }
    }

    let exported = export_collection("Fuzz", host, DOMAIN, &saved.requests);
    let text = serde_json::to_string(&exported).expect("collection serializes");
    let parsed: Collection = parse_collection("fuzz.json", &text).expect("export parses");
    let report = import_collection(&parsed, host);

    assert!(report.skipped.is_empty(), "skipped: {:?}", report.skipped);
    // The export groups requests by folder, so the import's order differs
    // from the saved order. Both sides are compared sorted.
    let mut imported: Vec<(String, String, &str, String, String)> = report
        .requests
        .iter()
        .map(|request| {
            (
                request.folder.clone(),
                request.name.clone(),
                request.draft.method.as_str(),
                request.draft.path.clone(),
                request.draft.body.clone(),
            )
        })
        .collect();
    let mut expected: Vec<(String, String, &str, String, String)> = saved
        .requests
        .iter()
        .map(|request| {
            let body = if request.draft.body.trim().is_empty() {
                String::new()
            } else {
                request.draft.body.clone()
            };
            (
                request.folder.clone(),
                request.name.clone(),
                request.draft.method.as_str(),
                expected_paths
                    .iter()
                    .find(|(id, _)| *id == request.id)
                    .map(|(_, path)| path.clone())
                    .unwrap_or_default(),
                body,
            )
        })
        .collect();
    imported.sort();
    expected.sort();
    assert_eq!(imported, expected, "the round trip changed a request");
}
