//! The FMC REST client extension's user interface: Leptos components, the
//! flows they start, and thin adapters over browser APIs.
//!
//! The FMC rules themselves (hosts, headers, URLs, token lifetimes, error
//! bodies) live in the `fmc-core` crate, which this crate calls and which never
//! calls back.

pub mod background;
pub mod browser;
pub mod components;
pub mod flows;
pub mod sessions;
pub mod state;

use leptos::prelude::*;

use browser::storage::Stores;
use components::App;
use state::AppState;

/// Mounts the app into the page body, with the extension's storage.
pub fn mount_popup() {
    console_error_panic_hook::set_once();
    let state = AppState::new(browser::clock::now_ms());
    let stores = Stores::detect();
    mount_to_body(move || view! { <App state=state stores=stores.clone() /> });
}
