//! The one logging facade: the browser console, with honest levels.
//!
//! Callers pass messages that contain no password and no token; a token may
//! appear only as `Secret::masked()` (its last 4 characters).

use wasm_bindgen::JsValue;

/// Logs a step that worked, such as a sign-in or a request's status.
pub fn info(message: &str) {
    web_sys::console::info_1(&JsValue::from_str(&prefixed(message)));
}

/// Logs a failure the user is shown and can recover from.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&prefixed(message)));
}

/// Logs a failure of the extension itself, such as a storage write that failed.
pub fn error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&prefixed(message)));
}

fn prefixed(message: &str) -> String {
    format!("[fmc-rest] {message}")
}
