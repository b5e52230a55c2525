//! Rate limits, injected faults and trimmed pages, over HTTPS.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::*;

const SERVER_VERSION: &str = "/api/fmc_platform/v1/info/serverversion";

impl TestSim {
    async fn inject(&self, body: Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(self.url("/_sim/inject"))
            .json(&body)
            .send()
            .await
            .expect("inject request");
        let status = response.status();
        (status, response.json().await.expect("inject JSON"))
    }

    async fn status_of(&self, path: &str, access_token: &str) -> StatusCode {
        self.request(Method::GET, path, access_token)
            .send()
            .await
            .expect("GET request")
            .status()
    }
}

#[tokio::test]
async fn rate_limit_answers_429_in_fmc_shape() {
    let sim = TestSim::start(&["--rate-limit", "3", "--retry-after", "9"]).await;
    // The sign-in is the first of the three requests of this minute.
    let tokens = sim.sign_in(ADMIN).await;

    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::OK
    );
    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::OK
    );
    let response = sim
        .request(Method::GET, SERVER_VERSION, &tokens.access)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "9");
    let body: Value = response.json().await.unwrap();
    assert!(
        error_description(&body).contains("more than 3 requests"),
        "{body}"
    );
    let stats = sim.stats().await;
    assert_eq!(stats["rateLimited"], 1);
    assert_eq!(stats["requestsByStatus"]["429"], 1);
    sim.stop().await;
}

#[tokio::test]
async fn rate_limit_counts_per_user() {
    let sim = TestSim::start(&["--rate-limit", "2"]).await;
    let admin = sim.sign_in(ADMIN).await;
    let api_user = sim.sign_in(API_USER).await;

    assert_eq!(
        sim.status_of(SERVER_VERSION, &admin.access).await,
        StatusCode::OK
    );
    assert_eq!(
        sim.status_of(SERVER_VERSION, &admin.access).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        sim.status_of(SERVER_VERSION, &api_user.access).await,
        StatusCode::OK
    );
    sim.stop().await;
}

#[tokio::test]
async fn rate_limit_frees_after_a_minute() {
    let sim = TestSim::start(&["--rate-limit", "1"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::TOO_MANY_REQUESTS
    );

    sim.sim
        .state()
        .clock
        .advance(std::time::Duration::from_secs(60));

    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::OK
    );
    sim.stop().await;
}

#[tokio::test]
async fn no_retry_after_by_default() {
    let sim = TestSim::start(&["--rate-limit", "1"]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let response = sim
        .request(Method::GET, SERVER_VERSION, &tokens.access)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().get("retry-after").is_none());
    sim.stop().await;
}

#[tokio::test]
async fn zero_rate_limit_is_off() {
    let sim = TestSim::start(&["--rate-limit", "0"]).await;
    let tokens = sim.sign_in(ADMIN).await;

    for _ in 0..150 {
        assert_eq!(
            sim.status_of(SERVER_VERSION, &tokens.access).await,
            StatusCode::OK
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn injected_status_after_requests() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let (status, queued) = sim
        .inject(json!({ "status": 503, "after": 1, "retry_after": 4 }))
        .await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(queued["pending"][0]["skip"], 1);
    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::OK
    );
    let response = sim
        .request(Method::GET, SERVER_VERSION, &tokens.access)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "4");
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_description(&body), "Service unavailable.");
    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::OK
    );
    assert_eq!(sim.stats().await["injected"], json!({ "503": 1 }));
    sim.stop().await;
}

#[tokio::test]
async fn injections_skip_sign_in() {
    let sim = TestSim::start(&[]).await;
    sim.inject(json!({ "status": 500 })).await;

    let tokens = sim.sign_in(ADMIN).await;

    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    sim.stop().await;
}

#[tokio::test]
async fn injected_drop_closes_connection() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    sim.inject(json!({ "drop_connection": 1 })).await;

    let result = async {
        let response = sim
            .request(Method::GET, SERVER_VERSION, &tokens.access)
            .send()
            .await?;
        response.bytes().await
    }
    .await;

    assert!(
        result.is_err(),
        "expected a failed response, got {result:?}"
    );
    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::OK
    );
    assert_eq!(sim.stats().await["injected"]["dropConnection"], 1);
    sim.stop().await;
}

#[tokio::test]
async fn injected_expiry_needs_refresh() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    sim.inject(json!({ "expire_access_tokens": true })).await;

    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::UNAUTHORIZED
    );
    let refreshed = sim.refresh(REFRESH_TOKEN, &tokens).await;
    assert_eq!(refreshed.status(), StatusCode::NO_CONTENT);
    let renewed = Tokens::from_response(&refreshed);

    assert_eq!(
        sim.status_of(SERVER_VERSION, &renewed.access).await,
        StatusCode::OK
    );
    assert_eq!(sim.stats().await["injected"]["expireAccessTokens"], 1);
    sim.stop().await;
}

#[tokio::test]
async fn injection_by_method_and_clear() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    sim.inject(json!({ "status": 502, "method": "POST", "count": 3 }))
        .await;

    assert_eq!(
        sim.status_of(SERVER_VERSION, &tokens.access).await,
        StatusCode::OK
    );
    let cleared: Value = sim
        .client
        .delete(sim.url("/_sim/inject"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["cleared"], 1);
    let response = sim
        .request(Method::POST, &networks_path(GLOBAL), &tokens.access)
        .json(&json!({ "name": "after-clear", "value": "10.9.9.0/24", "type": "Network" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    sim.stop().await;
}

#[tokio::test]
async fn invalid_injection_rejected() {
    let sim = TestSim::start(&[]).await;

    let (status, body) = sim
        .inject(json!({ "status": 503, "drop_connection": 1 }))
        .await;

    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        error_description(&body).contains("exactly one fault"),
        "{body}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn trim_limit_every_halves_pages() {
    let sim = TestSim::start(&["--trim-limit-every", "2"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = networks_path(GLOBAL);

    let (_, first) = sim
        .get_json(&format!("{path}?offset=0&limit=100"), &tokens.access)
        .await;
    let (_, second) = sim
        .get_json(&format!("{path}?offset=100&limit=100"), &tokens.access)
        .await;

    assert_eq!(first["items"].as_array().unwrap().len(), 100);
    assert_eq!(second["items"].as_array().unwrap().len(), 50);
    assert_eq!(second["paging"]["limit"], 50);
    assert!(
        second["paging"]["next"][0]
            .as_str()
            .unwrap()
            .contains("offset=150&limit=50"),
        "{second}"
    );
    assert_eq!(sim.stats().await["trimmedPages"], 1);
    sim.stop().await;
}
