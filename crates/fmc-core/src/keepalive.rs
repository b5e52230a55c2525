//! Decisions that keep an FMC session alive: when to refresh ahead of
//! expiry, what to do after a 401, and how the session's state is shown.
//!
//! The functions only decide; the caller sends the refresh or sign-in, so
//! the rules can be tested without a browser or a clock.

use serde::{Deserialize, Serialize};

use crate::session::{TokenLifetime, MAX_REFRESHES};

/// How long before expiry a token is refreshed when its lifetime is the
/// FMC's 30 minutes. Shorter lifetimes (a simulator's) use a quarter of it.
pub const REFRESH_MARGIN_MS: u64 = 5 * 60 * 1000;

/// Below this much time left on the last token of a sign-in, the badge warns.
pub const ENDING_SOON_MS: u64 = 10 * 60 * 1000;

/// Returns how long before expiry this lifetime's token should be refreshed.
pub fn refresh_margin_ms(lifetime: &TokenLifetime) -> u64 {
    REFRESH_MARGIN_MS.min(lifetime.lifetime_ms / 4)
}

/// The next step of the background keep-alive for one session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepAlive {
    /// Nothing to do until `at_ms`; then decide again.
    WaitUntil { at_ms: u64 },
    /// Refresh the access token now.
    Refresh,
    /// The refreshes are used up or the token expired: sign in again with
    /// the kept password.
    SignInAgain,
    /// The sign-in is over and no password is kept: the user must sign in.
    Ended,
}

/// Decides the keep-alive step at `now_ms`. `can_sign_in_again` is true when
/// the user chose to keep the password for this browser session.
pub fn keep_alive(lifetime: &TokenLifetime, now_ms: u64, can_sign_in_again: bool) -> KeepAlive {
    let refresh_at = lifetime
        .access_expires_at_ms()
        .saturating_sub(refresh_margin_ms(lifetime));
    let expired = lifetime.is_expired(now_ms);

    if lifetime.refreshes_left() > 0 {
        if now_ms >= refresh_at || expired {
            return KeepAlive::Refresh;
        }
        return KeepAlive::WaitUntil { at_ms: refresh_at };
    }

    // No refresh left: a new sign-in replaces the token shortly before it
    // expires, so requests never meet an expired token.
    let due = now_ms >= refresh_at || expired;
    if can_sign_in_again {
        return if due {
            KeepAlive::SignInAgain
        } else {
            KeepAlive::WaitUntil { at_ms: refresh_at }
        };
    }
    if expired {
        KeepAlive::Ended
    } else {
        KeepAlive::WaitUntil {
            at_ms: lifetime.access_expires_at_ms(),
        }
    }
}

/// The recovery steps already tried for one request that met a 401.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecoveryAttempts {
    pub refreshed: bool,
    pub signed_in_again: bool,
}

/// The next step after a request was answered 401.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recovery {
    /// Refresh once, then replay the request.
    Refresh,
    /// Sign in again with the kept password, then replay the request once.
    SignInAgain,
    /// Stop: show the 401 and ask the user to sign in.
    GiveUp,
}

/// Decides what to do after a 401, so that a request is refreshed at most
/// once and signed in again at most once, and never loops.
pub fn after_unauthorized(
    attempts: RecoveryAttempts,
    lifetime: &TokenLifetime,
    can_sign_in_again: bool,
) -> Recovery {
    if attempts.signed_in_again {
        return Recovery::GiveUp;
    }
    if !attempts.refreshed && lifetime.refreshes_left() > 0 {
        return Recovery::Refresh;
    }
    if can_sign_in_again {
        Recovery::SignInAgain
    } else {
        Recovery::GiveUp
    }
}

/// The cause of a rejected access token, judged by the local clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// The token had expired anyway.
    Expired,
    /// The token should still have been valid: the FMC ended the session,
    /// usually because the same account signed in elsewhere.
    EndedByFmc,
}

/// Classifies a 401 for a token with `lifetime` at `now_ms`.
pub fn classify_rejection(lifetime: &TokenLifetime, now_ms: u64) -> Rejection {
    if lifetime.is_expired(now_ms) {
        Rejection::Expired
    } else {
        Rejection::EndedByFmc
    }
}

/// The message for a session that the FMC ended early.
pub fn ended_by_fmc_message(host_display: &str, username: &str) -> String {
    format!(
        "{host_display} ended the API session of \"{username}\" although its access token was still valid. \
         This usually means the same account signed in to the FMC web UI or from another API client. \
         Cisco recommends a separate account for API use. Sign in again to continue."
    )
}

/// The session's state for the status line and the toolbar badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStatus {
    pub access_left_ms: u64,
    pub refreshes_used: u8,
    pub max_refreshes: u8,
    /// Time until a new sign-in is needed, if every refresh happens.
    pub sign_in_left_ms: u64,
    pub ended: bool,
}

impl SessionStatus {
    /// Computes the status of `lifetime` at `now_ms`.
    pub fn at(lifetime: &TokenLifetime, now_ms: u64) -> Self {
        let access_left_ms = lifetime.remaining_ms(now_ms);
        let ended = access_left_ms == 0 && lifetime.refreshes_left() == 0;
        let sign_in_left_ms = if lifetime.is_expired(now_ms) && lifetime.refreshes_left() == 0 {
            0
        } else {
            lifetime.sign_in_ends_at_ms().saturating_sub(now_ms)
        };
        SessionStatus {
            access_left_ms,
            refreshes_used: lifetime.refreshes_used,
            max_refreshes: MAX_REFRESHES,
            sign_in_left_ms,
            ended,
        }
    }

    /// Returns the badge for the toolbar icon: empty while all is well.
    pub fn badge(&self, can_sign_in_again: bool) -> Badge {
        if self.ended {
            Badge::Ended
        } else if !can_sign_in_again && self.sign_in_left_ms <= ENDING_SOON_MS {
            Badge::EndingSoon
        } else {
            Badge::None
        }
    }
}

/// The state the toolbar badge shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Badge {
    None,
    EndingSoon,
    Ended,
}

impl Badge {
    /// The badge text; Chromium shows about four characters.
    pub fn text(self) -> &'static str {
        match self {
            Badge::None => "",
            Badge::EndingSoon => "!",
            Badge::Ended => "off",
        }
    }

    /// The badge colour as CSS hex.
    pub fn color(self) -> &'static str {
        match self {
            Badge::None => "#00000000",
            Badge::EndingSoon => "#9a6700",
            Badge::Ended => "#d1242f",
        }
    }
}

#[cfg(test)]
mod tests;
