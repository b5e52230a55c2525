//! Thin adapters over the browser: `fetch` with its rate limiter,
//! `chrome.storage`, `chrome.permissions`, `chrome.webRequest`, tabs,
//! file downloads, the clock and the console.
//!
//! Each adapter keeps JavaScript types out of the components. Where the
//! `chrome.*` namespace is missing (the wasm-bindgen-test page), the adapters
//! that the components need have an in-memory stand-in.

pub mod alarms;
pub mod badge;
pub mod chrome;
pub mod clipboard;
pub mod clock;
pub mod download;
pub mod http;
pub mod idna;
pub mod locks;
pub mod log;
pub mod net_errors;
pub mod permissions;
pub mod rate_limiter;
pub mod storage;
pub mod storage_events;
pub mod tabs;
pub mod timeout_override;
pub mod wait_notice;
