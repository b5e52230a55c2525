//! Sending a composed request with the session of its host: the token is
//! renewed first when it has expired, and a 401 leads to one refresh and
//! one replay, then at most one new sign-in and one more replay. 429s and
//! transient failures of reads are retried by [`super::resend`].

use std::time::Duration;

use fmc_core::host::FmcHost;
use fmc_core::keepalive::{
    after_unauthorized, classify_rejection, ended_by_fmc_message, Recovery, RecoveryAttempts,
    Rejection,
};
use fmc_core::request::{prepare_request, Draft, PreparedRequest};
use web_sys::AbortController;

use super::renew::{renew, RenewError, Renewal};
use super::resend::{explain_failure, send_with_retries};
use super::store::{self, SessionRecord};
use crate::browser::http::{HttpRequest, HttpResponse};
use crate::browser::net_errors::NetErrorWatch;
use crate::browser::storage::Stores;
use crate::browser::{clock, log};
use crate::state::Problem;

/// A response with the session that produced it.
pub struct Outcome {
    pub prepared: PreparedRequest,
    pub response: HttpResponse,
    /// The session after any renewal, as stored.
    pub record: SessionRecord,
    /// Messages for the user about the way there, such as a replay.
    pub notes: Vec<String>,
    /// Set when the session ended: the response is the FMC's last 401.
    pub ended: Option<String>,
}

/// Sends `draft` to `host` with the stored session of `username` there.
/// `controller` cancels the request; `timeout` bounds each attempt.
pub async fn send_authorized(
    stores: &Stores,
    host: &FmcHost,
    username: &str,
    draft: &Draft,
    controller: AbortController,
    timeout: Duration,
) -> Result<Outcome, Problem> {
    let mut record = current_record(stores, host, username).await?;
    let can_sign_in_again = store::kept_password(stores, host, username).await.is_some();

    if record.session.lifetime.is_expired(clock::now_ms()) {
        let renewal = if record.session.lifetime.refreshes_left() > 0 {
            Renewal::Refresh
        } else {
            Renewal::SignInAgain
        };
        record = renew_or_explain(stores, &record, renewal, expired_message(&record)).await?;
    }

    let mut attempts = Attempts::default();
    let mut notes = Vec::new();
    loop {
        let session = &record.session;
        let prepared = prepare_request(
            host,
            draft,
            &session.domain_uuid,
            &session.sign_in.access_token,
        )
        .map_err(|error| Problem::message(error.to_string()))?;
        let watch = NetErrorWatch::start(&host.permission_pattern());
        let request = HttpRequest {
            method: prepared.method.as_str().to_owned(),
            url: prepared.url.clone(),
            headers: prepared.exposed_headers(),
            body: prepared.body.clone(),
            timeout,
        };
        let response = match send_with_retries(host, request, controller.clone()).await {
            Ok(response) => response,
            Err(error) => {
                return Err(explain_failure(host, draft, &prepared, error, &watch).await);
            }
        };
        if response.status != 401 {
            return Ok(Outcome {
                prepared,
                response,
                record,
                notes,
                ended: None,
            });
        }

        // Another context may have renewed the token while this request was
        // under way, and a refresh makes the old token invalid: then the
        // newer token is used once, without a renewal of its own.
        if !attempts.used_newer_token {
            if let Ok(Some(stored)) = store::load(stores, host, username).await {
                if stored.ended.is_none()
                    && stored.session.sign_in.access_token != session.sign_in.access_token
                {
                    attempts.used_newer_token = true;
                    note_write_replay(&mut notes, &prepared);
                    record = stored;
                    continue;
                }
            }
        }

        let rejection = classify_rejection(&session.lifetime, clock::now_ms());
        let ended_message = match rejection {
            Rejection::EndedByFmc => ended_by_fmc_message(&host.display(), &session.username),
            Rejection::Expired => expired_message(&record),
        };
        let renewal =
            match after_unauthorized(attempts.recovery, &session.lifetime, can_sign_in_again) {
                Recovery::Refresh => {
                    attempts.recovery.refreshed = true;
                    Renewal::Refresh
                }
                Recovery::SignInAgain => {
                    attempts.recovery.signed_in_again = true;
                    Renewal::SignInAgain
                }
                Recovery::GiveUp => {
                    record.ended = Some(ended_message.clone());
                    if let Err(error) = store::save(stores, &record).await {
                        log::error(&error.to_string());
                    }
                    return Ok(Outcome {
                        prepared,
                        response,
                        record,
                        notes,
                        ended: Some(ended_message),
                    });
                }
            };

        log::warn(&format!(
            "{} answered 401 to {} {}; renewing the session and sending again.",
            host.display(),
            prepared.method.as_str(),
            prepared.url
        ));
        match renew(
            stores.clone(),
            host.clone(),
            username.to_owned(),
            session.sign_in.access_token.clone(),
            renewal,
            ended_message.clone(),
        )
        .await
        {
            Ok(renewed) => record = renewed,
            Err(RenewError::Ended { message }) => {
                record.ended = Some(message.clone());
                return Ok(Outcome {
                    prepared,
                    response,
                    record,
                    notes,
                    ended: Some(message),
                });
            }
            Err(RenewError::NotSignedIn) => return Err(not_signed_in(host)),
            Err(RenewError::Failed(problem)) => return Err(problem),
        }

        if rejection == Rejection::EndedByFmc {
            notes.push(format!(
                "{} rejected an access token that was still valid, usually because the same account signed in to the FMC web UI or from another client. The extension renewed the session and sent the request again. Cisco recommends a separate account for API use.",
                host.display()
            ));
        }
        note_write_replay(&mut notes, &prepared);
    }
}

