//! Explaining requests that got no HTTP response at all.
//!
//! `fetch()` rejects with a bare `TypeError` for every network failure, so
//! the cause comes from the error code that `webRequest.onErrorOccurred`
//! reports: `net::ERR_*` in Chromium, `NS_ERROR_*`, `SEC_ERROR_*` and
//! `MOZILLA_PKIX_ERROR_*` in Firefox.

use crate::host::FmcHost;

/// The cause of a failed connection, as far as the browser's error code
/// shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportFailure {
    /// The browser rejected the server's certificate. `code` is the browser's
    /// error code.
    CertificateNotTrusted {
        code: String,
    },
    ConnectionRefused,
    NameNotResolved,
    TimedOut,
    /// The server closed the connection without a response.
    ConnectionReset,
    /// The connection broke while the response arrived: an HTTP/2 stream
    /// reset or protocol error, or a body cut short. `code` is the
    /// browser's error code.
    BrokenResponse {
        code: String,
    },
    /// The response headers exceeded the browser's limit (256 KB in
    /// Chromium).
    HeadersTooBig {
        code: String,
    },
    /// The server did not answer the TLS handshake with TLS, as a port that
    /// serves plain HTTP or another protocol does. `code` is the browser's
    /// error code.
    NotTls {
        code: String,
    },
    /// The browser refuses to connect to this port at all (Chromium's and
    /// Firefox's lists of ports used by other protocols, such as 9 or 25).
    BlockedPort {
        code: String,
    },
    /// Any other code, or none when the browser reported nothing.
    Unknown {
        code: Option<String>,
    },
}

/// Maps a browser network error code to its cause.
pub fn classify_net_error(code: Option<&str>) -> TransportFailure {
    let Some(code) = code.map(str::trim).filter(|code| !code.is_empty()) else {
        return TransportFailure::Unknown { code: None };
    };
    let upper = code.to_ascii_uppercase();
    let name = upper.strip_prefix("NET::").unwrap_or(&upper);

    let is_certificate = name.starts_with("ERR_CERT_")
        || name.starts_with("SEC_ERROR_")
        || name.starts_with("MOZILLA_PKIX_ERROR_")
        || name == "SSL_ERROR_BAD_CERT_DOMAIN";
    if is_certificate {
        return TransportFailure::CertificateNotTrusted {
            code: code.to_owned(),
        };
    }

    match name {
        "ERR_CONNECTION_REFUSED" | "NS_ERROR_CONNECTION_REFUSED" => {
            TransportFailure::ConnectionRefused
        }
        "ERR_NAME_NOT_RESOLVED" | "ERR_NAME_RESOLUTION_FAILED" | "NS_ERROR_UNKNOWN_HOST" => {
            TransportFailure::NameNotResolved
        }
        "ERR_CONNECTION_TIMED_OUT" | "ERR_TIMED_OUT" | "NS_ERROR_NET_TIMEOUT" => {
            TransportFailure::TimedOut
        }
        "ERR_CONNECTION_RESET"
        | "ERR_CONNECTION_CLOSED"
        | "ERR_EMPTY_RESPONSE"
        | "ERR_CONNECTION_ABORTED"
        | "NS_ERROR_NET_RESET"
        | "NS_ERROR_NET_INTERRUPT" => TransportFailure::ConnectionReset,
        "ERR_RESPONSE_HEADERS_TOO_BIG" | "NS_ERROR_NET_RESPONSE_HEADERS_TOO_BIG" => {
            TransportFailure::HeadersTooBig {
                code: code.to_owned(),
            }
        }
        "ERR_SSL_PROTOCOL_ERROR" | "ERR_WRONG_VERSION_NUMBER" | "SSL_ERROR_RX_RECORD_TOO_LONG" => {
            TransportFailure::NotTls {
                code: code.to_owned(),
            }
        }
        "ERR_UNSAFE_PORT" | "NS_ERROR_PORT_ACCESS_NOT_ALLOWED" => TransportFailure::BlockedPort {
            code: code.to_owned(),
        },
        _ if is_broken_response(name) => TransportFailure::BrokenResponse {
            code: code.to_owned(),
        },
        _ => TransportFailure::Unknown {
            code: Some(code.to_owned()),
        },
    }
}

