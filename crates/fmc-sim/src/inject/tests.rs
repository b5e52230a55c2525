use super::*;

fn injection(json: Value) -> Injection {
    serde_json::from_value::<InjectRequest>(json)
        .unwrap()
        .into_injection()
        .unwrap()
}

#[test]
fn status_injection_defaults() {
    let injection = injection(json!({ "status": 503 }));

    assert_eq!(injection.remaining, 1);
    assert_eq!(injection.skip, 0);
    assert_eq!(
        injection.fault,
        Fault::Status {
            status: 503,
            description: "Service unavailable.".into(),
            retry_after: None,
            empty_body: false
        }
    );
}

#[test]
fn try_again_400_by_default() {
    let injection = injection(json!({ "status": 400 }));

    let Fault::Status { description, .. } = injection.fault else {
        panic!("not a status fault");
    };
    assert!(description.ends_with("Please try again."));
}

#[test]
fn exactly_one_fault_required() {
    for body in [
        json!({}),
        json!({ "status": 503, "drop_connection": 1 }),
        json!({ "expire_access_tokens": false }),
        json!({ "status": 200 }),
        json!({ "status": 503, "method": "PATCH" }),
    ] {
        let request: InjectRequest = serde_json::from_value(body.clone()).unwrap();
        assert!(request.into_injection().is_err(), "{body}");
    }
}

#[test]
fn unknown_fields_rejected() {
    let result = serde_json::from_value::<InjectRequest>(json!({ "stauts": 503 }));

    assert!(result.is_err());
}

#[test]
fn after_lets_requests_pass() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(json!({ "status": 503, "after": 2 })));

    assert_eq!(queue.take("GET", Target::Api), None);
    assert_eq!(queue.take("GET", Target::Api), None);
    assert!(matches!(
        queue.take("GET", Target::Api),
        Some(Fault::Status { status: 503, .. })
    ));
    assert_eq!(queue.take("GET", Target::Api), None);
    assert!(queue.pending().is_empty());
}

#[test]
fn count_hits_several_requests() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(json!({ "drop_connection": 2 })));

    assert_eq!(queue.take("GET", Target::Api), Some(Fault::DropConnection));
    assert_eq!(queue.take("GET", Target::Api), Some(Fault::DropConnection));
    assert_eq!(queue.take("GET", Target::Api), None);
}

#[test]
fn one_fault_per_request_in_order() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(json!({ "status": 429 })));
    queue.push(injection(json!({ "status": 503 })));

    assert!(matches!(
        queue.take("GET", Target::Api),
        Some(Fault::Status { status: 429, .. })
    ));
    assert!(matches!(
        queue.take("GET", Target::Api),
        Some(Fault::Status { status: 503, .. })
    ));
}

#[test]
fn method_filter() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(json!({ "drop_connection": 1, "method": "post" })));

    assert_eq!(queue.take("GET", Target::Api), None);
    assert_eq!(queue.take("POST", Target::Api), Some(Fault::DropConnection));
}

#[test]
fn filtered_requests_do_not_count_towards_after() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(
        json!({ "status": 503, "after": 1, "method": "PUT" }),
    ));

    assert_eq!(queue.take("GET", Target::Api), None);
    assert_eq!(queue.take("PUT", Target::Api), None);
    assert!(queue.take("PUT", Target::Api).is_some());
}

#[test]
fn clear_empties_queue() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(json!({ "status": 500, "count": 5 })));

    assert_eq!(queue.clear(), 1);
    assert_eq!(queue.take("GET", Target::Api), None);
}

#[test]
fn stats_keys() {
    assert_eq!(injection(json!({ "status": 503 })).fault.stats_key(), "503");
    assert_eq!(
        injection(json!({ "drop_connection": 1 })).fault.stats_key(),
        "dropConnection"
    );
    assert_eq!(
        injection(json!({ "expire_access_tokens": true }))
            .fault
            .stats_key(),
        "expireAccessTokens"
    );
}

#[test]
fn sign_in_answers_target_sign_in() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(json!({ "answer": "no_refresh_token" })));

    assert_eq!(queue.take("POST", Target::Api), None);
    assert!(matches!(
        queue.take("POST", Target::SignIn),
        Some(Fault::Hostile {
            answer: Hostile::NoRefreshToken,
            ..
        })
    ));
}

#[test]
fn on_sign_in_moves_status() {
    let mut queue = InjectionQueue::default();
    queue.push(injection(json!({ "status": 502, "on": "sign_in" })));

    assert_eq!(queue.take("GET", Target::Api), None);
    assert!(queue.take("POST", Target::SignIn).is_some());
}

#[test]
fn empty_body_flag_kept() {
    let Fault::Status { empty_body, .. } =
        injection(json!({ "status": 404, "empty_body": true })).fault
    else {
        panic!("not a status fault");
    };

    assert!(empty_body);
}

#[test]
fn redirect_only_to_loopback() {
    for location in [
        "https://127.0.0.1:8443/api/",
        "https://localhost:1/",
        "http://[::1]:9",
        "https://127.0.0.1",
    ] {
        let request: InjectRequest =
            serde_json::from_value(json!({ "redirect": location })).unwrap();
        assert!(request.into_injection().is_ok(), "{location}");
    }
    for location in [
        "https://example.com/",
        "https://127.0.0.1.evil:8443/",
        "https://127.0.0.1@example.com/",
        "https://127.0.0.10/",
        "ftp://127.0.0.1/",
        "/relative",
    ] {
        let request: InjectRequest =
            serde_json::from_value(json!({ "redirect": location })).unwrap();
        assert!(request.into_injection().is_err(), "{location}");
    }
}

#[test]
fn header_bytes_limited() {
    let request: InjectRequest = serde_json::from_value(
        json!({ "answer": "huge_header", "header_bytes": MAX_HEADER_BYTES + 1 }),
    )
    .unwrap();

    assert!(request.into_injection().is_err());
}
