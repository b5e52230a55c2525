//! Loading the endpoint list in the background service worker, so that
//! downloading and parsing a spec of several megabytes never blocks the
//! popup. The popup requests it through [`super::spec`].

use std::time::Duration;

use fmc_core::host::FmcHost;
use fmc_core::paths::SERVER_VERSION;
use fmc_core::request::{Draft, Method};
use fmc_core::spec::parse_spec;
use fmc_core::spec_cache::{
    cache_key, server_version_from_body, try_next_spec, EndpointCache, SPEC_PATHS,
};
use web_sys::AbortController;

use crate::browser::log;
use crate::browser::storage::Stores;
use crate::sessions::client::send_authorized;

/// How long one spec download may take: a 9 MB spec over a slow VPN.
const SPEC_TIMEOUT: Duration = Duration::from_secs(120);

/// Returns the endpoint list of `host` for `username`: from the
/// cache when the FMC's version is unchanged, else from the FMC's spec,
/// which is then cached. Errors are messages for the user.
pub async fn load_endpoints(
    stores: &Stores,
    host: &str,
    username: &str,
) -> Result<EndpointCache, String> {
    let host = FmcHost::parse(host).map_err(|error| error.to_string())?;
    let version_body = get(stores, &host, username, SERVER_VERSION).await?;
    let server_version = match version_body {
        (200, body) => server_version_from_body(&body).unwrap_or_default(),
        (status, _) => {
            return Err(format!(
                "{} returned HTTP {status} for its server version, so the API spec was not loaded. Send a GET of {SERVER_VERSION} to see why.",
                host.display()
            ))
        }
    };

    let key = cache_key(&host.origin());
    match stores.local.get::<EndpointCache>(&key).await {
        Ok(Some(cached))
            if !server_version.is_empty() && cached.server_version == server_version =>
        {
            return Ok(cached);
        }
        Ok(_) => {}
        Err(error) => log::warn(&error.to_string()),
    }

    let cache = download(stores, &host, username, server_version).await?;
    if let Err(error) = stores.local.set(&key, &cache).await {
        // The list still works for this popup; only the next one downloads again.
        log::warn(&error.to_string());
    }
    Ok(cache)
}

async fn download(
    stores: &Stores,
    host: &FmcHost,
    username: &str,
    server_version: String,
) -> Result<EndpointCache, String> {
    for path in SPEC_PATHS {
        let (status, body) = get(stores, host, username, path).await?;
        if try_next_spec(status) {
            continue;
        }
        if status != 200 {
            return Err(format!(
                "{} returned HTTP {status} for {path}, so the endpoint list is unavailable. Check that the account may use the API explorer.",
                host.display()
            ));
        }
        let endpoints = parse_spec(body.as_bytes()).map_err(|error| error.to_string())?;
        log::info(&format!(
            "Read {} endpoints from {path} of {} ({} bytes).",
            endpoints.len(),
            host.display(),
            body.len()
        ));
        return Ok(EndpointCache {
            server_version,
            source: path.to_owned(),
            endpoints,
        });
    }
    Err(format!(
        "{} serves neither {} nor {}, so the endpoint list is unavailable. Type the path yourself.",
        host.display(),
        SPEC_PATHS[0],
        SPEC_PATHS[1]
    ))
}

async fn get(
    stores: &Stores,
    host: &FmcHost,
    username: &str,
    path: &str,
) -> Result<(u16, String), String> {
    let draft = Draft {
        method: Method::Get,
        path: path.to_owned(),
        ..Draft::default()
    };
    let controller = AbortController::new().map_err(|_| {
        "The browser could not start a request. Reload the extension and try again.".to_owned()
    })?;
    let outcome = send_authorized(stores, host, username, &draft, controller, SPEC_TIMEOUT)
        .await
        .map_err(|problem| problem.message)?;
    Ok((outcome.response.status, outcome.response.body))
}
