use fmc_core::session::format_duration;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::storage::Stores;
use crate::flows::persist;
use crate::flows::sign_out::start_sign_out;
use crate::state::{AppState, SESSION_KEY};

/// Who is signed in where, the domain picker, the time left on the access
/// token, and Sign out.
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
    let time_left = move || {
        let now = state.now_ms.get();
        state.session.with(|session| {
            let Some(session) = session else {
                return String::new();
            };
            if session.lifetime.is_expired(now) {
                "Access token: expired. Sign out and sign in again.".to_owned()
            } else {
                format!(
                    "Access token: {} left",
                    format_duration(session.lifetime.remaining_ms(now))
                )
            }
        })
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
    let choose_domain = move |event| {
        let uuid = event_target_value(&event);
        let mut chosen = None;
        state.session.update(|session| {
            if let Some(session) = session {
                if session.select_domain(&uuid) {
                    chosen = Some(session.clone());
                }
            }
        });
        if let Some(session) = chosen {
            let stores = domain_stores.clone();
            spawn_local(async move {
                persist::save(state, &stores.session, SESSION_KEY, &session).await
            });
        }
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
                <select id="domain" on:change=choose_domain>
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
            <p class="token-time">{time_left}</p>
            <button type="button" on:click=sign_out disabled=move || state.busy.get().is_some()>
                "Sign out"
            </button>
        </section>
    }
}
