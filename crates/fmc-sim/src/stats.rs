//! Counters that tests read from `GET /_sim/stats`.
//!
//! The access tokens appear in full in this report, because tests match
//! them against the tokens they received. The simulator listens on loopback
//! only and its tokens grant nothing outside it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::config::RefreshPathSpelling;

/// Number of path segments kept in a prefix, so that
/// `/api/fmc_config/v1/domain/{domainUUID}/object/networks/{objectId}`
/// is counted as its collection path.
const PREFIX_SEGMENTS: usize = 7;

/// Counters of the simulator, serialized as the `/_sim/stats` body.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    sign_ins: u64,
    sign_in_failures: u64,
    refreshes: RefreshCounts,
    refresh_failures: u64,
    revokes: u64,
    /// Responses by HTTP status code, keyed by the code as text.
    requests_by_status: BTreeMap<u16, u64>,
    /// Access tokens issued by a sign-in or a refresh, keyed by token.
    access_tokens: BTreeMap<String, TokenUse>,
    /// Requests whose `X-auth-access-token` was never issued by this process.
    unknown_tokens_presented: u64,
    /// 429 responses for going over `--rate-limit`.
    rate_limited: u64,
    /// 429 responses for going over `--max-connections`.
    connection_limited: u64,
    /// Faults injected through `/_sim/inject`, keyed by status code,
    /// `dropConnection` or `expireAccessTokens`.
    injected: BTreeMap<String, u64>,
    /// List pages served with a trimmed limit (`--trim-limit-every`).
    trimmed_pages: u64,
}

#[derive(Debug, Default, Serialize)]
struct RefreshCounts {
    refreshtoken: u64,
    #[serde(rename = "refresh-token")]
    refresh_hyphen_token: u64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenUse {
    user: String,
    path_prefixes: BTreeSet<String>,
}

impl Stats {
    pub fn record_sign_in(&mut self, user: &str, access_token: &str) {
        self.sign_ins += 1;
        self.record_issued(user, access_token);
    }

    pub fn record_sign_in_failure(&mut self) {
        self.sign_in_failures += 1;
    }

    pub fn record_refresh(
        &mut self,
        spelling: RefreshPathSpelling,
        user: &str,
        access_token: &str,
    ) {
        match spelling {
            RefreshPathSpelling::RefreshHyphenToken => self.refreshes.refresh_hyphen_token += 1,
            _ => self.refreshes.refreshtoken += 1,
        }
        self.record_issued(user, access_token);
    }

    pub fn record_refresh_failure(&mut self) {
        self.refresh_failures += 1;
    }

    pub fn record_revoke(&mut self) {
        self.revokes += 1;
    }

    pub fn record_status(&mut self, status: u16) {
        *self.requests_by_status.entry(status).or_default() += 1;
    }

    pub fn record_rate_limited(&mut self) {
        self.rate_limited += 1;
    }

    pub fn record_connection_limited(&mut self) {
        self.connection_limited += 1;
    }

    pub fn record_injected(&mut self, key: &str) {
        *self.injected.entry(key.to_owned()).or_default() += 1;
    }

    pub fn record_trimmed_page(&mut self) {
        self.trimmed_pages += 1;
    }

    /// Notes that a request carried this access token on this path, whether
    /// or not the token was still valid.
    pub fn record_token_presented(&mut self, access_token: &str, path: &str) {
        match self.access_tokens.get_mut(access_token) {
            Some(token_use) => {
                token_use.path_prefixes.insert(path_prefix(path));
            }
            None => self.unknown_tokens_presented += 1,
        }
    }

    fn record_issued(&mut self, user: &str, access_token: &str) {
        self.access_tokens.insert(
            access_token.to_owned(),
            TokenUse {
                user: user.to_owned(),
                path_prefixes: BTreeSet::new(),
            },
        );
    }
}

/// Cuts a path after [`PREFIX_SEGMENTS`] segments.
fn path_prefix(path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .take(PREFIX_SEGMENTS)
        .collect();
    format!("/{}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn prefix_collapses_object_ids() {
        let path = "/api/fmc_config/v1/domain/D/object/networks/1234";

        assert_eq!(
            path_prefix(path),
            "/api/fmc_config/v1/domain/D/object/networks"
        );
    }

    #[test]
    fn prefix_keeps_short_paths() {
        let path = "/api/fmc_platform/v1/info/serverversion";

        assert_eq!(path_prefix(path), path);
    }

    #[test]
    fn presented_tokens_are_listed_per_token() {
        let mut stats = Stats::default();
        stats.record_sign_in("admin", "token-1");

        stats.record_token_presented("token-1", "/api/fmc_platform/v1/info/domain");
        stats.record_token_presented("token-1", "/api/fmc_platform/v1/info/domain");
        stats.record_token_presented("never-issued", "/api/fmc_platform/v1/info/domain");

        let body = serde_json::to_value(&stats).unwrap();
        assert_eq!(
            body["accessTokens"]["token-1"],
            json!({ "user": "admin", "pathPrefixes": ["/api/fmc_platform/v1/info/domain"] })
        );
        assert_eq!(body["unknownTokensPresented"], json!(1));
    }

    #[test]
    fn refreshes_counted_per_spelling() {
        let mut stats = Stats::default();

        stats.record_refresh(RefreshPathSpelling::RefreshToken, "admin", "a");
        stats.record_refresh(RefreshPathSpelling::RefreshHyphenToken, "admin", "b");
        stats.record_refresh(RefreshPathSpelling::RefreshHyphenToken, "admin", "c");

        let body: Value = serde_json::to_value(&stats).unwrap();
        assert_eq!(
            body["refreshes"],
            json!({ "refreshtoken": 1, "refresh-token": 2 })
        );
    }

    #[test]
    fn limits_and_injections_counted() {
        let mut stats = Stats::default();

        stats.record_rate_limited();
        stats.record_connection_limited();
        stats.record_injected("503");
        stats.record_injected("503");
        stats.record_injected("dropConnection");
        stats.record_trimmed_page();

        let body: Value = serde_json::to_value(&stats).unwrap();
        assert_eq!(body["rateLimited"], json!(1));
        assert_eq!(body["connectionLimited"], json!(1));
        assert_eq!(body["injected"], json!({ "503": 2, "dropConnection": 1 }));
        assert_eq!(body["trimmedPages"], json!(1));
    }

    #[test]
    fn statuses_keyed_by_code() {
        let mut stats = Stats::default();

        stats.record_status(204);
        stats.record_status(401);
        stats.record_status(401);

        let body: Value = serde_json::to_value(&stats).unwrap();
        assert_eq!(body["requestsByStatus"], json!({ "204": 1, "401": 2 }));
    }
}
