use super::*;

const ACCESS: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";
const REFRESH: &str = "0b9d7d62-2222-4d7e-8f6c-3e9d4f1a9f00";
const GLOBAL: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const DEVEL: &str = "8e2b1d2c-5a1f-11ee-9a7e-0242ac120002";
const USER: &str = "7f6a3c1e-0000-11e3-8169-6d9ed49b625f";
const AUTH_FAILED: &str = r#"{"error":{"category":"FRAMEWORK","messages":[{"description":"User authentication failed."}],"severity":"ERROR"}}"#;

fn host() -> FmcHost {
    FmcHost::parse("fmc.example.com:8443").expect("valid host")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn domains_header() -> String {
    format!(r#"[{{"name":"Global","uuid":"{GLOBAL}"}},{{"name":"Global/Devel","uuid":"{DEVEL}"}}]"#)
}

/// Returns the headers a real FMC sends with a 204 sign-in, spelled as the server sends them.
fn fmc_headers() -> Vec<(String, String)> {
    let domains = domains_header();
    pairs(&[
        ("Date", "Tue, 02 Dec 2025 10:00:00 GMT"),
        ("Server", "Apache"),
        (
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ),
        ("X-Frame-Options", "SAMEORIGIN"),
        ("X-auth-access-token", ACCESS),
        ("X-auth-refresh-token", REFRESH),
        ("USER_UUID", USER),
        ("DOMAIN_ID", "111"),
        ("DOMAIN_UUID", GLOBAL),
        ("global", GLOBAL),
        ("DOMAINS", &domains),
    ])
}

fn lower_case(headers: Vec<(String, String)>) -> Vec<(String, String)> {
    headers
        .into_iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), value))
        .collect()
}

fn without(headers: Vec<(String, String)>, name: &str) -> Vec<(String, String)> {
    headers
        .into_iter()
        .filter(|(candidate, _)| !candidate.eq_ignore_ascii_case(name))
        .collect()
}

fn with(mut headers: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    headers = without(headers, name);
    headers.push((name.to_owned(), value.to_owned()));
    headers
}

#[test]
fn sign_in_204_real_headers() {
    let sign_in = parse_sign_in(&host(), "admin", 204, &fmc_headers(), "").expect("signs in");
    assert_eq!(sign_in.access_token.expose(), ACCESS);
    assert_eq!(sign_in.refresh_token.expose(), REFRESH);
    assert_eq!(sign_in.domain_uuid, GLOBAL);
    assert_eq!(sign_in.global_uuid.as_deref(), Some(GLOBAL));
    assert_eq!(sign_in.user_uuid.as_deref(), Some(USER));
    assert_eq!(sign_in.domains.len(), 2);
    assert_eq!(sign_in.domains[1].name, "Global/Devel");
    assert!(sign_in.warnings.is_empty(), "{:?}", sign_in.warnings);
}

#[test]
fn sign_in_lower_case_names_from_fetch() {
    let sign_in =
        parse_sign_in(&host(), "admin", 204, &lower_case(fmc_headers()), "").expect("signs in");
    assert_eq!(sign_in.access_token.expose(), ACCESS);
    assert_eq!(sign_in.domains.len(), 2);
}

#[test]
fn sign_in_accepts_200() {
    assert!(parse_sign_in(&host(), "admin", 200, &fmc_headers(), "").is_ok());
}

#[test]
fn sign_in_trims_token_values() {
    let headers = with(fmc_headers(), "X-auth-access-token", &format!(" {ACCESS} "));
    let sign_in = parse_sign_in(&host(), "admin", 204, &headers, "").expect("signs in");
    assert_eq!(sign_in.access_token.expose(), ACCESS);
}

#[test]
fn sign_in_401_with_fmc_body() {
    let headers = pairs(&[("Content-Type", "application/json")]);
    let error = parse_sign_in(&host(), "admin", 401, &headers, AUTH_FAILED).expect_err("401");
    assert_eq!(
        error,
        SignInError::WrongCredentials {
            host: "fmc.example.com:8443".to_owned(),
            username: "admin".to_owned(),
            detail: Some("User authentication failed.".to_owned()),
        }
    );
    assert_eq!(
        error.to_string(),
        "fmc.example.com:8443 rejected the username or password for \"admin\" (User authentication failed). Check both and sign in again."
    );
}

#[test]
fn sign_in_401_ignores_domain_headers() {
    let error = parse_sign_in(&host(), "admin", 401, &fmc_headers(), AUTH_FAILED)
        .expect_err("401 never signs in");
    assert!(
        matches!(error, SignInError::WrongCredentials { .. }),
        "{error:?}"
    );
}

