use proptest::prelude::*;

use super::*;
use crate::session::ACCESS_TOKEN_LIFETIME_MS;

const MINUTE: u64 = 60 * 1000;
const START: u64 = 1_700_000_000_000;

fn refreshed_times(times: u8) -> TokenLifetime {
    let mut lifetime = TokenLifetime::new(START);
    for _ in 0..times {
        lifetime = lifetime
            .refreshed(lifetime.issued_at_ms)
            .expect("refresh left");
    }
    lifetime
}

#[test]
fn margin_is_five_minutes_for_fmc_tokens() {
    assert_eq!(refresh_margin_ms(&TokenLifetime::new(START)), 5 * MINUTE);
}

#[test]
fn margin_is_a_quarter_of_short_lifetimes() {
    let lifetime = TokenLifetime::with_lifetime(START, 20_000);
    assert_eq!(refresh_margin_ms(&lifetime), 5_000);
}

#[test]
fn keep_alive_waits_until_margin() {
    let lifetime = TokenLifetime::new(START);
    assert_eq!(
        keep_alive(&lifetime, START + MINUTE, false),
        KeepAlive::WaitUntil {
            at_ms: START + 25 * MINUTE
        }
    );
}

#[test]
fn keep_alive_refreshes_inside_margin() {
    let lifetime = TokenLifetime::new(START);
    assert_eq!(
        keep_alive(&lifetime, START + 25 * MINUTE, false),
        KeepAlive::Refresh
    );
}

#[test]
fn keep_alive_refreshes_expired_token() {
    let lifetime = TokenLifetime::new(START);
    assert_eq!(
        keep_alive(&lifetime, START + 40 * MINUTE, false),
        KeepAlive::Refresh
    );
}

#[test]
fn keep_alive_last_token_signs_in() {
    let lifetime = refreshed_times(3);
    let near_end = lifetime.access_expires_at_ms() - MINUTE;
    assert_eq!(
        keep_alive(&lifetime, near_end, true),
        KeepAlive::SignInAgain
    );
}

#[test]
fn keep_alive_without_password_ends() {
    let lifetime = refreshed_times(3);
    let near_end = lifetime.access_expires_at_ms() - MINUTE;
    assert_eq!(
        keep_alive(&lifetime, near_end, false),
        KeepAlive::WaitUntil {
            at_ms: lifetime.access_expires_at_ms()
        }
    );
    assert_eq!(
        keep_alive(&lifetime, lifetime.access_expires_at_ms(), false),
        KeepAlive::Ended
    );
}

#[test]
fn unauthorized_refreshes_first() {
    let lifetime = TokenLifetime::new(START);
    let step = after_unauthorized(RecoveryAttempts::default(), &lifetime, true);
    assert_eq!(step, Recovery::Refresh);
}

#[test]
fn unauthorized_after_refresh_signs_in_again_when_allowed() {
    let lifetime = TokenLifetime::new(START);
    let attempts = RecoveryAttempts {
        refreshed: true,
        signed_in_again: false,
    };
    assert_eq!(
        after_unauthorized(attempts, &lifetime, true),
        Recovery::SignInAgain
    );
    assert_eq!(
        after_unauthorized(attempts, &lifetime, false),
        Recovery::GiveUp
    );
}

#[test]
fn unauthorized_without_refreshes_signs_in_again() {
    let lifetime = refreshed_times(3);
    let step = after_unauthorized(RecoveryAttempts::default(), &lifetime, true);
    assert_eq!(step, Recovery::SignInAgain);
}

#[test]
fn unauthorized_after_sign_in_gives_up() {
    let lifetime = TokenLifetime::new(START);
    let attempts = RecoveryAttempts {
        refreshed: true,
        signed_in_again: true,
    };
    assert_eq!(
        after_unauthorized(attempts, &lifetime, true),
        Recovery::GiveUp
    );
}

#[test]
fn rejection_of_valid_token_is_ended_by_fmc() {
    let lifetime = TokenLifetime::new(START);
    assert_eq!(
        classify_rejection(&lifetime, START + MINUTE),
        Rejection::EndedByFmc
    );
    assert_eq!(
        classify_rejection(&lifetime, START + 31 * MINUTE),
        Rejection::Expired
    );
}

