//! The API specification routes and the `/_sim/delay` injection.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::*;

const SWAGGER: &str = "/api/api-explorer/fmc.json";
const OPENAPI: &str = "/api/api-explorer/fmc_oas3.json";
const NETWORK_ITEM: &str = "/fmc_config/v1/domain/{domainUUID}/object/networks/{objectId}";

/// GETs `path` and returns its status, body length and JSON.
async fn get_spec(sim: &TestSim, path: &str, access_token: &str) -> (StatusCode, usize, Value) {
    let response = sim
        .request(Method::GET, path, access_token)
        .send()
        .await
        .expect("spec request");
    let status = response.status();
    let text = response.text().await.expect("spec body");
    let json = serde_json::from_str(&text).expect("spec is JSON");
    (status, text.len(), json)
}

fn operation_count(paths: &Value) -> usize {
    paths
        .as_object()
        .expect("paths object")
        .values()
        .map(|item| item.as_object().expect("path item").len())
        .sum()
}

#[tokio::test]
async fn swagger_spec_served() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let (status, length, spec) = get_spec(&sim, SWAGGER, &tokens.access).await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["swagger"], "2.0");
    assert_eq!(spec["basePath"], "/api");
    assert!(length > 300_000, "{length} bytes");
    let paths = spec["paths"].as_object().expect("paths");
    assert!(paths.len() > 300, "{} paths", paths.len());
    let operations = operation_count(&spec["paths"]);
    assert!(operations > 500, "{operations} operations");
    let item = &spec["paths"][NETWORK_ITEM];
    assert_eq!(item["get"]["operationId"], "getNetworkObject");
    assert_eq!(item["delete"]["tags"][0], "Object");
    let list = &spec["paths"]["/fmc_config/v1/domain/{domainUUID}/object/networks"];
    let query: Vec<&str> = list["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter(|parameter| parameter["in"] == "query")
        .filter_map(|parameter| parameter["name"].as_str())
        .collect();
    assert_eq!(query, ["offset", "limit", "expanded", "filter"]);
    assert_eq!(list["post"]["parameters"][1]["name"], "bulk");
    sim.stop().await;
}

#[tokio::test]
async fn openapi_spec_served() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let (status, _, spec) = get_spec(&sim, OPENAPI, &tokens.access).await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.0.1");
    assert_eq!(spec["servers"][0]["url"], "/api");
    let rules =
        "/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/accessrules";
    assert_eq!(
        spec["paths"][rules]["get"]["operationId"],
        "getAllAccessRule"
    );
    assert!(spec["paths"][format!("{rules}/{{objectId}}")]["put"]["requestBody"].is_object());
    assert!(spec["components"]["schemas"]["NetworkObject"].is_object());
    sim.stop().await;
}

#[tokio::test]
async fn spec_needs_access_token() {
    let sim = TestSim::start(&[]).await;

    for path in [SWAGGER, OPENAPI] {
        let (status, body) = sim.get_json(path, "not-a-token").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(error_description(&body), "Access token invalid.");
    }
    sim.stop().await;
}

#[tokio::test]
async fn delay_holds_next_request() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let queued = sim
        .client
        .post(sim.url("/_sim/delay"))
        .json(&json!({"delayMs": 700, "method": "get"}))
        .send()
        .await
        .expect("delay request");
    assert_eq!(queued.status(), StatusCode::OK);

    let started = Instant::now();
    let (status, _) = sim.get_json(&networks_path(GLOBAL), &tokens.access).await;
    let delayed = started.elapsed();
    let cleared: Value = sim
        .client
        .delete(sim.url("/_sim/delay"))
        .send()
        .await
        .expect("clear request")
        .json()
        .await
        .expect("JSON body");

    assert_eq!(status, StatusCode::OK);
    // The sleep sets a lower bound only, so this cannot fail on a slow machine.
    assert!(delayed >= Duration::from_millis(700), "{delayed:?}");
    assert_eq!(cleared["cleared"], 0, "the delay was used up");
    sim.stop().await;
}

#[tokio::test]
async fn delay_out_of_range_rejected() {
    let sim = TestSim::start(&[]).await;

    let response = sim
        .client
        .post(sim.url("/_sim/delay"))
        .json(&json!({"delayMs": 0}))
        .send()
        .await
        .expect("delay request");

    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("JSON error");
    assert!(error_description(&body).contains("delayMs 0"), "{body}");
    sim.stop().await;
}
