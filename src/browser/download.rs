//! Saving text as a downloaded file: a `Blob`, an object URL for it, and a
//! click on a temporary `<a download>`.

use std::time::Duration;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use super::chrome;

/// How long the object URL stays valid after the click. Revoking it at once
/// can cancel a download that the browser has not started reading yet.
const REVOKE_AFTER: Duration = Duration::from_secs(60);

/// The browser refused to create or start the download.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("The browser could not save {file_name}: {detail}. Try the export again; if it keeps failing, open the extension in a tab and export from there.")]
pub struct DownloadError {
    pub file_name: String,
    pub detail: String,
}

/// Offers `text` as a download named `file_name` with the MIME type `mime`,
/// such as `text/csv`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), DownloadError> {
    let failed = |error: JsValue| DownloadError {
        file_name: file_name.to_owned(),
        detail: chrome::error_text(&error),
    };

    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;

    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| failed(JsValue::from_str("this page has no document")))?;
    let body = document
        .body()
        .ok_or_else(|| failed(JsValue::from_str("this page has no body")))?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(|element| failed(element.into()))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    body.append_child(&anchor).map_err(failed)?;
    anchor.click();
    anchor.remove();

    gloo_timers::callback::Timeout::new(REVOKE_AFTER.as_millis() as u32, move || {
        // Failing to revoke only keeps the Blob in memory until the page closes.
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
