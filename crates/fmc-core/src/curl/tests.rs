use std::process::Command;

use super::*;
use crate::host::FmcHost;
use crate::request::{prepare_request, Draft, Method};
use crate::secret::Secret;

const DOMAIN: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

fn host() -> FmcHost {
    FmcHost::parse("fmc.example.org:8443").unwrap()
}

fn prepared(method: Method, body: &str) -> PreparedRequest {
    let draft = Draft::new(
        method,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts?limit=5&expanded=true".to_owned(),
        body.to_owned(),
    );
    prepare_request(&host(), &draft, DOMAIN, &Secret::new(TOKEN)).unwrap()
}

/// Runs `script` with /bin/sh and returns its standard output.
fn run_sh(script: &str) -> String {
    let output = Command::new("sh").arg("-c").arg(script).output().unwrap();
    assert!(output.status.success(), "sh failed: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn quote_survives_sh() {
    let cases = [
        "plain",
        "it's",
        "a'b'c",
        "$HOME `id` \"q\"",
        "line\nbreak",
        "größe ✓",
        "",
        "\\n",
    ];
    for case in cases {
        let echoed = run_sh(&format!("printf '%s' {}", shell_quote(case)));
        assert_eq!(echoed, case, "quoting {case:?}");
    }
}

#[test]
fn curl_hides_token_by_default() {
    let command = to_curl(&prepared(Method::Get, ""), false);

    assert!(!command.contains(TOKEN));
    assert!(
        command.contains("-H \"X-auth-access-token: $FMC_TOKEN\""),
        "{command}"
    );
    assert!(command.contains("export FMC_TOKEN="));
}

#[test]
fn curl_includes_token_when_asked() {
    let command = to_curl(&prepared(Method::Get, ""), true);

    assert!(
        command.contains(&format!("-H 'X-auth-access-token: {TOKEN}'")),
        "{command}"
    );
    assert!(!command.contains("$FMC_TOKEN"));
}

#[test]
fn curl_never_adds_insecure() {
    let command = to_curl(&prepared(Method::Get, ""), false);
    let code: Vec<&str> = command
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();

    assert!(code
        .iter()
        .all(|line| !line.contains(" -k") && !line.contains("--insecure")));
    assert!(command.contains("--cacert"));
}

#[test]
fn curl_quotes_url_and_body() {
    let body = "{\"name\": \"it's größe\",\n \"description\": \"$x `y`\"}";
    let command = to_curl(&prepared(Method::Post, body), false);

    assert!(command.contains("curl -X POST 'https://fmc.example.org:8443/api/fmc_config/v1/domain/e276abec-e0f2-11e3-8169-6d9ed49b625f/object/hosts?limit=5&expanded=true'"), "{command}");
    assert!(command.contains(&format!("--data-raw {}", shell_quote(body))));
}

#[test]
fn curl_body_reaches_sh_unchanged() {
    let body = "{\"name\": \"it's größe\",\n \"description\": \"$x `y`\"}";
    let command = to_curl(&prepared(Method::Post, body), false);
    // Replacing the program with printf shows the words sh passes to curl.
    let script = command.replacen("curl ", "printf '%s\\n---\\n' ", 1);
    let words = run_sh(&script);

    assert!(words.contains(&format!("{body}\n---\n")), "{words}");
    assert!(
        words.contains("X-auth-access-token: \n---\n"),
        "FMC_TOKEN is unset in the test shell: {words}"
    );
}

#[test]
fn parse_reads_method_url_headers_body() {
    let parsed = parse_curl(
        "curl -X PUT 'https://fmc.example.org/api/x' -H 'Accept: application/json' --data-raw '{\"a\":1}'",
    )
    .unwrap();

    assert_eq!(parsed.method, "PUT");
    assert_eq!(parsed.url, "https://fmc.example.org/api/x");
    assert_eq!(
        parsed.headers,
        [("Accept".to_owned(), "application/json".to_owned())]
    );
    assert_eq!(parsed.body.as_deref(), Some("{\"a\":1}"));
}

#[test]
fn parse_defaults_method_from_body() {
    assert_eq!(parse_curl("curl https://h/a").unwrap().method, "GET");
    assert_eq!(
        parse_curl("curl https://h/a -d x=1 -d y=2").unwrap().method,
        "POST"
    );
    assert_eq!(
        parse_curl("curl https://h/a -d x=1 -d y=2")
            .unwrap()
            .body
            .as_deref(),
        Some("x=1&y=2")
    );
}

#[test]
fn parse_handles_sh_quoting() {
    let parsed = parse_curl(
        "curl \\\n  \"https://h/a?x=\\\"1\\\"\" -H X-Name:\\ it\\'s --data-raw 'a'\\''b'",
    )
    .unwrap();

    assert_eq!(parsed.url, "https://h/a?x=\"1\"");
    assert_eq!(parsed.headers, [("X-Name".to_owned(), "it's".to_owned())]);
    assert_eq!(parsed.body.as_deref(), Some("a'b"));
}

#[test]
fn parse_handles_bash_ansi_quotes() {
    let parsed =
        parse_curl("curl 'https://h/a' --data-raw $'{\"n\":\"gr\\xc3\\xb6\\u00dfe\\nx\\'y\"}'")
            .unwrap();
    assert_eq!(parsed.body.as_deref(), Some("{\"n\":\"größe\nx'y\"}"));
}

#[test]
fn parse_skips_comments_and_flags() {
    let parsed =
        parse_curl("# a comment\ncurl -k -s --compressed -u admin:secret https://h/a").unwrap();

    assert_eq!(parsed.url, "https://h/a");
    assert_eq!(parsed.ignored, ["-k", "-s", "--compressed", "-u"]);
    assert!(parsed.headers.is_empty());
}

#[test]
fn parse_reports_errors() {
    assert_eq!(
        parse_curl("curl 'https://h/a"),
        Err(CurlError::UnterminatedQuote { quote: '\'' })
    );
    assert_eq!(
        parse_curl("wget https://h/a"),
        Err(CurlError::NotCurl {
            word: "wget".to_owned()
        })
    );
    assert_eq!(
        parse_curl("curl -H"),
        Err(CurlError::MissingValue {
            option: "-H".to_owned()
        })
    );
    assert_eq!(parse_curl("curl -k"), Err(CurlError::MissingUrl));
    assert_eq!(
        parse_curl("curl https://h/a -d @body.json"),
        Err(CurlError::BodyFromFile {
            file: "body.json".to_owned()
        })
    );
    assert!(matches!(
        parse_curl("curl https://h/a https://h/b"),
        Err(CurlError::SecondUrl { .. })
    ));
}

#[test]
fn draft_rejects_other_host_and_patch() {
    let other = parse_curl("curl https://evil.example.com/api/x").unwrap();
    assert!(matches!(
        other.to_draft(&host(), DOMAIN),
        Err(CurlError::OtherHost { .. })
    ));
    let patch = parse_curl("curl -X PATCH https://fmc.example.org:8443/api/x").unwrap();
    assert!(matches!(
        patch.to_draft(&host(), DOMAIN),
        Err(CurlError::UnsupportedMethod { .. })
    ));
}

#[test]
fn round_trip_export_import() {
    let body = "{\"name\": \"it's größe ✓\",\n \"value\": \"10.0.0.1\"}";
    let request = prepared(Method::Post, body);
    let parsed = parse_curl(&to_curl(&request, false)).unwrap();

    assert_eq!(parsed.method, "POST");
    assert_eq!(parsed.url, request.url);
    assert_eq!(parsed.body.as_deref(), Some(body));
    assert!(parsed.has_access_token());
    let token = parsed
        .headers
        .iter()
        .find(|(name, _)| name == "X-auth-access-token")
        .unwrap();
    assert_eq!(token.1, "$FMC_TOKEN");
    let draft = parsed.to_draft(&host(), DOMAIN).unwrap();
    assert_eq!(draft.method, Method::Post);
    assert_eq!(
        draft.path,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts?limit=5&expanded=true"
    );
    assert_eq!(draft.body, body);
}

#[test]
fn draft_accepts_other_spellings_of_host() {
    let default_port = FmcHost::parse("fmc.example.org").unwrap();
    let cases = [
        (host(), "https://FMC.example.org:8443/api/x"),
        (host(), "https://fmc.example.org.:8443/api/x"),
        (default_port.clone(), "https://fmc.example.org:443/api/x"),
        (default_port, "https://fmc.example.org./api/x"),
    ];
    for (fmc, url) in cases {
        let parsed = parse_curl(&format!("curl {url}")).unwrap();
        let draft = parsed.to_draft(&fmc, DOMAIN);
        assert_eq!(
            draft.map(|draft| draft.path),
            Ok("/api/x".to_owned()),
            "URL {url}"
        );
    }
}
