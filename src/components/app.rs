use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{
    is_full_page, Composer, ComposerState, CurlButtons, HistoryPanel, Notice, OpenInTab,
    ProblemAlert, ProfilePicker, ResponseView, SavedRequestsPanel, SessionBar, SignInForm,
};
use crate::browser::clock;
use crate::browser::storage::Stores;
use crate::flows::live::{follow_profile_changes, follow_session_changes};
use crate::flows::restore::restore;
use crate::sessions::keep_alive::run_keep_alive;
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
    // Created here, not in the composer, so the endpoint list outlives a
    // sign-out: the composer is rebuilt at each sign-in, and a signal that
    // it created would be disposed with it while its context stays visible.
    provide_context(ComposerState::new());
    let keep_alive_stores = stores.clone();
    spawn_local(async move {
        restore(state, stores.clone()).await;
        // Also recreates the alarm and badge if the service worker has not
        // run since the browser started.
        run_keep_alive(&keep_alive_stores).await;
    });
    let listeners = send_wrapper::SendWrapper::new((
        follow_session_changes(state, expect_context::<Stores>()),
        follow_profile_changes(state, expect_context::<Stores>()),
    ));
    on_cleanup(move || drop(listeners));

    let tick = set_interval_with_handle(move || state.now_ms.set(clock::now_ms()), CLOCK_TICK).ok();
    on_cleanup(move || {
        if let Some(tick) = tick {
            tick.clear();
        }
    });

    let signed_in = move || state.session.with(Option::is_some);
    view! {
        <main class=if is_full_page() { "app full-page" } else { "app" } aria-busy=move || (!state.restored.get()).to_string()>
            <header class="app-header">
                <h1>"FMC REST Client"</h1>
                <OpenInTab />
            </header>
            <ProfilePicker />
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
                    <CurlButtons /> <SavedRequestsPanel /> <HistoryPanel />
                </Show>
            </Show>
        </main>
    }
}
