//! Copying text to the clipboard with `navigator.clipboard.writeText`.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::chrome;

/// The browser did not copy the text, for example because the page had no
/// focus.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("The browser could not copy {what} to the clipboard: {detail}. Click into the popup and try again, or use Save body.")]
pub struct ClipboardError {
    pub what: String,
    pub detail: String,
}

/// Copies `text` to the clipboard. `what` names the text in the error, such
/// as "the body" or "the path items[3].name".
pub async fn copy_text(what: &str, text: &str) -> Result<(), ClipboardError> {
    let failed = |error: JsValue| ClipboardError {
        what: what.to_owned(),
        detail: chrome::error_text(&error),
    };
    let window =
        web_sys::window().ok_or_else(|| failed(JsValue::from_str("this page has no window")))?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.map_err(failed)?;
    Ok(())
}
