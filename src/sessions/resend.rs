//! Sending one prepared request with the retry rules of `fmc_core::retry`:
//! after a 429 it goes again once the rate limiter's pause is over, and a
//! read also goes again after a transient failure. A write that got no
//! answer is reported as of unknown outcome, with the path to re-read.

use std::time::Duration;

use fmc_core::host::FmcHost;
use fmc_core::net_error::classify_net_error;
use fmc_core::request::{Draft, Method, PreparedRequest};
use fmc_core::retry::{
    decide, is_transient_status, may_have_arrived, outcome_unknown_message, reread_path,
    retry_message, Decision, Failure,
};
use web_sys::AbortController;

use crate::browser::http::{self, HttpError, HttpRequest, HttpResponse};
use crate::browser::net_errors::NetErrorWatch;
use crate::browser::{log, wait_notice};
use crate::flows::transport;
use crate::state::Problem;

/// Longest sleep between checks for Cancel while waiting to retry.
const CANCEL_POLL: Duration = Duration::from_millis(200);

/// Sends `request` to `host`, retrying as `fmc_core::retry::decide` says.
/// Returns the last response or error once no retry is left.
pub async fn send_with_retries(
    host: &FmcHost,
    request: HttpRequest,
    controller: AbortController,
) -> Result<HttpResponse, HttpError> {
    let method = Method::parse(&request.method).unwrap_or_default();
    let mut rate_limited_retries = 0;
    let mut transient_retries = 0;
    loop {
        let watch = NetErrorWatch::start(&host.permission_pattern());
        let result = http::send(request.clone(), controller.clone()).await;
        let Some((failure, event)) = failure_of(host, &result, &watch, method).await else {
            return result;
        };
        let rate_limited = matches!(failure, Failure::Status { status: 429, .. });
        let retries = if rate_limited {
            rate_limited_retries
        } else {
            transient_retries
        };

        match decide(method, failure, retries, js_sys::Math::random()) {
            // `http::send` delays the next attempt until the pause that the
            // 429 started is over, and shows that wait.
            Decision::RetryWhenAllowed => rate_limited_retries += 1,
            Decision::RetryAfter { wait_ms } => {
                transient_retries += 1;
                let message = retry_message(&event, wait_ms, transient_retries);
                log::warn(&format!("{} {}: {message}", request.method, request.url));
                wait_notice::show(message);
                let cancelled = sleep_unless_cancelled(wait_ms, &controller).await;
                wait_notice::clear();
                if cancelled {
                    return Err(HttpError::Cancelled { url: request.url });
                }
            }
            Decision::Stop | Decision::OutcomeUnknown => return result,
        }
    }
}

/// Explains a request that got no response. A write whose connection was
/// lost or timed out may have been applied, so it gets the "outcome
/// unknown" message and offers to re-read the object. Everything else is
/// explained by [`transport::explain`].
pub async fn explain_failure(
    host: &FmcHost,
    draft: &Draft,
    prepared: &PreparedRequest,
    error: HttpError,
    watch: &NetErrorWatch,
) -> Problem {
    if prepared.method.is_write() {
        let timed_out = matches!(error, HttpError::TimedOut { .. });
        let unknown = match &error {
            HttpError::TimedOut { .. } | HttpError::BodyUnreadable { .. } => true,
            HttpError::Network { .. } => {
                may_have_arrived(&classify_net_error(watch.error_code().await.as_deref()))
            }
            _ => false,
        };
        if unknown {
            let message = outcome_unknown_message(prepared.method, &prepared.url, timed_out);
            log::warn(&message);
            return Problem {
                reread_path: Some(reread_path(&draft.path)),
                ..Problem::message(message)
            };
        }
    }
    transport::explain(host, error, watch).await
}

/// Describes a failed attempt for the retry rules, with what happened in
/// words for the status line. `None` when the attempt did not fail in a
/// way the rules know.
async fn failure_of<'a>(
    host: &FmcHost,
    result: &'a Result<HttpResponse, HttpError>,
    watch: &NetErrorWatch,
    method: Method,
) -> Option<(Failure<'a>, String)> {
    let dropped = || {
        let event = format!("The connection to {} was dropped", host.display());
        (Failure::ConnectionLost, event)
    };
    match result {
        Ok(response)
            if response.status == 429 || is_transient_status(response.status, &response.body) =>
        {
            let failure = Failure::Status {
                status: response.status,
                body: &response.body,
            };
            let event = format!("{} returned HTTP {}", host.display(), response.status);
            Some((failure, event))
        }
        Ok(_) => None,
        Err(HttpError::BodyUnreadable { .. }) => Some(dropped()),
        // Only a read needs the cause here; a write is explained by the caller.
        Err(HttpError::Network { .. }) if !method.is_write() => {
            let failure = classify_net_error(watch.error_code().await.as_deref());
            may_have_arrived(&failure).then(dropped)
        }
        Err(HttpError::TimedOut { .. }) => {
            let event = format!("{} did not answer in time", host.display());
            Some((Failure::TimedOut, event))
        }
        Err(_) => None,
    }
}

/// Sleeps `wait_ms` unless the request is cancelled first; returns true
/// when it was.
async fn sleep_unless_cancelled(wait_ms: u64, controller: &AbortController) -> bool {
    let signal = controller.signal();
    let mut left = wait_ms;
    while left > 0 {
        if signal.aborted() {
            return true;
        }
        let step = left.min(CANCEL_POLL.as_millis() as u64);
        gloo_timers::future::sleep(Duration::from_millis(step)).await;
        left -= step;
    }
    signal.aborted()
}
