//! Sign-in and refresh responses, and the `DOMAINS` header on its own.
//!
//! Checks that a successful parse always has a usable token pair and a
//! domain list that contains the default domain, and that every error
//! message names the host.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::domain::parse_domains_header;
use fmc_core::headers::{
    ACCESS_TOKEN, CONTENT_TYPE, DOMAINS, DOMAIN_UUID, GLOBAL, REFRESH_TOKEN, RETRY_AFTER, USER_UUID,
};
use fmc_core::host::FmcHost;
use fmc_core::signin::{parse_refresh, parse_sign_in, SignIn};
use libfuzzer_sys::fuzz_target;

const KNOWN_NAMES: [&str; 8] = [
    ACCESS_TOKEN,
    REFRESH_TOKEN,
    DOMAIN_UUID,
    GLOBAL,
    DOMAINS,
    USER_UUID,
    RETRY_AFTER,
    CONTENT_TYPE,
];

/// A header name: mostly one the parser reads, so that inputs reach the
/// success path, sometimes any text.
#[derive(Arbitrary, Debug)]
enum Name<'a> {
    Known(u8),
    Lower(u8),
    Other(&'a str),
}

impl Name<'_> {
    fn text(&self) -> String {
        match self {
            Name::Known(choice) => KNOWN_NAMES[usize::from(*choice) % KNOWN_NAMES.len()].to_owned(),
            Name::Lower(choice) => {
                KNOWN_NAMES[usize::from(*choice) % KNOWN_NAMES.len()].to_ascii_lowercase()
            }
            Name::Other(text) => (*text).to_owned(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    status: u16,
    /// Picks 200 or 204 when even, so half the inputs are successes.
    success_status: bool,
    headers: Vec<(Name<'a>, &'a str)>,
    body: &'a str,
    username: &'a str,
}

fuzz_target!(|input: Input| {
    let host = FmcHost::parse("fmc.example.org:8443").expect("fixed host parses");
    let status = if input.success_status {
        [200, 204][usize::from(input.status % 2)]
    } else {
        input.status
    };
    let headers: Vec<(String, String)> = input
        .headers
        .iter()
        .map(|(name, value)| (name.text(), (*value).to_owned()))
        .collect();

    for (name, value) in &headers {
        if name.eq_ignore_ascii_case(DOMAINS) {
            check_domains_header(value);
        }
    }

    match parse_sign_in(&host, input.username, status, &headers, input.body) {
        Ok(sign_in) => check_success(status, &sign_in),
        Err(error) => check_message(&error.to_string(), &host),
    }
    match parse_refresh(&host, status, &headers, input.body) {
        Ok(sign_in) => check_success(status, &sign_in),
        Err(error) => check_message(&error.to_string(), &host),
    }
});

fn check_domains_header(value: &str) {
    match parse_domains_header(value) {
        Ok(domains) => {
            assert!(!domains.is_empty(), "empty domain list from {value:?}");
            for domain in &domains {
                assert!(!domain.name.is_empty(), "empty name from {value:?}");
                assert!(!domain.uuid.is_empty(), "empty UUID from {value:?}");
                assert_eq!(domain.name, domain.name.trim(), "untrimmed name");
                assert_eq!(domain.uuid, domain.uuid.trim(), "untrimmed UUID");
            }
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
}

fn check_success(status: u16, sign_in: &SignIn) {
    assert!(status == 200 || status == 204, "success with HTTP {status}");
    for token in [&sign_in.access_token, &sign_in.refresh_token] {
        let text = token.expose();
        assert!(!text.is_empty(), "empty token accepted");
        assert!(text.len() <= 1024, "token of {} bytes accepted", text.len());
        assert!(
            text.bytes().all(|byte| byte.is_ascii_graphic()),
            "token with unprintable bytes accepted: {text:?}"
        );
    }
    assert!(!sign_in.domain_uuid.is_empty(), "empty domain UUID");
    assert_eq!(sign_in.domain_uuid, sign_in.domain_uuid.trim());
    assert!(!sign_in.domains.is_empty(), "empty domain list");
    assert!(
        sign_in
            .domains
            .iter()
            .any(|domain| domain.uuid.eq_ignore_ascii_case(&sign_in.domain_uuid)),
        "the default domain {} is not in the list",
        sign_in.domain_uuid
    );
}

fn check_message(message: &str, host: &FmcHost) {
    assert!(
        message.contains(&host.display()),
        "message does not name the host: {message}"
    );
}
