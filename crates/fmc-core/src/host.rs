//! The FMC host as an administrator types it, normalised once so that URLs,
//! permission patterns and the token check all agree on it.

use serde::{Deserialize, Serialize};
use url::{Host, Url};

const HTTPS_PORT: u16 = 443;

/// Maximum length of one label of a DNS name, in bytes (RFC 1035).
const MAX_LABEL_LEN: usize = 63;

/// Maximum length of a DNS name without its trailing dot, in bytes (RFC 1035).
const MAX_NAME_LEN: usize = 253;

/// The HTTPS host and port of one FMC.
///
/// Built only by [`FmcHost::parse`], so `host` is a lower-case ASCII DNS name
/// (no trailing dot), an IPv4 address, or an IPv6 address without brackets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FmcHost {
    host: String,
    /// `None` stands for 443, the HTTPS default.
    port: Option<u16>,
}

/// Errors in a typed FMC host.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostError {
    #[error("The FMC host is empty. Enter the FMC's host name or IP address, for example fmc.example.com or 192.0.2.10:8443.")]
    Empty,
    #[error("{input:?} uses plain HTTP, but the FMC serves its REST API only over HTTPS and the access token must not travel in clear text. Use https:// or leave the scheme out.")]
    PlainHttp { input: String },
    #[error("{input:?} uses the scheme {scheme:?}, but the FMC REST API is served only over HTTPS. Use https:// or leave the scheme out.")]
    UnsupportedScheme { input: String, scheme: String },
    #[error("{input:?} contains a user name before '@'. Enter only the host and port here, and the username in its own field.")]
    UserInfo { input: String },
    #[error("{input:?} has no host name. Enter the FMC's host name or IP address, for example fmc.example.com.")]
    MissingName { input: String },
    #[error("{input:?} contains {} in the host name. Remove it: a host name contains only letters, digits, '-', '_' and '.'.", describe_char(*.character))]
    InvalidCharacter { input: String, character: char },
    #[error("{input:?} is not a valid host name ({reason}). Check the spelling.")]
    InvalidName { input: String, reason: String },
    #[error("The port {port:?} in {input:?} is not a number. Enter a port from 1 to 65535, or none for 443.")]
    PortNotNumeric { input: String, port: String },
    #[error("The port {port} in {input:?} is out of range. Enter a port from 1 to 65535, or none for 443.")]
    PortOutOfRange { input: String, port: String },
    #[error("{input:?} is not a valid IPv6 address. Check the address, and put a port after the closing bracket, as in [2001:db8::1]:8443.")]
    InvalidIpv6 { input: String },
    #[error("{input:?} contains characters outside ASCII. Enter the FMC's name in its ASCII form (it starts with xn--), as the browser's address bar shows it after you open the FMC.")]
    NonAscii { input: String },
    #[error("{input:?} is only a number, which browsers would read as an IPv4 address such as 0.0.32.251. Enter the FMC's name or full IP address, with the port after a colon, as in 192.0.2.10:8443.")]
    NumberOnly { input: String },
}

