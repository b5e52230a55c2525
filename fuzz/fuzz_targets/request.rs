//! Building a request from a composer draft.
//!
//! Whatever the path, headers and body, a prepared request goes only to an
//! https URL that the host owns. It carries the access token once, masked in
//! previews, and sends a body only with POST or PUT and only when it is JSON.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::headers::ACCESS_TOKEN;
use fmc_core::host::FmcHost;
use fmc_core::pretty_lines::PrettyIndex;
use fmc_core::request::{prepare_request, resolve_path, Draft, Method, PreparedRequest};
use fmc_core::request_headers::{AutoHeaders, HeaderRow};
use fmc_core::secret::Secret;
use libfuzzer_sys::fuzz_target;

const TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    host: &'a str,
    method: u8,
    path: &'a str,
    domain_uuid: &'a str,
    body: &'a str,
    auto_headers: (bool, bool, bool),
    headers: Vec<(&'a str, &'a str, bool)>,
}

fuzz_target!(|input: Input| {
    let host = FmcHost::parse(input.host)
        .unwrap_or_else(|_| FmcHost::parse("fmc.example.org").expect("fixed host parses"));
    let (accept, access_token, content_type) = input.auto_headers;
    let draft = Draft {
        method: Method::ALL[usize::from(input.method) % Method::ALL.len()],
        path: input.path.to_owned(),
        body: input.body.to_owned(),
        auto_headers: AutoHeaders {
            accept,
            access_token,
            content_type,
        },
        headers: input
            .headers
            .iter()
            .map(|(name, value, enabled)| HeaderRow {
                name: (*name).to_owned(),
                value: (*value).to_owned(),
                enabled: *enabled,
            })
            .collect(),
        query_rows: Vec::new(),
    };

    if let Ok(resolved) = resolve_path(&draft.path, input.domain_uuid) {
        assert!(
            !resolved
                .chars()
                .any(|c| c.is_whitespace() || c.is_control()),
            "resolved path {resolved:?} has a space or control character"
        );
        if !draft.path.contains('{') {
            assert_eq!(resolved, draft.path.trim(), "a path without braces changed");
        }
    }

    let Ok(request) = prepare_request(&host, &draft, input.domain_uuid, &Secret::new(TOKEN)) else {
        return;
    };
    check_request(&host, &draft, &request);
});

fn check_request(host: &FmcHost, draft: &Draft, request: &PreparedRequest) {
    assert!(
        host.owns_url(&request.url),
        "{} is not on {}",
        request.url,
        host.display()
    );
    let parsed = url::Url::parse(&request.url).expect("prepared URL parses");
    assert_eq!(parsed.scheme(), "https");
    assert_eq!(parsed.port_or_known_default(), Some(host.port()));

    let token_headers = request
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(ACCESS_TOKEN))
        .count();
    let expected_tokens = usize::from(draft.auto_headers.access_token);
    assert_eq!(token_headers, expected_tokens, "access token headers");
    for (name, value) in request.preview_headers() {
        assert!(!value.contains(TOKEN), "preview of {name} shows the token");
    }
    for (name, value) in request.exposed_headers() {
        assert!(
            !value.chars().any(|c| c.is_control() && c != '\t'),
            "header {name} has a control character"
        );
    }

    if let Some(body) = &request.body {
        assert!(
            request.method.allows_body(),
            "{} with a body",
            request.method
        );
        // The viewer's JSON indexer is a second, independent grammar check.
        // It is used instead of parsing into a Value, which also rejects
        // grammatical JSON such as the number 1e999.
        assert!(
            PrettyIndex::build(body).is_ok(),
            "body is not JSON: {body:?}"
        );
    } else {
        assert!(draft.body.trim().is_empty(), "a non-blank body was dropped");
    }
}
