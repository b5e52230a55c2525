//! curl commands.
//!
//! Any pasted text: a parsed command has a URL, and a draft made from it is
//! a path on the signed-in FMC. Prepared requests: `to_curl` then
//! `parse_curl` gives back the method, URL, headers and body, with the
//! token as `$FMC_TOKEN` unless it was included, and the draft made from
//! that command resolves to the same URL.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::curl::{parse_curl, to_curl, TOKEN_VARIABLE};
use fmc_core::headers::ACCESS_TOKEN;
use fmc_core::host::FmcHost;
use fmc_core::request::{prepare_request, resolve_path, Draft, Method};
use fmc_core::request_headers::HeaderRow;
use fmc_core::secret::Secret;
use libfuzzer_sys::fuzz_target;

const DOMAIN: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    Command(&'a str),
    Request {
        method: u8,
        path: &'a str,
        body: &'a str,
        headers: Vec<(&'a str, &'a str)>,
        include_token: bool,
    },
}

fuzz_target!(|input: Input| {
    let host = FmcHost::parse("fmc.example.org:8443").expect("fixed host parses");
    match input {
        Input::Command(command) => check_command(&host, command),
        Input::Request {
            method,
            path,
            body,
            headers,
            include_token,
        } => {
            let mut draft = Draft::new(
                Method::ALL[usize::from(method) % Method::ALL.len()],
                path.to_owned(),
                body.to_owned(),
            );
            draft.headers = headers
                .iter()
                .map(|(name, value)| HeaderRow {
                    name: (*name).to_owned(),
                    value: (*value).to_owned(),
                    enabled: true,
                })
                .collect();
            check_round_trip(&host, &draft, include_token);
        }
    }
});

fn check_command(host: &FmcHost, command: &str) {
    let Ok(parsed) = parse_curl(command) else {
        return;
    };
    assert!(!parsed.url.is_empty(), "no URL from {command:?}");
    if let Ok(draft) = parsed.to_draft(host, DOMAIN) {
        assert!(draft.path.starts_with('/'), "draft path {:?}", draft.path);
        assert!(
            host.owns_url(&parsed.url),
            "{} became a draft for {}",
            parsed.url,
            host.display()
        );
    }
}

fn check_round_trip(host: &FmcHost, draft: &Draft, include_token: bool) {
    let Ok(request) = prepare_request(host, draft, DOMAIN, &Secret::new(TOKEN)) else {
        return;
    };
    let command = to_curl(&request, include_token);
    let parsed = parse_curl(&command).expect("exported command parses");

    assert_eq!(
        parsed.method,
        request.method.as_str(),
        "method of {command}"
    );
    assert_eq!(parsed.url, request.url, "URL of {command}");
    assert_eq!(parsed.body, request.body, "body of {command}");
    let expected_headers: Vec<(String, String)> = request
        .exposed_headers()
        .into_iter()
        .map(|(name, value)| {
            if name.eq_ignore_ascii_case(ACCESS_TOKEN) && !include_token {
                (name, format!("${TOKEN_VARIABLE}"))
            } else {
                (name, value)
            }
        })
        .collect();
    assert_eq!(parsed.headers, expected_headers, "headers of {command}");
    if !include_token {
        assert!(!command.contains(TOKEN), "the token leaked into {command}");
    }

    let imported = parsed
        .to_draft(host, DOMAIN)
        .expect("an exported command imports");
    assert_eq!(imported.method, draft.method);
    let resolved = resolve_path(&imported.path, DOMAIN).expect("imported path resolves");
    // Compared after URL parsing, because the request URL may spell the
    // host differently (upper case, a trailing dot, `:443`).
    let imported_url = url::Url::parse(&host.url(&resolved)).expect("imported URL parses");
    let sent_url = url::Url::parse(&request.url).expect("sent URL parses");
    assert_eq!(
        imported_url.path().to_ascii_lowercase(),
        sent_url.path().to_ascii_lowercase(),
        "the imported draft {:?} has another path",
        imported.path
    );
    assert_eq!(
        imported_url.query().map(str::to_ascii_lowercase),
        sent_url.query().map(str::to_ascii_lowercase),
        "query of {:?}",
        imported.path
    );
}
