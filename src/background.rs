//! Entry points of the extension's service worker (Firefox: background
//! script), called from `background.js`.

use wasm_bindgen::prelude::*;

use crate::browser::storage::Stores;
use crate::sessions::keep_alive::run_keep_alive;

/// Runs one keep-alive pass: refreshes what is due, updates the badge and
/// schedules the next alarm. `background.js` calls it at start and on every
/// alarm, so the schedule is recreated whenever the worker starts.
#[wasm_bindgen(js_name = runKeepAlive)]
pub async fn run_keep_alive_from_worker() {
    run_keep_alive(&Stores::chrome()).await;
}
