use leptos::prelude::*;

use crate::state::AppState;

/// A storage failure or similar problem that does not stop the current work.
#[component]
pub fn Notice() -> impl IntoView {
    let state = expect_context::<AppState>();

    move || {
        state.notice.get().map(|notice| {
            view! {
                <div class="notice" role="status">
                    <p>{notice}</p>
                    <button type="button" class="link" on:click=move |_| state.notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}
