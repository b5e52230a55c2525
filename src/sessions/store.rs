//! Storage of sessions and kept passwords in `storage.session`, one key per
//! FMC origin, so tokens of one host are never mixed with another's.

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
    /// The reason the session ended, once it can no longer be renewed. The user
    /// then signs in again with everything else kept.
    #[serde(default)]
    pub ended: Option<String>,
}

/// Returns the `storage.session` key of `host`'s session.
pub fn session_key(host: &FmcHost) -> String {
    format!("{SESSION_PREFIX}{}", host.origin())
}

fn password_key(host: &FmcHost) -> String {
    format!("{PASSWORD_PREFIX}{}", host.origin())
}

/// Reads the session of `host`.
pub async fn load(stores: &Stores, host: &FmcHost) -> Result<Option<SessionRecord>, StorageError> {
    stores.session.get(&session_key(host)).await
}

/// Reads every stored session.
pub async fn load_all(stores: &Stores) -> Result<Vec<SessionRecord>, StorageError> {
    let entries = stores
        .session
        .get_with_prefix::<SessionRecord>(SESSION_PREFIX)
        .await?;
    Ok(entries.into_iter().map(|(_, record)| record).collect())
}

/// Writes the session of its host.
pub async fn save(stores: &Stores, record: &SessionRecord) -> Result<(), StorageError> {
    stores
        .session
        .set(&session_key(&record.session.host), record)
        .await
}

/// Forgets the session and the kept password of `host`.
pub async fn remove(stores: &Stores, host: &FmcHost) -> Result<(), StorageError> {
    stores.session.remove(&session_key(host)).await?;
    stores.session.remove(&password_key(host)).await
}

/// Returns the password kept for `host`, if the user opted in.
pub async fn kept_password(stores: &Stores, host: &FmcHost) -> Option<String> {
    stores
        .session
        .get::<String>(&password_key(host))
        .await
        .ok()
        .flatten()
}

/// Stores `password` for `host` in memory-only storage, or removes it.
pub async fn keep_password(
    stores: &Stores,
    host: &FmcHost,
    password: Option<&str>,
) -> Result<(), StorageError> {
    match password {
        Some(password) => stores.session.set(&password_key(host), &password).await,
        None => stores.session.remove(&password_key(host)).await,
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
