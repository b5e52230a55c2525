use fmc_core::saved::{SavedRequest, SavedRequests};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::history_panel::fill_composer;
use super::saved_transfer::CollectionButtons;
use crate::browser::storage::Stores;
use crate::flows::saved::{key_for, load, update};
use crate::state::AppState;

/// The signed-in profile's saved requests, grouped by folder, with Save
/// request (name and folder), Open, Rename and Delete, and the Postman
/// collection export and import.
#[component]
pub fn SavedRequestsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let saved = RwSignal::new(SavedRequests::default());
    let key = Memo::new(move |_| state.session.with(|session| session.as_ref().map(key_for)));
    let message = RwSignal::new(None::<String>);

    let load_stores = stores.clone();
    Effect::new(move |_| {
        let Some(key) = key.get() else {
            return saved.set(SavedRequests::default());
        };
        let stores = load_stores.clone();
        spawn_local(async move { saved.set(load(state, &stores, &key).await) });
    });

    let saving = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let folder = RwSignal::new(String::new());
    let save_stores = stores.clone();
    let on_save = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(key) = key.get_untracked() else {
            return;
        };
        let stores = save_stores.clone();
        let draft = state.draft.get_untracked();
        let (typed_name, typed_folder) = (name.get_untracked(), folder.get_untracked());
        spawn_local(async move {
            let (list, result) = update(state, &stores, &key, |saved| {
                saved.add(&typed_name, &typed_folder, draft)
            })
            .await;
            saved.set(list);
            match result {
                Ok(_) => {
                    saving.set(false);
                    name.set(String::new());
                    message.set(Some(format!("Saved \"{}\".", typed_name.trim())));
                }
                // The typed name and folder stay so the user can fix them.
                Err(error) => message.set(Some(error.to_string())),
            }
        });
    };

    view! {
        <section class="saved" aria-label="Saved requests">
            <div class="actions">
                <button type="button" on:click=move |_| saving.set(true)>"Save request"</button>
                <CollectionButtons saved=saved key=key message=message />
            </div>
            <Show when=move || saving.get()>
                <form class="save-form" on:submit=on_save.clone()>
                    <label>
                        "Name"
                        <input
                            type="text"
                            prop:value=move || name.get()
                            on:input=move |event| name.set(event_target_value(&event))
                        />
                    </label>
                    <label>
                        "Folder"
                        <input
                            type="text"
                            placeholder="Objects/Networks"
                            prop:value=move || folder.get()
                            on:input=move |event| folder.set(event_target_value(&event))
                        />
                    </label>
                    <button type="submit" class="primary">"Save"</button>
                    <button type="button" on:click=move |_| saving.set(false)>"Cancel"</button>
                </form>
            </Show>
            <p class="saved-message" role="status">{move || message.get()}</p>
            {move || {
                saved
                    .with(SavedRequests::by_folder)
                    .into_iter()
                    .map(|(folder, requests)| {
                        view! { <SavedFolder folder=folder requests=requests saved=saved key=key /> }
                    })
                    .collect_view()
            }}
        </section>
    }
}

/// One folder of saved requests.
#[component]
fn SavedFolder(
    folder: String,
    requests: Vec<SavedRequest>,
    saved: RwSignal<SavedRequests>,
    key: Memo<Option<String>>,
) -> impl IntoView {
    let title = if folder.is_empty() {
        "No folder".to_owned()
    } else {
        folder
    };
    let label = title.clone();
    view! {
        <div class="saved-folder" role="group" aria-label=label>
            <h3>{title}</h3>
            <ul>
                {requests
                    .into_iter()
                    .map(|request| view! { <SavedRow request=request saved=saved key=key /> })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// One saved request with Open, Rename and Delete.
#[component]
fn SavedRow(
    request: SavedRequest,
    saved: RwSignal<SavedRequests>,
    key: Memo<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let id = request.id;
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(request.name.clone());
    let error = RwSignal::new(None::<String>);

    let open_stores = stores.clone();
    let draft = request.draft.clone();
    let open = move |_| fill_composer(state, &open_stores, draft.clone());

    let change_stores = stores.clone();
    let change = move |rename: bool| {
        let Some(key) = key.get_untracked() else {
            return;
        };
        let stores = change_stores.clone();
        let typed = new_name.get_untracked();
        spawn_local(async move {
            let (list, result) = update(state, &stores, &key, |saved| {
                if rename {
                    saved.rename(id, &typed)
                } else {
                    saved.delete(id)
                }
            })
            .await;
            match result {
                Ok(()) => {
                    renaming.set(false);
                    saved.set(list);
                }
                Err(failure) => error.set(Some(failure.to_string())),
            }
        });
    };
    let rename = change.clone();
    let on_rename = move |event: SubmitEvent| {
        event.prevent_default();
        rename(true);
    };

    view! {
        <li class="saved-request">
            <span class="method">{request.draft.method.as_str()}</span>
            <span class="name">{request.name.clone()}</span>
            <button type="button" on:click=open>"Open"</button>
            <button type="button" on:click=move |_| renaming.set(true)>"Rename"</button>
            <button type="button" class="link" on:click=move |_| change(false)>"Delete"</button>
            <Show when=move || renaming.get()>
                <form class="rename-form" on:submit=on_rename.clone()>
                    <label>
                        "New name"
                        <input
                            type="text"
                            prop:value=move || new_name.get()
                            on:input=move |event| new_name.set(event_target_value(&event))
                        />
                    </label>
                    <button type="submit">"Save name"</button>
                </form>
            </Show>
            <span class="error" role="alert">{move || error.get()}</span>
        </li>
    }
}
