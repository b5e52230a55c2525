use super::*;

const DOMAIN: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

fn host() -> FmcHost {
    FmcHost::parse("fmc.example.com").expect("valid host")
}

fn draft(method: Method, path: &str, body: &str) -> Draft {
    Draft {
        method,
        path: path.to_owned(),
        body: body.to_owned(),
        ..Draft::default()
    }
}

fn prepare(draft: &Draft) -> Result<PreparedRequest, RequestError> {
    prepare_request(&host(), draft, DOMAIN, &Secret::new(TOKEN))
}

#[test]
fn method_names() {
    let names: Vec<&str> = Method::ALL.iter().map(|method| method.as_str()).collect();
    assert_eq!(names, ["GET", "POST", "PUT", "DELETE"]);
    assert_eq!(Method::Delete.to_string(), "DELETE");
}

#[test]
fn method_parse() {
    assert_eq!(Method::parse("GET"), Some(Method::Get));
    assert_eq!(Method::parse(" post "), Some(Method::Post));
    assert_eq!(Method::parse("Put"), Some(Method::Put));
    assert_eq!(Method::parse("delete"), Some(Method::Delete));
    assert_eq!(Method::parse("PATCH"), None);
    assert_eq!(Method::parse(""), None);
}

#[test]
fn method_body_and_write() {
    assert!(!Method::Get.allows_body());
    assert!(Method::Post.allows_body());
    assert!(Method::Put.allows_body());
    assert!(!Method::Delete.allows_body());
    assert!(!Method::Get.is_write());
    assert!(Method::Post.is_write());
    assert!(Method::Put.is_write());
    assert!(Method::Delete.is_write());
}

#[test]
fn method_default_and_serde() {
    assert_eq!(Method::default(), Method::Get);
    assert_eq!(
        serde_json::to_string(&Method::Delete).expect("serializes"),
        "\"DELETE\""
    );
}

#[test]
fn draft_default() {
    let draft = Draft::default();
    assert_eq!(draft.method, Method::Get);
    assert_eq!(draft.path, DEFAULT_PATH);
    assert_eq!(draft.body, "");
}

