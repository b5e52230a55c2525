//! Sending the composed request to the active profile's FMC, and cancelling
//! it while it runs.

use std::cell::RefCell;
use std::time::Duration;

use fmc_core::body_check::body_warnings;
use fmc_core::headers::header;
use fmc_core::request::prepare_request;
use fmc_core::response::summarize;
use fmc_core::response_check::response_warning;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::profiles::is_active;
use super::{history, persist};
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

/// The request that is running, with whether Cancel was pressed.
struct Running {
    controller: AbortController,
    cancelled: bool,
}

thread_local! {
    /// Set while a request started by [`start_send`] runs in this page.
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// Cancels the running request, if any. Returns true when there was one.
pub fn cancel_send() -> bool {
    RUNNING.with(|running| match running.borrow_mut().as_mut() {
        Some(running) => {
            running.cancelled = true;
            running.controller.abort();
            true
        }
        None => false,
    })
}

/// Sends the draft in `state` and shows the response. A write to the Global
/// domain of a user with subdomains, a PUT whose body id differs from the
/// path, and an oversized bulk POST wait for confirmation unless `confirmed`
/// is set.
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
        return state
            .problem
            .set(Some(Problem::about_draft(error.to_string())));
    }
    if !confirmed {
        let mut warnings: Vec<String> = body_warnings(draft.method, &draft.path, &draft.body)
            .iter()
            .map(ToString::to_string)
            .collect();
        if session.is_global_write_with_subdomains(draft.method) {
            warnings.push(format!(
                "This {} goes to the Global domain, so the change reaches every subdomain of {}. Pick a subdomain under Domain, or send it to Global anyway.",
                draft.method.as_str(),
                session.host.display()
            ));
        }
        if !warnings.is_empty() {
            return state.problem.set(Some(Problem {
                message: warnings.join(" "),
                open_host_url: None,
                confirm_send: true,
                reread_path: None,
                about_draft: true,
            }));
        }
    }
    let Ok(controller) = AbortController::new() else {
        return state.problem.set(Some(Problem::message(
            "The browser could not start a request. Reload the extension and send again.",
        )));
    };

    RUNNING.with(|running| {
        *running.borrow_mut() = Some(Running {
            controller: controller.clone(),
            cancelled: false,
        })
    });
    state.busy.set(Some(Busy::Sending));
    // The progress and export of an earlier Fetch all pages belong to the
    // response this send replaces.
    state.fetch.set(None);
    state.fetched.set(None);
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
        let cancelled = RUNNING.with(|running| {
            running
                .borrow_mut()
                .take()
                .is_some_and(|running| running.cancelled)
        });
        state.busy.set(None);
        history::record(state, &stores, &session, &draft, outcome.as_ref());

        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(_) if cancelled => {
                let message = cancelled_message(&draft);
                log::info(&message);
                return state.problem.set(Some(Problem::message(message)));
            }
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
        let mut notices = Vec::new();
        if !is_active(state, &session.host, &session.username) {
            // The user switched profiles while the request ran: keep the
            // response, but leave the shown session alone.
            notices.push(format!(
                "This response came from {} as {}, which is no longer the selected profile.",
                session.host.display(),
                session.username
            ));
        } else {
            match &outcome.ended {
                Some(message) => {
                    state.session.set(None);
                    state.problem.set(Some(Problem::message(message.clone())));
                    run_keep_alive(&stores).await;
                }
                None => state.session.set(Some(outcome.record.session.clone())),
            }
            notices.extend(outcome.notes.iter().cloned());
        }

        let response = &outcome.response;
        let summary = summarize(
            response.status,
            header(&response.headers, "content-type"),
            &response.body,
            response.elapsed_ms,
        )
        .with_headers(&response.headers);
        let warning = response_warning(
            outcome.prepared.method,
            &outcome.prepared.url,
            response.status,
            header(&response.headers, "content-type"),
            &response.body,
        );
        if let Some(warning) = warning {
            log::warn(&warning);
            notices.push(warning);
        }
        // A notice about an earlier response goes when this one arrives.
        state
            .notice
            .set((!notices.is_empty()).then(|| notices.join(" ")));
        state.response.set(Some(summary.clone()));
        if summary.size_bytes <= MAX_KEPT_RESPONSE_BYTES {
            persist::save(state, &stores.session, LAST_RESPONSE_KEY, &summary).await;
        } else {
            persist::remove(state, &stores.session, LAST_RESPONSE_KEY).await;
        }
    });
}

/// Explains a request stopped by Cancel or Escape. A write may already have
/// reached the FMC, so its message tells the user how to check.
fn cancelled_message(draft: &fmc_core::request::Draft) -> String {
    let method = draft.method.as_str();
    let path = draft.path.trim();
    if draft.method.is_write() {
        format!("Cancelled: {method} {path} was stopped before the FMC responded. The FMC may still have applied it, so GET the object to check before sending it again.")
    } else {
        format!("Cancelled: {method} {path} was stopped before the FMC responded. Send it again when you are ready.")
    }
}
