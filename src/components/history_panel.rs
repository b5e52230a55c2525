use fmc_core::history::{History, HistoryEntry, HistoryOutcome};
use fmc_core::response::format_size;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::is_full_page;
use crate::browser::storage::Stores;
use crate::flows::history::{load, recorded_trigger, update};
use crate::flows::persist;
use crate::flows::send::start_send;
use crate::state::{AppState, DRAFT_KEY};

/// The requests sent so far, newest first, with a search box, Run again,
/// Send again, Remove and Clear history. Collapsed in the popup and open in
/// the full-page view, which also shows each response excerpt.
#[component]
pub fn HistoryPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let history = RwSignal::new(History::default());
    let query = RwSignal::new(String::new());
    let full_page = is_full_page();

    let load_stores = stores.clone();
    let recorded = recorded_trigger();
    Effect::new(move |_| {
        recorded.track();
        let stores = load_stores.clone();
        spawn_local(async move { history.set(load(state, &stores).await) });
    });

    let clear_stores = stores.clone();
    let clear = move |_| {
        let stores = clear_stores.clone();
        spawn_local(async move {
            history.set(update(state, &stores, History::clear).await);
        });
    };
    let count = move || history.with(|history| history.entries.len());

    view! {
        <details class="history" open=full_page>
            <summary>"History (" {count} ")"</summary>
            <section aria-label="History">
                <div class="history-tools">
                    <input
                        type="search"
                        aria-label="Search history"
                        placeholder="Method, path, status or host"
                        prop:value=move || query.get()
                        on:input=move |event| query.set(event_target_value(&event))
                    />
                    <button type="button" on:click=clear disabled=move || count() == 0>
                        "Clear history"
                    </button>
                </div>
                <ul class="history-list">
                    <For
                        each=move || {
                            let query = query.get();
                            history.with(|history| {
                                history.search(&query).into_iter().cloned().collect::<Vec<_>>()
                            })
                        }
                        key=|entry| entry.id
                        let(entry)
                    >
                        <HistoryRow entry=entry history=history full_page=full_page />
                    </For>
                </ul>
            </section>
        </details>
    }
}

/// One history entry with its actions.
#[component]
fn HistoryRow(
    entry: HistoryEntry,
    /// The list, updated when this entry is removed.
    history: RwSignal<History>,
    /// Shows the request body and response excerpt as well.
    full_page: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let id = entry.id;
    let draft = entry.to_draft();

    let fill_stores = stores.clone();
    let fill_draft = draft.clone();
    let run_again = move |_| fill_composer(state, &fill_stores, fill_draft.clone());
    let send_stores = stores.clone();
    let send_again = move |_| {
        fill_composer(state, &send_stores, draft.clone());
        start_send(state, send_stores.clone(), false);
    };
    let remove = move |_| {
        let stores = stores.clone();
        spawn_local(async move {
            history.set(
                update(state, &stores, |history| {
                    history.remove(id);
                })
                .await,
            );
        });
    };

    let (status_class, status_text) = match &entry.outcome {
        HistoryOutcome::Status(status) if *status < 400 => ("ok", status.to_string()),
        HistoryOutcome::Status(status) => ("error", status.to_string()),
        HistoryOutcome::Failed(message) => ("error", format!("Failed: {message}")),
    };
    let domain = entry
        .domain
        .as_deref()
        .map(|domain| format!(" in {domain}"))
        .unwrap_or_default();
    let elapsed = match entry.outcome {
        HistoryOutcome::Status(_) => format!(" · {} ms", entry.elapsed_ms),
        HistoryOutcome::Failed(_) => String::new(),
    };
    let sent_at = js_sys::Date::new(&(entry.sent_at_ms as f64).into())
        .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED);
    let details = format!(
        "{} · {} as {}{domain}{elapsed}",
        String::from(sent_at),
        entry.host,
        entry.username
    );
    let excerpt = (full_page && !entry.response_excerpt.is_empty()).then(|| {
        let note = entry.response_truncated.then(|| {
            format!(
                "(first {} of the response)",
                format_size(entry.response_excerpt.len())
            )
        });
        view! {
            <pre class="history-excerpt">{entry.response_excerpt.clone()}</pre>
            <p class="muted">{note}</p>
        }
    });
    let body = (full_page && !entry.body.is_empty())
        .then(|| view! { <pre class="history-body">{entry.body.clone()}</pre> });

    view! {
        <li class="history-entry">
            <div class="history-line">
                <span class="method">{entry.method.as_str()}</span>
                <span class="path">{entry.path.clone()}</span>
                <span class=format!("status {status_class}")>{status_text}</span>
            </div>
            <div class="history-meta muted">{details}</div>
            {body}
            {excerpt}
            <div class="actions">
                <button type="button" on:click=run_again>"Run again"</button>
                <button type="button" on:click=send_again disabled=move || state.busy.get().is_some()>
                    "Send again"
                </button>
                <button type="button" class="link" on:click=remove>"Remove"</button>
            </div>
        </li>
    }
}

/// Puts `draft` into the composer and keeps it, like an edit would.
pub(super) fn fill_composer(state: AppState, stores: &Stores, draft: fmc_core::request::Draft) {
    state.draft.set(draft.clone());
    let stores = stores.clone();
    spawn_local(async move {
        persist::save(state, &stores.local, DRAFT_KEY, &draft).await;
    });
}
