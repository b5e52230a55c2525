//! `generatetoken`: the HTTP Basic sign-in, shared by the sign-in form and
//! the automatic sign-in with a kept password.

use std::time::Duration;

use fmc_core::auth::basic_auth_header;
use fmc_core::host::FmcHost;
use fmc_core::paths::GENERATE_TOKEN;
use fmc_core::signin::{parse_sign_in, SignIn};
use web_sys::AbortController;

use crate::browser::http::{self, HttpRequest};
use crate::browser::log;
use crate::browser::net_errors::NetErrorWatch;
use crate::flows::transport;
use crate::state::Problem;

/// How long to wait for `generatetoken`; an FMC under load can take seconds.
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(30);

/// Signs in to `host` and returns its tokens and domains.
pub async fn generate_token(
    host: &FmcHost,
    username: &str,
    password: &str,
) -> Result<SignIn, Problem> {
    let authorization = basic_auth_header(username, password)
        .map_err(|error| Problem::message(error.to_string()))?;
    let watch = NetErrorWatch::start(&host.permission_pattern());
    let request = HttpRequest {
        method: "POST".to_owned(),
        url: host.url(GENERATE_TOKEN),
        headers: vec![
            ("Authorization".to_owned(), authorization),
            ("Accept".to_owned(), "application/json".to_owned()),
        ],
        body: None,
        timeout: SIGN_IN_TIMEOUT,
    };
    let controller = AbortController::new().map_err(|_| {
        Problem::message(
            "The browser could not start a request. Reload the extension and sign in again.",
        )
    })?;
    let response = match http::send(request, controller).await {
        Ok(response) => response,
        Err(error) => return Err(transport::explain(host, error, &watch).await),
    };

    let sign_in = parse_sign_in(
        host,
        username,
        response.status,
        &response.headers,
        &response.body,
    )
    .map_err(|error| Problem::message(error.to_string()))?;
    for warning in &sign_in.warnings {
        log::warn(warning);
    }
    log::info(&format!(
        "Signed in to {} as {username}; access token {}.",
        host.display(),
        sign_in.access_token.masked()
    ));
    Ok(sign_in)
}
