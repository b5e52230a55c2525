use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::storage::Stores;
use crate::flows::profiles::switch_profile;
use crate::state::AppState;

/// Value of the picker's option for a new, empty connection.
const NEW_CONNECTION: &str = "";

/// Picks the saved connection to show; each keeps its own session.
#[component]
pub fn ProfilePicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();

    let on_change = move |event| {
        let value = event_target_value(&event);
        let id = (value != NEW_CONNECTION).then_some(value);
        spawn_local(switch_profile(state, stores.clone(), id));
    };
    let options = move || {
        state.profiles.with(|list| {
            let active = list.active.clone().unwrap_or_default();
            list.profiles
                .iter()
                .map(|profile| {
                    let selected = profile.id == active;
                    view! {
                        <option value=profile.id.clone() selected=selected>
                            {profile.name.clone()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let no_active = move || state.profiles.with(|list| list.active.is_none());

    view! {
        <Show when=move || state.profiles.with(|list| !list.profiles.is_empty())>
            <div class="profile-row">
                <label for="profile">"Profile"</label>
                <select id="profile" on:change=on_change.clone()>
                    {options}
                    <option value=NEW_CONNECTION selected=no_active>
                        "New connection…"
                    </option>
                </select>
            </div>
        </Show>
    }
}
