//! Host permissions, asked for at run time for the one FMC the user enters.

use std::future::Future;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::chrome;

/// Asks the browser for access to `pattern` (such as `https://fmc.example.com/*`).
///
/// The browser shows its prompt only while the click that started this is
/// still being handled, so call this synchronously from the click handler and
/// await the returned future afterwards. Resolves to whether access was
/// granted; already granted patterns resolve to `true` without a prompt. On
/// pages without `chrome.permissions` it resolves to `true`.
pub fn request_host_access(pattern: &str) -> impl Future<Output = Result<bool, String>> {
    let promise = start_request(pattern);

    async move {
        let Some(promise) = promise? else {
            return Ok(true);
        };
        let granted = JsFuture::from(promise)
            .await
            .map_err(|error| chrome::error_text(&error))?;
        Ok(granted.as_bool().unwrap_or(false))
    }
}

fn start_request(pattern: &str) -> Result<Option<Promise>, String> {
    let Some(permissions) = chrome::namespace(&["permissions"]) else {
        return Ok(None);
    };

    let origins = Array::of1(&JsValue::from_str(pattern));
    let request = Object::new();
    Reflect::set(&request, &JsValue::from_str("origins"), &origins)
        .map_err(|error| chrome::error_text(&error))?;
    let returned = chrome::call(&permissions, "request", &[request.into()])
        .map_err(|error| chrome::error_text(&error))?;
    let promise = returned
        .dyn_into::<Promise>()
        .map_err(|_| "chrome.permissions.request returned no promise".to_owned())?;
    Ok(Some(promise))
}
