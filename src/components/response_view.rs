use fmc_core::response::{format_size, ResponseSummary};
use leptos::prelude::*;

use super::viewer::{HeaderList, ResponseViewer};
use crate::state::AppState;

/// The last response: status and its meaning, time, size, the FMC's error
/// messages first, the headers, then the body viewer.
///
/// The body is always inserted as text, never as HTML, so markup in a
/// response cannot run.
#[component]
pub fn ResponseView() -> impl IntoView {
    let state = expect_context::<AppState>();

    view! {
        <section class="response" aria-label="Response">
            {move || match state.response.get() {
                None => view! { <p class="empty">"Send a request to see the FMC's response here."</p> }.into_any(),
                Some(summary) => view! { <ResponseDetails summary=summary /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ResponseDetails(summary: ResponseSummary) -> impl IntoView {
    let status_class = format!("status status-{}xx", summary.status / 100);
    let messages = summary
        .fmc_error
        .as_ref()
        .map(|error| error.messages.clone())
        .unwrap_or_default();
    let headers = summary.headers.clone();
    let body_view = if summary.body.is_empty() {
        view! { <p class="empty">"No body."</p> }.into_any()
    } else {
        view! { <ResponseViewer summary=summary.clone() /> }.into_any()
    };

    view! {
        <p class=status_class>
            <strong>{format!("{} {}", summary.status, summary.reason)}</strong>
            <span class="metric">{format!("{} ms", summary.elapsed_ms)}</span>
            <span class="metric">{format_size(summary.size_bytes)}</span>
        </p>
        {summary.hint.map(|hint| view! { <p class="hint">{hint}</p> })}
        {summary.looks_like_html.then(|| view! {
            <p class="hint">
                "The server answered with an HTML page, not JSON. Check that the path starts with /api/ and that the host is the FMC."
            </p>
        })}
        {(!messages.is_empty()).then(|| view! {
            <ul class="fmc-errors" aria-label="FMC error messages">
                {messages.into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
            </ul>
        })}
        {(!headers.is_empty()).then(|| view! { <HeaderList headers=headers /> })}
        {body_view}
    }
}
