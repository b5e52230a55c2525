use leptos::prelude::*;

use crate::browser::{log, tabs};
use crate::state::AppState;

/// Query string that marks the full-page view of the same app.
pub const FULL_PAGE_QUERY: &str = "?view=page";

/// Returns true when this page is the full-page view rather than the popup.
pub fn is_full_page() -> bool {
    web_sys::window()
        .and_then(|window| window.location().search().ok())
        .is_some_and(|search| search == FULL_PAGE_QUERY)
}

/// Opens the same app in a browser tab, where large responses have room.
/// Hidden in the full-page view itself.
#[component]
pub fn OpenInTab() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = move |_| {
        let url = format!("popup.html{FULL_PAGE_QUERY}");
        if let Err(error) = tabs::open_in_new_tab(&url) {
            log::warn(&format!("Opening the full-page view failed: {error}"));
            state.notice.set(Some(format!(
                "The browser did not open a tab: {error}. Try again."
            )));
        }
    };

    (!is_full_page()).then(|| {
        view! {
            <button type="button" class="link" on:click=open>
                "Open in tab"
            </button>
        }
    })
}
