//! Refresh, revoke and expiry of access tokens.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::*;

const DOMAIN_INFO: &str = "/api/fmc_platform/v1/info/domain";

#[tokio::test]
async fn three_refreshes_then_401() {
    let sim = TestSim::start(&[]).await;
    let mut tokens = sim.sign_in(ADMIN).await;

    for round in 1..=3 {
        let response = sim.refresh(REFRESH_TOKEN, &tokens).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "refresh {round}");
        assert_eq!(response.headers()["domain_uuid"], GLOBAL);
        assert!(response.headers().contains_key("domains"));
        let new = Tokens::from_response(&response);
        assert_ne!(new.access, tokens.access, "refresh {round} access token");
        assert_ne!(new.refresh, tokens.refresh, "refresh {round} refresh token");

        let (status, _) = sim.get_json(DOMAIN_INFO, &tokens.access).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "old access token after refresh {round}"
        );
        let (status, _) = sim.get_json(DOMAIN_INFO, &new.access).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "new access token after refresh {round}"
        );
        tokens = new;
    }

    let response = sim.refresh(REFRESH_TOKEN, &tokens).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(!response.headers().contains_key("x-auth-access-token"));
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_description(&body), "Invalid refresh token");

    let stats = sim.stats().await;
    assert_eq!(stats["refreshes"]["refreshtoken"], 3);
    assert_eq!(stats["refreshFailures"], 1);
    sim.stop().await;
}

#[tokio::test]
async fn max_refreshes_flag() {
    let sim = TestSim::start(&["--max-refreshes", "1"]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let first = sim.refresh(REFRESH_TOKEN, &tokens).await;
    assert_eq!(first.status(), StatusCode::NO_CONTENT);
    let second = sim
        .refresh(REFRESH_TOKEN, &Tokens::from_response(&first))
        .await;

    assert_eq!(second.status(), StatusCode::UNAUTHORIZED);
    sim.stop().await;
}

#[tokio::test]
async fn used_refresh_token_401() {
    let sim = TestSim::start(&[]).await;
    let old = sim.sign_in(ADMIN).await;
    let response = sim.refresh(REFRESH_TOKEN, &old).await;
    let new = Tokens::from_response(&response);

    let replay = Tokens {
        access: new.access,
        refresh: old.refresh,
    };
    let response = sim.refresh(REFRESH_TOKEN, &replay).await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    sim.stop().await;
}

#[tokio::test]
async fn refresh_without_refresh_header_400() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let response = sim
        .request(Method::POST, REFRESH_TOKEN, &tokens.access)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_description(&body), "No refresh token found");
    sim.stop().await;
}

#[tokio::test]
async fn refresh_with_other_sessions_access_token_401() {
    let sim = TestSim::start(&[]).await;
    let admin = sim.sign_in(ADMIN).await;
    let api_user = sim.sign_in(API_USER).await;

    let mixed = Tokens {
        access: api_user.access,
        refresh: admin.refresh,
    };
    let response = sim.refresh(REFRESH_TOKEN, &mixed).await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    sim.stop().await;
}

#[tokio::test]
async fn hyphen_spelling_refreshes() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(API_USER).await;

    let response = sim.refresh(REFRESH_HYPHEN_TOKEN, &tokens).await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(response.headers()["domain_uuid"], DEVEL);
    let stats = sim.stats().await;
    assert_eq!(stats["refreshes"]["refresh-token"], 1);
    assert_eq!(stats["refreshes"]["refreshtoken"], 0);
    sim.stop().await;
}

#[tokio::test]
async fn disabled_spelling_404() {
    let only_classic = TestSim::start(&["--refresh-path-spelling", "refreshtoken"]).await;
    let tokens = only_classic.sign_in(ADMIN).await;

    let response = only_classic.refresh(REFRESH_HYPHEN_TOKEN, &tokens).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.unwrap();
    assert!(!error_description(&body).is_empty());
    let response = only_classic.refresh(REFRESH_TOKEN, &tokens).await;
    assert_eq!(
        response.status(),
        StatusCode::NO_CONTENT,
        "the enabled spelling still works"
    );
    only_classic.stop().await;

    let only_hyphen = TestSim::start(&["--refresh-path-spelling", "refresh-token"]).await;
    let tokens = only_hyphen.sign_in(ADMIN).await;

    let response = only_hyphen.refresh(REFRESH_TOKEN, &tokens).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = only_hyphen.refresh(REFRESH_HYPHEN_TOKEN, &tokens).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    only_hyphen.stop().await;
}

#[tokio::test]
async fn disabled_spelling_404_with_expired_token() {
    let sim = TestSim::start(&["--refresh-path-spelling", "refreshtoken"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    sim.sim.state().clock.advance(Duration::from_secs(3600));

    let response = sim.refresh(REFRESH_HYPHEN_TOKEN, &tokens).await;

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    sim.stop().await;
}

#[tokio::test]
async fn revoke_ends_session() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let response = sim
        .request(Method::POST, REVOKE_ACCESS, &tokens.access)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (status, body) = sim.get_json(DOMAIN_INFO, &tokens.access).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_description(&body), "Access token invalid.");
    let refresh = sim.refresh(REFRESH_TOKEN, &tokens).await;
    assert_eq!(refresh.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(sim.stats().await["revokes"], 1);
    sim.stop().await;
}

#[tokio::test]
async fn expired_token_401_then_refresh() {
    let sim = TestSim::start(&["--access-token-lifetime", "1"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let (status, _) = sim.get_json(DOMAIN_INFO, &tokens.access).await;
    assert_eq!(status, StatusCode::OK);

    tokio::time::sleep(Duration::from_millis(1300)).await;

    let (status, body) = sim.get_json(DOMAIN_INFO, &tokens.access).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_description(&body), "Access token invalid.");

    let response = sim.refresh(REFRESH_TOKEN, &tokens).await;
    assert_eq!(
        response.status(),
        StatusCode::NO_CONTENT,
        "an expired access token may be refreshed"
    );
    let new = Tokens::from_response(&response);
    let (status, _) = sim.get_json(DOMAIN_INFO, &new.access).await;
    assert_eq!(status, StatusCode::OK);
    sim.stop().await;
}

#[tokio::test]
async fn advanced_clock_expires_token() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    sim.sim.state().clock.advance(Duration::from_secs(1800));

    let (status, _) = sim.get_json(DOMAIN_INFO, &tokens.access).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    sim.stop().await;
}
