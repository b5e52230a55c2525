use fmc_core::keepalive::SessionStatus;
use fmc_core::session::format_duration;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::storage::Stores;
use crate::flows::profiles::choose_domain;
use crate::flows::sign_out::start_sign_out;
use crate::state::AppState;

/// Who is signed in where, the domain picker, the token's time left and
/// refresh count, and Sign out.
#[component]
pub fn SessionBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stores = expect_context::<Stores>();

    let who = move || {
        state
            .session
            .with(|session| {
                session
                    .as_ref()
                    .map(|session| (session.username.clone(), session.host.display()))
            })
            .unwrap_or_default()
    };
    let status = move || {
        let now = state.now_ms.get();
        state.session.with(|session| {
            session
                .as_ref()
                .map(|session| SessionStatus::at(&session.lifetime, now))
        })
    };
    let token_line = move || match status() {
        None => String::new(),
        Some(status) if status.access_left_ms == 0 => {
            "Access token: expired, renewed on the next request".to_owned()
        }
        Some(status) => format!(
            "Access token: {} left",
            format_duration(status.access_left_ms)
        ),
    };
    let sign_in_line = move || {
        status()
            .map(|status| {
                format!(
                    "Refreshes: {} of {} used · new sign-in needed in {}",
                    status.refreshes_used,
                    status.max_refreshes,
                    format_duration(status.sign_in_left_ms)
                )
            })
            .unwrap_or_default()
    };
    let domains = move || {
        state.session.with(|session| {
            session
                .as_ref()
                .map(|session| (session.sign_in.domains.clone(), session.domain_uuid.clone()))
                .unwrap_or_default()
        })
    };

    let domain_stores = stores.clone();
    let on_domain = move |event| {
        let uuid = event_target_value(&event);
        spawn_local(choose_domain(state, domain_stores.clone(), uuid));
    };
    let sign_out = move |_| start_sign_out(state, stores.clone());

    view! {
        <section class="session" aria-label="Session">
            <p class="who">
                <strong>{move || who().0}</strong>
                " at "
                <span class="host">{move || who().1}</span>
            </p>
            <div class="domain-row">
                <label for="domain">"Domain"</label>
                <select id="domain" on:change=on_domain>
                    {move || {
                        let (domains, current) = domains();
                        domains
                            .into_iter()
                            .map(|domain| {
                                let selected = domain.uuid == current;
                                view! {
                                    <option value=domain.uuid selected=selected>
                                        {domain.name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <p class="token-time">{token_line}</p>
            <p class="token-time">{sign_in_line}</p>
            <button type="button" on:click=sign_out disabled=move || state.busy.get().is_some()>
                "Sign out"
            </button>
        </section>
    }
}
