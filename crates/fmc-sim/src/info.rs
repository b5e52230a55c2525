//! `info/serverversion` and `info/domain`, the two paths without a domain.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use crate::access::Authenticated;
use crate::paging::{render_list, ListQuery};
use crate::request_url::RequestUrl;
use crate::state::AppState;

/// Made-up versions of the geolocation, vulnerability and rule updates,
/// which the simulator does not have.
const GEO_VERSION: &str = "2023-06-12-100";
const VDB_VERSION: &str = "build 367 ( 2023-05-10 18:56:52 )";
const SRU_VERSION: &str = "2023-06-14-001-vrt";

/// `GET /api/fmc_platform/v1/info/serverversion`.
pub async fn server_version(
    State(state): State<Arc<AppState>>,
    _authenticated: Authenticated,
    query: ListQuery,
    url: RequestUrl,
) -> Json<Value> {
    let item = json!({
        "serverVersion": state.config.server_version,
        "geoVersion": GEO_VERSION,
        "vdbVersion": VDB_VERSION,
        "sruVersion": SRU_VERSION,
        "type": "ServerVersion",
    });
    let body = render_list(&[item], &query, state.config.page_cap, &url, Value::clone);
    Json(body)
}

/// `GET /api/fmc_platform/v1/info/domain`: the domains the user has rights in.
pub async fn domains(
    State(state): State<Arc<AppState>>,
    authenticated: Authenticated,
    query: ListQuery,
    url: RequestUrl,
) -> Json<Value> {
    let body = render_list(
        authenticated.user.domains,
        &query,
        state.config.page_cap,
        &url,
        |domain| json!({ "name": domain.name, "uuid": domain.uuid, "type": "Domain" }),
    );
    Json(body)
}
