//! Entry points of the extension's service worker (Firefox: background
//! script), called from `background.js`.

use wasm_bindgen::prelude::*;

use crate::browser::storage::Stores;
use crate::flows::spec::{EndpointsReply, EndpointsRequest, LOAD_ENDPOINTS};
use crate::flows::spec_worker::load_endpoints;
use crate::sessions::keep_alive::run_keep_alive;

/// Runs one keep-alive pass: refreshes what is due, updates the badge and
/// schedules the next alarm. `background.js` calls it at start and on every
/// alarm, so the schedule is recreated whenever the worker starts.
#[wasm_bindgen(js_name = runKeepAlive)]
pub async fn run_keep_alive_from_worker() {
    run_keep_alive(&Stores::chrome()).await;
}

/// Loads the endpoint list that a `loadEndpoints` runtime message from the
/// popup requests. `background.js` passes the returned reply to
/// `sendResponse`. Other messages return `undefined`.
#[wasm_bindgen(js_name = handleMessage)]
pub async fn handle_message(message: JsValue) -> JsValue {
    let Ok(request) = serde_wasm_bindgen::from_value::<EndpointsRequest>(message) else {
        return JsValue::UNDEFINED;
    };
    if request.kind != LOAD_ENDPOINTS {
        return JsValue::UNDEFINED;
    }
    let reply = match load_endpoints(&Stores::chrome(), &request.host, &request.username).await {
        Ok(cache) => EndpointsReply {
            cache: Some(cache),
            error: None,
        },
        Err(error) => {
            crate::browser::log::warn(&error);
            EndpointsReply {
                cache: None,
                error: Some(error),
            }
        }
    };
    // Plain objects, not Maps, so that the reply survives the structured
    // clone of the message channel as JSON-like data.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&reply, &serializer).unwrap_or(JsValue::UNDEFINED)
}
