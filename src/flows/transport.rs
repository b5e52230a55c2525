//! Turning a failed `fetch` into a message that names the cause.

use fmc_core::host::FmcHost;
use fmc_core::net_error::{classify_net_error, transport_message, TransportFailure};

use crate::browser::http::HttpError;
use crate::browser::net_errors::NetErrorWatch;
use crate::state::Problem;

/// Explains `error` for `host`. For network failures it asks `watch` for the
/// browser's error code, and offers to open the host when the certificate is
/// the likely cause.
pub async fn explain(host: &FmcHost, error: HttpError, watch: &NetErrorWatch) -> Problem {
    if !matches!(error, HttpError::Network { .. }) {
        return Problem::message(error.to_string());
    }

    let code = watch.error_code().await;
    let failure = classify_net_error(code.as_deref());
    let certificate_likely = matches!(
        failure,
        TransportFailure::CertificateNotTrusted { .. } | TransportFailure::Unknown { .. }
    );
    Problem {
        message: transport_message(host, &failure),
        open_host_url: certificate_likely.then(|| host.url("/")),
        confirm_send: false,
        reread_path: None,
        about_draft: false,
    }
}
