//! Sign-in sessions: access and refresh tokens, expiry and refresh counting.
//!
//! Each user has at most one session, because a new sign-in on an FMC ends
//! the user's earlier session. A refresh replaces both tokens of the session.

use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::users::User;

/// Tokens issued by a sign-in or a refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
}

impl TokenPair {
    fn generate() -> Self {
        TokenPair {
            access_token: Uuid::new_v4().to_string(),
            refresh_token: Uuid::new_v4().to_string(),
        }
    }
}

/// Reason an access token was rejected; both return 401 `Access token invalid.`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessError {
    /// Never issued, replaced by a refresh, revoked, or ended by a new sign-in.
    Unknown,
    Expired,
}

/// Reason a refresh was rejected; all return 401 `Invalid refresh token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshError {
    /// Never issued, already used, revoked, or ended by a new sign-in.
    UnknownRefreshToken,
    /// The access token is not the current one of the refresh token's session.
    AccessTokenMismatch,
    /// The session already had its maximum number of refreshes.
    RefreshesUsedUp,
}

#[derive(Debug)]
struct Session {
    user: &'static User,
    tokens: TokenPair,
    access_expires_at: Instant,
    refreshes_used: u32,
}

/// Result of a successful refresh.
#[derive(Debug)]
pub struct Refreshed {
    pub user: &'static User,
    pub tokens: TokenPair,
    /// Refreshes used by this session, this one included.
    pub refreshes_used: u32,
}

/// Open sessions, at most one per user.
#[derive(Debug)]
pub struct SessionStore {
    sessions: Vec<Session>,
    access_token_lifetime: Duration,
    max_refreshes: u32,
}

impl SessionStore {
    pub fn new(access_token_lifetime: Duration, max_refreshes: u32) -> Self {
        SessionStore {
            sessions: Vec::new(),
            access_token_lifetime,
            max_refreshes,
        }
    }

    /// Opens a session for the user, ending the user's earlier session.
    pub fn sign_in(&mut self, user: &'static User, now: Instant) -> TokenPair {
        self.sessions
            .retain(|session| session.user.name != user.name);

        let tokens = TokenPair::generate();
        self.sessions.push(Session {
            user,
            tokens: tokens.clone(),
            access_expires_at: now + self.access_token_lifetime,
            refreshes_used: 0,
        });
        tokens
    }

    /// Finds the user of a current, unexpired access token.
    pub fn authenticate(
        &self,
        access_token: &str,
        now: Instant,
    ) -> Result<&'static User, AccessError> {
        let session = self
            .sessions
            .iter()
            .find(|session| session.tokens.access_token == access_token)
            .ok_or(AccessError::Unknown)?;

