use leptos::prelude::*;

use crate::browser::storage::Stores;
use crate::browser::{log, tabs};
use crate::flows::reread::start_reread;
use crate::flows::send::start_send;
use crate::state::{AppState, Problem};

/// The current failure, with a button to open the FMC when its self-signed
/// certificate is the likely cause, and one to re-read the object after a
/// write whose outcome is unknown.
#[component]
pub fn ProblemAlert() -> impl IntoView {
    let state = expect_context::<AppState>();

    move || {
        state
            .problem
            .get()
            .map(|problem| view! { <ProblemBox problem=problem /> })
    }
}

#[component]
fn ProblemBox(problem: Problem) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open_button = problem.open_host_url.map(|url| {
        let open = move |_| {
            if let Err(error) = tabs::open_in_new_tab(&url) {
                log::warn(&format!("Opening {url} failed: {error}"));
                state.notice.set(Some(format!(
                    "The browser did not open {url}: {error}. Open it yourself in a new tab."
                )));
            }
        };
        view! {
            <p class="hint">
                "After accepting the certificate in that tab, come back here and try again."
            </p>
            <button type="button" on:click=open>"Open FMC in a new tab"</button>
        }
    });

    let send_anyway = problem.confirm_send.then(|| {
        let stores = expect_context::<Stores>();
        view! {
            <button type="button" on:click=move |_| start_send(state, stores.clone(), true)>
                "Send anyway"
            </button>
        }
    });

    let reread = problem.reread_path.map(|path| {
        let stores = expect_context::<Stores>();
        view! {
            <button type="button" on:click=move |_| start_reread(state, stores.clone(), path.clone())>
                "Re-read object"
            </button>
        }
    });

    view! {
        <div class="alert" role="alert">
            <p>{problem.message}</p>
            {open_button}
            {send_anyway}
            {reread}
        </div>
    }
}
