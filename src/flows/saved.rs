//! The saved requests of the signed-in profile in `storage.local`, and
//! their export to and import from Postman collection files.

use fmc_core::collection::{export_collection, import_collection, parse_collection};
use fmc_core::saved::{storage_key, SavedRequests};
use fmc_core::session::Session;
use leptos::prelude::*;

use super::persist;
use crate::browser::download::download_text;
use crate::browser::log;
use crate::browser::storage::Stores;
use crate::state::AppState;

/// Returns the storage key of the saved requests of `session`'s profile.
pub fn key_for(session: &Session) -> String {
    storage_key(&session.host.display(), &session.username)
}

/// Reads the saved requests under `key`. A failed read shows a notice and
/// returns none.
pub async fn load(state: AppState, stores: &Stores, key: &str) -> SavedRequests {
    match stores.local.get::<SavedRequests>(key).await {
        Ok(saved) => saved.unwrap_or_default(),
        Err(error) => {
            log::error(&error.to_string());
            state.notice.set(Some(error.to_string()));
            SavedRequests::default()
        }
    }
}

/// Applies `change` to the saved requests under `key` as stored, saves them
/// and returns them with the change's result.
pub async fn update<T>(
    state: AppState,
    stores: &Stores,
    key: &str,
    change: impl FnOnce(&mut SavedRequests) -> T,
) -> (SavedRequests, T) {
    let mut saved = load(state, stores, key).await;
    let result = change(&mut saved);
    persist::save(state, &stores.local, key, &saved).await;
    (saved, result)
}

/// Downloads `saved` as a Postman collection and returns a message for the
/// user.
pub fn export(session: &Session, saved: &SavedRequests) -> Result<String, String> {
    let host = session.host.display();
    let name = format!("FMC {host}");
    let collection = export_collection(&name, &session.host, &session.domain_uuid, &saved.requests);
    let text = serde_json::to_string_pretty(&collection).map_err(|error| {
        format!("The collection could not be written as JSON: {error}. Try the export again.")
    })?;
    let safe_host: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let file_name = format!("fmc-{safe_host}.postman_collection.json");
    download_text(&file_name, "application/json", &text).map_err(|error| error.to_string())?;
    log::info(&format!(
        "Exported {} saved requests to {file_name}.",
        saved.requests.len()
    ));
    let noun = if saved.requests.len() == 1 {
        "request"
    } else {
        "requests"
    };
    Ok(format!(
        "Saved {file_name} with {} {noun}.",
        saved.requests.len()
    ))
}

/// Adds the requests of the collection file `file_name` with contents
/// `text` to the saved requests under `key`. Returns them and a message
/// that names each skipped request and why, or why the file was rejected.
pub async fn import(
    state: AppState,
    stores: &Stores,
    session: &Session,
    key: &str,
    file_name: &str,
    text: &str,
) -> Result<(SavedRequests, String), String> {
    let collection = parse_collection(file_name, text).map_err(|error| error.to_string())?;
    let report = import_collection(&collection, &session.host);
    let (saved, added) = update(state, stores, key, |saved| {
        report
            .requests
            .iter()
            .filter(|request| {
                let name = if request.name.trim().is_empty() {
                    "Unnamed request"
                } else {
                    request.name.as_str()
                };
                saved
                    .add(name, &request.folder, request.draft.clone())
                    .is_ok()
            })
            .count()
    })
    .await;

    let noun = if added == 1 { "request" } else { "requests" };
    let mut message = format!("Imported {added} {noun} from {file_name}.");
    if !report.skipped.is_empty() {
        let skipped: Vec<String> = report
            .skipped
            .iter()
            .map(|skip| format!("{} ({})", skip.name, skip.reason))
            .collect();
        message.push_str(&format!(" Skipped: {}.", skipped.join("; ")));
    }
    log::info(&message);
    Ok((saved, message))
}
