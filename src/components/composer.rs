use fmc_core::request::{Draft, Method};
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{ExportButtons, FetchProgress, RequestPreview, WaitStatus};
use crate::browser::storage::Stores;
use crate::flows::fetch_all::start_fetch_all;
use crate::flows::persist;
use crate::flows::send::start_send;
use crate::state::{AppState, Busy, DRAFT_KEY};

/// Method, path and body of the request, the preview of what is sent, Send,
/// and Fetch all pages with its progress and export.
#[component]
pub fn Composer() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let fetch_stores = stores.clone();
    let fetch_all = move |_| start_fetch_all(state, fetch_stores.clone());
    let not_a_read = move || state.draft.with(|draft| draft.method != Method::Get);

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
    // Every edit is kept, so closing the popup mid-edit loses nothing.
    let edit = move |change: Box<dyn FnOnce(&mut Draft)>| {
        state.draft.update(|draft| change(draft));
        let stores = stores.clone();
        spawn_local(async move {
            let draft = state.draft.get_untracked();
            persist::save(state, &stores.local, DRAFT_KEY, &draft).await;
        });
    };
    let edit_method = edit.clone();
    let edit_path = edit.clone();

    view! {
        <section class="composer" aria-label="Request">
            <form on:submit=on_submit on:keydown=on_keydown>
                <div class="request-line">
                    <label for="method" class="visually-hidden">"Method"</label>
                    <select
                        id="method"
                        on:change=move |event| {
                            let method = Method::parse(&event_target_value(&event)).unwrap_or_default();
                            edit_method(Box::new(move |draft| draft.method = method));
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
                    <label for="path" class="visually-hidden">"Path"</label>
                    <input
                        id="path"
                        type="text"
                        spellcheck="false"
                        autocapitalize="off"
                        prop:value=move || state.draft.with(|draft| draft.path.clone())
                        on:input=move |event| {
                            let path = event_target_value(&event);
                            edit_path(Box::new(move |draft| draft.path = path));
                        }
                    />
                </div>
                <label for="body">"Body"</label>
                <textarea
                    id="body"
                    rows="4"
                    spellcheck="false"
                    placeholder="JSON body for POST and PUT"
                    prop:value=move || state.draft.with(|draft| draft.body.clone())
                    on:input=move |event| {
                        let body = event_target_value(&event);
                        edit(Box::new(move |draft| draft.body = body));
                    }
                ></textarea>
                <RequestPreview />
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || state.busy.get().is_some()>
                        "Send"
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
                        {move || (state.busy.get() == Some(Busy::Sending)).then_some("Sending…")}
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
