//! The simulator-only `GET /api/_sim/blob?bytes=N` for benchmarks.

use reqwest::StatusCode;

use crate::support::*;

#[tokio::test]
async fn blob_has_requested_size() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let (status, body) = sim
        .get_json("/api/_sim/blob?bytes=100000", &tokens.access)
        .await;

    let length = body.to_string().len();
    assert_eq!(status, StatusCode::OK);
    assert!(length <= 100_000, "{length}");
    assert!(length > 99_000, "{length}");
    assert!(body["items"]
        .as_array()
        .is_some_and(|items| items.len() > 100));
    sim.stop().await;
}

#[tokio::test]
async fn blob_needs_access_token() {
    let sim = TestSim::start(&[]).await;

    let (status, body) = sim
        .get_json("/api/_sim/blob?bytes=1000", "not-a-token")
        .await;

    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_description(&body), "Access token invalid.");
    sim.stop().await;
}

#[tokio::test]
async fn blob_without_bytes_rejected() {
    let sim = TestSim::start(&[]).await;
    let tokens = sim.sign_in(ADMIN).await;

    let (status, body) = sim.get_json("/api/_sim/blob", &tokens.access).await;

    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_description(&body).contains("'bytes'"), "{body}");
    sim.stop().await;
}
