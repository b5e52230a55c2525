//! `GET /api/api-explorer/fmc.json` and `GET /api/api-explorer/fmc_oas3.json`:
//! the API specification, which like an FMC needs an access token (the
//! token check in front of every `/api/` path enforces that). Each request
//! builds the document anew, which takes milliseconds, so a change of
//! `--server-version` between simulators in one process shows up.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;

use crate::access::Authenticated;
use crate::spec_doc::{openapi_document, swagger_document};
use crate::state::AppState;

/// Path of the Swagger 2.0 document.
pub const SWAGGER_PATH: &str = "/api/api-explorer/fmc.json";
/// Path of the OpenAPI 3 document.
pub const OPENAPI_PATH: &str = "/api/api-explorer/fmc_oas3.json";

/// `GET /api/api-explorer/fmc.json`.
pub async fn swagger(
    State(state): State<Arc<AppState>>,
    _authenticated: Authenticated,
) -> impl IntoResponse {
    let body = swagger_document(&state.config.server_version).to_string();
    ([(CONTENT_TYPE, "application/json")], body)
}

/// `GET /api/api-explorer/fmc_oas3.json`.
pub async fn openapi(
    State(state): State<Arc<AppState>>,
    _authenticated: Authenticated,
) -> impl IntoResponse {
    let body = openapi_document(&state.config.server_version).to_string();
    ([(CONTENT_TYPE, "application/json")], body)
}
