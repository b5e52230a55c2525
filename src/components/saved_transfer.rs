use fmc_core::saved::SavedRequests;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use crate::browser::storage::Stores;
use crate::browser::{chrome, log};
use crate::flows::saved::{export, import};
use crate::state::AppState;

/// Export collection, which downloads the saved requests as a Postman v2.1
/// collection, and Import collection, a file input that adds a collection's
/// requests and reports what it skipped.
#[component]
pub fn CollectionButtons(
    /// The saved requests shown, replaced after an import.
    saved: RwSignal<SavedRequests>,
    /// The storage key of the signed-in profile's saved requests.
    key: Memo<Option<String>>,
    /// Where the outcome is shown.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();

    let on_export = move |_| {
        let Some(session) = state.session.get_untracked() else {
            return;
        };
        let outcome = saved.with_untracked(|saved| export(&session, saved));
        if let Err(error) = &outcome {
            log::warn(error);
        }
        message.set(Some(outcome.unwrap_or_else(|error| error)));
    };

    let on_import = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Clearing the input lets the same file be chosen again.
        input.set_value("");
        let (Some(session), Some(key)) = (state.session.get_untracked(), key.get_untracked())
        else {
            return;
        };
        let stores = stores.clone();
        spawn_local(async move {
            let file_name = file.name();
            let text = match JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(error) => {
                    let detail = chrome::error_text(&error);
                    return message.set(Some(format!(
                        "The browser could not read {file_name}: {detail}. Choose the file again."
                    )));
                }
            };
            match import(state, &stores, &session, &key, &file_name, &text).await {
                Ok((list, report)) => {
                    saved.set(list);
                    message.set(Some(report));
                }
                Err(error) => {
                    log::warn(&error);
                    message.set(Some(error));
                }
            }
        });
    };

    view! {
        <button type="button" on:click=on_export>"Export collection"</button>
        <label class="file-button">
            "Import collection"
            <input type="file" accept=".json,application/json" on:change=on_import />
        </label>
    }
}
