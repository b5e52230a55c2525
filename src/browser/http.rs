//! Sending one HTTP request with `fetch` (through gloo-net).
//!
//! Every request first waits for the rate limiter of its host
//! ([`super::rate_limiter`]), which also learns from the response. Redirects
//! are not followed: a followed redirect would carry the access token to
//! whatever host the `Location` names.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Headers, RequestBuilder};
use web_sys::{AbortController, RequestCache, RequestCredentials, RequestRedirect, ResponseType};

use super::{chrome, clock, rate_limiter, timeout_override};

/// A request ready for the network. Header values are sent as given, so the
/// caller exposes a token here and nowhere else.
#[derive(Clone)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub timeout: Duration,
}

/// The status, headers and body the server returned.
#[derive(Clone, Debug)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names as `fetch` exposes them: lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub elapsed_ms: u64,
}

/// The reason no response arrived.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("The header {name} cannot be sent: {detail}. Remove line breaks and non-Latin-1 characters from it.")]
    InvalidHeader { name: String, detail: String },
    #[error("The browser could not send the request to {url}: {detail}")]
    Network { url: String, detail: String },
    #[error("{url} did not answer within {} s. Check that the FMC is up and reachable, then send again.", .after.as_secs())]
    TimedOut { url: String, after: Duration },
    #[error("The request to {url} was cancelled.")]
    Cancelled { url: String },
    #[error("{url} answered with a redirect, which the extension does not follow so that the access token stays on this host. Open the host in a tab to see where it leads, and sign in to that host instead.")]
    Redirected { url: String },
    #[error("The response from {url} could not be read: {detail}. Send the request again.")]
    BodyUnreadable { url: String, detail: String },
}

/// Sends `request` once its host's rate limiter lets it start. Calling
/// `abort()` on `controller` cancels it (for example from a Cancel button),
/// also while it waits. The request also aborts itself after
/// `request.timeout`, counted from when it starts.
pub async fn send(
    mut request: HttpRequest,
    controller: AbortController,
) -> Result<HttpResponse, HttpError> {
    let url = request.url.clone();
    request.timeout = timeout_override::effective_timeout(request.timeout).await;
    // Held until the response is read, so the slot counts the whole request.
    let _permit = rate_limiter::admit(&url, &request.method, &controller.signal())
        .await
        .map_err(|_| HttpError::Cancelled { url: url.clone() })?;

    let response = fetch(request, controller).await?;
    rate_limiter::observe(&url, response.status, &response.headers, &response.body).await;
    Ok(response)
}

async fn fetch(
    request: HttpRequest,
    controller: AbortController,
) -> Result<HttpResponse, HttpError> {
    let url = request.url.clone();
    let headers = build_headers(&request.headers)?;
    let timed_out = Rc::new(Cell::new(false));
    let _timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        gloo_timers::callback::Timeout::new(request.timeout.as_millis() as u32, move || {
            timed_out.set(true);
            controller.abort();
        })
    };

    let builder = RequestBuilder::new(&request.url)
        .method(parse_method(&request.method))
        .headers(headers)
        .cache(RequestCache::NoStore)
        .credentials(RequestCredentials::Omit)
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&controller.signal()));
    let prepared = match request.body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|error| HttpError::Network {
        url: url.clone(),
        detail: error.to_string(),
    })?;

    let started = clock::monotonic_ms();
    let outcome = prepared.send().await;
    let aborted = |url: &str| {
        if timed_out.get() {
            HttpError::TimedOut {
                url: url.to_owned(),
                after: request.timeout,
            }
        } else {
            HttpError::Cancelled {
                url: url.to_owned(),
            }
        }
    };

    let response = match outcome {
        Ok(response) => response,
        Err(_) if controller.signal().aborted() => return Err(aborted(&url)),
        Err(error) => {
            return Err(HttpError::Network {
                url,
                detail: error.to_string(),
            })
        }
    };
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(HttpError::Redirected { url });
    }

    let status = response.status();
    let response_headers: Vec<(String, String)> = response.headers().entries().collect();
    let body = match response.text().await {
        Ok(body) => body,
        Err(_) if controller.signal().aborted() => return Err(aborted(&url)),
        Err(error) => {
            return Err(HttpError::BodyUnreadable {
                url,
                detail: error.to_string(),
            })
        }
    };
    let elapsed_ms = (clock::monotonic_ms() - started).max(0.0).round() as u64;

    Ok(HttpResponse {
        status,
        headers: response_headers,
        body,
        elapsed_ms,
    })
}

fn build_headers(pairs: &[(String, String)]) -> Result<Headers, HttpError> {
    let raw = web_sys::Headers::new().map_err(|error| HttpError::InvalidHeader {
        name: String::new(),
        detail: chrome::error_text(&error),
    })?;
    for (name, value) in pairs {
        raw.append(name, value)
            .map_err(|error| HttpError::InvalidHeader {
                name: name.clone(),
                detail: chrome::error_text(&error),
            })?;
    }
    Ok(Headers::from_raw(raw))
}

fn parse_method(method: &str) -> gloo_net::http::Method {
    match method {
        "POST" => gloo_net::http::Method::POST,
        "PUT" => gloo_net::http::Method::PUT,
        "DELETE" => gloo_net::http::Method::DELETE,
        _ => gloo_net::http::Method::GET,
    }
}
