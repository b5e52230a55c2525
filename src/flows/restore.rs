//! Reading back what the popup showed before it was closed.

use fmc_core::profile::ProfileList;
use fmc_core::request::Draft;
use fmc_core::response::ResponseSummary;
use leptos::prelude::*;
use serde::Deserialize;

use super::profiles::show_active;
use crate::browser::log;
use crate::browser::storage::{StorageError, Stores};
use crate::state::{
    AppState, SignInFields, DRAFT_KEY, LAST_RESPONSE_KEY, PROFILES_KEY, SIGN_IN_FIELDS_KEY,
};

/// Settings a build may ship in `defaults.json`; the development build uses it
/// to point the sign-in form at the bundled simulator.
#[derive(Debug, Default, Deserialize)]
struct Defaults {
    #[serde(default)]
    host: String,
    #[serde(default)]
    username: String,
}

/// Restores the profiles, sign-in fields, draft, active session and last
/// response into `state`.
pub async fn restore(state: AppState, stores: Stores) {
    let mut failures = Vec::new();

    match stores.local.get::<ProfileList>(PROFILES_KEY).await {
        Ok(profiles) => state.profiles.set(profiles.unwrap_or_default()),
        Err(error) => failures.push(error),
    }
    let fields = match stores.local.get::<SignInFields>(SIGN_IN_FIELDS_KEY).await {
        Ok(Some(fields)) => fields,
        Ok(None) => default_fields().await,
        Err(error) => {
            failures.push(error);
            default_fields().await
        }
    };
    state.fields.set(fields);

    match stores.local.get::<Draft>(DRAFT_KEY).await {
        Ok(Some(draft)) => state.draft.set(draft),
        Ok(None) => {}
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
    show_active(state, &stores).await;

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

async fn default_fields() -> SignInFields {
    let defaults = match gloo_net::http::Request::get("defaults.json").send().await {
        Ok(response) if response.ok() => response.json::<Defaults>().await.unwrap_or_default(),
        _ => Defaults::default(),
    };
    SignInFields {
        host: defaults.host,
        username: defaults.username,
        profile_name: String::new(),
    }
}
