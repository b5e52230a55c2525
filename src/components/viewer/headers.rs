//! The collapsible list of response headers.

use leptos::prelude::*;

/// The response headers, collapsed by default. The summary already left
/// out the headers that carry credentials.
#[component]
pub fn HeaderList(headers: Vec<(String, String)>) -> impl IntoView {
    let title = format!("Headers ({})", headers.len());
    let rows = headers
        .into_iter()
        .map(|(name, value)| {
            view! {
                <dt>{name}</dt>
                <dd>{value}</dd>
            }
        })
        .collect_view();
    view! {
        <details class="viewer-headers">
            <summary>{title}</summary>
            <dl>{rows}</dl>
        </details>
    }
}