impl FmcHost {
    /// Parses a host as administrators type it.
    ///
    /// Accepts surrounding spaces, an `https://` prefix in any case, a port,
    /// and a path, query or fragment after the host, which is dropped. Hosts
    /// may be IPv4, IPv6 in brackets with or without port, or a bare IPv6
    /// literal such as `::1`. Names may end in a dot and may contain upper
    /// case. A bare IPv6 literal cannot carry a port, so `2001:db8::1:8443`
    /// is read as one address.
    ///
    /// Unicode names are rejected with [`HostError::NonAscii`], because the
    /// IDNA tables would add about 100 KiB to the extension's wasm. The
    /// extension converts such names with the browser's URL parser first.
    pub fn parse(input: &str) -> Result<FmcHost, HostError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(HostError::Empty);
        }

        let rest = strip_scheme(input)?;
        // Browsers treat '\' like '/' in https URLs, so it ends the host too.
        let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
        if authority.contains('@') {
            return Err(HostError::UserInfo {
                input: input.to_owned(),
            });
        }

        let (raw_name, raw_port) = split_host_port(input, authority)?;
        // A port typed alone ("8443") is a valid IPv4 address to URL parsers.
        if !raw_name.is_empty() && raw_name.chars().all(|character| character.is_ascii_digit()) {
            return Err(HostError::NumberOnly {
                input: input.to_owned(),
            });
        }
        let port = parse_port(input, raw_port)?;
        let host = normalize_name(input, &raw_name)?;
        Ok(FmcHost {
            host,
            port: port.filter(|&port| port != HTTPS_PORT),
        })
    }

    /// Returns the host name or address without port or brackets, such as
    /// `fmc.example.com` or `2001:db8::1`.
    pub fn name(&self) -> &str {
        &self.host
    }

    /// Returns the port, 443 when none was given.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(HTTPS_PORT)
    }

    /// Returns the host as users write it: `fmc.example.com`,
    /// `fmc.example.com:8443` or `[2001:db8::1]:8443`. IPv6 addresses keep
    /// their brackets even without a port. The result parses back to `self`.
    pub fn display(&self) -> String {
        let name = self.bracketed_name();
        match self.port {
            Some(port) => format!("{name}:{port}"),
            None => name,
        }
    }

    /// Returns the origin, such as `https://fmc.example.com:8443`, without
    /// `:443`.
    pub fn origin(&self) -> String {
        format!("https://{}", self.display())
    }

    /// Returns the origin followed by `path_and_query`. A missing leading `/`
    /// is added, because without it the path would run into the host name
    /// and name another host.
    pub fn url(&self, path_and_query: &str) -> String {
        if path_and_query.starts_with('/') {
            format!("{}{path_and_query}", self.origin())
        } else {
            format!("{}/{path_and_query}", self.origin())
        }
    }

    /// Returns the Chrome match pattern for this host, such as
    /// `https://fmc.example.com/*`. Match patterns cannot name a port, so the
    /// pattern covers every port of the host.
    pub fn permission_pattern(&self) -> String {
        format!("https://{}/*", self.bracketed_name())
    }

    /// Returns true only when `url` is an https URL without user info on this
    /// host (after the same normalisation as [`FmcHost::parse`]) and port.
    ///
    /// This is the one check that decides whether an access token may be
    /// attached to a request for `url`.
    pub fn owns_url(&self, url: &str) -> bool {
        // No FMC host contains '%' or non-ASCII, so such URLs are rejected
        // before parsing. This also keeps them from the ASCII-only IDNA back
        // end, which debug-asserts on a host that mixes upper-case ASCII with
        // non-ASCII (idna_adapter 1.0.0, seen with "https://A,ļ").
        let (authority, _) = split_authority(url);
        if !authority.is_ascii() || authority.contains('%') {
            return false;
        }
        let Ok(parsed) = Url::parse(url) else {
            return false;
        };
        if parsed.scheme() != "https" || !parsed.username().is_empty() {
            return false;
        }
        if parsed.password().is_some() {
            return false;
        }

        let name = match parsed.host() {
            Some(Host::Domain(domain)) => domain.strip_suffix('.').unwrap_or(domain).to_owned(),
            Some(Host::Ipv4(address)) => address.to_string(),
            Some(Host::Ipv6(address)) => address.to_string(),
            None => return false,
        };
        name == self.host && parsed.port_or_known_default() == Some(self.port())
    }

    fn bracketed_name(&self) -> String {
        // Only IPv6 addresses contain ':', because parse rejects it in names.
        if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        }
    }
}

/// Splits the text of an absolute URL into its authority (user info, host
/// and port) and the rest (path, query and fragment), both as written. Like
/// the WHATWG URL parser for https, it skips every '/' and '\\' after the
/// scheme's ':' and ends the authority at the first '/', '\\', '?' or '#'.
pub(crate) fn split_authority(url: &str) -> (&str, &str) {
    let url = url.trim();
    let after_scheme = url.split_once(':').map_or(url, |(_, rest)| rest);
    let authority_and_path = after_scheme.trim_start_matches(['/', '\\']);
    let authority_end = authority_and_path
        .find(['/', '\\', '?', '#'])
        .unwrap_or(authority_and_path.len());
    authority_and_path.split_at(authority_end)
}

/// Removes an `https://` prefix and rejects every other scheme.
///
/// A prefix counts as a scheme when it is followed by `/`, as in `ftp://`,
/// or when it is `http` or `https` followed by something other than a port,
/// as in `https:fmc.example.com`. `fmc:8443` and `fe80::1` have no scheme.
fn strip_scheme(input: &str) -> Result<&str, HostError> {
    let Some((scheme, rest)) = input.split_once(':') else {
        return Ok(input);
    };
    let looks_like_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !looks_like_scheme {
        return Ok(input);
    }

    let is_web_scheme = scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
    let port_follows = rest.starts_with(|c: char| c.is_ascii_digit());
    // "https:fmc.example.com" lacks its slashes, but "http:8080" is a host
    // called http with a port.
    let web_scheme_without_slashes = is_web_scheme && !port_follows;
    if !rest.starts_with('/') && !web_scheme_without_slashes {
        return Ok(input);
    }

    if scheme.eq_ignore_ascii_case("https") {
        Ok(rest.trim_start_matches(['/', '\\']))
    } else if scheme.eq_ignore_ascii_case("http") {
        Err(HostError::PlainHttp {
            input: input.to_owned(),
        })
    } else {
        Err(HostError::UnsupportedScheme {
            input: input.to_owned(),
            scheme: scheme.to_owned(),
        })
    }
}

