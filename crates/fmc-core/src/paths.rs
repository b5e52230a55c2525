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
