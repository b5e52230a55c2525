//! Unicode host names, converted to their ASCII form by the browser's own
//! URL parser, so the extension carries no IDNA tables of its own.

use fmc_core::host::{FmcHost, HostError};
use web_sys::Url;

/// Parses a typed host like [`FmcHost::parse`], but first converts a Unicode
/// name such as `bücher.example` to `xn--bcher-kva.example` as the browser
/// does. When the browser cannot convert it, the original error is returned.
pub fn parse_host(input: &str) -> Result<FmcHost, HostError> {
    match FmcHost::parse(input) {
        Err(error @ HostError::NonAscii { .. }) => match ascii_form(input) {
            Some(ascii) => FmcHost::parse(&ascii),
            None => Err(error),
        },
        other => other,
    }
}

/// Returns the host and port of `input` in ASCII, as the browser's URL
/// parser writes them. `FmcHost::parse` has already rejected every scheme
/// other than https, so only that prefix is removed here.
fn ascii_form(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let rest = match trimmed.get(..6) {
        Some(prefix) if prefix.eq_ignore_ascii_case("https:") => &trimmed[6..],
        _ => trimmed,
    };
    let rest = rest.trim_start_matches(['/', '\\']);
    let url = Url::new(&format!("https://{rest}")).ok()?;
    let host = url.host();
    (!host.is_empty() && host.is_ascii()).then_some(host)
}
