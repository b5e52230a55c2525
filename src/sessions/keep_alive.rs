//! The keep-alive pass: refreshes or renews every stored session that needs
//! it, sets the toolbar badge and schedules the next pass. The service
//! worker runs it on each alarm and at start; pages run it after a sign-in.

use fmc_core::keepalive::{keep_alive, Badge, KeepAlive, SessionStatus};

use super::renew::{renew, RenewError, Renewal};
use super::store::{self, SessionRecord};
use crate::browser::storage::Stores;
use crate::browser::{alarms, badge, clock, log};

/// How long to wait before trying again after a renewal failed for a
/// reason that may pass, such as a network error or a 429.
const RETRY_AFTER_FAILURE_MS: u64 = 30_000;

/// Runs one keep-alive pass over every stored session.
pub async fn run_keep_alive(stores: &Stores) {
    let records = match store::load_all(stores).await {
        Ok(records) => records,
        Err(error) => {
            log::error(&format!(
                "The keep-alive could not read the sessions: {error}"
            ));
            alarms::schedule_keep_alive(clock::now_ms() + RETRY_AFTER_FAILURE_MS).ok();
            return;
        }
    };

    let mut next_pass: Option<u64> = None;
    let mut worst_badge = Badge::None;
    for record in records {
        let (wake_at, record_badge) = keep_one_alive(stores, record).await;
        if let Some(wake_at) = wake_at {
            next_pass = Some(next_pass.map_or(wake_at, |next| next.min(wake_at)));
        }
        worst_badge = worse(worst_badge, record_badge);
    }

    badge::set_badge(worst_badge.text(), worst_badge.color());
    match next_pass {
        Some(when) => {
            if let Err(error) = alarms::schedule_keep_alive(when) {
                log::error(&format!("Scheduling the keep-alive alarm failed: {error}"));
            }
        }
        None => alarms::clear_keep_alive(),
    }
}

/// Keeps one session alive; returns when to look at it again and its badge.
async fn keep_one_alive(stores: &Stores, record: SessionRecord) -> (Option<u64>, Badge) {
    if record.ended.is_some() {
        return (None, Badge::Ended);
    }
    let host = record.session.host.clone();
    let username = record.session.username.clone();
    let can_sign_in_again = store::kept_password(stores, &host, &username)
        .await
        .is_some();
    let now = clock::now_ms();

    let renewal = match keep_alive(&record.session.lifetime, now, can_sign_in_again) {
        KeepAlive::WaitUntil { at_ms } => {
            let status = SessionStatus::at(&record.session.lifetime, now);
            return (Some(at_ms), status.badge(can_sign_in_again));
        }
        KeepAlive::Refresh => Renewal::Refresh,
        KeepAlive::SignInAgain => Renewal::SignInAgain,
        KeepAlive::Ended => {
            let message = format!(
                "The sign-in of \"{}\" to {} has ended after its 3 refreshes. Enter the password to sign in again; everything else is kept.",
                record.session.username,
                host.display()
            );
            let mut ended = record;
            ended.ended = Some(message);
            if let Err(error) = store::save(stores, &ended).await {
                log::error(&error.to_string());
            }
            return (None, Badge::Ended);
        }
    };

    let ended_message = format!(
        "The FMC at {} no longer accepts the sign-in of \"{}\". Enter the password to sign in again; everything else is kept.",
        host.display(),
        record.session.username
    );
    let stale_token = record.session.sign_in.access_token.clone();
    match renew(
        stores.clone(),
        host.clone(),
        username,
        stale_token,
        renewal,
        ended_message,
    )
    .await
    {
        Ok(renewed) => {
            let now = clock::now_ms();
            let wake_at = match keep_alive(&renewed.session.lifetime, now, can_sign_in_again) {
                KeepAlive::WaitUntil { at_ms } => at_ms,
                _ => now + RETRY_AFTER_FAILURE_MS,
            };
            let status = SessionStatus::at(&renewed.session.lifetime, now);
            (Some(wake_at), status.badge(can_sign_in_again))
        }
        Err(RenewError::Ended { message }) => {
            log::warn(&message);
            (None, Badge::Ended)
        }
        Err(RenewError::NotSignedIn) => (None, Badge::None),
        Err(RenewError::Failed(problem)) => {
            log::warn(&format!(
                "Renewing the session of {} failed: {}",
                host.display(),
                problem.message
            ));
            (
                Some(clock::now_ms() + RETRY_AFTER_FAILURE_MS),
                Badge::EndingSoon,
            )
        }
    }
}

fn worse(current: Badge, other: Badge) -> Badge {
    let rank = |badge: Badge| match badge {
        Badge::None => 0,
        Badge::EndingSoon => 1,
        Badge::Ended => 2,
    };
    if rank(other) > rank(current) {
        other
    } else {
        current
    }
}
