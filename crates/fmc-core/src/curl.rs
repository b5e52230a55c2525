//! curl commands for POSIX sh: building one from a prepared request, and
//! reading one that the user pastes.
//!
//! Every argument is single-quoted, which passes any byte through except
//! `'` itself (written as `'\''`), including newlines and non-ASCII text.
//! The access token is `$FMC_TOKEN` in a double-quoted argument unless the
//! user asks for the real token.

mod parse;

pub use parse::{parse_curl, CurlError, CurlRequest};

use crate::headers::ACCESS_TOKEN;
use crate::request::PreparedRequest;

/// The shell variable that contains the access token.
pub const TOKEN_VARIABLE: &str = "FMC_TOKEN";

/// Returns `text` as one POSIX sh word that the shell does not expand.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// Builds a curl command for `request`.
///
/// With `include_token` false, the access token header reads
/// `"X-auth-access-token: $FMC_TOKEN"` and a comment line tells the user to set the
/// variable. `-k` is never added: a comment explains how to trust the
/// FMC's certificate with `--cacert` instead. The body goes in `--data-raw`
/// so that a leading `@` is not read as a file name.
pub fn to_curl(request: &PreparedRequest, include_token: bool) -> String {
    let mut lines = vec![
        "# If the FMC's certificate is self-signed, save it (or its CA) as fmc.pem and add"
            .to_owned(),
        "# --cacert fmc.pem to the command, rather than turning checks off with -k.".to_owned(),
    ];
    if !include_token {
        lines.push(format!(
            "# Set {TOKEN_VARIABLE} to an access token first: export {TOKEN_VARIABLE}='…'"
        ));
    }

    let mut arguments = vec![format!(
        "curl -X {} {}",
        request.method.as_str(),
        shell_quote(&request.url)
    )];
    for (name, value) in &request.headers {
        let is_token = name.eq_ignore_ascii_case(ACCESS_TOKEN);
        let argument = if is_token && !include_token {
            format!("-H \"{name}: ${TOKEN_VARIABLE}\"")
        } else {
            format!("-H {}", shell_quote(&format!("{name}: {}", value.expose())))
        };
        arguments.push(argument);
    }
    if let Some(body) = &request.body {
        arguments.push(format!("--data-raw {}", shell_quote(body)));
    }

    lines.push(arguments.join(" \\\n  "));
    lines.join("\n")
}

#[cfg(test)]
mod tests;
