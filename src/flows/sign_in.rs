//! Sign-in: generate a token with HTTP Basic auth and keep the session.

use std::future::Future;
use std::time::Duration;

use fmc_core::auth::basic_auth_header;
use fmc_core::host::FmcHost;
use fmc_core::paths::GENERATE_TOKEN;
use fmc_core::session::Session;
use fmc_core::signin::parse_sign_in;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::{persist, transport};
use crate::browser::http::{self, HttpRequest};
use crate::browser::net_errors::NetErrorWatch;
use crate::browser::storage::Stores;
use crate::browser::{clock, log, permissions};
use crate::state::{AppState, Busy, Problem, Profile, PROFILE_KEY, SESSION_KEY};

/// How long to wait for `generatetoken`; an FMC under load can take seconds.
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(30);

/// Starts a sign-in with what the form holds. Call it from the click handler
/// itself: the host permission prompt needs that click.
pub fn start_sign_in(state: AppState, stores: Stores) {
    if state.busy.get_untracked().is_some() {
        return;
    }
    state.problem.set(None);

    let profile = state.profile.get_untracked();
    let host = match FmcHost::parse(&profile.host) {
        Ok(host) => host,
        Err(error) => return state.problem.set(Some(Problem::message(error.to_string()))),
    };
    let username = profile.username.trim().to_owned();
    let authorization = match basic_auth_header(&username, &state.password.get_untracked()) {
        Ok(authorization) => authorization,
        Err(error) => return state.problem.set(Some(Problem::message(error.to_string()))),
    };
    let permission = permissions::request_host_access(&host.permission_pattern());

    state.busy.set(Some(Busy::SigningIn));
    spawn_local(async move {
        let outcome = sign_in(&host, &username, authorization, permission).await;
        state.busy.set(None);

        match outcome {
            Ok(session) => {
                log::info(&format!("Signed in to {} as {username}.", host.display()));
                let remembered = Profile {
                    host: host.display(),
                    username,
                };
                state.password.set(String::new());
                state.profile.set(remembered.clone());
                state.session.set(Some(session.clone()));
                persist::save(state, &stores.session, SESSION_KEY, &session).await;
                persist::save(state, &stores.local, PROFILE_KEY, &remembered).await;
            }
            Err(problem) => {
                log::warn(&problem.message);
                state.problem.set(Some(problem));
            }
        }
    });
}

async fn sign_in(
    host: &FmcHost,
    username: &str,
    authorization: String,
    permission: impl Future<Output = Result<bool, String>>,
) -> Result<Session, Problem> {
    match permission.await {
        Ok(true) => {}
        Ok(false) => {
            return Err(Problem::message(format!(
                "The browser did not grant access to {}. The extension can reach an FMC only with that access: click Sign in again and choose Allow.",
                host.display()
            )))
        }
        Err(detail) => {
            return Err(Problem::message(format!(
                "The browser could not ask for access to {}: {detail}. Reload the extension and sign in again.",
                host.display()
            )))
        }
    }

    let watch = NetErrorWatch::start(&host.permission_pattern());
    let request = HttpRequest {
        method: "POST".to_owned(),
        url: host.url(GENERATE_TOKEN),
        headers: vec![
            ("Authorization".to_owned(), authorization),
            ("Accept".to_owned(), "application/json".to_owned()),
        ],
        body: None,
        timeout: SIGN_IN_TIMEOUT,
    };
    let controller = AbortController::new().map_err(|_| {
        Problem::message(
            "The browser could not start a request. Reload the extension and sign in again.",
        )
    })?;
    let response = match http::send(request, controller).await {
        Ok(response) => response,
        Err(error) => return Err(transport::explain(host, error, &watch).await),
    };

    let sign_in = parse_sign_in(
        host,
        username,
        response.status,
        &response.headers,
        &response.body,
    )
    .map_err(|error| Problem::message(error.to_string()))?;
    for warning in &sign_in.warnings {
        log::warn(warning);
    }
    Ok(Session::new(
        host.clone(),
        username.to_owned(),
        sign_in,
        clock::now_ms(),
    ))
}
