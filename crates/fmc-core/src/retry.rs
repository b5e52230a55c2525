//! Which failed requests are sent again, and how a write without a response
//! is reported.
//!
//! A 429 is retried for every method, because the FMC rejects the request
//! before acting on it. Reads (GET) are also retried after a transient
//! failure: HTTP 500, 502 or 503, a 400 whose FMC error description ends
//! with `Please try again.`, or a dropped connection. A write (POST, PUT,
//! DELETE) that got no answer may still have been applied, so it is never
//! sent again blindly: its outcome is reported as unknown, with the path
//! that shows the object's current state.

use crate::error_body::parse_error_body;
use crate::net_error::TransportFailure;
use crate::rate_limit::backoff_ms;
use crate::request::Method;

/// Retries of a read after transient failures.
pub const MAX_READ_RETRIES: u32 = 3;

/// Retries of one request after a 429 before its 429 is shown.
pub const MAX_RATE_LIMITED_RETRIES: u32 = 5;

/// The FMC's wording for a transient 400.
const TRY_AGAIN_SUFFIX: &str = "please try again.";

/// Cause of a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure<'a> {
    /// The server responded with this status and body.
    Status { status: u16, body: &'a str },
    /// The connection closed before a complete response arrived.
    ConnectionLost,
    /// No response arrived within the request's timeout.
    TimedOut,
}

/// Next step after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Send again once the rate limiter's pause after the 429 is over.
    RetryWhenAllowed,
    /// Send again after this many milliseconds.
    RetryAfter { wait_ms: u64 },
    /// Show the failure as it is.
    Stop,
    /// A write got no response, so it may or may not have been applied.
    OutcomeUnknown,
}

/// Returns true for responses that mean "try again later": 500, 502, 503, and
/// a 400 whose FMC error description ends with `Please try again.`.
pub fn is_transient_status(status: u16, body: &str) -> bool {
    match status {
        500 | 502 | 503 => true,
        400 => parse_error_body(body).is_some_and(|error| {
            error.messages.iter().any(|message| {
                message
                    .trim()
                    .to_ascii_lowercase()
                    .ends_with(TRY_AGAIN_SUFFIX)
            })
        }),
        _ => false,
    }
}

/// Decides what follows a failed attempt of a `method` request that has
/// been retried `retries` times already for the same kind of failure.
/// `jitter` is a random number in `[0, 1)` for the backoff.
pub fn decide(method: Method, failure: Failure<'_>, retries: u32, jitter: f64) -> Decision {
    let read = !method.is_write();
    match failure {
        Failure::Status { status: 429, .. } if retries < MAX_RATE_LIMITED_RETRIES => {
            Decision::RetryWhenAllowed
        }
        Failure::Status { status, body }
            if read && retries < MAX_READ_RETRIES && is_transient_status(status, body) =>
        {
            Decision::RetryAfter {
                wait_ms: backoff_ms(retries, jitter),
            }
        }
        Failure::ConnectionLost if read && retries < MAX_READ_RETRIES => Decision::RetryAfter {
            wait_ms: backoff_ms(retries, jitter),
        },
        Failure::ConnectionLost | Failure::TimedOut if !read => Decision::OutcomeUnknown,
        _ => Decision::Stop,
    }
}

/// Returns true when a failed connection may have delivered the request:
/// the server closed it, reset its HTTP/2 stream or stopped answering after
/// it was open. False for failures before the request could leave, such as
/// an untrusted certificate or a refused connection, and when the cause is
/// unknown.
pub fn may_have_arrived(failure: &TransportFailure) -> bool {
    match failure {
        TransportFailure::ConnectionReset
        | TransportFailure::TimedOut
        | TransportFailure::BrokenResponse { .. }
        | TransportFailure::HeadersTooBig { .. } => true,
        TransportFailure::Unknown { code: Some(code) } => {
            let code = code.to_ascii_uppercase();
            // Chromium: ERR_INCOMPLETE_CHUNKED_ENCODING for a body cut
            // short, ERR_HTTP2_PROTOCOL_ERROR and other ERR_HTTP2_* for a
            // reset stream; Firefox: NS_ERROR_NET_PARTIAL_TRANSFER.
            ["INCOMPLETE", "HTTP2", "PARTIAL_TRANSFER"]
                .iter()
                .any(|marker| code.contains(marker))
        }
        _ => false,
    }
}

