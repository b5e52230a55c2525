//! FMC REST API paths that the extension calls itself, outside the request
//! composer.

/// Sign-in: `POST` with HTTP Basic authentication and an empty body.
pub const GENERATE_TOKEN: &str = "/api/fmc_platform/v1/auth/generatetoken";

/// Refresh: `POST` with the access and refresh token headers. Real FMCs and
/// the client libraries use this spelling.
pub const REFRESH_TOKEN: &str = "/api/fmc_platform/v1/auth/refreshtoken";

/// Refresh as Cisco's Quick Start Guide also spells it. Try it only when
/// [`REFRESH_TOKEN`] responds with 404.
pub const REFRESH_TOKEN_HYPHENATED: &str = "/api/fmc_platform/v1/auth/refresh-token";

/// Sign-out: `POST` with the access token header.
pub const REVOKE_ACCESS: &str = "/api/fmc_platform/v1/auth/revokeaccess";

/// The FMC version, as `{"items":[{"serverVersion":"7.2.4 (build 123)"}]}`.
pub const SERVER_VERSION: &str = "/api/fmc_platform/v1/info/serverversion";

/// The domains the user may use, as a paged list of `{name, uuid}`.
pub const DOMAIN_INFO: &str = "/api/fmc_platform/v1/info/domain";

/// Which spelling of the refresh path a host answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RefreshPath {
    /// `refreshtoken`, used by real FMCs; tried first.
    #[default]
    RefreshToken,
    /// `refresh-token`, as Cisco's guide spells it; tried after a 404.
    Hyphenated,
}

impl RefreshPath {
    /// Returns the URL path of this spelling.
    pub fn path(self) -> &'static str {
        match self {
            RefreshPath::RefreshToken => REFRESH_TOKEN,
            RefreshPath::Hyphenated => REFRESH_TOKEN_HYPHENATED,
        }
    }

    /// Returns the other spelling, to try once when this one answers 404.
    pub fn other(self) -> RefreshPath {
        match self {
            RefreshPath::RefreshToken => RefreshPath::Hyphenated,
            RefreshPath::Hyphenated => RefreshPath::RefreshToken,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_path_defaults_to_refreshtoken() {
        assert_eq!(RefreshPath::default().path(), REFRESH_TOKEN);
    }

    #[test]
    fn refresh_path_other_spelling() {
        assert_eq!(
            RefreshPath::RefreshToken.other().path(),
            REFRESH_TOKEN_HYPHENATED
        );
        assert_eq!(RefreshPath::Hyphenated.other(), RefreshPath::RefreshToken);
    }
}
