use crate::request::Method;
use proptest::prelude::*;

use super::*;
use crate::secret::Secret;

const MINUTE_MS: u64 = 60 * 1000;
const START: u64 = 1_764_669_600_000;
const GLOBAL: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const DEVEL: &str = "8e2b1d2c-5a1f-11ee-9a7e-0242ac120002";

fn sign_in(access: &str) -> SignIn {
    SignIn {
        access_token: Secret::new(access),
        refresh_token: Secret::new("0b9d7d62-2222-4d7e-8f6c-3e9d4f1a9f00"),
        domain_uuid: GLOBAL.to_owned(),
        global_uuid: Some(GLOBAL.to_owned()),
        domains: vec![
            Domain {
                name: "Global".to_owned(),
                uuid: GLOBAL.to_owned(),
            },
            Domain {
                name: "Global/Devel".to_owned(),
                uuid: DEVEL.to_owned(),
            },
        ],
        user_uuid: None,
        warnings: Vec::new(),
    }
}

fn session() -> Session {
    let host = FmcHost::parse("fmc.example.com").expect("valid host");
    Session::new(
        host,
        "admin".to_owned(),
        sign_in("5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd"),
        START,
    )
}

#[test]
fn new_lifetime() {
    let lifetime = TokenLifetime::new(START);
    assert_eq!(lifetime.lifetime_ms, ACCESS_TOKEN_LIFETIME_MS);
    assert_eq!(lifetime.signed_in_at_ms, START);
    assert_eq!(lifetime.issued_at_ms, START);
    assert_eq!(lifetime.refreshes_used, 0);
    assert_eq!(lifetime.refreshes_left(), 3);
    assert_eq!(lifetime.access_expires_at_ms(), START + 30 * MINUTE_MS);
    assert_eq!(lifetime.remaining_ms(START), 30 * MINUTE_MS);
}

#[test]
fn expiry_edges() {
    let lifetime = TokenLifetime::new(START);
    let expiry = lifetime.access_expires_at_ms();
    assert!(!lifetime.is_expired(expiry - 1));
    assert_eq!(lifetime.remaining_ms(expiry - 1), 1);
    assert!(lifetime.is_expired(expiry));
    assert_eq!(lifetime.remaining_ms(expiry), 0);
    assert!(lifetime.is_expired(expiry + 1));
    assert_eq!(lifetime.remaining_ms(expiry + 1), 0);
}

#[test]
fn clock_jump_backwards() {
    let lifetime = TokenLifetime::new(START);
    assert_eq!(
        lifetime.remaining_ms(START - 10 * MINUTE_MS),
        ACCESS_TOKEN_LIFETIME_MS
    );
    assert_eq!(lifetime.remaining_ms(0), ACCESS_TOKEN_LIFETIME_MS);
    assert!(!lifetime.is_expired(0));
}

#[test]
fn no_overflow_near_max() {
    let lifetime = TokenLifetime::with_lifetime(u64::MAX - 5, ACCESS_TOKEN_LIFETIME_MS);
    assert_eq!(lifetime.access_expires_at_ms(), u64::MAX);
    assert_eq!(lifetime.sign_in_ends_at_ms(), u64::MAX);
    assert_eq!(lifetime.remaining_ms(u64::MAX), 0);
}

#[test]
fn three_refreshes_then_error() {
    let mut lifetime = TokenLifetime::new(START);
    for used in 1..=3u8 {
        let now = START + u64::from(used) * 29 * MINUTE_MS;
        assert!(lifetime.can_refresh(now), "refresh {used}");
        lifetime = lifetime.refreshed(now).expect("refresh allowed");
        assert_eq!(lifetime.refreshes_used, used);
        assert_eq!(lifetime.issued_at_ms, now);
        assert_eq!(lifetime.signed_in_at_ms, START);
        assert_eq!(lifetime.remaining_ms(now), ACCESS_TOKEN_LIFETIME_MS);
    }
    assert_eq!(lifetime.refreshes_left(), 0);
    assert!(!lifetime.can_refresh(START + 88 * MINUTE_MS));
    let error = lifetime
        .refreshed(START + 88 * MINUTE_MS)
        .expect_err("fourth refresh");
    assert_eq!(error, LifetimeError::NoRefreshesLeft { max: 3 });
    assert!(error.to_string().contains("Sign in again"), "{error}");
}

#[test]
fn cannot_refresh_expired() {
    let lifetime = TokenLifetime::new(START);
    assert!(!lifetime.can_refresh(lifetime.access_expires_at_ms()));
}

#[test]
fn sign_in_end() {
    let lifetime = TokenLifetime::new(START);
    assert_eq!(lifetime.sign_in_ends_at_ms(), START + 120 * MINUTE_MS);
    let refreshed = lifetime
        .refreshed(START + 10 * MINUTE_MS)
        .expect("refresh allowed");
    assert_eq!(refreshed.sign_in_ends_at_ms(), START + 100 * MINUTE_MS);
}

#[test]
fn short_lifetime() {
    let lifetime = TokenLifetime::with_lifetime(START, 1000);
    assert_eq!(lifetime.remaining_ms(START + 400), 600);
    assert!(lifetime.is_expired(START + 1000));
}

