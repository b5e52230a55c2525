//! Reading back what the popup showed before it was closed.

use fmc_core::request::Draft;
use fmc_core::response::ResponseSummary;
use fmc_core::session::Session;
use leptos::prelude::*;
use serde::Deserialize;

use crate::browser::log;
use crate::browser::storage::{StorageError, Stores};
use crate::state::{AppState, Profile, DRAFT_KEY, LAST_RESPONSE_KEY, PROFILE_KEY, SESSION_KEY};

/// Settings a build may ship in `defaults.json`; the development build uses it
/// to point the sign-in form at the bundled simulator.
#[derive(Debug, Default, Deserialize)]
struct Defaults {
    #[serde(default)]
    host: String,
    #[serde(default)]
    username: String,
}

/// Restores the profile, draft, session and last response into `state`.
pub async fn restore(state: AppState, stores: Stores) {
    let mut failures = Vec::new();

    let profile = match stores.local.get::<Profile>(PROFILE_KEY).await {
        Ok(Some(profile)) => profile,
        Ok(None) => defaults_profile().await,
        Err(error) => {
            failures.push(error);
            defaults_profile().await
        }
    };
    state.profile.set(profile);

    match stores.local.get::<Draft>(DRAFT_KEY).await {
        Ok(Some(draft)) => state.draft.set(draft),
        Ok(None) => {}
        Err(error) => failures.push(error),
    }
    match stores.session.get::<Session>(SESSION_KEY).await {
        Ok(session) => state.session.set(session),
        Err(error) => failures.push(error),
    }
    match stores
        .session
        .get::<ResponseSummary>(LAST_RESPONSE_KEY)
        .await
    {
        Ok(response) => state.response.set(response),
        Err(error) => failures.push(error),
    }

    report(state, &failures);
    state.restored.set(true);
}

fn report(state: AppState, failures: &[StorageError]) {
    for failure in failures {
        log::error(&failure.to_string());
    }
    if let Some(first) = failures.first() {
        state.notice.set(Some(first.to_string()));
    }
}

async fn defaults_profile() -> Profile {
    let defaults = match gloo_net::http::Request::get("defaults.json").send().await {
        Ok(response) if response.ok() => response.json::<Defaults>().await.unwrap_or_default(),
        _ => Defaults::default(),
    };
    Profile {
        host: defaults.host,
        username: defaults.username,
    }
}