        if now >= session.access_expires_at {
            return Err(AccessError::Expired);
        }
        Ok(session.user)
    }

    /// Replaces both tokens of the refresh token's session. The access token
    /// may have expired but must be the session's current one.
    pub fn refresh(
        &mut self,
        access_token: &str,
        refresh_token: &str,
        now: Instant,
    ) -> Result<Refreshed, RefreshError> {
        let session = self
            .sessions
            .iter_mut()
            .find(|session| session.tokens.refresh_token == refresh_token)
            .ok_or(RefreshError::UnknownRefreshToken)?;

        if session.tokens.access_token != access_token {
            return Err(RefreshError::AccessTokenMismatch);
        }
        if session.refreshes_used >= self.max_refreshes {
            return Err(RefreshError::RefreshesUsedUp);
        }

        session.tokens = TokenPair::generate();
        session.access_expires_at = now + self.access_token_lifetime;
        session.refreshes_used += 1;
        Ok(Refreshed {
            user: session.user,
            tokens: session.tokens.clone(),
            refreshes_used: session.refreshes_used,
        })
    }

    /// Returns the user of an issued access token, expired or not, so that
    /// a refresh with an expired token still counts against its user.
    pub fn user_of(&self, access_token: &str) -> Option<&'static User> {
        self.sessions
            .iter()
            .find(|session| session.tokens.access_token == access_token)
            .map(|session| session.user)
    }

    /// Lets every current access token expire at `now`, as if its lifetime
    /// had passed; refresh tokens stay valid. Returns the number of tokens.
    pub fn expire_all(&mut self, now: Instant) -> usize {
        for session in &mut self.sessions {
            session.access_expires_at = session.access_expires_at.min(now);
        }
        self.sessions.len()
    }

    /// Ends the session of a current, unexpired access token.
    pub fn revoke(
        &mut self,
        access_token: &str,
        now: Instant,
    ) -> Result<&'static User, AccessError> {
        let user = self.authenticate(access_token, now)?;
        self.sessions
            .retain(|session| session.tokens.access_token != access_token);
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::{ADMIN, API_USER};

    const LIFETIME: Duration = Duration::from_secs(1800);

    fn store() -> SessionStore {
        SessionStore::new(LIFETIME, 3)
    }

    #[test]
    fn sign_in_issues_distinct_tokens() {
        let mut sessions = store();
        let now = Instant::now();

        let tokens = sessions.sign_in(&ADMIN, now);

        assert_ne!(tokens.access_token, tokens.refresh_token);
        assert_eq!(sessions.authenticate(&tokens.access_token, now), Ok(&ADMIN));
    }

    #[test]
    fn access_token_expires_after_lifetime() {
        let mut sessions = store();
        let now = Instant::now();
        let tokens = sessions.sign_in(&ADMIN, now);

        let just_before = now + LIFETIME - Duration::from_millis(1);
        assert_eq!(
            sessions.authenticate(&tokens.access_token, just_before),
            Ok(&ADMIN)
        );

        let result = sessions.authenticate(&tokens.access_token, now + LIFETIME);
        assert_eq!(result, Err(AccessError::Expired));
    }

    #[test]
    fn second_sign_in_ends_first_session() {
        let mut sessions = store();
        let now = Instant::now();
        let first = sessions.sign_in(&ADMIN, now);

        let second = sessions.sign_in(&ADMIN, now);

        let result = sessions.authenticate(&first.access_token, now);
        assert_eq!(result, Err(AccessError::Unknown));
        assert_eq!(sessions.authenticate(&second.access_token, now), Ok(&ADMIN));
        let refresh = sessions.refresh(&first.access_token, &first.refresh_token, now);
        assert_eq!(refresh.unwrap_err(), RefreshError::UnknownRefreshToken);
    }

    #[test]
    fn sign_in_keeps_other_users_sessions() {
        let mut sessions = store();
        let now = Instant::now();
        let admin = sessions.sign_in(&ADMIN, now);

        sessions.sign_in(&API_USER, now);

        assert_eq!(sessions.authenticate(&admin.access_token, now), Ok(&ADMIN));
    }

    #[test]
    fn refresh_replaces_both_tokens() {
        let mut sessions = store();
        let now = Instant::now();
        let old = sessions.sign_in(&ADMIN, now);

        let refreshed = sessions
            .refresh(&old.access_token, &old.refresh_token, now)
            .unwrap();

        assert_ne!(refreshed.tokens.access_token, old.access_token);
        assert_ne!(refreshed.tokens.refresh_token, old.refresh_token);
        assert_eq!(refreshed.refreshes_used, 1);
        let old_access = sessions.authenticate(&old.access_token, now);
        assert_eq!(old_access, Err(AccessError::Unknown));
        let reused = sessions.refresh(&refreshed.tokens.access_token, &old.refresh_token, now);
        assert_eq!(reused.unwrap_err(), RefreshError::UnknownRefreshToken);
    }

    #[test]
    fn refresh_accepts_expired_access_token() {
        let mut sessions = store();
        let now = Instant::now();
        let old = sessions.sign_in(&ADMIN, now);
        let later = now + LIFETIME * 2;

        let refreshed = sessions
            .refresh(&old.access_token, &old.refresh_token, later)
            .unwrap();

        let result = sessions.authenticate(&refreshed.tokens.access_token, later);
        assert_eq!(result, Ok(&ADMIN));
    }

    #[test]
    fn refresh_rejects_foreign_access_token() {
        let mut sessions = store();
        let now = Instant::now();
        let admin = sessions.sign_in(&ADMIN, now);
        let api_user = sessions.sign_in(&API_USER, now);

        let result = sessions.refresh(&api_user.access_token, &admin.refresh_token, now);

        assert_eq!(result.unwrap_err(), RefreshError::AccessTokenMismatch);
    }

    #[test]
    fn fourth_refresh_is_rejected() {
        let mut sessions = store();
        let now = Instant::now();
        let mut tokens = sessions.sign_in(&ADMIN, now);
        for expected_count in 1..=3 {
            let refreshed = sessions
                .refresh(&tokens.access_token, &tokens.refresh_token, now)
                .unwrap();
            assert_eq!(refreshed.refreshes_used, expected_count);
            tokens = refreshed.tokens;
        }

        let result = sessions.refresh(&tokens.access_token, &tokens.refresh_token, now);

        assert_eq!(result.unwrap_err(), RefreshError::RefreshesUsedUp);
        assert_eq!(sessions.authenticate(&tokens.access_token, now), Ok(&ADMIN));
    }

    #[test]
    fn revoke_ends_session() {
        let mut sessions = store();
        let now = Instant::now();
        let tokens = sessions.sign_in(&ADMIN, now);

        assert_eq!(sessions.revoke(&tokens.access_token, now), Ok(&ADMIN));

        let access = sessions.authenticate(&tokens.access_token, now);
        assert_eq!(access, Err(AccessError::Unknown));
        let refresh = sessions.refresh(&tokens.access_token, &tokens.refresh_token, now);
        assert_eq!(refresh.unwrap_err(), RefreshError::UnknownRefreshToken);
    }

    #[test]
    fn expire_all_keeps_refresh_working() {
        let mut sessions = store();
        let now = Instant::now();
        let tokens = sessions.sign_in(&ADMIN, now);

        assert_eq!(sessions.expire_all(now), 1);

        let access = sessions.authenticate(&tokens.access_token, now);
        assert_eq!(access, Err(AccessError::Expired));
        assert_eq!(sessions.user_of(&tokens.access_token), Some(&ADMIN));
        let refreshed = sessions.refresh(&tokens.access_token, &tokens.refresh_token, now);
        assert!(refreshed.is_ok());
    }

    #[test]
    fn user_of_unknown_token() {
        assert_eq!(store().user_of("never-issued"), None);
    }

    #[test]
    fn revoke_rejects_expired_token() {
        let mut sessions = store();
        let now = Instant::now();
        let tokens = sessions.sign_in(&ADMIN, now);

        let result = sessions.revoke(&tokens.access_token, now + LIFETIME);

        assert_eq!(result, Err(AccessError::Expired));
    }
}
