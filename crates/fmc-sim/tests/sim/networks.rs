//! GET, POST, PUT and DELETE of network objects, and domain rights.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::*;

async fn send_json(
    sim: &TestSim,
    method: Method,
    path: &str,
    token: &str,
    body: &Value,
) -> (StatusCode, Value) {
    let response = sim
        .request(method, path, token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn first_object(sim: &TestSim, token: &str, domain: &str) -> Value {
    let (_, body) = sim.get_json(&networks_path(domain), token).await;
    body["items"][0].clone()
}

#[tokio::test]
async fn get_one_by_id() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let listed = first_object(&sim, &tokens.access, GLOBAL).await;
    let id = listed["id"].as_str().unwrap();

    let (status, body) = sim
        .get_json(&format!("{}/{id}", networks_path(GLOBAL)), &tokens.access)
        .await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["id"], id);
    assert_eq!(body["name"], "net-00001");
    assert_eq!(body["value"], "10.0.1.0/24");
    assert_eq!(body["links"]["self"], listed["links"]["self"]);
    sim.stop().await;
}

#[tokio::test]
async fn ids_stable_across_runs() {
    let first_run = TestSim::start(&[]).await;
    let tokens = first_run.sign_in(ADMIN).await;
    let first = first_object(&first_run, &tokens.access, GLOBAL).await;
    first_run.stop().await;

    let second_run = TestSim::start(&[]).await;
    let tokens = second_run.sign_in(ADMIN).await;
    let second = first_object(&second_run, &tokens.access, GLOBAL).await;
    second_run.stop().await;

    assert_eq!(first["id"], second["id"]);
}

#[tokio::test]
async fn unknown_id_404() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = format!(
        "{}/00000000-0000-0000-0000-000000000000",
        networks_path(GLOBAL)
    );

    let (status, body) = sim.get_json(&path, &tokens.access).await;

    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!error_description(&body).is_empty());
    sim.stop().await;
}

#[tokio::test]
async fn post_put_delete_round_trip() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(API_USER).await;
    let collection = networks_path(DEVEL);
    let new = json!({ "name": "web-servers", "value": "10.20.0.0/16", "description": "web", "type": "Network" });

    let (status, created) = send_json(&sim, Method::POST, &collection, &tokens.access, &new).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["name"], "web-servers");
    assert_eq!(created["value"], "10.20.0.0/16");
    assert_eq!(created["metadata"]["lastUser"]["name"], "apiuser");
    let id = created["id"].as_str().unwrap().to_owned();
    let object_path = format!("{collection}/{id}");

    let (status, fetched) = sim.get_json(&object_path, &tokens.access).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched, created);

    let change =
        json!({ "id": id, "name": "web-servers-2", "value": "10.21.0.0/16", "type": "Network" });
    let (status, updated) =
        send_json(&sim, Method::PUT, &object_path, &tokens.access, &change).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated["id"], id.as_str());
    assert_eq!(updated["name"], "web-servers-2");
    assert_eq!(updated["value"], "10.21.0.0/16");

    let response = sim
        .request(Method::DELETE, &object_path, &tokens.access)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let deleted: Value = response.json().await.unwrap();
    assert_eq!(deleted["name"], "web-servers-2");

    let (status, _) = sim.get_json(&object_path, &tokens.access).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    sim.stop().await;
}

#[tokio::test]
async fn post_rejects_invalid_objects() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let collection = networks_path(GLOBAL);
    let cases = [
        json!({ "name": "net-00001", "value": "10.0.0.0/8" }),
        json!({ "value": "10.0.0.0/8" }),
        json!({ "name": "no-value" }),
        json!({ "name": "bad-value", "value": "10.0.0.0/40" }),
        json!({ "name": "wrong-type", "value": "10.0.0.1", "type": "Host" }),
        json!([{ "name": "array-without-bulk", "value": "10.0.0.1" }]),
    ];

    for body in cases {
        let (status, error) =
            send_json(&sim, Method::POST, &collection, &tokens.access, &body).await;

        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(!error_description(&error).is_empty());
    }
    let (_, list) = sim.get_json(&collection, &tokens.access).await;
    assert_eq!(list["paging"]["count"], 3000, "nothing was created");
    sim.stop().await;
}

