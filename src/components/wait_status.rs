use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::browser::wait_notice;
use crate::state::AppState;

/// The status line of a request that waits: for the rate limiter, after a
/// 429, or before a retry, such as "Rate limited by 127.0.0.1:8443:
/// waiting 12 s". Empty while nothing waits.
#[component]
pub fn WaitStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(None::<String>);
    // A wait ends with its request, also when Cancel stops it mid-wait.
    Effect::new(move |_| {
        if state.busy.get().is_none() {
            text.set(None);
        }
    });
    let subscription = wait_notice::subscribe(move |value| text.set(value));
    // The subscription is not Send; it lives and ends on this page's thread.
    let subscription = SendWrapper::new(subscription);
    on_cleanup(move || drop(subscription));

    view! { <p class="progress wait-status" role="status">{move || text.get()}</p> }
}
