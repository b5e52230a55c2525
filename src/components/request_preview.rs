use fmc_core::request::prepare_request;
use leptos::prelude::*;

use crate::state::AppState;

/// The request exactly as it will be sent: the URL with the domain UUID filled
/// in and the automatic headers, with the access token masked.
#[component]
pub fn RequestPreview() -> impl IntoView {
    let state = expect_context::<AppState>();

    let preview = Memo::new(move |_| {
        let draft = state.draft.get();
        state.session.with(|session| {
            let session = session.as_ref()?;
            let prepared = prepare_request(
                &session.host,
                &draft,
                &session.domain_uuid,
                &session.sign_in.access_token,
            );
            Some(prepared.map(|prepared| {
                let headers: Vec<String> = prepared
                    .preview_headers()
                    .into_iter()
                    .map(|(name, value)| format!("{name}: {value}"))
                    .collect();
                (
                    format!("{} {}", prepared.method.as_str(), prepared.url),
                    headers,
                )
            }))
        })
    });

    view! {
        <section class="preview" aria-label="Request preview">
            {move || match preview.get() {
                None => ().into_any(),
                Some(Ok((request_line, headers))) => {
                    view! {
                        <code class="request-line">{request_line}</code>
                        <ul class="headers">
                            {headers.into_iter().map(|line| view! { <li><code>{line}</code></li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
                Some(Err(error)) => view! { <p class="preview-error">{error.to_string()}</p> }.into_any(),
            }}
        </section>
    }
}
