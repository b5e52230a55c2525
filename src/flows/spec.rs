//! Asking the background service worker for the endpoint list of the
//! signed-in FMC (see [`super::spec_worker`]), so the popup stays
//! responsive while a spec of several megabytes is downloaded and parsed.

use fmc_core::spec_cache::EndpointCache;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::browser::chrome;

/// The `type` of the runtime message that requests the endpoint list.
pub const LOAD_ENDPOINTS: &str = "loadEndpoints";

/// The message the popup sends to the worker.
#[derive(Debug, Serialize, Deserialize)]
pub struct EndpointsRequest {
    #[serde(rename = "type")]
    pub kind: String,
    pub host: String,
    pub username: String,
}

/// The worker's reply: the list, or a message for the user.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointsReply {
    pub cache: Option<EndpointCache>,
    pub error: Option<String>,
}

/// Requests the endpoint list of `host` for `username` from the worker.
pub async fn request_endpoints(host: &str, username: &str) -> Result<EndpointCache, String> {
    let Some(runtime) = chrome::namespace(&["runtime"]) else {
        return Err("The extension's background worker is not reachable from this page, so the endpoint list is unavailable. Open the extension from its toolbar icon.".to_owned());
    };
    let request = EndpointsRequest {
        kind: LOAD_ENDPOINTS.to_owned(),
        host: host.to_owned(),
        username: username.to_owned(),
    };
    let message = serde_wasm_bindgen::to_value(&request).map_err(|error| error.to_string())?;
    let reply: JsValue = chrome::call_async(&runtime, "sendMessage", &[message])
        .await
        .map_err(|error| {
            format!(
                "The background worker did not return the endpoint list: {}. Reload the extension and try again.",
                chrome::error_text(&error)
            )
        })?;
    let reply: EndpointsReply = serde_wasm_bindgen::from_value(reply).map_err(|error| {
        format!("The background worker returned an unreadable endpoint list: {error}. Reload the extension and try again.")
    })?;
    match (reply.cache, reply.error) {
        (Some(cache), _) => Ok(cache),
        (None, Some(error)) => Err(error),
        (None, None) => Err(
            "The background worker returned no endpoint list. Reload the extension and try again."
                .to_owned(),
        ),
    }
}