#[test]
fn draft_missing_fields_use_defaults() {
    let draft: Draft = serde_json::from_str(r#"{"method":"POST"}"#).expect("deserializes");
    assert_eq!(draft.method, Method::Post);
    assert_eq!(draft.path, DEFAULT_PATH);
}

#[test]
fn resolve_default_path() {
    assert_eq!(
        resolve_path(DEFAULT_PATH, DOMAIN),
        Ok(format!(
            "/api/fmc_config/v1/domain/{DOMAIN}/object/networks"
        ))
    );
}

#[test]
fn resolve_placeholder_spellings() {
    for path in [
        "/domain/{domainUUID}/x",
        "/domain/{domain_uuid}/x",
        "/domain/{domainUuid}/x",
        "/domain/{DOMAINUUID}/x",
    ] {
        assert_eq!(
            resolve_path(path, DOMAIN),
            Ok(format!("/domain/{DOMAIN}/x")),
            "path {path}"
        );
    }
}

#[test]
fn resolve_replaces_every_occurrence() {
    assert_eq!(
        resolve_path("/a/{domainUUID}/b/{domain_uuid}", DOMAIN),
        Ok(format!("/a/{DOMAIN}/b/{DOMAIN}"))
    );
}

#[test]
fn resolve_keeps_query() {
    assert_eq!(
        resolve_path("  /api/fmc_config/v1/domain/{domainUUID}/object/networks?offset=25&limit=25&expanded=true&filter=name%3Aweb ", DOMAIN),
        Ok(format!("/api/fmc_config/v1/domain/{DOMAIN}/object/networks?offset=25&limit=25&expanded=true&filter=name%3Aweb"))
    );
}

#[test]
fn resolve_path_without_domain() {
    assert_eq!(
        resolve_path("/api/fmc_platform/v1/info/serverversion", ""),
        Ok("/api/fmc_platform/v1/info/serverversion".to_owned())
    );
}

#[test]
fn resolve_unfilled_placeholder() {
    let path =
        "/api/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/accessrules";
    let error = resolve_path(path, DOMAIN).expect_err("containerUUID is unfilled");
    assert_eq!(
        error,
        RequestError::UnfilledPlaceholder {
            name: "containerUUID".to_owned()
        }
    );
    assert!(error.to_string().contains("{containerUUID}"), "{error}");
}

#[test]
fn resolve_lone_braces_are_text() {
    assert_eq!(resolve_path("/a/{/b}", DOMAIN), Ok("/a/{/b}".to_owned()));
    assert_eq!(resolve_path("/a/{}", DOMAIN), Ok("/a/{}".to_owned()));
    assert_eq!(
        resolve_path("/a/{domainUUID", DOMAIN),
        Ok("/a/{domainUUID".to_owned())
    );
}

#[test]
fn resolve_missing_or_bad_domain() {
    assert_eq!(
        resolve_path(DEFAULT_PATH, ""),
        Err(RequestError::MissingDomain)
    );
    assert_eq!(
        resolve_path(DEFAULT_PATH, "  "),
        Err(RequestError::MissingDomain)
    );
    assert_eq!(
        resolve_path(DEFAULT_PATH, "../admin"),
        Err(RequestError::InvalidDomainUuid {
            uuid: "../admin".to_owned()
        })
    );
}

#[test]
fn resolve_requires_leading_slash() {
    assert_eq!(resolve_path("", DOMAIN), Err(RequestError::EmptyPath));
    assert_eq!(resolve_path("   ", DOMAIN), Err(RequestError::EmptyPath));
    let error =
        resolve_path("api/fmc_platform/v1/info/serverversion", DOMAIN).expect_err("no slash");
    assert!(
        matches!(error, RequestError::NotAbsolutePath { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("start with '/'"), "{error}");
}

#[test]
fn resolve_rejects_spaces_and_controls() {
    let error = resolve_path("/api/object/networks?filter=name:my net", DOMAIN).expect_err("space");
    assert!(
        matches!(error, RequestError::InvalidCharacter { character: ' ', .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("%20"), "{error}");
    let error = resolve_path("/api/object\tnetworks", DOMAIN).expect_err("tab");
    assert!(
        matches!(
            error,
            RequestError::InvalidCharacter {
                character: '\t',
                ..
            }
        ),
        "{error:?}"
    );
    let error = resolve_path("/api/\u{0}", DOMAIN).expect_err("NUL");
    assert!(
        matches!(error, RequestError::InvalidCharacter { .. }),
        "{error:?}"
    );
}

#[test]
fn resolve_keeps_full_url() {
    assert_eq!(
        resolve_path("https://fmc.example.com/api/x?offset=25", DOMAIN),
        Ok("https://fmc.example.com/api/x?offset=25".to_owned())
    );
}

#[test]
fn prepare_get_headers() {
    let prepared = prepare(&Draft::default()).expect("prepares");
    assert_eq!(prepared.method, Method::Get);
    assert_eq!(
        prepared.url,
        format!("https://fmc.example.com/api/fmc_config/v1/domain/{DOMAIN}/object/networks")
    );
    assert_eq!(prepared.body, None);
    assert_eq!(
        prepared.exposed_headers(),
        vec![
            ("Accept".to_owned(), "application/json".to_owned()),
            ("X-auth-access-token".to_owned(), TOKEN.to_owned()),
        ]
    );
}

#[test]
fn prepare_preview_masks_token() {
    let prepared = prepare(&Draft::default()).expect("prepares");
    let preview = prepared.preview_headers();
    assert_eq!(
        preview[1],
        ("X-auth-access-token".to_owned(), "••••abcd".to_owned())
    );
    let debug = format!("{prepared:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
}

#[test]
fn prepare_post_with_json() {
    let body =
        "{\n  \"name\": \"net-1\",\n  \"value\": \"192.0.2.0/24\",\n  \"type\": \"Network\"\n}";
    let prepared = prepare(&draft(Method::Post, DEFAULT_PATH, body)).expect("prepares");
    assert_eq!(prepared.body.as_deref(), Some(body));
    assert_eq!(
        prepared.preview_headers().last(),
        Some(&("Content-Type".to_owned(), "application/json".to_owned()))
    );
}

#[test]
fn prepare_empty_post_body_not_sent() {
    let prepared = prepare(&draft(Method::Post, DEFAULT_PATH, "  \n ")).expect("prepares");
    assert_eq!(prepared.body, None);
    assert_eq!(prepared.headers.len(), 2);
}

#[test]
fn prepare_body_not_allowed() {
    for method in [Method::Get, Method::Delete] {
        let error = prepare(&draft(method, DEFAULT_PATH, "{}")).expect_err("body rejected");
        assert_eq!(error, RequestError::BodyNotAllowed { method });
        assert!(error.to_string().contains(method.as_str()), "{error}");
        assert!(error.to_string().contains("POST or PUT"), "{error}");
    }
    assert!(prepare(&draft(Method::Delete, DEFAULT_PATH, " \n")).is_ok());
}

#[test]
fn prepare_invalid_json_position() {
    let body = "{\n  \"name\": \"net-1\",\n  \"value\": 192.0.2.0\n}";
    let error = prepare(&draft(Method::Put, DEFAULT_PATH, body)).expect_err("invalid JSON");
    let RequestError::InvalidJson {
        line,
        column,
        message,
    } = &error
    else {
        panic!("expected InvalidJson, got {error:?}");
    };
    assert_eq!(*line, 3);
    assert_eq!(*column, 17);
    assert!(!message.contains("at line"), "{message}");
    assert!(error.to_string().contains("line 3, column 17"), "{error}");
}

#[test]
fn prepare_trailing_comma_json() {
    let error =
        prepare(&draft(Method::Post, DEFAULT_PATH, "{\"a\": 1,}")).expect_err("trailing comma");
    assert!(
        matches!(
            error,
            RequestError::InvalidJson {
                line: 1,
                column: 9,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn prepare_full_url_same_host() {
    let url =
        "https://fmc.example.com/api/fmc_config/v1/domain/abc/object/networks?offset=25&limit=25";
    let prepared = prepare(&draft(Method::Get, url, "")).expect("same host");
    assert_eq!(prepared.url, url);
}

#[test]
fn prepare_full_url_other_host() {
    for url in [
        "https://evil.test/api",
        "http://fmc.example.com/api",
        "https://fmc.example.com:8443/api",
        "https://fmc.example.com.evil.test/api",
        "https://fmc.example.com@evil.test/api",
        "ftp://fmc.example.com/api",
    ] {
        let error = prepare(&draft(Method::Get, url, "")).expect_err("other host");
        assert_eq!(
            error,
            RequestError::OtherHost {
                url: url.to_owned(),
                host: "fmc.example.com".to_owned()
            },
            "url {url}"
        );
    }
}

#[test]
fn prepare_path_cannot_switch_host() {
    let prepared = prepare(&draft(Method::Get, "//evil.test/api", "")).expect("path on this host");
    assert_eq!(prepared.url, "https://fmc.example.com//evil.test/api");
    assert!(host().owns_url(&prepared.url));
}
