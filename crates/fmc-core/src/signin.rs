//! Parsing the responses to `generatetoken` (sign-in) and `refreshtoken`.
//!
//! Both return 204 No Content with the tokens and the domains in headers. Only
//! a 204, or a 200, with an `X-auth-access-token` header counts as success,
//! and domain headers are never read from any other status.

use serde::{Deserialize, Serialize};

use crate::domain::{parse_domains_header, Domain};
use crate::error_body::error_detail;
use crate::headers::{
    header, ACCESS_TOKEN, CONTENT_TYPE, DOMAINS, DOMAIN_UUID, GLOBAL, REFRESH_TOKEN, RETRY_AFTER,
    USER_UUID,
};
use crate::host::FmcHost;
use crate::response::looks_like_html;
use crate::secret::Secret;

/// Maximum token length accepted, in bytes. FMC tokens are 36-character UUIDs,
/// so anything far longer is not a token.
const MAX_TOKEN_LEN: usize = 1024;

/// The tokens and domains of a successful sign-in or refresh.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignIn {
    pub access_token: Secret,
    pub refresh_token: Secret,
    /// `DOMAIN_UUID`: the user's default domain.
    pub domain_uuid: String,
    /// The `global` header: the Global domain's UUID.
    pub global_uuid: Option<String>,
    /// The domains from `DOMAINS`, never empty. When `DOMAINS` is missing or
    /// unusable, the list contains one domain built from `DOMAIN_UUID`, and
    /// `warnings` explains why.
    pub domains: Vec<Domain>,
    pub user_uuid: Option<String>,
    /// Problems that did not stop the sign-in, for the log.
    pub warnings: Vec<String>,
}

