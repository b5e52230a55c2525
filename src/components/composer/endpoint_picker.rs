//! The Endpoint combobox: a search box over the operations of the FMC's API
//! spec, with a listbox of matches that arrow keys, Enter and the mouse
//! choose from.

use fmc_core::spec::Endpoint;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::state::{ComposerState, EndpointStatus};
use crate::state::AppState;

/// Maximum options shown at once, so that typing stays fast with thousands
/// of endpoints.
pub const MAX_OPTIONS: usize = 50;

const LISTBOX_ID: &str = "endpoint-options";

/// Search box and listbox of endpoints. Choosing one calls `on_choose`.
#[component]
pub fn EndpointPicker(
    /// Receives the endpoint the user chose.
    on_choose: Callback<Endpoint>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let composer = expect_context::<ComposerState>();
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0_usize);

    let matches = Memo::new(move |_| {
        let query = query.get();
        composer.endpoints.with(|status| match status {
            EndpointStatus::Ready {
                endpoints, index, ..
            } => index
                .search(&query, MAX_OPTIONS)
                .into_iter()
                .filter_map(|position| endpoints.get(position).cloned())
                .collect(),
            _ => Vec::new(),
        })
    });
    let expanded = move || open.get() && !matches.with(Vec::is_empty);

    let choose = move |endpoint: Endpoint| {
        query.set(format!("{} {}", endpoint.method, endpoint.path));
        open.set(false);
        on_choose.run(endpoint);
    };
    let on_keydown = move |event: KeyboardEvent| {
        let count = matches.with_untracked(Vec::len);
        let listed = open.get_untracked() && count > 0;
        match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                if open.get_untracked() {
                    active.update(|index| *index = (*index + 1).min(count.saturating_sub(1)));
                } else {
                    open.set(true);
                }
            }
            "ArrowUp" => {
                event.prevent_default();
                active.update(|index| *index = index.saturating_sub(1));
            }
            "Enter" if listed && !event.ctrl_key() && !event.meta_key() => {
                // Enter picks the option instead of submitting the form.
                event.prevent_default();
                let picked =
                    matches.with_untracked(|found| found.get(active.get_untracked()).cloned());
                if let Some(endpoint) = picked {
                    choose(endpoint);
                }
            }
            "Escape" if open.get_untracked() => {
                // Escape closes the list here; it cancels a request only
                // when no list is open.
                event.prevent_default();
                event.stop_propagation();
                open.set(false);
            }
            _ => {}
        }
    };

    view! {
        <div class="endpoint-picker">
            <label for="endpoint">"Endpoint"</label>
            <input
                id="endpoint"
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                placeholder="Search by method or path, e.g. get networks"
                aria-autocomplete="list"
                aria-controls=LISTBOX_ID
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || expanded().then(|| option_id(active.get()))
                prop:value=move || query.get()
                on:focus=move |_| composer.load_endpoints(state)
                on:input=move |event| {
                    query.set(event_target_value(&event));
                    active.set(0);
                    open.set(true);
                }
                on:blur=move |_| open.set(false)
                on:keydown=on_keydown
            />
            <ul id=LISTBOX_ID role="listbox" aria-label="Endpoints" hidden=move || !expanded()>
                <For
                    each=move || matches.get().into_iter().enumerate()
                    key=|(index, endpoint)| (*index, endpoint.method.as_str(), endpoint.path.clone())
                    children=move |(index, endpoint)| {
                        let picked = endpoint.clone();
                        view! {
                            <li
                                id=option_id(index)
                                role="option"
                                class:active=move || active.get() == index
                                aria-selected=move || (active.get() == index).to_string()
                                title=endpoint.summary.clone()
                                // mousedown fires before the input's blur closes the list.
                                on:mousedown=move |event| {
                                    event.prevent_default();
                                    choose(picked.clone());
                                }
                            >
                                <span class="method">{endpoint.method.as_str()}</span>
                                " "
                                <span class="path">{path_with_breaks(&endpoint.path)}</span>
                            </li>
                        }
                    }
                />
            </ul>
            <p class="endpoint-status" role="status">
                {move || status_text(&composer.endpoints.get())}
            </p>
        </div>
    }
}

fn option_id(index: usize) -> String {
    format!("endpoint-option-{index}")
}

fn status_text(status: &EndpointStatus) -> String {
    match status {
        EndpointStatus::Idle => String::new(),
        EndpointStatus::Loading { .. } => {
            "Loading the endpoint list from the FMC's API spec…".to_owned()
        }
        EndpointStatus::Ready {
            source, endpoints, ..
        } => format!("{} endpoints from {source}.", endpoints.len()),
        EndpointStatus::Failed { message, .. } => message.clone(),
    }
}

/// Returns `path` with a line break opportunity after each `/`, so a long
/// path wraps between its segments rather than inside a word.
fn path_with_breaks(path: &str) -> impl IntoView {
    path.split_inclusive('/')
        .map(|segment| view! { {segment.to_owned()} <wbr /> })
        .collect_view()
}
