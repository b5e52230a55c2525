//! Building the request that the composer sends: the method, the path with
//! the domain UUID filled in, the headers and the JSON body.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::body_check::check_json;
use crate::headers::{ACCESS_TOKEN, CONTENT_TYPE};
use crate::host::FmcHost;
use crate::query_rows::{parse_query, split_query, QueryRow};
use crate::request_headers::{
    is_overridden, sent_headers, AutoHeaders, HeaderError, HeaderRow, ACCEPT,
};
use crate::secret::Secret;

/// The methods the FMC REST API supports. It has no PATCH.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    #[default]
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    /// Every method, in the order the composer lists them.
    pub const ALL: [Method; 4] = [Method::Get, Method::Post, Method::Put, Method::Delete];

    /// Returns the method name as sent on the wire, such as `"GET"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name, ignoring case and surrounding spaces.
    pub fn parse(s: &str) -> Option<Method> {
        let s = s.trim();
        Method::ALL
            .into_iter()
            .find(|method| method.as_str().eq_ignore_ascii_case(s))
    }

    /// Returns true for POST and PUT, the methods whose body the FMC reads.
    pub fn allows_body(self) -> bool {
        matches!(self, Method::Post | Method::Put)
    }

    /// Returns true for the methods that change configuration.
    pub fn is_write(self) -> bool {
        !matches!(self, Method::Get)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// Stands for the current domain's UUID in paths, as in the FMC's API
/// explorer.
pub const DOMAIN_PLACEHOLDER: &str = "{domainUUID}";

/// The path a new draft starts with: the network objects of the current
/// domain.
pub const DEFAULT_PATH: &str = "/api/fmc_config/v1/domain/{domainUUID}/object/networks";

/// The request as the user composes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub method: Method,
    /// A path such as [`DEFAULT_PATH`], or a full https URL on the signed-in
    /// host.
    pub path: String,
    pub body: String,
    /// Switches of the automatic headers.
    pub auto_headers: AutoHeaders,
    /// Headers the user added, sent after the automatic ones.
    pub headers: Vec<HeaderRow>,
    /// Query parameter rows of the composer. The path's query string is what
    /// is sent, and these rows also keep the ones that are turned off or
    /// have no value.
    pub query_rows: Vec<QueryRow>,
}

impl Draft {
    /// Returns a draft with the automatic headers on, no added headers, and
    /// query rows taken from the query string of `path`.
    pub fn new(method: Method, path: String, body: String) -> Self {
        let query_rows = parse_query(split_query(&path).1);
        Draft {
            method,
            path,
            body,
            query_rows,
            ..Draft::default()
        }
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            method: Method::Get,
            path: DEFAULT_PATH.to_owned(),
            body: String::new(),
            auto_headers: AutoHeaders::default(),
            headers: Vec::new(),
            query_rows: Vec::new(),
        }
    }
}

/// A header value that is either shown as is or masked.
///
/// The access token stays a [`Secret`] until [`PreparedRequest::exposed_headers`]
/// hands it to the HTTP client, so a preview or a `{:?}` of a prepared request
/// shows it masked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    Plain(String),
    Secret(Secret),
}

impl HeaderValue {
    /// Returns the real value, for sending.
    pub fn expose(&self) -> &str {
        match self {
            HeaderValue::Plain(value) => value,
            HeaderValue::Secret(secret) => secret.expose(),
        }
    }

    /// Returns the value for display, with secrets masked.
    pub fn preview(&self) -> String {
        match self {
            HeaderValue::Plain(value) => value.clone(),
            HeaderValue::Secret(secret) => secret.masked(),
        }
    }
}

/// A request ready to send: an absolute URL on the signed-in host, the
/// headers with the access token as [`HeaderValue::Secret`], and the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreparedRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, HeaderValue)>,
    /// `None` when the body is blank: nothing is sent.
    pub body: Option<String>,
}

impl PreparedRequest {
    /// Returns the headers for display, with the access token masked.
    pub fn preview_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| (name.clone(), value.preview()))
            .collect()
    }

    /// Returns the headers with real values. Call it only to hand them to
    /// the HTTP client.
    pub fn exposed_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| (name.clone(), value.expose().to_owned()))
            .collect()
    }
}

/// Errors in a draft that stop it from being sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("The path is empty. Enter a path that starts with /, for example {DEFAULT_PATH}.")]
    EmptyPath,
    #[error("The path {path:?} does not start with '/'. Start it with /api/, or paste a full https:// URL of the signed-in FMC.")]
    NotAbsolutePath { path: String },
    #[error("{url:?} is not an https URL on {host}. The access token is sent only to https://{host}, so use a path or a URL on that host.")]
    OtherHost { url: String, host: String },
    #[error("The path still contains {{{name}}}. Replace it with a real value, such as the object's id from a GET of the list.")]
    UnfilledPlaceholder { name: String },
    #[error("The path {path:?} contains {}. Percent-encode it, for example a space as %20.", describe_char(*.character))]
    InvalidCharacter { path: String, character: char },
    #[error("The path contains {{domainUUID}} but no domain is selected. Select a domain, or sign in again.")]
    MissingDomain,
    #[error("The domain UUID {uuid:?} contains characters that cannot go in a path. Select the domain again, or sign in again.")]
    InvalidDomainUuid { uuid: String },
    #[error(
        "A {method} request cannot carry a body. Clear the body, or pick POST or PUT to send it."
    )]
    BodyNotAllowed { method: Method },
    #[error("The body is not valid JSON at line {line}, column {column}: {message}. Fix the body, or clear it to send none.")]
    InvalidJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(transparent)]
    InvalidHeader(#[from] HeaderError),
}

