use proptest::prelude::*;

use super::*;

#[test]
fn version_limits() {
    let cases = [
        ("7.2.5 (build 208)", 120),
        ("6.7.0 (build 65)", 120),
        ("7.4.0 (build 112)", 120),
        ("7.4.1 (build 172)", 300),
        ("7.4.2", 300),
        ("7.6", 300),
        ("10.0.0 (build 1)", 300),
        (" 7.3.1.1 (build 83)", 120),
    ];
    for (version, limit) in cases {
        assert_eq!(server_limit_for_version(version), Ok(limit), "{version}");
    }
}

#[test]
fn unreadable_versions_rejected() {
    for version in ["", "seven", "7", "7.x.1", "(build 208)"] {
        let error = server_limit_for_version(version).unwrap_err();
        assert_eq!(error.version, version);
        assert!(error.to_string().contains("120 requests"), "{error}");
    }
}

#[test]
fn budget_keeps_margin() {
    assert_eq!(budget_per_minute(120), 108);
    assert_eq!(budget_per_minute(300), 270);
    assert_eq!(budget_per_minute(20), 18);
    assert_eq!(budget_per_minute(1), 1);
    assert_eq!(budget_per_minute(0), 0);
}

#[test]
fn retry_after_seconds() {
    assert_eq!(parse_retry_after(Some("12")), Some(12_000));
    assert_eq!(parse_retry_after(Some(" 0 ")), Some(0));
    assert_eq!(parse_retry_after(Some("86400")), Some(MAX_RETRY_AFTER_MS));
}

#[test]
fn retry_after_unreadable() {
    for value in [
        None,
        Some(""),
        Some("-3"),
        Some("1.5"),
        Some("Wed, 21 Oct 2026 07:28:00 GMT"),
    ] {
        assert_eq!(parse_retry_after(value), None, "{value:?}");
    }
}

#[test]
fn backoff_doubles_within_bounds() {
    assert_eq!(backoff_ms(0, 0.0), 2_000);
    assert_eq!(backoff_ms(0, 0.99), 2_000);
    assert_eq!(backoff_ms(1, 0.0), 2_000);
    assert_eq!(backoff_ms(1, 0.5), 3_000);
    assert_eq!(backoff_ms(2, 0.0), 4_000);
    assert_eq!(backoff_ms(3, 1.0), 16_000);
    assert_eq!(backoff_ms(5, 0.0), 30_000);
    assert_eq!(backoff_ms(5, 1.0), 60_000);
    assert_eq!(backoff_ms(40, 1.0), 60_000);
}

proptest! {
    #[test]
    fn backoff_always_between_2_and_60_s(attempt in 0u32..100, jitter in -1.0f64..2.0) {
        let wait = backoff_ms(attempt, jitter);
        prop_assert!((MIN_BACKOFF_MS..=MAX_BACKOFF_MS).contains(&wait));
    }

    /// Whatever the arrival pattern, no 60-second span contains more starts
    /// than the budget.
    #[test]
    fn window_never_exceeds_budget(
        budget in 1u32..30,
        gaps in proptest::collection::vec(0u64..5_000, 1..300),
    ) {
        let mut window = RequestWindow::default();
        let mut now = 1_000_000u64;
        let mut starts = Vec::new();
        for gap in gaps {
            now += gap;
            loop {
                match window.admit(budget, now) {
                    Admission::Go => {
                        starts.push(now);
                        break;
                    }
                    Admission::Wait { until_ms, .. } => {
                        prop_assert!(until_ms > now);
                        now = until_ms;
                    }
                }
            }
        }
        for (index, &start) in starts.iter().enumerate() {
            let in_span = starts[index..]
                .iter()
                .take_while(|&&later| later < start + WINDOW_MS)
                .count();
            prop_assert!(in_span <= budget as usize);
        }
    }
}

#[test]
fn window_admits_up_to_budget() {
    let mut window = RequestWindow::default();

    for second in 0..3 {
        assert_eq!(window.admit(3, second * 1000), Admission::Go);
    }
    let fourth = window.admit(3, 3_000);

    assert_eq!(
        fourth,
        Admission::Wait {
            until_ms: 60_000,
            reason: WaitReason::Pacing {
                budget_per_minute: 3
            }
        }
    );
    assert_eq!(window.recent(3_000), 3);
}

#[test]
fn window_admits_again_after_a_minute() {
    let mut window = RequestWindow::default();
    for second in 0..3 {
        window.admit(3, second * 1000);
    }

    assert!(matches!(window.admit(3, 59_999), Admission::Wait { .. }));
    assert_eq!(window.admit(3, 60_000), Admission::Go);
    assert!(matches!(
        window.admit(3, 60_001),
        Admission::Wait {
            until_ms: 61_000,
            ..
        }
    ));
}

#[test]
fn wait_names_the_start_that_makes_room() {
    // A budget lowered after requests started (another context read a lower
    // limit): two of the five must leave the window first.
    let mut window = RequestWindow::default();
    for second in 0..5 {
        window.admit(10, second * 1000);
    }

    let admission = window.admit(4, 5_000);

    assert!(matches!(
        admission,
        Admission::Wait {
            until_ms: 61_000,
            ..
        }
    ));
}