#[test]
fn durations() {
    assert_eq!(format_duration(0), "0 s");
    assert_eq!(format_duration(999), "0 s");
    assert_eq!(format_duration(45_000), "45 s");
    assert_eq!(format_duration(59_999), "59 s");
    assert_eq!(format_duration(60_000), "1 min");
    assert_eq!(format_duration(4 * MINUTE_MS + 59_000), "4 min");
    assert_eq!(format_duration(30 * MINUTE_MS - 1), "29 min");
    assert_eq!(format_duration(30 * MINUTE_MS), "30 min");
    assert_eq!(format_duration(60 * MINUTE_MS), "1 h");
    assert_eq!(format_duration(125 * MINUTE_MS), "2 h 5 min");
}

#[test]
fn session_starts_in_default_domain() {
    let session = session();
    assert_eq!(session.domain_uuid, GLOBAL);
    assert_eq!(
        session.current_domain().map(|domain| domain.name.as_str()),
        Some("Global")
    );
    assert_eq!(session.lifetime, TokenLifetime::new(START));
}

#[test]
fn session_select_domain() {
    let mut session = session();
    assert!(session.select_domain(DEVEL));
    assert_eq!(session.domain_uuid, DEVEL);
    assert_eq!(
        session.current_domain().map(|domain| domain.name.as_str()),
        Some("Global/Devel")
    );
    assert!(!session.select_domain("11111111-2222-3333-4444-555555555555"));
    assert_eq!(session.domain_uuid, DEVEL);
}

#[test]
fn session_apply_refresh_keeps_domain() {
    let mut session = session();
    assert!(session.select_domain(DEVEL));
    session
        .apply_refresh(
            sign_in("new-token-0000-0000-0000-000000000001"),
            START + MINUTE_MS,
        )
        .expect("refresh allowed");
    assert_eq!(
        session.sign_in.access_token.expose(),
        "new-token-0000-0000-0000-000000000001"
    );
    assert_eq!(session.domain_uuid, DEVEL);
    assert_eq!(session.lifetime.refreshes_used, 1);
}

#[test]
fn session_apply_refresh_drops_vanished_domain() {
    let mut session = session();
    assert!(session.select_domain(DEVEL));
    let mut refreshed = sign_in("new-token-0000-0000-0000-000000000001");
    refreshed.domains.truncate(1);
    session
        .apply_refresh(refreshed, START + MINUTE_MS)
        .expect("refresh allowed");
    assert_eq!(session.domain_uuid, GLOBAL);
}

#[test]
fn session_apply_refresh_after_max() {
    let mut session = session();
    for _ in 0..3 {
        session
            .apply_refresh(sign_in("t"), START)
            .expect("refresh allowed");
    }
    let before = session.clone();
    assert!(session.apply_refresh(sign_in("u"), START).is_err());
    assert_eq!(session, before);
}

#[test]
fn session_serde_round_trip() {
    let session = session();
    let json = serde_json::to_string(&session).expect("serializes");
    let back: Session = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, session);
}

proptest! {
    #[test]
    fn remaining_never_exceeds_lifetime(issued in any::<u64>(), lifetime in any::<u64>(), now in any::<u64>()) {
        let token = TokenLifetime::with_lifetime(issued, lifetime);
        prop_assert!(token.remaining_ms(now) <= lifetime);
    }

    #[test]
    fn remaining_never_grows(issued in any::<u64>(), lifetime in 0..u64::MAX / 4, a in any::<u64>(), b in any::<u64>()) {
        let token = TokenLifetime::with_lifetime(issued, lifetime);
        let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(token.remaining_ms(earlier) >= token.remaining_ms(later));
    }

    #[test]
    fn expired_from_expiry_on(issued in 0..u64::MAX / 2, lifetime in 1..u64::MAX / 4, now in any::<u64>()) {
        let token = TokenLifetime::with_lifetime(issued, lifetime);
        prop_assert_eq!(token.is_expired(now), now >= token.access_expires_at_ms());
    }

    #[test]
    fn refresh_count_is_bounded(times in proptest::collection::vec(any::<u64>(), 0..8)) {
        let mut token = TokenLifetime::new(START);
        let mut succeeded = 0u8;
        for now in times {
            match token.refreshed(now) {
                Ok(next) => {
                    prop_assert_eq!(next.issued_at_ms, now);
                    prop_assert_eq!(next.signed_in_at_ms, START);
                    token = next;
                    succeeded += 1;
                }
                Err(error) => prop_assert_eq!(error, LifetimeError::NoRefreshesLeft { max: MAX_REFRESHES }),
            }
            prop_assert_eq!(token.refreshes_used + token.refreshes_left(), MAX_REFRESHES);
        }
        prop_assert!(succeeded <= MAX_REFRESHES);
        prop_assert!(token.sign_in_ends_at_ms() >= token.access_expires_at_ms());
    }
}

#[test]
fn global_write_with_subdomains_warns() {
    let session = session();
    assert!(session.is_global_write_with_subdomains(Method::Post));
    assert!(session.is_global_write_with_subdomains(Method::Delete));
    assert!(!session.is_global_write_with_subdomains(Method::Get));
}

#[test]
fn subdomain_write_does_not_warn() {
    let mut session = session();
    let child = session
        .sign_in
        .domains
        .iter()
        .find(|domain| domain.name != "Global")
        .map(|domain| domain.uuid.clone())
        .expect("a subdomain");
    assert!(session.select_domain(&child));
    assert!(!session.is_global_write_with_subdomains(Method::Put));
}
