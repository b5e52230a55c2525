//! Notifications of storage changes made by another extension context, such
//! as a token refresh done by the service worker while the popup is open.

use js_sys::Reflect;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::chrome;
use super::storage::Area;

/// Keeps a `chrome.storage.onChanged` listener registered until dropped.
pub struct StorageListener {
    callback: Option<Closure<dyn FnMut(JsValue, JsValue)>>,
}

impl StorageListener {
    /// Calls `on_change(key)` for each key of `area` that changes. Without
    /// `chrome.storage` nothing is registered.
    pub fn start(area: Area, mut on_change: impl FnMut(String) + 'static) -> Self {
        let callback = Closure::<dyn FnMut(JsValue, JsValue)>::new(
            move |changes: JsValue, area_name: JsValue| {
                if area_name.as_string().as_deref() != Some(area.as_str()) {
                    return;
                }
                let changes: &js_sys::Object = changes.unchecked_ref();
                let keys = js_sys::Object::keys(changes);
                for key in keys.iter().filter_map(|key| key.as_string()) {
                    on_change(key);
                }
            },
        );
        let registered = on_changed()
            .map(|event| chrome::call(&event, "addListener", &[callback.as_ref().clone()]).is_ok())
            .unwrap_or(false);
        StorageListener {
            callback: registered.then_some(callback),
        }
    }
}

impl Drop for StorageListener {
    fn drop(&mut self) {
        if let (Some(callback), Some(event)) = (&self.callback, on_changed()) {
            let _ = chrome::call(&event, "removeListener", &[callback.as_ref().clone()]);
        }
    }
}

fn on_changed() -> Option<JsValue> {
    let event = chrome::namespace(&["storage", "onChanged"])?;
    Reflect::has(&event, &JsValue::from_str("addListener"))
        .unwrap_or(false)
        .then_some(event)
}