/// Splits `authority` into the host, with brackets for IPv6, and the port
/// text, if any.
fn split_host_port<'a>(
    input: &str,
    authority: &'a str,
) -> Result<(String, Option<&'a str>), HostError> {
    let invalid_ipv6 = || HostError::InvalidIpv6 {
        input: input.to_owned(),
    };

    if authority.starts_with('[') {
        let close = authority.find(']').ok_or_else(invalid_ipv6)?;
        let (bracketed, after) = authority.split_at(close + 1);
        return match after.strip_prefix(':') {
            Some(port) => Ok((bracketed.to_owned(), Some(port))),
            None if after.is_empty() => Ok((bracketed.to_owned(), None)),
            None => Err(invalid_ipv6()),
        };
    }

    match authority.matches(':').count() {
        0 => Ok((authority.to_owned(), None)),
        1 => {
            let (name, port) = authority.split_once(':').unwrap_or((authority, ""));
            Ok((name.to_owned(), Some(port)))
        }
        // Two or more colons: a bare IPv6 literal such as ::1.
        _ => Ok((format!("[{authority}]"), None)),
    }
}

/// Parses the port text. An empty port, as in `fmc.example.com:`, means none.
fn parse_port(input: &str, port: Option<&str>) -> Result<Option<u16>, HostError> {
    let Some(port) = port.filter(|port| !port.is_empty()) else {
        return Ok(None);
    };
    if !port.chars().all(|c| c.is_ascii_digit()) {
        return Err(HostError::PortNotNumeric {
            input: input.to_owned(),
            port: port.to_owned(),
        });
    }

    match port.parse::<u16>() {
        Ok(number) if number != 0 => Ok(Some(number)),
        _ => Err(HostError::PortOutOfRange {
            input: input.to_owned(),
            port: port.to_owned(),
        }),
    }
}

/// Normalises the host part with the `url` crate's WHATWG host parser, which
/// does lower-casing and IPv4/IPv6 parsing exactly as browsers do. The
/// workspace pins `idna_adapter` to its ASCII-only release, so Unicode is
/// rejected here, after invisible characters, which get their own message.
fn normalize_name(input: &str, raw: &str) -> Result<String, HostError> {
    if raw.is_empty() {
        return Err(HostError::MissingName {
            input: input.to_owned(),
        });
    }
    if raw.starts_with('[') {
        return match Host::parse(raw) {
            Ok(Host::Ipv6(address)) => Ok(address.to_string()),
            _ => Err(HostError::InvalidIpv6 {
                input: input.to_owned(),
            }),
        };
    }

    // The WHATWG parser allows characters such as '!' and '%' in names, and
    // decodes percent escapes. An FMC name never needs them, so they are
    // rejected here with a message that names the character.
    if let Some(character) = raw.chars().find(|&c| !is_allowed_raw_char(c)) {
        return Err(HostError::InvalidCharacter {
            input: input.to_owned(),
            character,
        });
    }
    if !raw.is_ascii() {
        return Err(HostError::NonAscii {
            input: input.to_owned(),
        });
    }

    let parsed = Host::parse(raw).map_err(|error| HostError::InvalidName {
        input: input.to_owned(),
        reason: error.to_string(),
    })?;
    match parsed {
        Host::Domain(domain) => check_domain(input, &domain),
        Host::Ipv4(address) => Ok(address.to_string()),
        Host::Ipv6(address) => Ok(address.to_string()),
    }
}

fn is_allowed_raw_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')
    } else {
        !c.is_whitespace() && !c.is_control()
    }
}

/// Checks a name that the WHATWG parser produced: it drops one trailing dot
/// and enforces the DNS label rules that the parser leaves out.
fn check_domain(input: &str, domain: &str) -> Result<String, HostError> {
    let name = domain.strip_suffix('.').unwrap_or(domain);
    let invalid = |reason: &str| HostError::InvalidName {
        input: input.to_owned(),
        reason: reason.to_owned(),
    };

    // The parser decodes percent escapes, so the result is checked again.
    if let Some(character) = name
        .chars()
        .find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_')))
    {
        return Err(HostError::InvalidCharacter {
            input: input.to_owned(),
            character,
        });
    }
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(invalid("empty label between dots"));
    }
    if name.split('.').any(|label| label.len() > MAX_LABEL_LEN) {
        return Err(invalid("a label is longer than 63 characters"));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(invalid("the name is longer than 253 characters"));
    }
    Ok(name.to_owned())
}

fn describe_char(character: char) -> String {
    match character {
        ' ' => "a space".to_owned(),
        c if c.is_whitespace() || c.is_control() => {
            format!("the invisible character U+{:04X}", u32::from(c))
        }
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests;
