//! Paging of the network list: offset, limit, expanded, next, the page cap
//! and the empty-result shape.

use std::collections::HashSet;

use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::*;

fn items(body: &Value) -> &Vec<Value> {
    body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("items missing: {body}"))
}

#[tokio::test]
async fn default_page_of_25() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = networks_path(GLOBAL);

    let (status, body) = sim.get_json(&path, &tokens.access).await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(items(&body).len(), 25);
    assert_eq!(
        body["paging"],
        json!({
            "offset": 0, "limit": 25, "count": 3000, "pages": 120,
            "next": [sim.url(&format!("{path}?offset=25&limit=25&expanded=false"))],
        })
    );
    assert_eq!(body["links"]["self"], sim.url(&path));
    let first = &items(&body)[0];
    assert_eq!(first["name"], "net-00001");
    assert_eq!(first["type"], "Network");
    assert!(first["links"]["self"].is_string());
    assert!(
        first.get("value").is_none(),
        "condensed items have no value"
    );
    sim.stop().await;
}

#[tokio::test]
async fn expanded_items_are_full() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = format!("{}?offset=10&limit=5&expanded=true", networks_path(GLOBAL));

    let (_, body) = sim.get_json(&path, &tokens.access).await;

    let list = items(&body);
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["name"], "net-00011");
    assert_eq!(list[0]["value"], "10.0.11.0/24");
    assert_eq!(list[0]["overridable"], false);
    assert!(list[0]["description"].is_string());
    assert_eq!(list[0]["metadata"]["domain"]["name"], "Global");
    assert_eq!(list[0]["metadata"]["domain"]["id"], GLOBAL);
    let next = body["paging"]["next"][0].as_str().unwrap();
    assert!(next.ends_with("?offset=15&limit=5&expanded=true"), "{next}");
    sim.stop().await;
}

#[tokio::test]
async fn limit_trimmed_to_page_cap() {
    let sim = TestSim::start(&["--page-cap", "100"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = format!("{}?limit=5000", networks_path(GLOBAL));

    let (_, body) = sim.get_json(&path, &tokens.access).await;

    assert_eq!(items(&body).len(), 100);
    assert_eq!(body["paging"]["limit"], 100);
    assert_eq!(body["paging"]["pages"], 30);
    let next = body["paging"]["next"][0].as_str().unwrap();
    assert!(next.contains("offset=100&limit=100"), "{next}");
    sim.stop().await;
}

#[tokio::test]
async fn following_next_returns_each_object_once() {
    let sim = TestSim::start(&["--networks", "205", "--page-cap", "40"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let mut url = sim.url(&format!("{}?limit=1000", networks_path(GLOBAL)));
    let mut names = Vec::new();
    let mut pages = 0;

    loop {
        pages += 1;
        assert!(pages <= 10, "paging does not end");
        let response = sim
            .client
            .get(&url)
            .header("X-auth-access-token", &tokens.access)
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        names.extend(
            items(&body)
                .iter()
                .map(|item| item["name"].as_str().unwrap().to_owned()),
        );
        match body["paging"]["next"][0].as_str() {
            Some(next) => url = next.to_owned(),
            None => break,
        }
    }

    assert_eq!(pages, 6);
    assert_eq!(names.len(), 205);
    let unique: HashSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), 205);
    assert_eq!(names[0], "net-00001");
    assert_eq!(names[204], "net-00205");
    sim.stop().await;
}

#[tokio::test]
async fn last_page_has_no_next() {
    let sim = TestSim::start(&["--networks", "30"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = format!("{}?offset=25", networks_path(GLOBAL));

    let (_, body) = sim.get_json(&path, &tokens.access).await;

    assert_eq!(items(&body).len(), 5);
    assert!(body["paging"].get("next").is_none(), "{body}");
    assert_eq!(body["paging"]["pages"], 2);
    sim.stop().await;
}

#[tokio::test]
async fn empty_domain_shape() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let (status, body) = sim
        .get_json(&networks_path(PROD_EAST), &tokens.access)
        .await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"links":{},"paging":{"offset":0,"limit":0,"count":0,"pages":0}})
    );
    sim.stop().await;
}

#[tokio::test]
async fn offset_past_end_has_no_items() {
    let sim = TestSim::start(&["--networks", "10"]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = format!("{}?offset=50", networks_path(GLOBAL));

    let (status, body) = sim.get_json(&path, &tokens.access).await;

    assert_eq!(status, StatusCode::OK);
    assert!(body.get("items").is_none(), "{body}");
    assert_eq!(body["paging"]["count"], 10);
    sim.stop().await;
}

#[tokio::test]
async fn invalid_paging_values_400() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    for query in ["limit=abc", "offset=-5", "limit=0", "expanded=maybe"] {
        let path = format!("{}?{query}", networks_path(GLOBAL));

        let (status, body) = sim.get_json(&path, &tokens.access).await;

        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(!error_description(&body).is_empty());
    }
    sim.stop().await;
}

#[tokio::test]
async fn json_responses_gzip_compressed() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let cert = sim.sim.state_dir().join("cert.pem");
    let raw_client = client_builder_trusting(&cert).no_gzip().build().unwrap();

    let response = raw_client
        .get(sim.url(&networks_path(GLOBAL)))
        .header("X-auth-access-token", &tokens.access)
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_ENCODING], "gzip");

    let decoded = sim
        .request(Method::GET, &networks_path(GLOBAL), &tokens.access)
        .send()
        .await
        .unwrap();
    assert!(
        decoded.json::<Value>().await.is_ok(),
        "the default client decodes gzip"
    );
    sim.stop().await;
}
