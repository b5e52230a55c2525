//! Sign-out: revoke the access token and forget the session of that host.

use std::time::Duration;

use fmc_core::paths::REVOKE_ACCESS;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::persist;
use crate::browser::http::{self, HttpRequest};
use crate::browser::log;
use crate::browser::storage::Stores;
use crate::sessions::keep_alive::run_keep_alive;
use crate::sessions::store;
use crate::state::{AppState, Busy, LAST_RESPONSE_KEY};

const REVOKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Revokes the access token at the FMC, then clears the stored session, the
/// kept password and the last response. The profile, the form fields and
/// the draft stay for the next sign-in.
pub fn start_sign_out(state: AppState, stores: Stores) {
    let Some(session) = state.session.get_untracked() else {
        return;
    };
    if state.busy.get_untracked().is_some() {
        return;
    }
    state.busy.set(Some(Busy::SigningOut));
    state.problem.set(None);

    spawn_local(async move {
        let host = session.host.clone();
        // The stored token is newer than the page's copy when the service
        // worker refreshed it meanwhile.
        let token = match store::load(&stores, &host, &session.username).await {
            Ok(Some(record)) => record.session.sign_in.access_token,
            _ => session.sign_in.access_token.clone(),
        };
        let request = HttpRequest {
            method: "POST".to_owned(),
            url: host.url(REVOKE_ACCESS),
            headers: vec![("X-auth-access-token".to_owned(), token.expose().to_owned())],
            body: None,
            timeout: REVOKE_TIMEOUT,
        };
        // The session is forgotten locally either way; a failed revoke only
        // means the token stays valid at the FMC until it expires.
        let revoked = match AbortController::new() {
            Ok(controller) => http::send(request, controller).await,
            Err(_) => Err(http::HttpError::Cancelled {
                url: host.url(REVOKE_ACCESS),
            }),
        };
        match revoked {
            Ok(response) if response.status < 300 => {
                log::info(&format!("Revoked the access token {} at {}.", token.masked(), host.display()));
            }
            Ok(response) => log::warn(&format!(
                "{} answered HTTP {} to revokeaccess; the access token expires on its own within 30 minutes.",
                host.display(),
                response.status
            )),
            Err(error) => log::warn(&format!("Revoking the access token failed: {error}")),
        }

        if let Err(error) = store::remove(&stores, &host, &session.username).await {
            state.notice.set(Some(error.to_string()));
        }
        state.session.set(None);
        state.response.set(None);
        state.busy.set(None);
        persist::remove(state, &stores.session, LAST_RESPONSE_KEY).await;
        run_keep_alive(&stores).await;
    });
}
