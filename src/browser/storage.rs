//! Key-value storage: `chrome.storage.session` for secrets (memory only,
//! cleared when the browser closes) and `chrome.storage.local` for what the
//! user may keep (remembered host and username, the draft request).
//!
//! Values are stored as JSON-compatible objects. The in-memory backend stands
//! in on pages without the `chrome` namespace, such as the component tests.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::chrome;

/// The storage area a value lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    /// Memory only, never written to disk: tokens and the session.
    Session,
    /// Kept on disk across browser restarts: nothing secret.
    Local,
}

impl Area {
    /// The area's name in `chrome.storage`.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Session => "session",
            Area::Local => "local",
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A storage read or write that failed, with the key and the browser's reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    #[error("chrome.storage.{area} is not available in this page, so \"{key}\" cannot be kept. Open the extension from its toolbar icon.")]
    Unavailable { area: Area, key: String },
    #[error("The browser failed to save \"{key}\" in storage.{area}: {detail}. Free some browser storage or reload the extension, then try again.")]
    WriteFailed {
        area: Area,
        key: String,
        detail: String,
    },
    #[error("The browser failed to read \"{key}\" from storage.{area}: {detail}. Reload the extension; if it persists, sign in again.")]
    ReadFailed {
        area: Area,
        key: String,
        detail: String,
    },
}

#[derive(Clone)]
enum Backend {
    Chrome,
    Memory(Arc<Mutex<HashMap<String, serde_json::Value>>>),
}

/// One storage area with typed `get`, `set` and `remove`.
#[derive(Clone)]
pub struct Storage {
    area: Area,
    backend: Backend,
}

impl Storage {
    /// The `chrome.storage` area of the extension.
    pub fn chrome(area: Area) -> Self {
        Storage {
            area,
            backend: Backend::Chrome,
        }
    }

    /// An empty in-memory area, for pages without `chrome.storage` and tests.
    pub fn memory(area: Area) -> Self {
        Storage {
            area,
            backend: Backend::Memory(Arc::default()),
        }
    }

