//! Saving to storage with failures shown to the user, since a failed write
//! means the work would be gone when the popup closes.

use leptos::prelude::*;
use serde::Serialize;

use crate::browser::log;
use crate::browser::storage::Storage;
use crate::state::AppState;

/// Writes `value` under `key` and shows a notice when the write fails.
pub async fn save<T: Serialize>(state: AppState, storage: &Storage, key: &str, value: &T) {
    if let Err(error) = storage.set(key, value).await {
        log::error(&error.to_string());
        state.notice.set(Some(error.to_string()));
    }
}

/// Deletes `key` and shows a notice when that fails.
pub async fn remove(state: AppState, storage: &Storage, key: &str) {
    if let Err(error) = storage.remove(key).await {
        log::error(&error.to_string());
        state.notice.set(Some(error.to_string()));
    }
}
