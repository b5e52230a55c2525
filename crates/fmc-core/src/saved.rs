//! Saved requests: named drafts in folders, kept per connection profile.
//!
//! A folder is a path of names joined with `/`, such as `Objects/Networks`,
//! so nested Postman folders map onto it. The empty folder is the top level.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::request::Draft;

/// Returns the `storage.local` key of the saved requests of one profile,
/// identified by its host (as `FmcHost::display` writes it) and username.
pub fn storage_key(host: &str, username: &str) -> String {
    format!("saved_requests:{username}@{host}")
}

/// A saved request was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SavedError {
    #[error("The request name is empty. Type a name, then save again.")]
    EmptyName,
    #[error("No saved request has id {id}; it may have been deleted in another window. Reopen the list and try again.")]
    NotFound { id: u64 },
}

/// One named request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedRequest {
    /// Unique within a [`SavedRequests`].
    pub id: u64,
    pub name: String,
    /// Folder path such as `Objects/Networks`, or empty for the top level.
    #[serde(default)]
    pub folder: String,
    pub draft: Draft,
}

/// The saved requests of one profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedRequests {
    pub requests: Vec<SavedRequest>,
}

/// Trims `folder` and every name in it, and drops empty names, so that
/// ` Objects / / Networks ` becomes `Objects/Networks`.
pub fn normalize_folder(folder: &str) -> String {
    folder
        .split('/')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

impl SavedRequests {
    /// Saves `draft` as `name` in `folder` and returns its id.
    pub fn add(&mut self, name: &str, folder: &str, draft: Draft) -> Result<u64, SavedError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SavedError::EmptyName);
        }
        let id = self
            .requests
            .iter()
            .map(|saved| saved.id)
            .max()
            .unwrap_or(0)
            + 1;
        self.requests.push(SavedRequest {
            id,
            name: name.to_owned(),
            folder: normalize_folder(folder),
            draft,
        });
        Ok(id)
    }

    /// Returns the request with `id`.
    pub fn find(&self, id: u64) -> Option<&SavedRequest> {
        self.requests.iter().find(|saved| saved.id == id)
    }

    /// Renames the request with `id`.
    pub fn rename(&mut self, id: u64, name: &str) -> Result<(), SavedError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(SavedError::EmptyName);
        }
        let saved = self
            .requests
            .iter_mut()
            .find(|saved| saved.id == id)
            .ok_or(SavedError::NotFound { id })?;
        saved.name = name.to_owned();
        Ok(())
    }

    /// Deletes the request with `id`.
    pub fn delete(&mut self, id: u64) -> Result<(), SavedError> {
        let before = self.requests.len();
        self.requests.retain(|saved| saved.id != id);
        if self.requests.len() == before {
            return Err(SavedError::NotFound { id });
        }
        Ok(())
    }

    /// Returns the requests grouped by folder, folders in alphabetical order
    /// with the top level first, and requests by name within each folder.
    pub fn by_folder(&self) -> Vec<(String, Vec<SavedRequest>)> {
        let mut folders: BTreeMap<String, Vec<SavedRequest>> = BTreeMap::new();
        for saved in &self.requests {
            folders
                .entry(saved.folder.clone())
                .or_default()
                .push(saved.clone());
        }
        folders
            .into_iter()
            .map(|(folder, mut requests)| {
                requests.sort_by_key(|saved| saved.name.to_lowercase());
                (folder, requests)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