#[test]
fn zero_budget_is_unlimited() {
    let mut window = RequestWindow::default();

    for _ in 0..1000 {
        assert_eq!(window.admit(0, 5), Admission::Go);
    }
}

#[test]
fn rate_limited_pauses_for_retry_after() {
    let mut window = RequestWindow::default();

    let wait = window.record_rate_limited(Some("12"), 10_000, 0.5);

    assert_eq!(wait, 12_000);
    assert_eq!(
        window.admit(0, 21_999),
        Admission::Wait {
            until_ms: 22_000,
            reason: WaitReason::RateLimited
        }
    );
    assert_eq!(window.admit(0, 22_000), Admission::Go);
}

#[test]
fn rate_limited_backs_off_exponentially() {
    let mut window = RequestWindow::default();

    let waits: Vec<u64> = (0..7)
        .map(|_| window.record_rate_limited(None, 0, 1.0))
        .collect();

    assert_eq!(
        waits,
        vec![2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]
    );
}

#[test]
fn other_answer_restarts_backoff() {
    let mut window = RequestWindow::default();
    window.record_rate_limited(None, 0, 1.0);
    window.record_rate_limited(None, 0, 1.0);

    assert!(window.record_answer());
    assert!(!window.record_answer());
    assert_eq!(window.record_rate_limited(None, 0, 1.0), 2_000);
}

#[test]
fn shorter_retry_after_keeps_longer_pause() {
    let mut window = RequestWindow::default();
    window.record_rate_limited(Some("30"), 0, 0.0);

    window.record_rate_limited(Some("1"), 1_000, 0.0);

    assert!(matches!(
        window.admit(0, 2_000),
        Admission::Wait {
            until_ms: 30_000,
            ..
        }
    ));
}

#[test]
fn clock_set_back_forgets_future_starts() {
    let mut window = RequestWindow::default();
    for _ in 0..3 {
        window.admit(3, 500_000);
    }

    assert_eq!(window.admit(3, 100_000), Admission::Go);
}

#[test]
fn window_round_trips_through_json() {
    let mut window = RequestWindow::default();
    window.admit(5, 1_000);
    window.record_rate_limited(Some("3"), 2_000, 0.0);
    window.set_server_limit(300);

    let json = serde_json::to_string(&window).unwrap();
    let back: RequestWindow = serde_json::from_str(&json).unwrap();

    assert_eq!(back, window);
    assert_eq!(back.server_limit(), Some(300));
}

#[test]
fn request_kind_by_method() {
    assert_eq!(RequestKind::of_method("GET"), RequestKind::Read);
    assert_eq!(RequestKind::of_method("get"), RequestKind::Read);
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(RequestKind::of_method(method), RequestKind::Write);
    }
}

#[test]
fn slots_bound_reads() {
    let mut slots = Slots::new(2);

    assert!(slots.try_acquire(RequestKind::Read));
    assert!(slots.try_acquire(RequestKind::Read));
    assert!(!slots.try_acquire(RequestKind::Read));
    slots.release(RequestKind::Read);
    assert!(slots.try_acquire(RequestKind::Read));
    assert_eq!(slots.in_flight(), 2);
}

#[test]
fn write_waits_for_reads() {
    let mut slots = Slots::default();
    assert!(slots.try_acquire(RequestKind::Read));

    assert!(!slots.try_acquire(RequestKind::Write));
    slots.release(RequestKind::Read);
    assert!(slots.try_acquire(RequestKind::Write));
}

#[test]
fn write_runs_alone() {
    let mut slots = Slots::default();
    assert!(slots.try_acquire(RequestKind::Write));

    assert!(!slots.try_acquire(RequestKind::Write));
    assert!(!slots.try_acquire(RequestKind::Read));
    slots.release(RequestKind::Write);
    assert!(slots.try_acquire(RequestKind::Read));
}

#[test]
fn waiting_write_holds_back_new_reads() {
    let mut slots = Slots::default();
    assert!(slots.try_acquire(RequestKind::Read));
    slots.wait_for_write();

    assert!(!slots.try_acquire(RequestKind::Read));
    slots.release(RequestKind::Read);
    assert!(slots.try_acquire(RequestKind::Write));
    slots.stop_waiting();
    slots.release(RequestKind::Write);
    assert!(slots.try_acquire(RequestKind::Read));
}

#[test]
fn wait_messages() {
    assert_eq!(
        WaitReason::RateLimited.message("127.0.0.1:8443", 11_200),
        "Rate limited by 127.0.0.1:8443: waiting 12 s"
    );
    let pacing = WaitReason::Pacing {
        budget_per_minute: 108,
    };
    assert_eq!(
        pacing.message("fmc.example.com", 1_000),
        "Keeping to 108 requests a minute for fmc.example.com: waiting 1 s"
    );
}
