//! Storage of sessions and kept passwords in `storage.session`, one key per
//! FMC origin and username, so tokens of one host are never mixed with
//! another's, nor one user's with another user's on the same host.

use fmc_core::host::FmcHost;
use fmc_core::paths::RefreshPath;
use fmc_core::session::Session;
use serde::{Deserialize, Serialize};

use crate::browser::storage::{StorageError, Stores};

const SESSION_PREFIX: &str = "session:";
const PASSWORD_PREFIX: &str = "password:";
/// `storage.local`: a shorter access-token lifetime in milliseconds, for
/// simulators started with a shortened clock. Real FMCs use 30 minutes.
pub const TOKEN_LIFETIME_OVERRIDE_KEY: &str = "token_lifetime_override_ms";

/// A session as stored, with what the extension learned about its host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub session: Session,
    #[serde(default)]
    pub refresh_path: RefreshPath,
    /// The reason the session ended, once it can no longer be renewed. The
    /// user then signs in again with everything else kept.
    #[serde(default)]
    pub ended: Option<String>,
}

/// Returns the `storage.session` key of `username`'s session on `host`.
pub fn session_key(host: &FmcHost, username: &str) -> String {
    format!("{SESSION_PREFIX}{} {username}", host.origin())
}

fn password_key(host: &FmcHost, username: &str) -> String {
    format!("{PASSWORD_PREFIX}{} {username}", host.origin())
}

/// Reads the session of `username` on `host`.
pub async fn load(
    stores: &Stores,
    host: &FmcHost,
    username: &str,
) -> Result<Option<SessionRecord>, StorageError> {
    stores.session.get(&session_key(host, username)).await
}

/// Reads every stored session.
pub async fn load_all(stores: &Stores) -> Result<Vec<SessionRecord>, StorageError> {
    let entries = stores
        .session
        .get_with_prefix::<SessionRecord>(SESSION_PREFIX)
        .await?;
    Ok(entries.into_iter().map(|(_, record)| record).collect())
}

/// Writes the session under its host and username.
pub async fn save(stores: &Stores, record: &SessionRecord) -> Result<(), StorageError> {
    let key = session_key(&record.session.host, &record.session.username);
    stores.session.set(&key, record).await
}

/// Removes the session and the kept password of `username` on `host`.
pub async fn remove(stores: &Stores, host: &FmcHost, username: &str) -> Result<(), StorageError> {
    stores.session.remove(&session_key(host, username)).await?;
    stores.session.remove(&password_key(host, username)).await
}

/// Returns the password kept for `username` on `host`, if the user opted in.
pub async fn kept_password(stores: &Stores, host: &FmcHost, username: &str) -> Option<String> {
    stores
        .session
        .get::<String>(&password_key(host, username))
        .await
        .ok()
        .flatten()
}

/// Stores `password` for `username` on `host` in memory-only storage, or
/// removes it.
pub async fn keep_password(
    stores: &Stores,
    host: &FmcHost,
    username: &str,
    password: Option<&str>,
) -> Result<(), StorageError> {
    let key = password_key(host, username);
    match password {
        Some(password) => stores.session.set(&key, &password).await,
        None => stores.session.remove(&key).await,
    }
}

/// Returns the access-token lifetime to assume, in milliseconds.
pub async fn token_lifetime_ms(stores: &Stores) -> u64 {
    stores
        .local
        .get::<u64>(TOKEN_LIFETIME_OVERRIDE_KEY)
        .await
        .ok()
        .flatten()
        .filter(|lifetime| *lifetime >= 1_000)
        .unwrap_or(fmc_core::session::ACCESS_TOKEN_LIFETIME_MS)
}
