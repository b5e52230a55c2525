//! Renewing an access token: one refresh at a time per host across the
//! popup, full-page tabs and the service worker, then a new sign-in with the
//! kept password when refreshing is no longer possible.

use std::time::Duration;

use fmc_core::host::FmcHost;
use fmc_core::paths::RefreshPath;
use fmc_core::profile::ProfileList;
use fmc_core::secret::Secret;
use fmc_core::session::{Session, TokenLifetime};
use fmc_core::signin::{parse_refresh, RefreshError, SignIn};
use web_sys::AbortController;

use super::generate::generate_token;
use super::store::{self, SessionRecord};
use crate::browser::http::{self, HttpRequest};
use crate::browser::locks::with_lock;
use crate::browser::net_errors::NetErrorWatch;
use crate::browser::storage::Stores;
use crate::browser::{clock, log};
use crate::flows::transport;
use crate::state::{Problem, PROFILES_KEY};

const REFRESH_TIMEOUT: Duration = Duration::from_secs(30);

/// The kind of renewal the caller requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renewal {
    /// Refresh; sign in again with the kept password if the refresh fails.
    Refresh,
    /// Sign in again with the kept password straight away.
    SignInAgain,
}

/// The reason no renewed session came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenewError {
    /// No session is stored for the host.
    NotSignedIn,
    /// The session can no longer be renewed and is marked ended.
    Ended { message: String },
    /// Renewal failed for a reason that may pass (network, 429, 5xx); the
    /// session is kept.
    Failed(Problem),
}

/// Renews the session of `username` on `host` whose access token `stale_token` no longer
/// works or is about to expire.
///
/// Runs under a lock per host, so concurrent callers wait for one renewal
/// and then use its result: when the stored token already differs from
/// `stale_token`, another context has renewed it and that session is
/// returned without a request. `ended_message` is stored when renewal is no
/// longer possible.
pub async fn renew(
    stores: Stores,
    host: FmcHost,
    username: String,
    stale_token: Secret,
    renewal: Renewal,
    ended_message: String,
) -> Result<SessionRecord, RenewError> {
    let lock_name = format!("fmc-session {} {username}", host.origin());
    let outcome = with_lock(&lock_name, move || async move {
        renew_locked(
            &stores,
            &host,
            &username,
            &stale_token,
            renewal,
            ended_message,
        )
        .await
    })
    .await;
    outcome.unwrap_or_else(|lost| Err(RenewError::Failed(Problem::message(lost.to_string()))))
}

async fn renew_locked(
    stores: &Stores,
    host: &FmcHost,
    username: &str,
    stale_token: &Secret,
    renewal: Renewal,
    ended_message: String,
) -> Result<SessionRecord, RenewError> {
    let stored = store::load(stores, host, username)
        .await
        .map_err(|error| RenewError::Failed(Problem::message(error.to_string())))?;
    let Some(mut record) = stored else {
        return Err(RenewError::NotSignedIn);
    };
    if let Some(message) = record.ended.clone() {
        return Err(RenewError::Ended { message });
    }
    if record.session.sign_in.access_token != *stale_token {
        return Ok(record);
    }

    if renewal == Renewal::Refresh && record.session.lifetime.refreshes_left() > 0 {
        match refresh(host, &record.session, record.refresh_path).await {
            Ok((sign_in, path)) => {
                let now = clock::now_ms();
                if path != record.refresh_path {
                    remember_refresh_path(stores, host, path).await;
                }
                record.refresh_path = path;
                if record.session.apply_refresh(sign_in, now).is_ok() {
                    log::info(&format!(
                        "Refreshed the access token for {} ({} of 3 refreshes used).",
                        host.display(),
                        record.session.lifetime.refreshes_used
                    ));
                    save(stores, &record).await?;
                    return Ok(record);
                }
            }
            Err(RefreshFailure::Transient(problem)) => return Err(RenewError::Failed(problem)),
            Err(RefreshFailure::Rejected(reason)) => log::warn(&reason),
        }
    }

    match store::kept_password(stores, host, username).await {
        Some(password) => sign_in_again(stores, record, &password).await,
        None => {
            record.ended = Some(ended_message.clone());
            save(stores, &record).await?;
            Err(RenewError::Ended {
                message: ended_message,
            })
        }
    }
}

