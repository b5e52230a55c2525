use fmc_core::curl::{parse_curl, to_curl};
use fmc_core::request::prepare_request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use super::history_panel::fill_composer;
use crate::browser::storage::Stores;
use crate::browser::{chrome, log};
use crate::state::AppState;

/// Copy as curl, with an Include token choice, and Paste curl, which reads
/// a pasted curl command into the composer.
#[component]
pub fn CurlButtons() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();
    let include_token = RwSignal::new(false);
    let command = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);

    let copy = move |_| {
        let Some(session) = state.session.get_untracked() else {
            return;
        };
        let draft = state.draft.get_untracked();
        let prepared = prepare_request(
            &session.host,
            &draft,
            &session.domain_uuid,
            &session.sign_in.access_token,
        );
        let text = match prepared {
            Ok(prepared) => to_curl(&prepared, include_token.get_untracked()),
            Err(error) => {
                command.set(None);
                return message.set(Some(error.to_string()));
            }
        };
        command.set(Some(text.clone()));
        spawn_local(async move { message.set(Some(copy_text(&text).await)) });
    };

    let pasting = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let use_pasted = move |_| {
        let Some(session) = state.session.get_untracked() else {
            return;
        };
        let parsed = parse_curl(&pasted.get_untracked()).and_then(|parsed| {
            Ok((
                parsed.to_draft(&session.host, &session.domain_uuid)?,
                parsed,
            ))
        });
        match parsed {
            Ok((draft, parsed)) => {
                fill_composer(state, &stores, draft);
                pasting.set(false);
                pasted.set(String::new());
                let mut note = "The curl command is in the composer.".to_owned();
                if parsed.has_access_token() {
                    note.push_str(" Its access token was left out; the session's own is sent.");
                }
                message.set(Some(note));
            }
            // The pasted text stays so the user can fix it.
            Err(error) => message.set(Some(error.to_string())),
        }
    };

    view! {
        <section class="curl" aria-label="curl">
            <div class="actions">
                <button type="button" on:click=copy>"Copy as curl"</button>
                <label class="checkbox">
                    <input
                        type="checkbox"
                        prop:checked=move || include_token.get()
                        on:change=move |event| include_token.set(event_target_checked(&event))
                    />
                    "Include token"
                </label>
                <button type="button" on:click=move |_| pasting.set(true)>"Paste curl"</button>
            </div>
            <p class="curl-message" role="status">{move || message.get()}</p>
            {move || {
                command
                    .get()
                    .map(|text| {
                        view! {
                            <textarea class="curl-command" aria-label="curl command" readonly rows="5" prop:value=text></textarea>
                        }
                    })
            }}
            <Show when=move || pasting.get()>
                <textarea
                    class="curl-command"
                    aria-label="Pasted curl command"
                    rows="5"
                    spellcheck="false"
                    prop:value=move || pasted.get()
                    on:input=move |event| pasted.set(event_target_value(&event))
                ></textarea>
                <button type="button" on:click=use_pasted.clone()>"Use curl command"</button>
            </Show>
        </section>
    }
}

/// Writes `text` to the clipboard and returns a message for the user.
async fn copy_text(text: &str) -> String {
    let Some(window) = web_sys::window() else {
        return "This page has no window, so nothing was copied. Select the command below and copy it.".to_owned();
    };
    let clipboard = window.navigator().clipboard();
    match JsFuture::from(clipboard.write_text(text)).await {
        Ok(_) => "Copied the curl command.".to_owned(),
        Err(error) => {
            let detail = chrome::error_text(&error);
            log::warn(&format!("Copying the curl command failed: {detail}"));
            format!("The browser did not copy the command ({detail}). Select it below and copy it.")
        }
    }
}
