//! Generate token: headers, wrong credentials, and sessions ended by a new sign-in.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::*;

const TOKEN_AND_DOMAIN_HEADERS: [&str; 7] = [
    "x-auth-access-token",
    "x-auth-refresh-token",
    "domain_uuid",
    "global",
    "domains",
    "user_uuid",
    "domain_id",
];

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} header missing"))
        .to_str()
        .expect("header is text")
}

#[tokio::test]
async fn admin_sign_in_headers() {
    let sim = TestSim::start(&[]).await;

    let response = sim.generate_token(ADMIN).await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(Uuid::parse_str(header(&response, "x-auth-access-token")).is_ok());
    assert!(Uuid::parse_str(header(&response, "x-auth-refresh-token")).is_ok());
    assert_eq!(header(&response, "domain_uuid"), GLOBAL);
    assert_eq!(header(&response, "global"), GLOBAL);
    assert_eq!(header(&response, "domain_id"), "111");
    assert!(Uuid::parse_str(header(&response, "user_uuid")).is_ok());
    assert_eq!(header(&response, "server"), "Apache");
    assert!(response.headers().contains_key("strict-transport-security"));
    assert!(response.headers().contains_key("x-frame-options"));

    let domains: Value = serde_json::from_str(header(&response, "domains")).unwrap();
    assert_eq!(
        domains,
        json!([
            { "name": "Global", "uuid": GLOBAL },
            { "name": "Global/Devel", "uuid": DEVEL },
            { "name": "Global/Prod", "uuid": PROD },
            { "name": "Global/Prod/East", "uuid": PROD_EAST },
        ])
    );
    assert!(response.bytes().await.unwrap().is_empty());
    sim.stop().await;
}

#[tokio::test]
async fn api_user_non_ascii_password() {
    let sim = TestSim::start(&[]).await;

    let response = sim.generate_token(API_USER).await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&response, "domain_uuid"), DEVEL);
    assert_eq!(header(&response, "global"), GLOBAL);
    let domains: Value = serde_json::from_str(header(&response, "domains")).unwrap();
    assert_eq!(domains, json!([{ "name": "Global/Devel", "uuid": DEVEL }]));
    sim.stop().await;
}

#[tokio::test]
async fn wrong_password_401() {
    let sim = TestSim::start(&[]).await;

    for credentials in [
        ("admin", "admin123"),
        ("apiuser", "Pa:ss word1"),
        ("nobody", "x"),
    ] {
        let response = sim.generate_token(credentials).await;

        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "{credentials:?}"
        );
        for name in TOKEN_AND_DOMAIN_HEADERS {
            assert!(
                !response.headers().contains_key(name),
                "{name} must be absent"
            );
        }
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            body,
            json!({"error":{"category":"FRAMEWORK","messages":[{"description":"User authentication failed."}],"severity":"ERROR"}})
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn missing_credentials_401() {
    let sim = TestSim::start(&[]).await;

    let response = sim
        .client
        .post(sim.url(GENERATE_TOKEN))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(!response.headers().contains_key("x-auth-access-token"));
    sim.stop().await;
}

#[tokio::test]
async fn generate_token_needs_post() {
    let sim = TestSim::start(&[]).await;

    let response = sim
        .client
        .get(sim.url(GENERATE_TOKEN))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    sim.stop().await;
}

#[tokio::test]
async fn second_sign_in_ends_first() {
    let sim = TestSim::start(&[]).await;
    let first = sim.sign_in(ADMIN).await;
    let other_user = sim.sign_in(API_USER).await;

    let second = sim.sign_in(ADMIN).await;

    let (status, body) = sim
        .get_json("/api/fmc_platform/v1/info/domain", &first.access)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_description(&body), "Access token invalid.");

    let refresh = sim.refresh(REFRESH_TOKEN, &first).await;
    assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);

    let (status, _) = sim
        .get_json("/api/fmc_platform/v1/info/domain", &second.access)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = sim
        .get_json("/api/fmc_platform/v1/info/domain", &other_user.access)
        .await;
    assert_eq!(status, StatusCode::OK, "another user's session stays open");
    sim.stop().await;
}

#[tokio::test]
async fn api_without_token_401() {
    let sim = TestSim::start(&[]).await;

    for path in [
        "/api/fmc_platform/v1/info/serverversion",
        "/api/no/such/path",
    ] {
        let response = sim.client.get(sim.url(path)).send().await.unwrap();

        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(error_description(&body), "Access token invalid.");
    }
    sim.stop().await;
}

#[tokio::test]
async fn unknown_path_with_token_404() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let (status, body) = sim
        .get_json("/api/fmc_config/v1/no/such/path", &tokens.access)
        .await;

    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!error_description(&body).is_empty());
    sim.stop().await;
}

#[tokio::test]
async fn server_version_and_domains() {
    let sim = TestSim::start(&["--server-version", "7.4.1 (build 172)"]).await;
    let tokens = sim.sign_in(API_USER).await;

    let (status, body) = sim
        .get_json("/api/fmc_platform/v1/info/serverversion", &tokens.access)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["items"][0]["serverVersion"], "7.4.1 (build 172)");
    assert_eq!(body["items"][0]["type"], "ServerVersion");
    assert_eq!(body["paging"]["count"], 1);

    let (status, body) = sim
        .get_json("/api/fmc_platform/v1/info/domain", &tokens.access)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["items"],
        json!([{ "name": "Global/Devel", "uuid": DEVEL, "type": "Domain" }])
    );
    sim.stop().await;
}

#[tokio::test]
async fn landing_page_needs_no_token() {
    let sim = TestSim::start(&[]).await;

    let response = sim.client.get(sim.url("/")).send().await.unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(text.contains("return to the extension"), "{text}");
    sim.stop().await;
}

#[tokio::test]
async fn stats_list_token_paths() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    sim.get_json("/api/fmc_platform/v1/info/domain", &tokens.access)
        .await;
    let object_path = format!("{}/some-id", networks_path(GLOBAL));
    let _ = sim
        .request(Method::GET, &object_path, &tokens.access)
        .send()
        .await
        .unwrap();
    let _ = sim.generate_token(("admin", "wrong")).await;

    let stats = sim.stats().await;

    assert_eq!(stats["signIns"], 1);
    assert_eq!(stats["signInFailures"], 1);
    assert_eq!(stats["requestsByStatus"]["204"], 1);
    assert_eq!(stats["requestsByStatus"]["401"], 1);
    assert_eq!(stats["requestsByStatus"]["404"], 1);
    assert_eq!(
        stats["requestsByStatus"]["200"], 1,
        "only the domain request"
    );
    let again = sim.stats().await;
    assert_eq!(
        again["requestsByStatus"], stats["requestsByStatus"],
        "reading the stats must not count as an FMC request"
    );
    assert_eq!(
        stats["accessTokens"][&tokens.access],
        json!({
            "user": "admin",
            "pathPrefixes": [networks_path(GLOBAL), "/api/fmc_platform/v1/info/domain"],
        })
    );
    sim.stop().await;
}
