//! Host normalisation and the token check.
//!
//! A parsed host parses back to itself from every form it writes
//! (`display`, `origin`, `url`). Its name is lower-case with no trailing
//! dot. `owns_url` accepts a URL only when the URL's own host and port
//! parse to the same host.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::host::FmcHost;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    typed: &'a str,
    /// A URL to check against the parsed host, or a path to append to it.
    other: &'a str,
}

fuzz_target!(|input: Input| {
    if let Ok(host) = FmcHost::parse(input.typed) {
        check_host(&host, input.other);
    }
    // The second string as a host too, so both fields reach the parser.
    if let Ok(host) = FmcHost::parse(input.other) {
        check_host(&host, input.typed);
    }
});

fn check_host(host: &FmcHost, other: &str) {
    let name = host.name();
    assert!(!name.is_empty(), "empty name");
    assert!(!name.ends_with('.'), "trailing dot in {name:?}");
    assert_eq!(name, name.to_ascii_lowercase(), "upper case in {name:?}");
    assert!(host.port() != 0, "port 0");

    for form in [host.display(), host.origin(), host.url("/api/x?y=1")] {
        assert_eq!(
            FmcHost::parse(&form).as_ref(),
            Ok(host),
            "{form:?} does not parse back"
        );
    }
    assert!(host.owns_url(&host.url("/api")), "{host:?} rejects its URL");
    assert!(
        host.owns_url(&host.url(other)) || !url_is_valid(&host.url(other)),
        "{host:?} rejects {:?}",
        host.url(other)
    );

    if host.owns_url(other) {
        let parsed = url::Url::parse(other).expect("owned URL parses");
        assert_eq!(parsed.scheme(), "https", "owned URL {other:?}");
        let authority = match parsed.port() {
            Some(port) => format!("{}:{port}", parsed.host_str().unwrap_or_default()),
            None => parsed.host_str().unwrap_or_default().to_owned(),
        };
        assert_eq!(
            FmcHost::parse(&authority).as_ref(),
            Ok(host),
            "owned URL {other:?} names another host"
        );
    }
}

fn url_is_valid(text: &str) -> bool {
    url::Url::parse(text).is_ok()
}