/// Checks `path` and fills in the domain UUID.
///
/// The path is trimmed and must start with `/`, unless it is a full URL with
/// a scheme, which is returned for [`prepare_request`] to check against the
/// host. Every `{domainUUID}` is replaced, and so are `{domain_uuid}` and
/// `{domainUuid}` (names are matched ignoring case). Any other `{name}` left
/// is an error. Spaces and control characters are rejected because the
/// browser would encode them silently. The query string is kept as it is.
pub fn resolve_path(path: &str, domain_uuid: &str) -> Result<String, RequestError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(RequestError::EmptyPath);
    }
    if !path.starts_with('/') && !has_scheme(path) {
        return Err(RequestError::NotAbsolutePath {
            path: path.to_owned(),
        });
    }
    if let Some(character) = path.chars().find(|&c| c.is_whitespace() || c.is_control()) {
        return Err(RequestError::InvalidCharacter {
            path: path.to_owned(),
            character,
        });
    }

    let mut resolved = String::with_capacity(path.len() + domain_uuid.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        resolved.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);

        match name {
            Some(name) if is_placeholder_name(name) => {
                if !is_domain_placeholder(name) {
                    return Err(RequestError::UnfilledPlaceholder {
                        name: name.to_owned(),
                    });
                }
                resolved.push_str(checked_domain_uuid(domain_uuid)?);
                rest = &after[name.len() + 1..];
            }
            // A brace that does not enclose a name is ordinary text.
            _ => {
                resolved.push('{');
                rest = after;
            }
        }
    }
    resolved.push_str(rest);
    Ok(resolved)
}

/// Builds the request for `draft` in the domain `domain_uuid`.
///
/// Adds `Accept: application/json`, the access token, and
/// `Content-Type: application/json` when a body is sent, each unless turned
/// off in [`Draft::auto_headers`], then the user's headers, which are
/// checked first. A user `Accept` or `Content-Type` replaces the automatic one. A full URL must
/// belong to `host` (see [`FmcHost::owns_url`]), because the access token must
/// never go elsewhere. GET and DELETE must have a blank body, and a POST or
/// PUT body must be JSON. A blank body is not sent.
pub fn prepare_request(
    host: &FmcHost,
    draft: &Draft,
    domain_uuid: &str,
    access_token: &Secret,
) -> Result<PreparedRequest, RequestError> {
    let resolved = resolve_path(&draft.path, domain_uuid)?;
    let url = if resolved.starts_with('/') {
        host.url(&resolved)
    } else {
        resolved
    };
    // Checked for paths too, so that no path can turn into another host.
    if !host.owns_url(&url) {
        return Err(RequestError::OtherHost {
            url,
            host: host.display(),
        });
    }

    let body = prepare_body(draft.method, &draft.body)?;
    let user_headers = sent_headers(&draft.headers)?;
    let auto = draft.auto_headers;
    let json = || HeaderValue::Plain("application/json".to_owned());

    let mut headers = Vec::new();
    if auto.accept && !is_overridden(ACCEPT, &user_headers) {
        headers.push((ACCEPT.to_owned(), json()));
    }
    if auto.access_token {
        headers.push((
            ACCESS_TOKEN.to_owned(),
            HeaderValue::Secret(access_token.clone()),
        ));
    }
    if body.is_some() && auto.content_type && !is_overridden(CONTENT_TYPE, &user_headers) {
        headers.push((CONTENT_TYPE.to_owned(), json()));
    }
    for (name, value) in user_headers {
        headers.push((name, HeaderValue::Plain(value)));
    }

    Ok(PreparedRequest {
        method: draft.method,
        url,
        headers,
        body,
    })
}

fn prepare_body(method: Method, body: &str) -> Result<Option<String>, RequestError> {
    if body.trim().is_empty() {
        return Ok(None);
    }
    if !method.allows_body() {
        return Err(RequestError::BodyNotAllowed { method });
    }

    if let Err(error) = check_json(body) {
        return Err(RequestError::InvalidJson {
            line: error.line,
            column: error.column,
            message: error.message,
        });
    }
    Ok(Some(body.to_owned()))
}

/// Returns true for text such as `https://...` that starts with a URL scheme.
fn has_scheme(path: &str) -> bool {
    path.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

pub(crate) fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

pub(crate) fn is_domain_placeholder(name: &str) -> bool {
    name.eq_ignore_ascii_case("domainUUID") || name.eq_ignore_ascii_case("domain_uuid")
}

/// Rejects a domain UUID that is empty or could change the path's meaning.
fn checked_domain_uuid(domain_uuid: &str) -> Result<&str, RequestError> {
    let uuid = domain_uuid.trim();
    if uuid.is_empty() {
        return Err(RequestError::MissingDomain);
    }
    if !uuid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(RequestError::InvalidDomainUuid {
            uuid: domain_uuid.to_owned(),
        });
    }
    Ok(uuid)
}

fn describe_char(character: char) -> String {
    match character {
        ' ' => "a space".to_owned(),
        c => format!("the invisible character U+{:04X}", u32::from(c)),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod header_tests;
