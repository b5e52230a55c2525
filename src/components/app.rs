use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Composer, Notice, ProblemAlert, ResponseView, SessionBar, SignInForm};
use crate::browser::clock;
use crate::browser::storage::Stores;
use crate::flows::restore::restore;
use crate::state::AppState;

/// How often the time left on the access token is recomputed.
const CLOCK_TICK: Duration = Duration::from_secs(5);

/// The whole popup: the sign-in form, or the session, composer and response.
#[component]
pub fn App(
    /// Shared state; the caller creates it so tests can inspect it.
    state: AppState,
    /// Where the session and the draft are kept.
    stores: Stores,
) -> impl IntoView {
    provide_context(state);
    provide_context(stores.clone());
    spawn_local(restore(state, stores));

    let tick = set_interval_with_handle(move || state.now_ms.set(clock::now_ms()), CLOCK_TICK).ok();
    on_cleanup(move || {
        if let Some(tick) = tick {
            tick.clear();
        }
    });

    let signed_in = move || state.session.with(Option::is_some);
    view! {
        <main class="app" aria-busy=move || (!state.restored.get()).to_string()>
            <header class="app-header">
                <h1>"FMC REST client"</h1>
            </header>
            <Notice />
            <Show when=move || state.restored.get()>
                <Show
                    when=signed_in
                    fallback=|| view! { <SignInForm /> <ProblemAlert /> }
                >
                    <SessionBar />
                    <ProblemAlert />
                    <Composer />
                    <ResponseView />
                </Show>
            </Show>
        </main>
    }
}
