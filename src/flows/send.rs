//! Sending the composed request with the session's access token.

use std::time::Duration;

use fmc_core::headers::header;
use fmc_core::request::prepare_request;
use fmc_core::response::summarize;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::{persist, transport};
use crate::browser::http::{self, HttpRequest};
use crate::browser::log;
use crate::browser::net_errors::NetErrorWatch;
use crate::browser::storage::Stores;
use crate::state::{
    AppState, Busy, Problem, DRAFT_KEY, LAST_RESPONSE_KEY, MAX_KEPT_RESPONSE_BYTES,
};

/// How long a request may take before it is abandoned. Large `expanded=true`
/// pages take an FMC tens of seconds to build.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Sends the draft in `state` to the signed-in FMC and shows the response.
pub fn start_send(state: AppState, stores: Stores) {
    let Some(session) = state.session.get_untracked() else {
        return;
    };
    if state.busy.get_untracked().is_some() {
        return;
    }
    state.problem.set(None);

    let draft = state.draft.get_untracked();
    let prepared = match prepare_request(
        &session.host,
        &draft,
        &session.domain_uuid,
        &session.sign_in.access_token,
    ) {
        Ok(prepared) => prepared,
        Err(error) => return state.problem.set(Some(Problem::message(error.to_string()))),
    };
    let Ok(controller) = AbortController::new() else {
        return state.problem.set(Some(Problem::message(
            "The browser could not start a request. Reload the extension and send again.",
        )));
    };

    state.busy.set(Some(Busy::Sending));
    spawn_local(async move {
        persist::save(state, &stores.local, DRAFT_KEY, &draft).await;

        let watch = NetErrorWatch::start(&session.host.permission_pattern());
        let request = HttpRequest {
            method: prepared.method.as_str().to_owned(),
            url: prepared.url.clone(),
            headers: prepared.exposed_headers(),
            body: prepared.body.clone(),
            timeout: REQUEST_TIMEOUT,
        };
        let outcome = http::send(request, controller).await;
        state.busy.set(None);

        let response = match outcome {
            Ok(response) => response,
            Err(error) => {
                let problem = transport::explain(&session.host, error, &watch).await;
                log::warn(&problem.message);
                return state.problem.set(Some(problem));
            }
        };

        log::info(&format!(
            "{} {} answered HTTP {} in {} ms.",
            prepared.method.as_str(),
            prepared.url,
            response.status,
            response.elapsed_ms
        ));
        let summary = summarize(
            response.status,
            header(&response.headers, "content-type"),
            &response.body,
            response.elapsed_ms,
        );
        if response.status == 401 {
            state.problem.set(Some(Problem::message(format!(
                "{} rejected the access token (HTTP 401). It expired, or the FMC ended the session because the same account signed in elsewhere (the web UI or another client). Sign out and sign in again; Cisco recommends a separate account for API use.",
                session.host.display()
            ))));
        }
        state.response.set(Some(summary.clone()));
        if summary.size_bytes <= MAX_KEPT_RESPONSE_BYTES {
            persist::save(state, &stores.session, LAST_RESPONSE_KEY, &summary).await;
        } else {
            persist::remove(state, &stores.session, LAST_RESPONSE_KEY).await;
        }
    });
}
