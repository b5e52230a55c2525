//! Switching between saved connection profiles and showing the session of
//! the active one.

use fmc_core::host::FmcHost;
use leptos::prelude::*;

use super::persist;
use crate::browser::idna;
use crate::browser::storage::Stores;
use crate::sessions::store;
use crate::state::{AppState, Problem, SignInFields, PROFILES_KEY, SIGN_IN_FIELDS_KEY};

/// Shows the active profile: its session when one is stored and usable,
/// otherwise the sign-in form, with the reason when its session ended.
pub async fn show_active(state: AppState, stores: &Stores) {
    let Some(profile) = state.profiles.with_untracked(|list| list.active().cloned()) else {
        state.session.set(None);
        return;
    };
    let Ok(host) = idna::parse_host(&profile.host) else {
        state.session.set(None);
        return;
    };

    match store::load(stores, &host, &profile.username).await {
        Ok(Some(record)) => match record.ended {
            None => state.session.set(Some(record.session)),
            Some(message) => {
                state.session.set(None);
                state.problem.set(Some(Problem::message(message)));
            }
        },
        Ok(None) => state.session.set(None),
        Err(error) => {
            state.session.set(None);
            state.notice.set(Some(error.to_string()));
        }
    }
}

/// Makes the profile `id` active (`None`: a new, empty connection) and
/// shows it.
pub async fn switch_profile(state: AppState, stores: Stores, id: Option<String>) {
    state.problem.set(None);
    state.password.set(String::new());
    state.profiles.update(|list| {
        list.activate(id.as_deref());
    });
    let fields = state
        .profiles
        .with_untracked(|list| list.active().cloned())
        .map(|profile| SignInFields {
            host: profile.host,
            username: profile.username,
            profile_name: profile.name,
        })
        .unwrap_or_default();
    state.fields.set(fields.clone());
    persist::save(state, &stores.local, SIGN_IN_FIELDS_KEY, &fields).await;
    let profiles = state.profiles.get_untracked();
    persist::save(state, &stores.local, PROFILES_KEY, &profiles).await;
    show_active(state, &stores).await;
}

/// Deletes the active profile together with any stored session and kept
/// password for it, then shows an empty connection. Only offered while the
/// profile is signed out, so no token is left valid at the FMC by this.
pub async fn remove_active_profile(state: AppState, stores: Stores) {
    let Some(profile) = state.profiles.with_untracked(|list| list.active().cloned()) else {
        return;
    };
    if let Ok(host) = idna::parse_host(&profile.host) {
        if let Err(error) = store::remove(&stores, &host, &profile.username).await {
            state.notice.set(Some(error.to_string()));
        }
    }
    state.profiles.update(|list| list.remove(&profile.id));
    switch_profile(state, stores, None).await;
    state.notice.set(Some(format!(
        "Removed the profile {} ({} as {}).",
        profile.name, profile.host, profile.username
    )));
}

/// Stores the domain chosen in the session bar, both in the session (for
/// requests) and in the profile (for the next sign-in).
pub async fn choose_domain(state: AppState, stores: Stores, uuid: String) {
    let Some(session) = state.session.get_untracked() else {
        return;
    };
    let host = session.host.clone();

    // Read the stored record rather than the page's copy: the service worker
    // may have refreshed the tokens since this page last looked.
    let mut record = match store::load(&stores, &host, &session.username).await {
        Ok(Some(record)) => record,
        Ok(None) => return,
        Err(error) => return state.notice.set(Some(error.to_string())),
    };
    if !record.session.select_domain(&uuid) {
        return;
    }
    if let Err(error) = store::save(&stores, &record).await {
        state.notice.set(Some(error.to_string()));
    }
    let domain_name = record
        .session
        .current_domain()
        .map(|domain| domain.name.clone());
    state.session.set(Some(record.session));

    state.profiles.update(|list| {
        if let Some(id) = list.active.clone() {
            list.update(&id, |profile| profile.domain = domain_name);
        }
    });
    let profiles = state.profiles.get_untracked();
    persist::save(state, &stores.local, PROFILES_KEY, &profiles).await;
}

/// Returns true while the profile of `username` on `host` is the one shown,
/// so that a response arriving after a profile switch does not bring the
/// old session back.
pub fn is_active(state: AppState, host: &FmcHost, username: &str) -> bool {
    let display = host.display();
    state.profiles.with_untracked(|list| {
        list.active()
            .is_some_and(|profile| profile.host == display && profile.username == username)
    })
}