/// Tells the user that a write was sent twice: the FMC rejected the first
/// attempt with 401 before processing it, so the replay is safe, but a user
/// watching the FMC's audit log should not be surprised.
fn note_write_replay(notes: &mut Vec<String>, prepared: &PreparedRequest) {
    if prepared.method.is_write() {
        notes.push(format!(
            "The first {} was rejected with HTTP 401 before the FMC processed it, so it was sent again with a renewed access token.",
            prepared.method.as_str()
        ));
    }
}

/// The recovery steps one request has tried after a 401.
#[derive(Default)]
struct Attempts {
    recovery: RecoveryAttempts,
    /// Replayed once with a token another context renewed meanwhile.
    used_newer_token: bool,
}

async fn current_record(
    stores: &Stores,
    host: &FmcHost,
    username: &str,
) -> Result<SessionRecord, Problem> {
    match store::load(stores, host, username).await {
        Ok(Some(record)) => match &record.ended {
            Some(message) => Err(Problem::message(message.clone())),
            None => Ok(record),
        },
        Ok(None) => Err(not_signed_in(host)),
        Err(error) => Err(Problem::message(error.to_string())),
    }
}

async fn renew_or_explain(
    stores: &Stores,
    record: &SessionRecord,
    renewal: Renewal,
    ended_message: String,
) -> Result<SessionRecord, Problem> {
    let host = record.session.host.clone();
    let token = record.session.sign_in.access_token.clone();
    let username = record.session.username.clone();
    match renew(
        stores.clone(),
        host.clone(),
        username,
        token,
        renewal,
        ended_message,
    )
    .await
    {
        Ok(renewed) => Ok(renewed),
        Err(RenewError::Ended { message }) => Err(Problem::message(message)),
        Err(RenewError::NotSignedIn) => Err(not_signed_in(&host)),
        Err(RenewError::Failed(problem)) => Err(problem),
    }
}

fn not_signed_in(host: &FmcHost) -> Problem {
    Problem::message(format!(
        "You are not signed in to {}. Sign in, then send again.",
        host.display()
    ))
}

fn expired_message(record: &SessionRecord) -> String {
    format!(
        "The sign-in of \"{}\" to {} has ended: its access token expired and the FMC allows no more refreshes. Enter the password to sign in again; everything else is kept.",
        record.session.username,
        record.session.host.display()
    )
}