    /// Reads `key`; `Ok(None)` when it was never stored or no longer parses
    /// as `T` (an older extension version may have written another shape).
    pub async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        match &self.backend {
            Backend::Memory(map) => {
                let value = map.lock().ok().and_then(|map| map.get(key).cloned());
                Ok(value.and_then(|value| serde_json::from_value(value).ok()))
            }
            Backend::Chrome => {
                let area = self.chrome_area(key)?;
                let result = chrome::call_async(&area, "get", &[JsValue::from_str(key)])
                    .await
                    .map_err(|error| self.read_failed(key, &error))?;
                let value = js_sys::Reflect::get(&result, &JsValue::from_str(key))
                    .map_err(|error| self.read_failed(key, &error))?;
                if value.is_undefined() || value.is_null() {
                    return Ok(None);
                }
                Ok(serde_wasm_bindgen::from_value(value).ok())
            }
        }
    }

    /// Reads every value whose key starts with `prefix`, skipping values
    /// that do not parse as `T`.
    pub async fn get_with_prefix<T: DeserializeOwned>(
        &self,
        prefix: &str,
    ) -> Result<Vec<(String, T)>, StorageError> {
        match &self.backend {
            Backend::Memory(map) => {
                let entries: Vec<(String, serde_json::Value)> = map
                    .lock()
                    .map(|map| {
                        map.iter()
                            .filter(|(key, _)| key.starts_with(prefix))
                            .map(|(key, value)| (key.clone(), value.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(entries
                    .into_iter()
                    .filter_map(|(key, value)| {
                        serde_json::from_value(value).ok().map(|value| (key, value))
                    })
                    .collect())
            }
            Backend::Chrome => {
                let area = self.chrome_area(prefix)?;
                let all = chrome::call_async(&area, "get", &[JsValue::NULL])
                    .await
                    .map_err(|error| self.read_failed(prefix, &error))?;
                let keys = js_sys::Object::keys(&all.clone().into());
                let mut found = Vec::new();
                for key in keys.iter().filter_map(|key| key.as_string()) {
                    if !key.starts_with(prefix) {
                        continue;
                    }
                    let value = js_sys::Reflect::get(&all, &JsValue::from_str(&key))
                        .map_err(|error| self.read_failed(&key, &error))?;
                    if let Ok(value) = serde_wasm_bindgen::from_value(value) {
                        found.push((key, value));
                    }
                }
                Ok(found)
            }
        }
    }

    /// Writes `value` under `key`.
    pub async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Memory(map) => {
                let json =
                    serde_json::to_value(value).map_err(|error| StorageError::WriteFailed {
                        area: self.area,
                        key: key.to_owned(),
                        detail: error.to_string(),
                    })?;
                if let Ok(mut map) = map.lock() {
                    map.insert(key.to_owned(), json);
                }
                Ok(())
            }
            Backend::Chrome => {
                let area = self.chrome_area(key)?;
                let serializer = serde_wasm_bindgen::Serializer::json_compatible();
                let js_value =
                    value
                        .serialize(&serializer)
                        .map_err(|error| StorageError::WriteFailed {
                            area: self.area,
                            key: key.to_owned(),
                            detail: error.to_string(),
                        })?;
                let items = js_sys::Object::new();
                js_sys::Reflect::set(&items, &JsValue::from_str(key), &js_value)
                    .map_err(|error| self.write_failed(key, &error))?;
                chrome::call_async(&area, "set", &[items.into()])
                    .await
                    .map(|_| ())
                    .map_err(|error| self.write_failed(key, &error))
            }
        }
    }

    /// Deletes `key`; deleting a key that does not exist is not an error.
    pub async fn remove(&self, key: &str) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Memory(map) => {
                if let Ok(mut map) = map.lock() {
                    map.remove(key);
                }
                Ok(())
            }
            Backend::Chrome => {
                let area = self.chrome_area(key)?;
                chrome::call_async(&area, "remove", &[JsValue::from_str(key)])
                    .await
                    .map(|_| ())
                    .map_err(|error| self.write_failed(key, &error))
            }
        }
    }

    fn chrome_area(&self, key: &str) -> Result<JsValue, StorageError> {
        chrome::namespace(&["storage", self.area.as_str()]).ok_or_else(|| {
            StorageError::Unavailable {
                area: self.area,
                key: key.to_owned(),
            }
        })
    }

    fn read_failed(&self, key: &str, error: &JsValue) -> StorageError {
        StorageError::ReadFailed {
            area: self.area,
            key: key.to_owned(),
            detail: chrome::error_text(error),
        }
    }

    fn write_failed(&self, key: &str, error: &JsValue) -> StorageError {
        StorageError::WriteFailed {
            area: self.area,
            key: key.to_owned(),
            detail: chrome::error_text(error),
        }
    }
}

/// Both storage areas, as the app uses them.
#[derive(Clone)]
pub struct Stores {
    /// Memory-only area for the session and its tokens.
    pub session: Storage,
    /// Disk area for the remembered host, username and draft.
    pub local: Storage,
}

impl Stores {
    /// The extension's `chrome.storage` areas.
    pub fn chrome() -> Self {
        Stores {
            session: Storage::chrome(Area::Session),
            local: Storage::chrome(Area::Local),
        }
    }

    /// Fresh in-memory areas.
    pub fn memory() -> Self {
        Stores {
            session: Storage::memory(Area::Session),
            local: Storage::memory(Area::Local),
        }
    }

    /// `chrome()` inside the extension, `memory()` on any other page.
    pub fn detect() -> Self {
        if chrome::namespace(&["storage", "session"]).is_some() {
            Stores::chrome()
        } else {
            Stores::memory()
        }
    }
}
