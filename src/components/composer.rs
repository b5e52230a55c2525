//! The request composer: Endpoint search, method and path, query parameter
//! and header rows, the body, the preview of what is sent, Send, Cancel and
//! Fetch all pages.

mod body_editor;
mod edit;
mod endpoint_picker;
mod header_editor;
mod placeholder_note;
mod query_editor;
pub mod state;

use fmc_core::query_rows::rows_for_path;
use fmc_core::request::Method;
use fmc_core::spec::Endpoint;
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;

use super::{ExportButtons, FetchProgress, RequestPreview, WaitStatus};
use crate::browser::storage::Stores;
use crate::flows::fetch_all::{cancel_fetch_all, start_fetch_all};
use crate::flows::send::{cancel_send, start_send};
use crate::state::{AppState, Busy};
use body_editor::BodyEditor;
use edit::{current_rows, edit_draft};
pub use endpoint_picker::{EndpointPicker, MAX_OPTIONS};
use header_editor::HeaderEditor;
use placeholder_note::PlaceholderNote;
use query_editor::QueryEditor;
pub use state::{ComposerState, EndpointStatus};

/// The whole request editor with its actions, and Fetch all pages with its
/// progress and export. Provides [`ComposerState`] to its parts unless an
/// ancestor (the app, or a test) already did.
#[component]
pub fn Composer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    if use_context::<ComposerState>().is_none() {
        provide_context(ComposerState::new());
    }
    let fetch_stores = stores.clone();
    let fetch_all = move |_| start_fetch_all(state, fetch_stores.clone());
    let not_a_read = move || state.draft.with(|draft| draft.method != Method::Get);
    let sending = move || state.busy.get() == Some(Busy::Sending);

    let send_stores = stores.clone();
    let send = move || start_send(state, send_stores.clone(), false);
    let send_on_submit = send.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        send_on_submit();
    };
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            send();
        }
    };
    // Escape cancels a send or Fetch all pages from anywhere on the page:
    // the button that had focus is disabled while the request runs, so the
    // focus may have left the form. The endpoint list stops the event when
    // Escape closes it.
    let escape = window_event_listener(leptos::ev::keydown, |event| {
        if event.key() == "Escape"
            && !event.default_prevented()
            && (cancel_send() || cancel_fetch_all())
        {
            event.prevent_default();
        }
    });
    on_cleanup(move || escape.remove());

    let choose_stores = stores.clone();
    let choose = Callback::new(move |endpoint: Endpoint| {
        edit_draft(state, &choose_stores, |draft| {
            draft.method = endpoint.method;
            draft.path = endpoint.path.clone();
            draft.query_rows = endpoint.query_rows();
        });
    });
    let method_stores = stores.clone();
    let path_stores = stores.clone();

    view! {
        <section class="composer" aria-label="Request">
            <form on:submit=on_submit on:keydown=on_keydown>
                <EndpointPicker on_choose=choose />
                <div class="request-line">
                    <div class="field method-field">
                        <label for="method">"Method"</label>
                        <select
                            id="method"
                            on:change=move |event| {
                                let method = Method::parse(&event_target_value(&event)).unwrap_or_default();
                                edit_draft(state, &method_stores, |draft| draft.method = method);
                            }
                        >
                            {Method::ALL
                                .into_iter()
                                .map(|method| {
                                    view! {
                                        <option
                                            value=method.as_str()
                                            selected=move || state.draft.with(|draft| draft.method == method)
                                        >
                                            {method.as_str()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field path-field">
                        <label for="path">"Path"</label>
                        <input
                            id="path"
                            type="text"
                            spellcheck="false"
                            autocapitalize="off"
                            aria-describedby="path-note"
                            prop:value=move || state.draft.with(|draft| draft.path.clone())
                            on:input=move |event| {
                                let path = event_target_value(&event);
                                edit_draft(state, &path_stores, |draft| {
                                    draft.query_rows = rows_for_path(&path, &current_rows(draft));
                                    draft.path = path;
                                });
                            }
                        />
                    </div>
                </div>
                <PlaceholderNote />
                <QueryEditor />
                <HeaderEditor />
                <BodyEditor />
                <RequestPreview />
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || state.busy.get().is_some()>
                        "Send"
                    </button>
                    <button type="button" hidden=move || !sending() on:click=move |_| { cancel_send(); }>
                        "Cancel"
                    </button>
                    <button
                        type="button"
                        title="GET every page of this list and show them as one result"
                        disabled=move || state.busy.get().is_some() || not_a_read()
                        on:click=fetch_all
                    >
                        "Fetch all pages"
                    </button>
                    <span class="progress" role="status">
                        {move || sending().then_some("Sending… (Escape cancels)")}
                    </span>
                    <span class="shortcut">"Ctrl+Enter sends"</span>
                </div>
            </form>
            <WaitStatus />
            <FetchProgress />
            <ExportButtons />
        </section>
    }
}