#[tokio::test]
async fn non_json_body_400() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let collection = networks_path(GLOBAL);
    let listed = first_object(&sim, &tokens.access, GLOBAL).await;
    let object_path = format!("{collection}/{}", listed["id"].as_str().unwrap());

    for (method, path) in [(Method::POST, &collection), (Method::PUT, &object_path)] {
        let response = sim
            .request(method.clone(), path, &tokens.access)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("name=web&value=10.0.0.0%2F8")
            .send()
            .await
            .unwrap();

        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{method}");
        let body: Value = response.json().await.unwrap();
        assert!(error_description(&body).contains("not valid JSON"));
    }
    sim.stop().await;
}

#[tokio::test]
async fn bulk_post_creates_all() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let path = format!("{}?bulk=true", networks_path(PROD_EAST));
    let batch = json!([
        { "name": "east-1", "value": "10.30.1.0/24" },
        { "name": "east-2", "value": "10.30.2.0/24" },
    ]);

    let (status, body) = send_json(&sim, Method::POST, &path, &tokens.access, &batch).await;

    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["items"].as_array().unwrap().len(), 2);
    let (_, list) = sim
        .get_json(&networks_path(PROD_EAST), &tokens.access)
        .await;
    assert_eq!(list["paging"]["count"], 2);
    sim.stop().await;
}

#[tokio::test]
async fn put_id_mismatch_400() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let listed = first_object(&sim, &tokens.access, GLOBAL).await;
    let path = format!(
        "{}/{}",
        networks_path(GLOBAL),
        listed["id"].as_str().unwrap()
    );

    for body in [
        json!({ "id": "00000000-0000-0000-0000-000000000001", "name": "x", "value": "10.0.0.1" }),
        json!({ "name": "x", "value": "10.0.0.1" }),
    ] {
        let (status, error) = send_json(&sim, Method::PUT, &path, &tokens.access, &body).await;

        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            error_description(&error),
            "Request UUID and data does not match."
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn put_and_delete_unknown_id_404() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let id = "00000000-0000-0000-0000-000000000002";
    let path = format!("{}/{id}", networks_path(GLOBAL));
    let body = json!({ "id": id, "name": "x", "value": "10.0.0.1" });

    let (status, _) = send_json(&sim, Method::PUT, &path, &tokens.access, &body).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let response = sim
        .request(Method::DELETE, &path, &tokens.access)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    sim.stop().await;
}

#[tokio::test]
async fn domain_without_rights_403() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(API_USER).await;

    for domain in [GLOBAL, PROD, PROD_EAST] {
        let (status, body) = sim.get_json(&networks_path(domain), &tokens.access).await;

        assert_eq!(status, StatusCode::FORBIDDEN, "{domain}");
        assert_eq!(error_description(&body), "The user is not authorized");
    }
    let (status, body) = sim.get_json(&networks_path(DEVEL), &tokens.access).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["items"][0]["name"], "devel-net-001");
    sim.stop().await;
}

#[tokio::test]
async fn unknown_domain_404() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let path = networks_path("11111111-2222-3333-4444-555555555555");
    let (status, body) = sim.get_json(&path, &tokens.access).await;

    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!error_description(&body).is_empty());
    sim.stop().await;
}

#[tokio::test]
async fn patch_not_allowed_405() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let listed = first_object(&sim, &tokens.access, GLOBAL).await;
    let object_path = format!(
        "{}/{}",
        networks_path(GLOBAL),
        listed["id"].as_str().unwrap()
    );

    for path in [networks_path(GLOBAL), object_path] {
        let response = sim
            .request(Method::PATCH, &path, &tokens.access)
            .json(&json!({}))
            .send()
            .await
            .unwrap();

        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{path}");
        let body: Value = response.json().await.unwrap();
        assert!(!error_description(&body).is_empty());
    }
    sim.stop().await;
}

#[tokio::test]
async fn oversized_body_422() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;
    let description = "x".repeat(2_100_000);
    let body = json!({ "name": "huge", "value": "10.0.0.1", "description": description });

    let (status, error) = send_json(
        &sim,
        Method::POST,
        &networks_path(GLOBAL),
        &tokens.access,
        &body,
    )
    .await;

    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!error_description(&error).is_empty());
    sim.stop().await;
}
