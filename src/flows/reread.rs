//! "Re-read object": after a write whose outcome is unknown, GETs the
//! object (or for a POST its collection) and shows the response, without
//! touching the draft, so the write can still be sent again.

use std::time::Duration;

use fmc_core::headers::header;
use fmc_core::request::{Draft, Method};
use fmc_core::response::summarize;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::fetch_all::follow_session;
use crate::browser::log;
use crate::browser::storage::Stores;
use crate::sessions::client::send_authorized;
use crate::state::{AppState, Busy, Problem};

/// How long the re-read may take.
const REREAD_TIMEOUT: Duration = Duration::from_secs(60);

/// GETs `path` with the current session and shows the response.
pub fn start_reread(state: AppState, stores: Stores, path: String) {
    let Some(session) = state.session.get_untracked() else {
        return;
    };
    if state.busy.get_untracked().is_some() {
        return;
    }
    let Ok(controller) = AbortController::new() else {
        return state.problem.set(Some(Problem::message(
            "The browser could not start a request. Reload the extension and try again.",
        )));
    };
    state.problem.set(None);
    state.busy.set(Some(Busy::Sending));

    spawn_local(async move {
        let draft = Draft {
            method: Method::Get,
            path,
            body: String::new(),
            ..Default::default()
        };
        let outcome = send_authorized(
            &stores,
            &session.host,
            &session.username,
            &draft,
            controller,
            REREAD_TIMEOUT,
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
            "Re-read {} answered HTTP {}.",
            outcome.prepared.url, outcome.response.status
        ));
        follow_session(state, &stores, &session, &outcome).await;
        let response = &outcome.response;
        state.response.set(Some(
            summarize(
                response.status,
                header(&response.headers, "content-type"),
                &response.body,
                response.elapsed_ms,
            )
            .with_headers(&response.headers),
        ));
    });
}
