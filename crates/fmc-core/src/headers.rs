//! Header lookup and the header names that the FMC uses.
//!
//! Header lists are `(name, value)` pairs as the caller received them. Browsers
//! expose names in lower case, while the FMC sends `X-auth-access-token`,
//! `DOMAIN_UUID` and `global`, so every lookup ignores ASCII case.

/// Access token header, sent by `generatetoken` and `refreshtoken` and then on
/// every request.
pub const ACCESS_TOKEN: &str = "X-auth-access-token";
/// Refresh token header, sent by `generatetoken` and `refreshtoken`.
pub const REFRESH_TOKEN: &str = "X-auth-refresh-token";
/// The signed-in user's default domain UUID.
pub const DOMAIN_UUID: &str = "DOMAIN_UUID";
/// The Global domain's UUID. The FMC sends this name in lower case.
pub const GLOBAL: &str = "global";
/// JSON array of `{"name","uuid"}` objects for the domains the user may use.
pub const DOMAINS: &str = "DOMAINS";
/// The signed-in user's UUID.
pub const USER_UUID: &str = "USER_UUID";
/// Seconds to wait after a 429 response, when the server sends it.
pub const RETRY_AFTER: &str = "Retry-After";
/// Media type of a request or response body.
pub const CONTENT_TYPE: &str = "Content-Type";

/// Returns the value of the first header called `name`, ignoring ASCII case.
///
/// `-` and `_` are different characters here: `DOMAIN_UUID` does not match
/// `domain-uuid`, because the FMC sends only the underscore form and a proxy
/// could add a look-alike.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<(String, String)> {
        vec![
            ("server".to_owned(), "Apache".to_owned()),
            ("X-auth-access-token".to_owned(), "first".to_owned()),
            ("domain_uuid".to_owned(), "e276abec".to_owned()),
            ("x-auth-access-token".to_owned(), "second".to_owned()),
        ]
    }

    #[test]
    fn header_ignores_case() {
        let headers = sample();
        assert_eq!(header(&headers, "SERVER"), Some("Apache"));
        assert_eq!(header(&headers, "DOMAIN_UUID"), Some("e276abec"));
    }

    #[test]
    fn header_returns_first_match() {
        assert_eq!(header(&sample(), "x-auth-access-token"), Some("first"));
    }

    #[test]
    fn header_dash_and_underscore_differ() {
        let headers = sample();
        assert_eq!(header(&headers, "DOMAIN-UUID"), None);
        assert_eq!(header(&headers, "x_auth_access_token"), None);
    }

    #[test]
    fn header_missing() {
        assert_eq!(header(&sample(), "global"), None);
        assert_eq!(header(&[], "global"), None);
    }
}