/// Returns true for codes of a connection that broke after it was open:
/// Chromium's `ERR_HTTP2_*`, `ERR_SPDY_*` and `ERR_QUIC_PROTOCOL_ERROR` for a
/// reset stream or a protocol error, `ERR_INCOMPLETE_CHUNKED_ENCODING` and
/// `ERR_CONTENT_LENGTH_MISMATCH` for a body cut short, and Firefox's
/// `NS_ERROR_NET_PARTIAL_TRANSFER`. `name` is upper case without `net::`.
fn is_broken_response(name: &str) -> bool {
    name.starts_with("ERR_HTTP2_")
        || name.starts_with("ERR_SPDY_")
        || matches!(
            name,
            "ERR_QUIC_PROTOCOL_ERROR"
                | "ERR_INCOMPLETE_CHUNKED_ENCODING"
                | "ERR_CONTENT_LENGTH_MISMATCH"
                | "ERR_INVALID_HTTP_RESPONSE"
                | "NS_ERROR_NET_PARTIAL_TRANSFER"
        )
}

/// Returns the message for a failed connection to `host`, with the next step.
pub fn transport_message(host: &FmcHost, failure: &TransportFailure) -> String {
    let root = host.url("/");
    let display = host.display();
    let name = host.name();
    let port = host.port();

    match failure {
        TransportFailure::CertificateNotTrusted { code } => format!(
            "The browser could not reach {root} because it does not trust the FMC's certificate ({code}). FMCs ship with a self-signed certificate: open {root} in a new tab, accept the certificate, then sign in again."
        ),
        TransportFailure::Unknown { code } => {
            let code_note = code
                .as_deref()
                .map(|code| format!(" ({code})"))
                .unwrap_or_default();
            format!(
                "The browser could not reach {root}{code_note}. The usual cause is the FMC's self-signed certificate: open {root} in a new tab, accept the certificate, then sign in again."
            )
        }
        TransportFailure::ConnectionRefused => format!(
            "Nothing listens on {name} port {port} (connection refused). Check the host and port: the REST API is on the same address as the FMC web interface."
        ),
        TransportFailure::NameNotResolved => format!(
            "The name {name} was not found in DNS. Check the spelling, or use the FMC's IP address."
        ),
        TransportFailure::TimedOut => format!(
            "The connection to {display} timed out. Check that the FMC is running and that no firewall or VPN blocks port {port}, then try again."
        ),
        TransportFailure::ConnectionReset => format!(
            "{display} closed the connection without a response. Check that port {port} is the FMC's HTTPS port and not another service, then try again."
        ),
        TransportFailure::BrokenResponse { code } => format!(
            "{display} broke off the connection before the response was complete ({code}). The certificate was accepted, so the cause is the server or a proxy in between: check that port {port} is the FMC itself, then try again."
        ),
        TransportFailure::NotTls { code } => format!(
            "{display} did not answer with HTTPS ({code}), so port {port} probably serves plain HTTP or another service. Check the port: the FMC's REST API uses the HTTPS port of its web interface, usually 443."
        ),
        TransportFailure::BlockedPort { code } => format!(
            "The browser does not connect to port {port} because other protocols use it ({code}). Check the port: the FMC's REST API uses the HTTPS port of its web interface, usually 443."
        ),
        TransportFailure::HeadersTooBig { code } => format!(
            "{display} sent response headers larger than the browser accepts ({code}). An FMC does not do that, so port {port} probably belongs to a proxy or another service: check the host and port, then try again."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host() -> FmcHost {
        FmcHost::parse("fmc.example.com:8443").expect("valid host")
    }

    #[test]
    fn classify_chromium_certificate_codes() {
        for code in [
            "net::ERR_CERT_AUTHORITY_INVALID",
            "net::ERR_CERT_COMMON_NAME_INVALID",
            "net::ERR_CERT_DATE_INVALID",
            "net::ERR_CERT_WEAK_KEY",
        ] {
            assert_eq!(
                classify_net_error(Some(code)),
                TransportFailure::CertificateNotTrusted {
                    code: code.to_owned()
                }
            );
        }
    }

    #[test]
    fn classify_firefox_certificate_codes() {
        for code in [
            "SEC_ERROR_UNKNOWN_ISSUER",
            "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT",
            "SEC_ERROR_EXPIRED_CERTIFICATE",
            "SSL_ERROR_BAD_CERT_DOMAIN",
        ] {
            assert!(
                matches!(
                    classify_net_error(Some(code)),
                    TransportFailure::CertificateNotTrusted { .. }
                ),
                "{code}"
            );
        }
    }

    #[test]
    fn classify_connection_codes() {
        let cases = [
            (
                "net::ERR_CONNECTION_REFUSED",
                TransportFailure::ConnectionRefused,
            ),
            (
                "NS_ERROR_CONNECTION_REFUSED",
                TransportFailure::ConnectionRefused,
            ),
            (
                "net::ERR_NAME_NOT_RESOLVED",
                TransportFailure::NameNotResolved,
            ),
            ("NS_ERROR_UNKNOWN_HOST", TransportFailure::NameNotResolved),
            ("net::ERR_CONNECTION_TIMED_OUT", TransportFailure::TimedOut),
            ("net::ERR_TIMED_OUT", TransportFailure::TimedOut),
            ("NS_ERROR_NET_TIMEOUT", TransportFailure::TimedOut),
            (
                "net::ERR_CONNECTION_RESET",
                TransportFailure::ConnectionReset,
            ),
            (
                "net::ERR_CONNECTION_CLOSED",
                TransportFailure::ConnectionReset,
            ),
            ("net::ERR_EMPTY_RESPONSE", TransportFailure::ConnectionReset),
            ("NS_ERROR_NET_RESET", TransportFailure::ConnectionReset),
            (
                "net::ERR_CONNECTION_ABORTED",
                TransportFailure::ConnectionReset,
            ),
        ];
        for (code, expected) in cases {
            assert_eq!(classify_net_error(Some(code)), expected, "{code}");
        }
    }

    #[test]
    fn classify_ignores_case_and_spaces() {
        assert_eq!(
            classify_net_error(Some(" net::err_connection_refused ")),
            TransportFailure::ConnectionRefused
        );
    }

    #[test]
    fn classify_unknown() {
        assert_eq!(
            classify_net_error(None),
            TransportFailure::Unknown { code: None }
        );
        assert_eq!(
            classify_net_error(Some("  ")),
            TransportFailure::Unknown { code: None }
        );
        assert_eq!(
            classify_net_error(Some("net::ERR_FAILED")),
            TransportFailure::Unknown {
                code: Some("net::ERR_FAILED".to_owned())
            }
        );
    }

    #[test]
    fn plain_http_port_is_not_a_certificate_problem() {
        for code in [
            "net::ERR_SSL_PROTOCOL_ERROR",
            "net::ERR_WRONG_VERSION_NUMBER",
            "SSL_ERROR_RX_RECORD_TOO_LONG",
        ] {
            let failure = classify_net_error(Some(code));
            assert_eq!(
                failure,
                TransportFailure::NotTls {
                    code: code.to_owned()
                }
            );
            let message = transport_message(&host(), &failure);
            assert!(message.contains("port 8443"), "{message}");
            assert!(!message.contains("certificate"), "{message}");
        }
    }

    #[test]
    fn blocked_port_named() {
        for code in ["net::ERR_UNSAFE_PORT", "NS_ERROR_PORT_ACCESS_NOT_ALLOWED"] {
            let failure = classify_net_error(Some(code));
            assert_eq!(
                failure,
                TransportFailure::BlockedPort {
                    code: code.to_owned()
                }
            );
            let message = transport_message(&host(), &failure);
            assert!(message.contains("port 8443"), "{message}");
            assert!(message.contains(code), "{message}");
        }
    }

    #[test]
    fn classify_broken_responses() {
        for code in [
            "net::ERR_HTTP2_PROTOCOL_ERROR",
            "net::ERR_HTTP2_STREAM_CLOSED",
            "net::ERR_HTTP2_SERVER_REFUSED_STREAM",
            "net::ERR_SPDY_PROTOCOL_ERROR",
            "net::ERR_QUIC_PROTOCOL_ERROR",
            "net::ERR_INCOMPLETE_CHUNKED_ENCODING",
            "net::ERR_CONTENT_LENGTH_MISMATCH",
            "NS_ERROR_NET_PARTIAL_TRANSFER",
        ] {
            assert_eq!(
                classify_net_error(Some(code)),
                TransportFailure::BrokenResponse {
                    code: code.to_owned()
                },
                "{code}"
            );
        }
    }

    #[test]
    fn classify_headers_too_big() {
        assert_eq!(
            classify_net_error(Some("net::ERR_RESPONSE_HEADERS_TOO_BIG")),
            TransportFailure::HeadersTooBig {
                code: "net::ERR_RESPONSE_HEADERS_TOO_BIG".to_owned()
            }
        );
    }

    #[test]
    fn broken_response_is_not_a_certificate_problem() {
        let failure = classify_net_error(Some("net::ERR_HTTP2_PROTOCOL_ERROR"));
        let message = transport_message(&host(), &failure);

        assert!(message.contains("fmc.example.com:8443"), "{message}");
        assert!(
            message.contains("net::ERR_HTTP2_PROTOCOL_ERROR"),
            "{message}"
        );
        assert!(message.contains("broke off the connection"), "{message}");
        assert!(!message.contains("accept the certificate"), "{message}");
        assert!(!message.contains("new tab"), "{message}");
    }

    #[test]
    fn headers_too_big_names_port() {
        let failure = classify_net_error(Some("net::ERR_RESPONSE_HEADERS_TOO_BIG"));
        let message = transport_message(&host(), &failure);

        assert!(message.contains("port 8443"), "{message}");
        assert!(
            message.contains("larger than the browser accepts"),
            "{message}"
        );
        assert!(!message.contains("new tab"), "{message}");
    }

    #[test]
    fn message_certificate() {
        let failure = classify_net_error(Some("net::ERR_CERT_AUTHORITY_INVALID"));
        let message = transport_message(&host(), &failure);
        assert!(
            message.contains("https://fmc.example.com:8443/"),
            "{message}"
        );
        assert!(
            message.contains("net::ERR_CERT_AUTHORITY_INVALID"),
            "{message}"
        );
        assert!(message.contains("certificate"), "{message}");
        assert!(message.contains("new tab"), "{message}");
        assert!(!message.contains("usual cause"), "{message}");
    }

    #[test]
    fn message_unknown() {
        let message = transport_message(&host(), &TransportFailure::Unknown { code: None });
        assert_eq!(
            message,
            "The browser could not reach https://fmc.example.com:8443/. The usual cause is the FMC's self-signed certificate: open https://fmc.example.com:8443/ in a new tab, accept the certificate, then sign in again."
        );
        let with_code = transport_message(
            &host(),
            &TransportFailure::Unknown {
                code: Some("net::ERR_FAILED".to_owned()),
            },
        );
        assert!(with_code.contains("(net::ERR_FAILED)"), "{with_code}");
    }

    #[test]
    fn message_refused_names_host_and_port() {
        let message = transport_message(&host(), &TransportFailure::ConnectionRefused);
        assert!(message.contains("fmc.example.com port 8443"), "{message}");
        assert!(message.contains("Check the host and port"), "{message}");
    }

    #[test]
    fn message_default_port() {
        let host = FmcHost::parse("192.0.2.10").expect("valid host");
        let message = transport_message(&host, &TransportFailure::ConnectionRefused);
        assert!(message.contains("192.0.2.10 port 443"), "{message}");
    }

    #[test]
    fn message_other_failures() {
        let name = transport_message(&host(), &TransportFailure::NameNotResolved);
        assert!(
            name.contains("fmc.example.com") && name.contains("spelling"),
            "{name}"
        );
        let timeout = transport_message(&host(), &TransportFailure::TimedOut);
        assert!(
            timeout.contains("fmc.example.com:8443") && timeout.contains("try again"),
            "{timeout}"
        );
        let reset = transport_message(&host(), &TransportFailure::ConnectionReset);
        assert!(reset.contains("closed the connection"), "{reset}");
    }
}
