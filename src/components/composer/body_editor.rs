//! The JSON body field: checked shortly after typing stops, with the line
//! and column of a syntax error, and a Format button.

use std::time::Duration;

use fmc_core::body_check::{check_json, format_json};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::edit::edit_draft;
use crate::browser::storage::Stores;
use crate::state::AppState;

/// Pause after the last keystroke before the body is checked, so a large
/// body is not parsed on every key.
const CHECK_DELAY: Duration = Duration::from_millis(300);

/// The body textarea, its syntax message and Format.
#[component]
pub fn BodyEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let checked = RwSignal::new(state.draft.with_untracked(|draft| draft.body.clone()));
    let pending = StoredValue::new_local(None::<Timeout>);
    let format_error = RwSignal::new(None::<String>);

    // Every body change, typed, restored or formatted, is checked once
    // changes pause for CHECK_DELAY.
    Effect::new(move |_| {
        let body = state.draft.with(|draft| draft.body.clone());
        let timer = Timeout::new(CHECK_DELAY.as_millis() as u32, move || checked.set(body));
        // Replacing the stored timer drops, and so cancels, the previous one.
        pending.set_value(Some(timer));
    });
    let error = Memo::new(move |_| checked.with(|body| check_json(body).err()));

    let edit_stores = stores.clone();
    let format = move |_| {
        let body = state.draft.with_untracked(|draft| draft.body.clone());
        match format_json(&body) {
            Ok(pretty) => {
                format_error.set(None);
                edit_draft(state, &stores, |draft| draft.body = pretty);
            }
            Err(error) => format_error.set(Some(error.to_string())),
        }
    };

    view! {
        <div class="body-editor">
            <label for="body">"Body"</label>
            <textarea
                id="body"
                rows="4"
                spellcheck="false"
                placeholder="JSON body for POST and PUT"
                aria-describedby="body-error"
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || state.draft.with(|draft| draft.body.clone())
                on:input=move |event| {
                    let body = event_target_value(&event);
                    format_error.set(None);
                    edit_draft(state, &edit_stores, |draft| draft.body = body);
                }
            ></textarea>
            <div class="body-tools">
                <button type="button" on:click=format>"Format"</button>
                <p id="body-error" class="field-error" role="status">
                    {move || {
                        format_error
                            .get()
                            .or_else(|| {
                                error.get().map(|error| {
                                    format!("Line {}, column {}: {}", error.line, error.column, error.message)
                                })
                            })
                    }}
                </p>
            </div>
        </div>
    }
}
