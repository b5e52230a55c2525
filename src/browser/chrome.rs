//! Access to the `chrome` (or Firefox `browser`) extension namespace.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Returns `chrome.<path>` (for example `["storage", "session"]`) when every
/// step of the path exists, so callers can fall back when it does not.
pub fn namespace(path: &[&str]) -> Option<JsValue> {
    let global = js_sys::global();
    let mut value = Reflect::get(&global, &JsValue::from_str("chrome")).ok()?;
    if value.is_undefined() || value.is_null() {
        value = Reflect::get(&global, &JsValue::from_str("browser")).ok()?;
    }
    for step in path {
        if value.is_undefined() || value.is_null() {
            return None;
        }
        value = Reflect::get(&value, &JsValue::from_str(step)).ok()?;
    }
    if value.is_undefined() || value.is_null() {
        None
    } else {
        Some(value)
    }
}

/// Calls `target.method(args...)` and returns what it returned.
pub fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let array: js_sys::Array = args.iter().collect();
    function.apply(target, &array)
}

/// Calls a promise-returning extension API method and awaits its result.
pub async fn call_async(
    target: &JsValue,
    method: &str,
    args: &[JsValue],
) -> Result<JsValue, JsValue> {
    let returned = call(target, method, args)?;
    let promise: Promise = returned.dyn_into()?;
    JsFuture::from(promise).await
}

/// Turns a JavaScript error value into the text of its message.
pub fn error_text(error: &JsValue) -> String {
    if let Some(message) = Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
    {
        return message;
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
