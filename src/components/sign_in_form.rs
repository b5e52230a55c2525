use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::storage::Stores;
use crate::flows::persist;
use crate::flows::profiles::remove_active_profile;
use crate::flows::sign_in::start_sign_in;
use crate::state::{AppState, Busy, SIGN_IN_FIELDS_KEY};

/// Host, username and password, and the Sign in button.
#[component]
pub fn SignInForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();

    let submit_stores = stores.clone();
    let remove_stores = stores.clone();
    let remove = move |_| spawn_local(remove_active_profile(state, remove_stores.clone()));
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        start_sign_in(state, submit_stores.clone());
    };
    // The host and username are kept as typed, so closing the popup halfway
    // through loses nothing; the password is never stored.
    let remember = move |_| {
        let stores = stores.clone();
        spawn_local(async move {
            let fields = state.fields.get_untracked();
            persist::save(state, &stores.local, SIGN_IN_FIELDS_KEY, &fields).await;
        });
    };
    let signing_in = move || state.busy.get() == Some(Busy::SigningIn);
    let active_profile = move || state.profiles.with(|list| list.active().is_some());

    view! {
        <form class="sign-in" on:submit=on_submit>
            <label for="host">"Host"</label>
            <input
                id="host"
                type="text"
                placeholder="fmc.example.com or 10.0.0.5:8443"
                autocomplete="url"
                spellcheck="false"
                autocapitalize="off"
                prop:value=move || state.fields.with(|fields| fields.host.clone())
                on:input=move |event| state.fields.update(|fields| fields.host = event_target_value(&event))
                on:change=remember.clone()
            />
            <label for="username">"Username"</label>
            <input
                id="username"
                type="text"
                autocomplete="username"
                spellcheck="false"
                autocapitalize="off"
                prop:value=move || state.fields.with(|fields| fields.username.clone())
                on:input=move |event| state.fields.update(|fields| fields.username = event_target_value(&event))
                on:change=remember
            />
            <label for="password">"Password"</label>
            <input
                id="password"
                type="password"
                autocomplete="current-password"
                prop:value=move || state.password.get()
                on:input=move |event| state.password.set(event_target_value(&event))
            />
            <label for="profile-name">"Profile name (optional)"</label>
            <input
                id="profile-name"
                type="text"
                placeholder="admin@host when left empty"
                spellcheck="false"
                prop:value=move || state.fields.with(|fields| fields.profile_name.clone())
                on:input=move |event| state.fields.update(|fields| fields.profile_name = event_target_value(&event))
            />
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || state.keep_password.get()
                    on:change=move |event| state.keep_password.set(event_target_checked(&event))
                />
                "Keep password until the browser closes"
            </label>
            <p class="hint">
                "Lets the extension sign in again by itself when the FMC's 3 refreshes are used up, about every 2 hours. The password stays in memory only, never on disk."
            </p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || state.busy.get().is_some()>
                    "Sign in"
                </button>
                <Show when=active_profile>
                    <button type="button" on:click=remove.clone() disabled=move || state.busy.get().is_some()>
                        "Remove profile"
                    </button>
                </Show>
            </div>
            <p class="progress" role="status">
                {move || signing_in().then_some("Signing in…")}
            </p>
        </form>
    }
}