/// Returns the path to GET to see what a write of unknown outcome did: the
/// write's own path without query, which for a POST is the collection the
/// object was created in.
pub fn reread_path(path: &str) -> String {
    let path = path.trim();
    path.split(['?', '#']).next().unwrap_or_default().to_owned()
}

/// Explains a write of unknown outcome and what to do next.
pub fn outcome_unknown_message(method: Method, url: &str, timed_out: bool) -> String {
    let why = if timed_out {
        "no answer arrived before the timeout"
    } else {
        "the connection was lost before the answer arrived"
    };
    format!(
        "The outcome of the {method} to {url} is unknown: {why}, so the FMC may or may not have applied it. Re-read the object to see its current state before you send the {method} again."
    )
}

/// Tells the user that a read is sent again after a transient failure.
/// `event` describes what happened, such as "127.0.0.1:8443 returned HTTP
/// 503", and the result adds "sending again in 2 s (retry 1 of 3)."
pub fn retry_message(event: &str, wait_ms: u64, retry: u32) -> String {
    format!(
        "{event}: sending again in {} s (retry {retry} of {MAX_READ_RETRIES}).",
        wait_ms.div_ceil(1000)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net_error::classify_net_error;

    const TRY_AGAIN_BODY: &str = r#"{"error":{"category":"OTHER","messages":[{"description":"Could not complete the operation. Please try again."}],"severity":"ERROR"}}"#;
    const DUPLICATE_BODY: &str = r#"{"error":{"category":"OTHER","messages":[{"description":"The object name already exists."}],"severity":"ERROR"}}"#;

    fn status(status: u16) -> Failure<'static> {
        Failure::Status { status, body: "" }
    }

    #[test]
    fn transient_statuses() {
        for code in [500, 502, 503] {
            assert!(is_transient_status(code, ""), "{code}");
        }
        for code in [200, 400, 401, 403, 404, 422, 429, 504] {
            assert!(!is_transient_status(code, ""), "{code}");
        }
    }

    #[test]
    fn try_again_400_is_transient() {
        assert!(is_transient_status(400, TRY_AGAIN_BODY));
        assert!(!is_transient_status(400, DUPLICATE_BODY));
        assert!(!is_transient_status(400, "Please try again."));
        assert!(!is_transient_status(404, TRY_AGAIN_BODY));
    }

    #[test]
    fn rate_limited_retried_for_every_method() {
        for method in Method::ALL {
            assert_eq!(
                decide(method, status(429), 0, 0.0),
                Decision::RetryWhenAllowed,
                "{method}"
            );
        }
    }

    #[test]
    fn rate_limited_retries_bounded() {
        let decision = decide(Method::Get, status(429), MAX_RATE_LIMITED_RETRIES, 0.0);

        assert_eq!(decision, Decision::Stop);
    }

    #[test]
    fn transient_read_retried_with_backoff() {
        assert_eq!(
            decide(Method::Get, status(503), 0, 0.0),
            Decision::RetryAfter { wait_ms: 2_000 }
        );
        assert_eq!(
            decide(Method::Get, status(502), 2, 1.0),
            Decision::RetryAfter { wait_ms: 8_000 }
        );
        let try_again = Failure::Status {
            status: 400,
            body: TRY_AGAIN_BODY,
        };
        assert!(matches!(
            decide(Method::Get, try_again, 0, 0.0),
            Decision::RetryAfter { .. }
        ));
    }

    #[test]
    fn transient_read_retries_bounded() {
        assert_eq!(
            decide(Method::Get, status(500), MAX_READ_RETRIES, 0.0),
            Decision::Stop
        );
        assert_eq!(
            decide(Method::Get, Failure::ConnectionLost, MAX_READ_RETRIES, 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn transient_write_not_retried() {
        for method in [Method::Post, Method::Put, Method::Delete] {
            assert_eq!(decide(method, status(503), 0, 0.0), Decision::Stop);
        }
    }

    #[test]
    fn other_statuses_not_retried() {
        for code in [400, 401, 403, 404, 422] {
            assert_eq!(decide(Method::Get, status(code), 0, 0.0), Decision::Stop);
        }
    }

    #[test]
    fn dropped_read_retried() {
        assert_eq!(
            decide(Method::Get, Failure::ConnectionLost, 1, 0.0),
            Decision::RetryAfter { wait_ms: 2_000 }
        );
    }

    #[test]
    fn read_timeout_not_retried() {
        assert_eq!(
            decide(Method::Get, Failure::TimedOut, 0, 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn write_without_answer_has_unknown_outcome() {
        for method in [Method::Post, Method::Put, Method::Delete] {
            for failure in [Failure::ConnectionLost, Failure::TimedOut] {
                assert_eq!(
                    decide(method, failure, 0, 0.0),
                    Decision::OutcomeUnknown,
                    "{method} {failure:?}"
                );
            }
        }
    }

    #[test]
    fn arrival_possible_only_after_connecting() {
        let unknown = |code: Option<&str>| TransportFailure::Unknown {
            code: code.map(str::to_owned),
        };

        assert!(may_have_arrived(&TransportFailure::ConnectionReset));
        assert!(may_have_arrived(&TransportFailure::TimedOut));
        assert!(may_have_arrived(&classify_net_error(Some(
            "net::ERR_HTTP2_PROTOCOL_ERROR"
        ))));
        assert!(may_have_arrived(&classify_net_error(Some(
            "net::ERR_RESPONSE_HEADERS_TOO_BIG"
        ))));
        for code in [
            "net::ERR_INCOMPLETE_CHUNKED_ENCODING",
            "net::ERR_HTTP2_PROTOCOL_ERROR",
            "NS_ERROR_NET_PARTIAL_TRANSFER",
        ] {
            assert!(may_have_arrived(&unknown(Some(code))), "{code}");
        }
        assert!(!may_have_arrived(&TransportFailure::ConnectionRefused));
        assert!(!may_have_arrived(&TransportFailure::NameNotResolved));
        assert!(!may_have_arrived(
            &TransportFailure::CertificateNotTrusted {
                code: "net::ERR_CERT_AUTHORITY_INVALID".into()
            }
        ));
        assert!(!may_have_arrived(&unknown(None)));
        assert!(!may_have_arrived(&unknown(Some("net::ERR_FAILED"))));
    }

    #[test]
    fn reread_paths() {
        assert_eq!(
            reread_path("/api/fmc_config/v1/domain/{domainUUID}/object/networks?bulk=true"),
            "/api/fmc_config/v1/domain/{domainUUID}/object/networks"
        );
        assert_eq!(
            reread_path(" /api/x/object/networks/0050-56 "),
            "/api/x/object/networks/0050-56"
        );
        assert_eq!(
            reread_path("https://fmc/api/x/hosts/1#top"),
            "https://fmc/api/x/hosts/1"
        );
    }

    #[test]
    fn unknown_outcome_message_names_method_and_url() {
        let message = outcome_unknown_message(Method::Post, "https://fmc/api/x", false);

        assert!(message.contains("POST to https://fmc/api/x"), "{message}");
        assert!(message.contains("connection was lost"), "{message}");
        assert!(message.contains("Re-read the object"), "{message}");
        let timed_out = outcome_unknown_message(Method::Put, "https://fmc/api/x/1", true);
        assert!(timed_out.contains("before the timeout"), "{timed_out}");
    }

    #[test]
    fn retry_message_rounds_seconds_up() {
        assert_eq!(
            retry_message("127.0.0.1:8443 returned HTTP 503", 1_500, 1),
            "127.0.0.1:8443 returned HTTP 503: sending again in 2 s (retry 1 of 3)."
        );
    }
}
