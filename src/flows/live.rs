//! Following session changes made by other extension contexts, such as a
//! refresh by the service worker while the popup is open.

use fmc_core::profile::ProfileList;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::profiles::show_active;
use crate::browser::idna;
use crate::browser::storage::{Area, Stores};
use crate::browser::storage_events::StorageListener;
use crate::sessions::store::session_key;
use crate::state::{AppState, PROFILES_KEY};

/// Reloads the active session whenever its stored record changes. The
/// listener stays registered while the returned value lives.
pub fn follow_session_changes(state: AppState, stores: Stores) -> StorageListener {
    StorageListener::start(Area::Session, move |key| {
        let active_key = state
            .profiles
            .with_untracked(|list| list.active().cloned())
            .and_then(|profile| {
                let host = idna::parse_host(&profile.host).ok()?;
                Some(session_key(&host, &profile.username))
            });
        if active_key.as_deref() == Some(key.as_str()) && state.busy.get_untracked().is_none() {
            let stores = stores.clone();
            spawn_local(async move { show_active(state, &stores).await });
        }
    })
}

/// Reloads the saved profiles whenever another context changes them, such
/// as the service worker remembering a host's refresh spelling. The
/// listener stays registered while the returned value lives.
pub fn follow_profile_changes(state: AppState, stores: Stores) -> StorageListener {
    StorageListener::start(Area::Local, move |key| {
        if key != PROFILES_KEY {
            return;
        }
        let stores = stores.clone();
        spawn_local(async move {
            if let Ok(Some(profiles)) = stores.local.get::<ProfileList>(PROFILES_KEY).await {
                if state
                    .profiles
                    .with_untracked(|current| *current != profiles)
                {
                    state.profiles.set(profiles);
                }
            }
        });
    })
}
