//! The toolbar icon's badge.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::chrome;

/// Sets the badge text and colour; an empty text hides the badge.
pub fn set_badge(text: &str, color: &str) {
    let Some(action) = chrome::namespace(&["action"]) else {
        return;
    };
    let text_details = Object::new();
    let color_details = Object::new();
    let filled = Reflect::set(
        &text_details,
        &JsValue::from_str("text"),
        &JsValue::from_str(text),
    )
    .is_ok()
        && Reflect::set(
            &color_details,
            &JsValue::from_str("color"),
            &JsValue::from_str(color),
        )
        .is_ok();
    if filled {
        let _ = chrome::call(&action, "setBadgeText", &[text_details.into()]);
        let _ = chrome::call(&action, "setBadgeBackgroundColor", &[color_details.into()]);
    }
}
