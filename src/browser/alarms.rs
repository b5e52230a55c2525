//! `chrome.alarms`: wakes the service worker to refresh tokens while no
//! extension page is open.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::chrome;

/// The one alarm of the extension; its handler looks at every session.
pub const KEEP_ALIVE_ALARM: &str = "keep-alive";

/// Schedules the keep-alive alarm for `when_ms` (Unix milliseconds),
/// replacing an earlier one. Without `chrome.alarms` nothing is scheduled.
pub fn schedule_keep_alive(when_ms: u64) -> Result<(), String> {
    let Some(alarms) = chrome::namespace(&["alarms"]) else {
        return Ok(());
    };
    let options = Object::new();
    Reflect::set(
        &options,
        &JsValue::from_str("when"),
        &JsValue::from_f64(when_ms as f64),
    )
    .map_err(|error| chrome::error_text(&error))?;
    chrome::call(
        &alarms,
        "create",
        &[JsValue::from_str(KEEP_ALIVE_ALARM), options.into()],
    )
    .map(|_| ())
    .map_err(|error| chrome::error_text(&error))
}

/// Cancels the keep-alive alarm, when no session is left to keep.
pub fn clear_keep_alive() {
    if let Some(alarms) = chrome::namespace(&["alarms"]) {
        let _ = chrome::call(&alarms, "clear", &[JsValue::from_str(KEEP_ALIVE_ALARM)]);
    }
}