/// Errors from `generatetoken` responses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignInError {
    #[error("{host} rejected the username or password for {username:?}{}. Check both and sign in again.", detail_suffix(.detail))]
    WrongCredentials {
        host: String,
        username: String,
        detail: Option<String>,
    },
    #[error("{host} did not allow {username:?} to sign in to the REST API (HTTP 403{}). Ask an FMC administrator for a user role with REST API access, or sign in with another account.", detail_tail(.detail))]
    Forbidden {
        host: String,
        username: String,
        detail: Option<String>,
    },
    #[error("{host} rejected the sign-in because of too many requests (HTTP 429, the FMC allows 120 requests a minute per user). {} and sign in again.", wait_text(*.retry_after_secs))]
    RateLimited {
        host: String,
        retry_after_secs: Option<u64>,
    },
    #[error("{host} failed with HTTP {status}{} while generating a token. Wait a minute and sign in again. If it keeps failing, check the FMC's health.", detail_suffix(.detail))]
    ServerError {
        host: String,
        status: u16,
        detail: Option<String>,
    },
    #[error("{host} responded with HTTP {status} but does not look like an FMC, because the response has no access token or is an HTML page. Check the host and port: the REST API is on the same address as the FMC web interface.")]
    NotAnFmc { host: String, status: u16 },
    #[error("{host} rejected the sign-in with HTTP {status}{}. Check the host and port, then sign in again.", detail_suffix(.detail))]
    Unexpected {
        host: String,
        status: u16,
        detail: Option<String>,
    },
    #[error("{host} accepted the sign-in but sent no {header} header. Sign in again. If it keeps happening, a proxy between the browser and the FMC may be removing headers.")]
    MissingHeader { host: String, header: &'static str },
    #[error("{host} sent a {header} header that is not a valid token, because it is empty, too long or not printable ASCII. Sign in again. If it keeps happening, a proxy may be altering the response.")]
    InvalidTokenValue { host: String, header: &'static str },
}

/// Errors from `refreshtoken` responses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefreshError {
    #[error("{host} rejected the refresh token{}. It expired, was already used for all refreshes, or the session was ended by another sign-in. Sign in again.", detail_suffix(.detail))]
    InvalidRefreshToken {
        host: String,
        detail: Option<String>,
    },
    #[error("{host} found no refresh token in the refresh request{}. Sign in again.", detail_suffix(.detail))]
    NoRefreshToken {
        host: String,
        detail: Option<String>,
    },
    #[error("{host} has no refresh endpoint at this path (HTTP 404). Try the other spelling of the refresh path, or sign in again.")]
    NotFound { host: String },
    #[error("{host} rejected the refresh because of too many requests (HTTP 429, the FMC allows 120 requests a minute per user). {} and try again.", wait_text(*.retry_after_secs))]
    RateLimited {
        host: String,
        retry_after_secs: Option<u64>,
    },
    #[error("{host} failed with HTTP {status}{} while refreshing the token. Wait a minute and try again, or sign in again.", detail_suffix(.detail))]
    ServerError {
        host: String,
        status: u16,
        detail: Option<String>,
    },
    #[error("{host} responded to the refresh with HTTP {status}{}. Sign in again.", detail_suffix(.detail))]
    Unexpected {
        host: String,
        status: u16,
        detail: Option<String>,
    },
    #[error("{host} accepted the refresh but sent no {header} header. Sign in again.")]
    MissingHeader { host: String, header: &'static str },
    #[error("{host} sent a {header} header that is not a valid token, because it is empty, too long or not printable ASCII. Sign in again.")]
    InvalidTokenValue { host: String, header: &'static str },
}

/// Reads the response to `POST generatetoken`.
///
/// Succeeds only for a 204 or 200 that carries an access token and is not an
/// HTML page. Any other status becomes an error whose message names `host`,
/// the status and the FMC's own error description when the body has one.
pub fn parse_sign_in(
    host: &FmcHost,
    username: &str,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<SignIn, SignInError> {
    let name = host.display();
    let detail = || error_detail(body);

    // An HTML page comes from a portal, a proxy or another product. Server
    // errors and rate limits keep their own message, because a web server in
    // front of a real FMC may send them as HTML.
    let html = looks_like_html(header(headers, CONTENT_TYPE), body);
    if html && status != 429 && !(500..=599).contains(&status) {
        return Err(SignInError::NotAnFmc { host: name, status });
    }

    match status {
        200 | 204 => {}
        401 => {
            return Err(SignInError::WrongCredentials {
                host: name,
                username: username.to_owned(),
                detail: detail(),
            })
        }
        403 => {
            return Err(SignInError::Forbidden {
                host: name,
                username: username.to_owned(),
                detail: detail(),
            })
        }
        429 => {
            return Err(SignInError::RateLimited {
                host: name,
                retry_after_secs: retry_after_secs(headers),
            })
        }
        500..=599 => {
            return Err(SignInError::ServerError {
                host: name,
                status,
                detail: detail(),
            })
        }
        // An FMC error body shows that an FMC responded, even with an
        // unexpected status, so its message is worth passing on.
        _ => {
            return Err(match detail() {
                Some(detail) => SignInError::Unexpected {
                    host: name,
                    status,
                    detail: Some(detail),
                },
                None => SignInError::NotAnFmc { host: name, status },
            })
        }
    }

    if header(headers, ACCESS_TOKEN).is_none() {
        // The other token and domain headers show that an FMC responded and
        // only the access token went missing, for example in a proxy.
        let fmc_headers = [REFRESH_TOKEN, DOMAIN_UUID, DOMAINS];
        if fmc_headers
            .iter()
            .any(|name| header(headers, name).is_some())
        {
            return Err(SignInError::MissingHeader {
                host: name,
                header: ACCESS_TOKEN,
            });
        }
        return Err(SignInError::NotAnFmc { host: name, status });
    }

    read_token_headers(&name, headers).map_err(|problem| match problem {
        HeaderProblem::Missing(header) => SignInError::MissingHeader {
            host: name.clone(),
            header,
        },
        HeaderProblem::InvalidToken(header) => SignInError::InvalidTokenValue {
            host: name.clone(),
            header,
        },
    })
}

/// Reads the response to `POST refreshtoken` (or `refresh-token`).
///
/// A 404 becomes [`RefreshError::NotFound`] so that the caller can try the
/// other spelling of the path.
pub fn parse_refresh(
    host: &FmcHost,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<SignIn, RefreshError> {
    let name = host.display();
    let detail = || error_detail(body);

    let error = match status {
        200 | 204 if !looks_like_html(header(headers, CONTENT_TYPE), body) => {
            return read_token_headers(&name, headers).map_err(|problem| match problem {
                HeaderProblem::Missing(header) => RefreshError::MissingHeader {
                    host: name.clone(),
                    header,
                },
                HeaderProblem::InvalidToken(header) => RefreshError::InvalidTokenValue {
                    host: name.clone(),
                    header,
                },
            });
        }
        400 => RefreshError::NoRefreshToken {
            host: name,
            detail: detail(),
        },
        401 => RefreshError::InvalidRefreshToken {
            host: name,
            detail: detail(),
        },
        404 => RefreshError::NotFound { host: name },
        429 => RefreshError::RateLimited {
            host: name,
            retry_after_secs: retry_after_secs(headers),
        },
        500..=599 => RefreshError::ServerError {
            host: name,
            status,
            detail: detail(),
        },
        _ => RefreshError::Unexpected {
            host: name,
            status,
            detail: detail(),
        },
    };
    Err(error)
}

enum HeaderProblem {
    Missing(&'static str),
    InvalidToken(&'static str),
}

/// Reads the tokens and domains of a 204 or 200 response.
fn read_token_headers(host: &str, headers: &[(String, String)]) -> Result<SignIn, HeaderProblem> {
    let access_token = read_token(headers, ACCESS_TOKEN)?;
    let refresh_token = read_token(headers, REFRESH_TOKEN)?;
    let domain_uuid = read_text(headers, DOMAIN_UUID).ok_or(HeaderProblem::Missing(DOMAIN_UUID))?;
    let global_uuid = read_text(headers, GLOBAL);
    let user_uuid = read_text(headers, USER_UUID);

    let mut warnings = Vec::new();
    let domains = read_domains(
        host,
        headers,
        &domain_uuid,
        global_uuid.as_deref(),
        &mut warnings,
    );
    Ok(SignIn {
        access_token,
        refresh_token,
        domain_uuid,
        global_uuid,
        domains,
        user_uuid,
        warnings,
    })
}

fn read_token(headers: &[(String, String)], name: &'static str) -> Result<Secret, HeaderProblem> {
    let value = header(headers, name)
        .ok_or(HeaderProblem::Missing(name))?
        .trim();
    let printable = value.bytes().all(|byte| byte.is_ascii_graphic());
    if value.is_empty() || value.len() > MAX_TOKEN_LEN || !printable {
        return Err(HeaderProblem::InvalidToken(name));
    }
    Ok(Secret::new(value))
}

fn read_text(headers: &[(String, String)], name: &str) -> Option<String> {
    header(headers, name)
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}

/// Reads `DOMAINS`, falling back to one domain built from `DOMAIN_UUID` so
/// that the list is never empty. The default domain is added when the list
/// lacks it, so that it can always be selected.
fn read_domains(
    host: &str,
    headers: &[(String, String)],
    domain_uuid: &str,
    global_uuid: Option<&str>,
    warnings: &mut Vec<String>,
) -> Vec<Domain> {
    let default_domain = Domain {
        name: if global_uuid == Some(domain_uuid) {
            "Global".to_owned()
        } else {
            "Default domain".to_owned()
        },
        uuid: domain_uuid.to_owned(),
    };

    let mut domains = match header(headers, DOMAINS).map(parse_domains_header) {
        Some(Ok(domains)) => domains,
        Some(Err(error)) => {
            warnings.push(format!(
                "{host} sent an unusable DOMAINS header, so only the default domain {domain_uuid} can be selected. {error}"
            ));
            return vec![default_domain];
        }
        None => {
            warnings.push(format!(
                "{host} sent no DOMAINS header, so only the default domain {domain_uuid} can be selected. Sign in again to get the domain list."
            ));
            return vec![default_domain];
        }
    };

    if !domains
        .iter()
        .any(|domain| domain.uuid.eq_ignore_ascii_case(domain_uuid))
    {
        warnings.push(format!(
            "The DOMAINS header from {host} does not list the default domain {domain_uuid}, so it was added as {:?}.",
            default_domain.name
        ));
        domains.insert(0, default_domain);
    }
    domains
}

/// Reads `Retry-After` in seconds. The HTTP-date form is ignored because this
/// crate has no clock.
fn retry_after_secs(headers: &[(String, String)]) -> Option<u64> {
    header(headers, RETRY_AFTER).and_then(|value| value.trim().parse().ok())
}

fn detail_suffix(detail: &Option<String>) -> String {
    match detail {
        Some(detail) => format!(" ({})", detail.trim_end_matches('.')),
        None => String::new(),
    }
}

fn detail_tail(detail: &Option<String>) -> String {
    match detail {
        Some(detail) => format!(": {}", detail.trim_end_matches('.')),
        None => String::new(),
    }
}

fn wait_text(retry_after_secs: Option<u64>) -> String {
    match retry_after_secs {
        Some(secs) => format!("Wait {secs} s"),
        None => "Wait a minute".to_owned(),
    }
}

#[cfg(test)]
mod tests;