#[test]
fn sign_in_401_without_body() {
    let error = parse_sign_in(&host(), "admin", 401, &[], "").expect_err("401");
    assert_eq!(
        error.to_string(),
        "fmc.example.com:8443 rejected the username or password for \"admin\". Check both and sign in again."
    );
}

#[test]
fn sign_in_204_missing_refresh_token() {
    let headers = without(fmc_headers(), "X-auth-refresh-token");
    let error =
        parse_sign_in(&host(), "admin", 204, &headers, "").expect_err("refresh token is required");
    assert_eq!(
        error,
        SignInError::MissingHeader {
            host: "fmc.example.com:8443".to_owned(),
            header: "X-auth-refresh-token"
        }
    );
}

#[test]
fn sign_in_204_missing_domain_uuid() {
    let headers = without(fmc_headers(), "DOMAIN_UUID");
    let error =
        parse_sign_in(&host(), "admin", 204, &headers, "").expect_err("DOMAIN_UUID is required");
    assert!(
        matches!(
            error,
            SignInError::MissingHeader {
                header: "DOMAIN_UUID",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn sign_in_dash_spelling_not_accepted() {
    let headers = with(without(fmc_headers(), "DOMAIN_UUID"), "DOMAIN-UUID", GLOBAL);
    let error =
        parse_sign_in(&host(), "admin", 204, &headers, "").expect_err("dash spelling differs");
    assert!(
        matches!(
            error,
            SignInError::MissingHeader {
                header: "DOMAIN_UUID",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn sign_in_html_200_is_not_fmc() {
    let headers = pairs(&[("Content-Type", "text/html")]);
    let body = "<!DOCTYPE html><html><head><title>Firepower Device Manager</title></head></html>";
    let error = parse_sign_in(&host(), "admin", 200, &headers, body).expect_err("HTML page");
    assert_eq!(
        error,
        SignInError::NotAnFmc {
            host: "fmc.example.com:8443".to_owned(),
            status: 200
        }
    );
    assert!(
        error.to_string().contains("does not look like an FMC"),
        "{error}"
    );
    assert!(error.to_string().contains("host and port"), "{error}");
}

#[test]
fn sign_in_html_with_token_is_not_fmc() {
    let headers = with(fmc_headers(), "Content-Type", "text/html; charset=utf-8");
    let error =
        parse_sign_in(&host(), "admin", 200, &headers, "<html></html>").expect_err("HTML page");
    assert!(matches!(error, SignInError::NotAnFmc { .. }), "{error:?}");
}

#[test]
fn sign_in_2xx_without_token_is_not_fmc() {
    let headers = pairs(&[("Content-Type", "application/json")]);
    let error = parse_sign_in(&host(), "admin", 204, &headers, "").expect_err("no token");
    assert!(
        matches!(error, SignInError::NotAnFmc { status: 204, .. }),
        "{error:?}"
    );
}

#[test]
fn sign_in_other_statuses() {
    for status in [201, 301, 302, 404, 405] {
        let error =
            parse_sign_in(&host(), "admin", status, &fmc_headers(), "").expect_err("not a sign-in");
        assert!(
            matches!(error, SignInError::NotAnFmc { .. }),
            "{status}: {error:?}"
        );
    }
}

#[test]
fn sign_in_other_status_with_fmc_body() {
    let body = r#"{"error":{"messages":[{"description":"Method not supported."}]}}"#;
    let error = parse_sign_in(&host(), "admin", 405, &[], body).expect_err("405");
    assert!(
        matches!(&error, SignInError::Unexpected { status: 405, detail: Some(detail), .. } if detail == "Method not supported."),
        "{error:?}"
    );
}

#[test]
fn sign_in_403() {
    let body = r#"{"error":{"messages":[{"description":"The user is not authorized"}]}}"#;
    let error = parse_sign_in(&host(), "apiuser", 403, &[], body).expect_err("403");
    assert!(matches!(error, SignInError::Forbidden { .. }), "{error:?}");
    assert!(error.to_string().contains("\"apiuser\""), "{error}");
    assert!(
        error.to_string().contains("The user is not authorized"),
        "{error}"
    );
}

#[test]
fn sign_in_429_with_retry_after() {
    let headers = pairs(&[("Retry-After", " 30 ")]);
    let error = parse_sign_in(&host(), "admin", 429, &headers, "").expect_err("429");
    assert_eq!(
        error,
        SignInError::RateLimited {
            host: "fmc.example.com:8443".to_owned(),
            retry_after_secs: Some(30)
        }
    );
    assert!(error.to_string().contains("Wait 30 s"), "{error}");
}

#[test]
fn sign_in_429_retry_after_date_ignored() {
    let headers = pairs(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]);
    let error =
        parse_sign_in(&host(), "admin", 429, &headers, "<html>busy</html>").expect_err("429");
    assert!(
        matches!(
            error,
            SignInError::RateLimited {
                retry_after_secs: None,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("Wait a minute"), "{error}");
}

#[test]
fn sign_in_5xx() {
    let body = r#"{"error":{"messages":[{"description":"Internal error."}]}}"#;
    let error = parse_sign_in(&host(), "admin", 500, &[], body).expect_err("500");
    assert_eq!(
        error,
        SignInError::ServerError {
            host: "fmc.example.com:8443".to_owned(),
            status: 500,
            detail: Some("Internal error.".to_owned())
        }
    );
    let html =
        parse_sign_in(&host(), "admin", 503, &[], "<html>Upgrading</html>").expect_err("503");
    assert!(
        matches!(
            html,
            SignInError::ServerError {
                status: 503,
                detail: None,
                ..
            }
        ),
        "{html:?}"
    );
}

#[test]
fn sign_in_invalid_token_values() {
    for value in ["", "   ", "abc def", "tök", &"a".repeat(2000)] {
        let headers = with(fmc_headers(), "X-auth-access-token", value);
        let error = parse_sign_in(&host(), "admin", 204, &headers, "").expect_err("invalid token");
        assert!(
            matches!(
                error,
                SignInError::InvalidTokenValue {
                    header: "X-auth-access-token",
                    ..
                }
            ),
            "{value:?}: {error:?}"
        );
        if !value.trim().is_empty() {
            assert!(!error.to_string().contains(value), "{error}");
        }
    }
}

#[test]
fn sign_in_domains_missing_falls_back() {
    let headers = without(fmc_headers(), "DOMAINS");
    let sign_in = parse_sign_in(&host(), "admin", 204, &headers, "").expect("signs in");
    assert_eq!(
        sign_in.domains,
        vec![Domain {
            name: "Global".to_owned(),
            uuid: GLOBAL.to_owned()
        }]
    );
    assert_eq!(sign_in.warnings.len(), 1);
    assert!(
        sign_in.warnings[0].contains("no DOMAINS header"),
        "{:?}",
        sign_in.warnings
    );
}

#[test]
fn sign_in_domains_malformed_falls_back() {
    for value in ["not json", "{}", "[]", r#"[{"name":"Global"}]"#] {
        let headers = with(fmc_headers(), "DOMAINS", value);
        let sign_in = parse_sign_in(&host(), "admin", 204, &headers, "").expect("signs in");
        assert_eq!(sign_in.domains.len(), 1, "{value}");
        assert_eq!(sign_in.domains[0].uuid, GLOBAL, "{value}");
        assert_eq!(sign_in.warnings.len(), 1, "{value}");
        assert!(
            sign_in.warnings[0].contains("DOMAINS"),
            "{value}: {:?}",
            sign_in.warnings
        );
    }
}

#[test]
fn sign_in_fallback_name_for_child_default() {
    let headers = with(without(fmc_headers(), "DOMAINS"), "DOMAIN_UUID", DEVEL);
    let sign_in = parse_sign_in(&host(), "admin", 204, &headers, "").expect("signs in");
    assert_eq!(sign_in.domains[0].name, "Default domain");
    assert_eq!(sign_in.domains[0].uuid, DEVEL);
}

#[test]
fn sign_in_default_domain_added_when_unlisted() {
    let other = "11111111-2222-3333-4444-555555555555";
    let headers = with(fmc_headers(), "DOMAIN_UUID", other);
    let sign_in = parse_sign_in(&host(), "admin", 204, &headers, "").expect("signs in");
    assert_eq!(sign_in.domains.len(), 3);
    assert_eq!(sign_in.domains[0].uuid, other);
    assert_eq!(sign_in.warnings.len(), 1);
}

#[test]
fn sign_in_optional_headers_missing() {
    let headers = without(without(fmc_headers(), "global"), "USER_UUID");
    let sign_in = parse_sign_in(&host(), "admin", 204, &headers, "").expect("signs in");
    assert_eq!(sign_in.global_uuid, None);
    assert_eq!(sign_in.user_uuid, None);
}

#[test]
fn sign_in_debug_hides_tokens() {
    let sign_in = parse_sign_in(&host(), "admin", 204, &fmc_headers(), "").expect("signs in");
    let debug = format!("{sign_in:?}");
    assert!(!debug.contains(ACCESS), "{debug}");
    assert!(!debug.contains(REFRESH), "{debug}");
}

#[test]
fn refresh_204_new_tokens() {
    let headers = with(
        fmc_headers(),
        "X-auth-access-token",
        "new-access-0000-0000-000000000001",
    );
    let refreshed = parse_refresh(&host(), 204, &headers, "").expect("refreshes");
    assert_eq!(
        refreshed.access_token.expose(),
        "new-access-0000-0000-000000000001"
    );
    assert_eq!(refreshed.refresh_token.expose(), REFRESH);
    assert_eq!(refreshed.domains.len(), 2);
}

#[test]
fn refresh_401_invalid_refresh_token() {
    let body = r#"{"error":{"category":"FRAMEWORK","messages":[{"description":"Invalid refresh token"}],"severity":"ERROR"}}"#;
    let error = parse_refresh(&host(), 401, &fmc_headers(), body).expect_err("401");
    assert_eq!(
        error,
        RefreshError::InvalidRefreshToken {
            host: "fmc.example.com:8443".to_owned(),
            detail: Some("Invalid refresh token".to_owned())
        }
    );
    assert!(error.to_string().contains("Sign in again"), "{error}");
}

#[test]
fn refresh_400_no_refresh_token() {
    let body = r#"{"error":{"messages":[{"description":"No refresh token found"}]}}"#;
    let error = parse_refresh(&host(), 400, &[], body).expect_err("400");
    assert!(
        matches!(error, RefreshError::NoRefreshToken { .. }),
        "{error:?}"
    );
}

#[test]
fn refresh_404_not_found() {
    let error = parse_refresh(&host(), 404, &[], "").expect_err("404");
    assert_eq!(
        error,
        RefreshError::NotFound {
            host: "fmc.example.com:8443".to_owned()
        }
    );
}

#[test]
fn refresh_429_and_5xx() {
    let headers = pairs(&[("Retry-After", "12")]);
    assert_eq!(
        parse_refresh(&host(), 429, &headers, ""),
        Err(RefreshError::RateLimited {
            host: "fmc.example.com:8443".to_owned(),
            retry_after_secs: Some(12)
        })
    );
    assert!(matches!(
        parse_refresh(&host(), 502, &[], ""),
        Err(RefreshError::ServerError { status: 502, .. })
    ));
}

#[test]
fn refresh_unexpected() {
    assert!(matches!(
        parse_refresh(
            &host(),
            200,
            &pairs(&[("Content-Type", "text/html")]),
            "<html></html>"
        ),
        Err(RefreshError::Unexpected { status: 200, .. })
    ));
    assert!(matches!(
        parse_refresh(&host(), 302, &[], ""),
        Err(RefreshError::Unexpected { status: 302, .. })
    ));
}

#[test]
fn refresh_204_missing_headers() {
    let error = parse_refresh(
        &host(),
        204,
        &without(fmc_headers(), "X-auth-access-token"),
        "",
    )
    .expect_err("no token");
    assert!(
        matches!(
            error,
            RefreshError::MissingHeader {
                header: "X-auth-access-token",
                ..
            }
        ),
        "{error:?}"
    );
    let error = parse_refresh(
        &host(),
        204,
        &without(fmc_headers(), "X-auth-refresh-token"),
        "",
    )
    .expect_err("no token");
    assert!(
        matches!(
            error,
            RefreshError::MissingHeader {
                header: "X-auth-refresh-token",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn refresh_invalid_token_value() {
    let headers = with(fmc_headers(), "X-auth-refresh-token", "bad token");
    let error = parse_refresh(&host(), 204, &headers, "").expect_err("invalid");
    assert!(
        matches!(
            error,
            RefreshError::InvalidTokenValue {
                header: "X-auth-refresh-token",
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn sign_in_missing_access_token_named() {
    let headers = without(fmc_headers(), "X-auth-access-token");
    let error = parse_sign_in(&host(), "admin", 204, &headers, "").expect_err("no access token");

    assert_eq!(
        error,
        SignInError::MissingHeader {
            host: "fmc.example.com:8443".to_owned(),
            header: ACCESS_TOKEN,
        }
    );
    assert!(
        error
            .to_string()
            .contains("sent no X-auth-access-token header"),
        "{error}"
    );
}
