//! The note under the path that lists placeholders still to fill.

use fmc_core::placeholders::unfilled_placeholders;
use leptos::prelude::*;

use crate::state::AppState;

/// Lists `{name}` placeholders of the path other than `{domainUUID}`, which
/// is filled from the selected domain. Empty when there are none.
#[component]
pub fn PlaceholderNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let unfilled = Memo::new(move |_| state.draft.with(|draft| unfilled_placeholders(&draft.path)));

    view! {
        <p id="path-note" class="placeholder-note" role="status">
            {move || {
                let names = unfilled.get();
                (!names.is_empty()).then(|| {
                    let list: Vec<String> = names.iter().map(|name| format!("{{{name}}}")).collect();
                    view! {
                        "Fill in "
                        {list.into_iter().map(|name| view! { <mark>{name}</mark>" " }).collect_view()}
                        "in the path before sending, for example with an id from a GET of the list."
                    }
                })
            }}
        </p>
    }
}
