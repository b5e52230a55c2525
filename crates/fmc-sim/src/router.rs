//! Routes and middleware of the simulator.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::header::{SERVER, STRICT_TRANSPORT_SECURITY, X_FRAME_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware::{from_fn_with_state, map_response};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::CompressionLayer;

use crate::access::require_access_token;
use crate::body::MAX_BODY_BYTES;
use crate::errors::{method_not_allowed, path_not_found};
use crate::inject::apply_injections;
use crate::limits::enforce_limits;
use crate::request_log::log_request;
use crate::state::AppState;
use crate::{auth, blob, delay, info, inject, network_handlers, pages, spec_routes};

const AUTH: &str = "/api/fmc_platform/v1/auth";
const INFO: &str = "/api/fmc_platform/v1/info";
const NETWORKS: &str = "/api/fmc_config/v1/domain/{domain_uuid}/object/networks";

/// Builds the application with all routes and middleware.
pub fn build(state: Arc<AppState>) -> Router {
    let routes = Router::new()
        .route("/", get(pages::index))
        .route("/_sim/stats", get(pages::stats))
        .route(
            "/_sim/inject",
            post(inject::post_injection)
                .delete(inject::clear_injections)
                .fallback(method_not_allowed),
        )
        .route(
            &format!("{AUTH}/generatetoken"),
            post(auth::generate_token).fallback(method_not_allowed),
        )
        .route(
            &format!("{AUTH}/refreshtoken"),
            post(auth::refresh_token).fallback(method_not_allowed),
        )
        .route(
            &format!("{AUTH}/refresh-token"),
            post(auth::refresh_hyphen_token).fallback(method_not_allowed),
        )
        .route(
            &format!("{AUTH}/revokeaccess"),
            post(auth::revoke_access).fallback(method_not_allowed),
        )
        .route(
            &format!("{INFO}/serverversion"),
            get(info::server_version).fallback(method_not_allowed),
        )
        .route(
            &format!("{INFO}/domain"),
            get(info::domains).fallback(method_not_allowed),
        )
        .route(
            NETWORKS,
            get(network_handlers::list)
                .post(network_handlers::create)
                .fallback(method_not_allowed),
        )
        .route(
            &format!("{NETWORKS}/{{object_id}}"),
            get(network_handlers::get_one)
                .put(network_handlers::update)
                .delete(network_handlers::delete)
                .fallback(method_not_allowed),
        )
        .route(
            spec_routes::SWAGGER_PATH,
            get(spec_routes::swagger).fallback(method_not_allowed),
        )
        .route(
            spec_routes::OPENAPI_PATH,
            get(spec_routes::openapi).fallback(method_not_allowed),
        )
        .route(
            "/api/_sim/blob",
            get(blob::blob).fallback(method_not_allowed),
        )
        .fallback(path_not_found);
    let routes = delay::install(routes);

    // Each layer wraps the ones before it, so requests pass them bottom-up:
    // compression, logging, web-server headers, the rate and connection
    // limits, injected faults, the access-token check, and the body limit
    // last. Injections come before the token check so that an injected
    // token expiry turns the same request into a 401.
    routes
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn_with_state(state.clone(), require_access_token))
        .layer(from_fn_with_state(state.clone(), apply_injections))
        .layer(from_fn_with_state(state.clone(), enforce_limits))
        .layer(map_response(add_web_server_headers))
        .layer(from_fn_with_state(state.clone(), log_request))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Adds the headers an FMC's Apache front end sends on every response.
async fn add_web_server_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(SERVER, HeaderValue::from_static("Apache"));
    headers.insert(
        STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000; includeSubDomains"),
    );
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    response
}