#[test]
fn ended_message_names_cause_and_advice() {
    let message = ended_by_fmc_message("fmc.example.com", "api");
    assert!(message.contains("fmc.example.com"));
    assert!(message.contains("web UI"));
    assert!(message.contains("separate account"));
}

#[test]
fn status_of_fresh_sign_in() {
    let status = SessionStatus::at(&TokenLifetime::new(START), START);
    assert_eq!(status.access_left_ms, ACCESS_TOKEN_LIFETIME_MS);
    assert_eq!(status.refreshes_used, 0);
    assert_eq!(status.sign_in_left_ms, 4 * ACCESS_TOKEN_LIFETIME_MS);
    assert!(!status.ended);
    assert_eq!(status.badge(false), Badge::None);
}

#[test]
fn status_near_end_warns_without_password() {
    let lifetime = refreshed_times(3);
    let status = SessionStatus::at(&lifetime, lifetime.access_expires_at_ms() - MINUTE);
    assert_eq!(status.badge(false), Badge::EndingSoon);
    assert_eq!(status.badge(true), Badge::None);
}

#[test]
fn status_after_last_expiry_is_ended() {
    let lifetime = refreshed_times(3);
    let status = SessionStatus::at(&lifetime, lifetime.access_expires_at_ms());
    assert!(status.ended);
    assert_eq!(status.sign_in_left_ms, 0);
    assert_eq!(status.badge(true), Badge::Ended);
    assert_eq!(Badge::Ended.text(), "off");
}

proptest! {
    /// However the clock moves and however often the session is refreshed,
    /// the keep-alive never asks for a 4th refresh.
    #[test]
    fn never_a_fourth_refresh(
        steps in proptest::collection::vec((0u64..(40 * MINUTE), any::<bool>()), 1..40),
        lifetime_ms in 1_000u64..ACCESS_TOKEN_LIFETIME_MS,
        keep_password in any::<bool>(),
    ) {
        let mut lifetime = TokenLifetime::with_lifetime(START, lifetime_ms);
        let mut now = START;
        let mut refreshes = 0u8;
        for (advance, backwards) in steps {
            now = if backwards { now.saturating_sub(advance) } else { now + advance };
            match keep_alive(&lifetime, now, keep_password) {
                KeepAlive::Refresh => {
                    prop_assert!(lifetime.refreshes_left() > 0);
                    lifetime = lifetime.refreshed(now).expect("a refresh was left");
                    refreshes += 1;
                }
                KeepAlive::SignInAgain => {
                    prop_assert!(keep_password);
                    lifetime = TokenLifetime::with_lifetime(now, lifetime_ms);
                    refreshes = 0;
                }
                KeepAlive::WaitUntil { at_ms } => prop_assert!(at_ms > now || lifetime.refreshes_left() == 0),
                KeepAlive::Ended => prop_assert!(!keep_password),
            }
            prop_assert!(refreshes <= MAX_REFRESHES);
            prop_assert!(lifetime.remaining_ms(now) <= lifetime_ms);
        }
    }

    /// A request is refreshed at most once and signed in again at most once.
    #[test]
    fn recovery_never_loops(refreshes_used in 0u8..=3, keep_password in any::<bool>()) {
        let mut lifetime = TokenLifetime::new(START);
        lifetime.refreshes_used = refreshes_used;
        let mut attempts = RecoveryAttempts::default();
        let mut steps = 0;
        loop {
            match after_unauthorized(attempts, &lifetime, keep_password) {
                Recovery::Refresh => {
                    prop_assert!(!attempts.refreshed);
                    attempts.refreshed = true;
                }
                Recovery::SignInAgain => {
                    prop_assert!(!attempts.signed_in_again);
                    attempts.signed_in_again = true;
                }
                Recovery::GiveUp => break,
            }
            steps += 1;
            prop_assert!(steps <= 2);
        }
    }
}
