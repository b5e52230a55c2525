//! Handlers of `/api/fmc_config/v1/domain/{domainUUID}/object/networks`.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;
use tracing::info;

use crate::access::Authenticated;
use crate::body::JsonBody;
use crate::domain_access::AuthorizedDomain;
use crate::errors::FmcError;
use crate::network_json::{parse_fields, parse_post_body, render};
use crate::network_store::{Change, StoreError};
use crate::paging::{parse_flag, query_pairs, render_list, ListQuery};
use crate::request_url::RequestUrl;
use crate::state::AppState;

/// Path parameter of routes that address one object; `{domain_uuid}` is
/// read by [`AuthorizedDomain`].
#[derive(Debug, serde::Deserialize)]
pub struct ObjectPath {
    object_id: String,
}

/// The `bulk` query parameter of POST.
#[derive(Debug, Clone, Copy)]
pub struct BulkQuery(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for BulkQuery {
    type Rejection = FmcError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let pairs = query_pairs(parts)?;
        match pairs.iter().find(|(key, _)| key == "bulk") {
            Some((key, value)) => parse_flag(key, value).map(BulkQuery),
            None => Ok(BulkQuery(false)),
        }
    }
}

impl From<StoreError> for FmcError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound { .. } => FmcError::object_not_found(error.to_string()),
            StoreError::DuplicateName { .. } => FmcError::bad_request(error.to_string()),
        }
    }
}

/// `GET .../object/networks`: one page, condensed or with `expanded=true` full.
pub async fn list(
    State(state): State<Arc<AppState>>,
    AuthorizedDomain(domain): AuthorizedDomain,
    query: ListQuery,
    url: RequestUrl,
) -> Json<Value> {
    let page_cap = state.page_cap_for_list(query.limit);
    let networks = state.networks();
    let body = render_list(networks.list(domain), &query, page_cap, &url, |network| {
        render(network, domain, &url.base, query.expanded)
    });
    Json(body)
}

/// `GET .../object/networks/{objectId}`.
pub async fn get_one(
    State(state): State<Arc<AppState>>,
    AuthorizedDomain(domain): AuthorizedDomain,
    Path(path): Path<ObjectPath>,
    url: RequestUrl,
) -> Result<Json<Value>, FmcError> {
    let networks = state.networks();
    let network = networks.get(domain, &path.object_id)?;
    Ok(Json(render(network, domain, &url.base, true)))
}

/// `POST .../object/networks`, with `?bulk=true` for an array: 201 with the
/// created object, or for bulk the created objects as `items`.
pub async fn create(
    State(state): State<Arc<AppState>>,
    authenticated: Authenticated,
    AuthorizedDomain(domain): AuthorizedDomain,
    BulkQuery(bulk): BulkQuery,
    url: RequestUrl,
    JsonBody(body): JsonBody,
) -> Result<(StatusCode, Json<Value>), FmcError> {
    let batch = parse_post_body(&body, bulk)?;
    let change = change_by(&authenticated);
    let created = state.networks().create(domain, batch, change)?;
    info!(
        user = change.user,
        domain = domain.name,
        count = created.len(),
        "created networks"
    );

    let rendered: Vec<Value> = created
        .iter()
        .map(|network| render(network, domain, &url.base, true))
        .collect();
    let body = match (bulk, rendered.as_slice()) {
        (false, [one]) => one.clone(),
        _ => serde_json::json!({
            "links": { "self": url.absolute() },
            "items": rendered,
            "paging": { "offset": 0, "limit": created.len(), "count": created.len(), "pages": 1 },
        }),
    };
    Ok((StatusCode::CREATED, Json(body)))
}

/// `PUT .../object/networks/{objectId}`: the body `id` must equal the URL id.
pub async fn update(
    State(state): State<Arc<AppState>>,
    authenticated: Authenticated,
    AuthorizedDomain(domain): AuthorizedDomain,
    Path(path): Path<ObjectPath>,
    url: RequestUrl,
    JsonBody(body): JsonBody,
) -> Result<Json<Value>, FmcError> {
    let body_id = body.get("id").and_then(Value::as_str);
    if !body_id.is_some_and(|id| id.eq_ignore_ascii_case(&path.object_id)) {
        return Err(FmcError::bad_request(
            "Request UUID and data does not match.",
        ));
    }
    let fields = parse_fields(&body)?;

    let change = change_by(&authenticated);
    let updated = state
        .networks()
        .update(domain, &path.object_id, fields, change)?;
    info!(
        user = change.user,
        domain = domain.name,
        id = updated.id,
        "updated network"
    );
    Ok(Json(render(&updated, domain, &url.base, true)))
}

/// `DELETE .../object/networks/{objectId}`: 200 with the deleted object.
pub async fn delete(
    State(state): State<Arc<AppState>>,
    authenticated: Authenticated,
    AuthorizedDomain(domain): AuthorizedDomain,
    Path(path): Path<ObjectPath>,
    url: RequestUrl,
) -> Result<Json<Value>, FmcError> {
    let deleted = state.networks().delete(domain, &path.object_id)?;
    let user = authenticated.user.name;
    info!(
        user,
        domain = domain.name,
        id = deleted.id,
        "deleted network"
    );
    Ok(Json(render(&deleted, domain, &url.base, true)))
}

fn change_by(authenticated: &Authenticated) -> Change<'static> {
    let timestamp_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        });
    Change {
        user: authenticated.user.name,
        timestamp_ms,
    }
}
