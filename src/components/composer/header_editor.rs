//! The request headers: switches for the automatic ones and rows for the
//! user's own, each checked as it is typed.

use fmc_core::headers::{ACCESS_TOKEN, CONTENT_TYPE};
use fmc_core::request::Draft;
use fmc_core::request_headers::{validate_header, AutoHeaders, HeaderRow, ACCEPT};
use leptos::prelude::*;

use super::edit::edit_draft;
use crate::browser::storage::Stores;
use crate::state::AppState;

/// One edit of the header list; `usize` is the row's position.
enum HeaderChange {
    Auto(fn(&mut AutoHeaders, bool), bool),
    Name(usize, String),
    Value(usize, String),
    Enabled(usize, bool),
    Remove(usize),
    Add,
}

fn apply(draft: &mut Draft, change: HeaderChange) {
    let rows = &mut draft.headers;
    match change {
        HeaderChange::Auto(set, on) => set(&mut draft.auto_headers, on),
        HeaderChange::Name(index, name) => {
            if let Some(row) = rows.get_mut(index) {
                row.name = name;
            }
        }
        HeaderChange::Value(index, value) => {
            if let Some(row) = rows.get_mut(index) {
                row.value = value;
            }
        }
        HeaderChange::Enabled(index, enabled) => {
            if let Some(row) = rows.get_mut(index) {
                row.enabled = enabled;
            }
        }
        HeaderChange::Remove(index) => {
            if index < rows.len() {
                rows.remove(index);
            }
        }
        HeaderChange::Add => rows.push(HeaderRow {
            enabled: true,
            ..HeaderRow::default()
        }),
    }
}

/// The automatic headers with an on/off switch each, then the user's
/// headers with Add and Remove.
#[component]
pub fn HeaderEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let change =
        move |change: HeaderChange| edit_draft(state, &stores, |draft| apply(draft, change));
    let masked_token = move || {
        state.session.with(|session| {
            session
                .as_ref()
                .map(|session| session.sign_in.access_token.masked())
                .unwrap_or_default()
        })
    };

    let auto_row = |name: &'static str,
                    value: Signal<String>,
                    read: fn(&AutoHeaders) -> bool,
                    set: fn(&mut AutoHeaders, bool)| {
        let change = change.clone();
        view! {
            <label class="row auto-header">
                <input
                    type="checkbox"
                    prop:checked=move || state.draft.with(|draft| read(&draft.auto_headers))
                    on:change=move |event| change(HeaderChange::Auto(set, event_target_checked(&event)))
                />
                <code>{name}": "{move || value.get()}</code>
            </label>
        }
    };
    let json = Signal::derive(|| "application/json".to_owned());
    let json_with_body = Signal::derive(|| "application/json (only with a body)".to_owned());
    let rows = Memo::new(move |_| state.draft.with(|draft| draft.headers.clone()));
    let add = change.clone();

    view! {
        <fieldset class="rows header-rows">
            <legend>"Headers"</legend>
            {auto_row(ACCEPT, json, |auto| auto.accept, |auto, on| auto.accept = on)}
            {auto_row(ACCESS_TOKEN, Signal::derive(masked_token), |auto| auto.access_token, |auto, on| auto.access_token = on)}
            {auto_row(CONTENT_TYPE, json_with_body, |auto| auto.content_type, |auto, on| auto.content_type = on)}
            <For
                each=move || 0..rows.with(Vec::len)
                key=|index| *index
                children=move |index| {
                    let number = index + 1;
                    let row = move || rows.with(|rows| rows.get(index).cloned().unwrap_or_default());
                    let error = move || validate_header(&row()).err().map(|error| error.to_string());
                    let (on_enabled, on_name, on_value, on_remove) =
                        (change.clone(), change.clone(), change.clone(), change.clone());
                    let error_id = format!("header-error-{index}");
                    view! {
                        <div class="row">
                            <input
                                type="checkbox"
                                aria-label=format!("Send header {number}")
                                prop:checked=move || row().enabled
                                on:change=move |event| on_enabled(HeaderChange::Enabled(index, event_target_checked(&event)))
                            />
                            <input
                                type="text"
                                class="name"
                                spellcheck="false"
                                placeholder="Header-Name"
                                aria-label=format!("Name of header {number}")
                                aria-invalid=move || error().is_some().to_string()
                                aria-describedby=error_id.clone()
                                prop:value=move || row().name
                                on:input=move |event| on_name(HeaderChange::Name(index, event_target_value(&event)))
                            />
                            <input
                                type="text"
                                class="value"
                                spellcheck="false"
                                placeholder="value"
                                aria-label=format!("Value of header {number}")
                                aria-describedby=error_id.clone()
                                prop:value=move || row().value
                                on:input=move |event| on_value(HeaderChange::Value(index, event_target_value(&event)))
                            />
                            <button
                                type="button"
                                aria-label=format!("Remove header {number}")
                                on:click=move |_| on_remove(HeaderChange::Remove(index))
                            >
                                "×"
                            </button>
                            <p id=error_id class="field-error" role="status">{error}</p>
                        </div>
                    }
                }
            />
            <button type="button" class="add-row" on:click=move |_| add(HeaderChange::Add)>
                "Add header"
            </button>
        </fieldset>
    }
}
