//! Access-token lifetime, refresh counting and the stored session.
//!
//! An FMC access token lives 30 minutes, and one sign-in can be refreshed 3
//! times, so a sign-in lasts about 2 hours. Time comes in as Unix
//! milliseconds because this crate has no clock.

use serde::{Deserialize, Serialize};

use crate::domain::Domain;
use crate::host::FmcHost;
use crate::request::Method;
use crate::signin::SignIn;

/// How long an FMC access token stays valid after it is issued.
pub const ACCESS_TOKEN_LIFETIME_MS: u64 = 30 * 60 * 1000;

/// How many times an FMC lets one sign-in be refreshed.
pub const MAX_REFRESHES: u8 = 3;

/// When the current access token was issued and how many refreshes are used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenLifetime {
    /// When `generatetoken` succeeded.
    pub signed_in_at_ms: u64,
    /// When the current access token arrived, by sign-in or refresh.
    pub issued_at_ms: u64,
    pub refreshes_used: u8,
    pub lifetime_ms: u64,
}

/// Errors in counting refreshes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifetimeError {
    #[error("This sign-in has already been refreshed {max} times, the most an FMC allows. Sign in again.")]
    NoRefreshesLeft { max: u8 },
}

impl TokenLifetime {
    /// Starts the lifetime of a new sign-in with the FMC's 30-minute tokens.
    pub fn new(now_ms: u64) -> Self {
        TokenLifetime::with_lifetime(now_ms, ACCESS_TOKEN_LIFETIME_MS)
    }

    /// Starts the lifetime of a new sign-in whose tokens last `lifetime_ms`.
    pub fn with_lifetime(now_ms: u64, lifetime_ms: u64) -> Self {
        TokenLifetime {
            signed_in_at_ms: now_ms,
            issued_at_ms: now_ms,
            refreshes_used: 0,
            lifetime_ms,
        }
    }

    /// Returns when the current access token expires.
    pub fn access_expires_at_ms(&self) -> u64 {
        self.issued_at_ms.saturating_add(self.lifetime_ms)
    }

    /// Returns the time left on the access token, 0 once it has expired.
    ///
    /// The result never exceeds `lifetime_ms`, so a clock that jumped
    /// backwards cannot make the token look valid for longer than it can be.
    pub fn remaining_ms(&self, now_ms: u64) -> u64 {
        self.access_expires_at_ms()
            .saturating_sub(now_ms)
            .min(self.lifetime_ms)
    }

    /// Returns true from the moment of expiry on.
    pub fn is_expired(&self, now_ms: u64) -> bool {
        self.remaining_ms(now_ms) == 0
    }

    /// Returns how many refreshes this sign-in has left.
    pub fn refreshes_left(&self) -> u8 {
        MAX_REFRESHES.saturating_sub(self.refreshes_used)
    }

    /// Returns true when a refresh is left and the access token has not
    /// expired yet.
    pub fn can_refresh(&self, now_ms: u64) -> bool {
        self.refreshes_left() > 0 && !self.is_expired(now_ms)
    }

    /// Returns the lifetime after a successful refresh at `now_ms`: a new
    /// access token and one refresh fewer.
    ///
    /// Only the refresh count is checked, because the FMC decides whether an
    /// expired token can still be refreshed.
    pub fn refreshed(&self, now_ms: u64) -> Result<TokenLifetime, LifetimeError> {
        if self.refreshes_left() == 0 {
            return Err(LifetimeError::NoRefreshesLeft { max: MAX_REFRESHES });
        }
        Ok(TokenLifetime {
            issued_at_ms: now_ms,
            refreshes_used: self.refreshes_used + 1,
            ..*self
        })
    }

    /// Returns when the last token of this sign-in would expire if every
    /// remaining refresh happened just before the current token expires.
    pub fn sign_in_ends_at_ms(&self) -> u64 {
        let refreshed_time = self
            .lifetime_ms
            .saturating_mul(u64::from(self.refreshes_left()));
        self.access_expires_at_ms().saturating_add(refreshed_time)
    }
}

/// Formats a duration for a countdown: `"29 min"`, `"45 s"`, `"1 h 5 min"`.
///
/// Durations under a minute are shown in seconds. Every unit is rounded
/// down, so a token is never shown with more time than it has.
pub fn format_duration(ms: u64) -> String {
    let secs = ms / 1000;
    if secs < 60 {
        return format!("{secs} s");
    }

    let minutes = secs / 60;
    if minutes < 60 {
        return format!("{minutes} min");
    }

    let hours = minutes / 60;
    match minutes % 60 {
        0 => format!("{hours} h"),
        rest => format!("{hours} h {rest} min"),
    }
}

/// A signed-in session, as the extension keeps it in `chrome.storage.session`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub host: FmcHost,
    pub username: String,
    pub sign_in: SignIn,
    pub lifetime: TokenLifetime,
    /// The domain that requests go to. It starts as the user's default
    /// domain, `sign_in.domain_uuid`.
    pub domain_uuid: String,
}

impl Session {
    /// Starts a session from a successful sign-in at `now_ms`.
    pub fn new(host: FmcHost, username: String, sign_in: SignIn, now_ms: u64) -> Self {
        let domain_uuid = sign_in.domain_uuid.clone();
        Session {
            host,
            username,
            sign_in,
            lifetime: TokenLifetime::new(now_ms),
            domain_uuid,
        }
    }

    /// Returns the selected domain, or `None` when the domain list lacks it.
    pub fn current_domain(&self) -> Option<&Domain> {
        self.sign_in
            .domains
            .iter()
            .find(|domain| domain.uuid.eq_ignore_ascii_case(&self.domain_uuid))
    }

    /// Selects the domain with `uuid` when the sign-in lists it. Returns
    /// whether it did.
    pub fn select_domain(&mut self, uuid: &str) -> bool {
        let uuid = uuid.trim();
        let found = self
            .sign_in
            .domains
            .iter()
            .find(|domain| domain.uuid.eq_ignore_ascii_case(uuid));
        match found {
            Some(domain) => {
                self.domain_uuid = domain.uuid.clone();
                true
            }
            None => false,
        }
    }

    /// Returns true when `method` writes and the selected domain is Global
    /// while the user also has subdomains: a change there reaches every
    /// subdomain, so the user is asked to confirm it.
    pub fn is_global_write_with_subdomains(&self, method: Method) -> bool {
        if !method.is_write() || self.sign_in.domains.len() < 2 {
            return false;
        }
        let is_global_uuid = self
            .sign_in
            .global_uuid
            .as_deref()
            .is_some_and(|global| global.eq_ignore_ascii_case(&self.domain_uuid));
        let is_global_name = self
            .current_domain()
            .is_some_and(|domain| domain.name.trim().eq_ignore_ascii_case("Global"));
        is_global_uuid || is_global_name
    }

    /// Stores the new tokens and domains of a refresh at `now_ms`, and counts
    /// the refresh. The selected domain stays when the new list still has
    /// it, and otherwise falls back to the default domain.
    pub fn apply_refresh(&mut self, refreshed: SignIn, now_ms: u64) -> Result<(), LifetimeError> {
        self.lifetime = self.lifetime.refreshed(now_ms)?;

        let keeps_domain = refreshed
            .domains
            .iter()
            .any(|domain| domain.uuid.eq_ignore_ascii_case(&self.domain_uuid));
        if !keeps_domain {
            self.domain_uuid = refreshed.domain_uuid.clone();
        }
        self.sign_in = refreshed;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
