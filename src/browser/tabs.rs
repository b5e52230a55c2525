//! Opening pages in a new browser tab.

use wasm_bindgen::JsValue;

use super::chrome;

/// Opens `url` in a new tab: `chrome.tabs.create` in the extension (no
/// permission needed for that), `window.open` elsewhere.
pub fn open_in_new_tab(url: &str) -> Result<(), String> {
    if let Some(tabs) = chrome::namespace(&["tabs"]) {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &JsValue::from_str("url"), &JsValue::from_str(url))
            .map_err(|error| chrome::error_text(&error))?;
        return chrome::call(&tabs, "create", &[options.into()])
            .map(|_| ())
            .map_err(|error| chrome::error_text(&error));
    }

    let window = web_sys::window().ok_or("no browser window is available")?;
    window
        .open_with_url_and_target(url, "_blank")
        .map(|_| ())
        .map_err(|error| chrome::error_text(&error))
}
