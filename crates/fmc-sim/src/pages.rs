//! Simulator-only pages: the certificate landing page and `/_sim/stats`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use tracing::error;

use crate::errors::{Category, FmcError};
use crate::state::AppState;

const INDEX_HTML: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>FMC simulator</title></head>
<body>
<h1>FMC simulator</h1>
<p>This host is an FMC simulator. Your browser now accepts its certificate,
so you can close this tab and return to the extension.</p>
</body>
</html>
"#;

/// `GET /`: the page a user opens to accept the self-signed certificate.
pub async fn index() -> Html<&'static str> {
    Html(INDEX_HTML)
}

/// `GET /_sim/stats`: counters for tests; needs no access token.
pub async fn stats(State(state): State<Arc<AppState>>) -> Response {
    let result = serde_json::to_value(&*state.stats());
    match result {
        Ok(body) => Json(body).into_response(),
        Err(serialize_error) => {
            error!(error = %serialize_error, "serializing the stats failed");
            let description = format!("Serializing the stats failed: {serialize_error}");
            FmcError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                Category::Other,
                description,
            )
            .into_response()
        }
    }
}