async fn sign_in_again(
    stores: &Stores,
    mut record: SessionRecord,
    password: &str,
) -> Result<SessionRecord, RenewError> {
    let host = record.session.host.clone();
    let username = record.session.username.clone();
    let sign_in = generate_token(&host, &username, password)
        .await
        .map_err(RenewError::Failed)?;

    let chosen_domain = record.session.domain_uuid.clone();
    let lifetime_ms = record.session.lifetime.lifetime_ms;
    let now = clock::now_ms();
    let mut session = Session::new(host.clone(), username, sign_in, now);
    session.lifetime = TokenLifetime::with_lifetime(now, lifetime_ms);
    session.select_domain(&chosen_domain);
    record.session = session;
    log::info(&format!(
        "Signed in to {} again with the kept password.",
        host.display()
    ));
    save(stores, &record).await?;
    Ok(record)
}

/// Stores the refresh spelling `host` answered in its profiles, so the next
/// sign-in to that host uses it straight away.
async fn remember_refresh_path(stores: &Stores, host: &FmcHost, path: RefreshPath) {
    let mut profiles = match stores.local.get::<ProfileList>(PROFILES_KEY).await {
        Ok(profiles) => profiles.unwrap_or_default(),
        Err(error) => return log::error(&error.to_string()),
    };
    let display = host.display();
    for profile in profiles
        .profiles
        .iter_mut()
        .filter(|profile| profile.host == display)
    {
        profile.refresh_path = path;
    }
    if let Err(error) = stores.local.set(PROFILES_KEY, &profiles).await {
        log::error(&error.to_string());
    }
}

async fn save(stores: &Stores, record: &SessionRecord) -> Result<(), RenewError> {
    store::save(stores, record)
        .await
        .map_err(|error| RenewError::Failed(Problem::message(error.to_string())))
}

enum RefreshFailure {
    /// The FMC rejected the refresh token: only a new sign-in helps.
    Rejected(String),
    /// The refresh did not reach a verdict; try again later.
    Transient(Problem),
}

/// Sends `refreshtoken`, and `refresh-token` once when the first spelling
/// returns 404. Returns the new tokens and the spelling that worked.
async fn refresh(
    host: &FmcHost,
    session: &Session,
    first: RefreshPath,
) -> Result<(SignIn, RefreshPath), RefreshFailure> {
    let mut path = first;
    for attempt in 0..2 {
        let watch = NetErrorWatch::start(&host.permission_pattern());
        let request = HttpRequest {
            method: "POST".to_owned(),
            url: host.url(path.path()),
            headers: vec![
                ("Accept".to_owned(), "application/json".to_owned()),
                (
                    "X-auth-access-token".to_owned(),
                    session.sign_in.access_token.expose().to_owned(),
                ),
                (
                    "X-auth-refresh-token".to_owned(),
                    session.sign_in.refresh_token.expose().to_owned(),
                ),
            ],
            body: None,
            timeout: REFRESH_TIMEOUT,
        };
        let controller = AbortController::new().map_err(|_| {
            RefreshFailure::Transient(Problem::message(
                "The browser could not start a request. Reload the extension.",
            ))
        })?;
        let response = match http::send(request, controller).await {
            Ok(response) => response,
            Err(error) => {
                return Err(RefreshFailure::Transient(
                    transport::explain(host, error, &watch).await,
                ))
            }
        };

        match parse_refresh(host, response.status, &response.headers, &response.body) {
            Ok(sign_in) => return Ok((sign_in, path)),
            Err(RefreshError::NotFound { .. }) if attempt == 0 => path = path.other(),
            Err(error @ (RefreshError::RateLimited { .. } | RefreshError::ServerError { .. })) => {
                return Err(RefreshFailure::Transient(Problem::message(
                    error.to_string(),
                )))
            }
            Err(error) => return Err(RefreshFailure::Rejected(error.to_string())),
        }
    }
    Err(RefreshFailure::Rejected(format!(
        "{} answered 404 to both refreshtoken and refresh-token.",
        host.display()
    )))
}
