//! Sending the composed request to the active profile's FMC.

use std::time::Duration;

use fmc_core::response_check::response_warning;
use fmc_core::headers::header;
use fmc_core::request::prepare_request;
use fmc_core::response::summarize;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::persist;
use super::profiles::is_active;
use crate::browser::log;
use crate::browser::storage::Stores;
use crate::sessions::client::send_authorized;
use crate::sessions::keep_alive::run_keep_alive;
use crate::state::{
    AppState, Busy, Problem, DRAFT_KEY, LAST_RESPONSE_KEY, MAX_KEPT_RESPONSE_BYTES,
};

/// How long a request may take before it is abandoned. Large `expanded=true`
/// pages take an FMC tens of seconds to build.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Sends the draft in `state` and shows the response. A write to the Global
/// domain of a user with subdomains waits for confirmation unless
/// `confirmed` is set.
pub fn start_send(state: AppState, stores: Stores, confirmed: bool) {
    let Some(session) = state.session.get_untracked() else {
        return;
    };
    if state.busy.get_untracked().is_some() {
        return;
    }
    state.problem.set(None);

    let draft = state.draft.get_untracked();
    // Checked here for an immediate message; the session client prepares
    // the request again with the newest token.
    if let Err(error) = prepare_request(
        &session.host,
        &draft,
        &session.domain_uuid,
        &session.sign_in.access_token,
    ) {
        return state.problem.set(Some(Problem::message(error.to_string())));
    }
    if !confirmed && session.is_global_write_with_subdomains(draft.method) {
        return state.problem.set(Some(Problem {
            message: format!(
                "This {} goes to the Global domain, so the change reaches every subdomain of {}. Pick a subdomain under Domain, or send it to Global anyway.",
                draft.method.as_str(),
                session.host.display()
            ),
            open_host_url: None,
            confirm_send: true,
            reread_path: None,
        }));
    }
    let Ok(controller) = AbortController::new() else {
        return state.problem.set(Some(Problem::message(
            "The browser could not start a request. Reload the extension and send again.",
        )));
    };

    state.busy.set(Some(Busy::Sending));
    spawn_local(async move {
        persist::save(state, &stores.local, DRAFT_KEY, &draft).await;
        let outcome = send_authorized(
            &stores,
            &session.host,
            &session.username,
            &draft,
            controller,
            REQUEST_TIMEOUT,
        )
        .await;
        state.busy.set(None);

        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(problem) => {
                log::warn(&problem.message);
                return state.problem.set(Some(problem));
            }
        };

        log::info(&format!(
            "{} {} answered HTTP {} in {} ms.",
            outcome.prepared.method.as_str(),
            outcome.prepared.url,
            outcome.response.status,
            outcome.response.elapsed_ms
        ));
        if !is_active(state, &session.host, &session.username) {
            // The user switched profiles while the request ran: keep the
            // response, but leave the shown session alone.
            state.notice.set(Some(format!(
                "This response came from {} as {}, which is no longer the selected profile.",
                session.host.display(),
                session.username
            )));
        } else {
            match &outcome.ended {
                Some(message) => {
                    state.session.set(None);
                    state.problem.set(Some(Problem::message(message.clone())));
                    run_keep_alive(&stores).await;
                }
                None => state.session.set(Some(outcome.record.session.clone())),
            }
            if !outcome.notes.is_empty() {
                state.notice.set(Some(outcome.notes.join(" ")));
            }
        }

        let response = &outcome.response;
        let summary = summarize(
            response.status,
            header(&response.headers, "content-type"),
            &response.body,
            response.elapsed_ms,
        );
        let warning = response_warning(
            outcome.prepared.method,
            &outcome.prepared.url,
            response.status,
            header(&response.headers, "content-type"),
            &response.body,
        );
        if let Some(warning) = warning {
            log::warn(&warning);
            let mut parts = outcome.notes.clone();
            parts.push(warning);
            state.notice.set(Some(parts.join(" ")));
        }
        state.response.set(Some(summary.clone()));
        if summary.size_bytes <= MAX_KEPT_RESPONSE_BYTES {
            persist::save(state, &stores.session, LAST_RESPONSE_KEY, &summary).await;
        } else {
            persist::remove(state, &stores.session, LAST_RESPONSE_KEY).await;
        }
    });
}
