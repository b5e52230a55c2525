//! Where the composer gets the endpoint list: the spec URLs to try in
//! order, the server version that keys the cache, and the cached list.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::spec::Endpoint;

/// Spec documents in the order they are tried: newer FMCs serve OpenAPI 3,
/// and all serve Swagger 2.0.
pub const SPEC_PATHS: [&str; 2] = [
    "/api/api-explorer/fmc_oas3.json",
    "/api/api-explorer/fmc.json",
];

/// The endpoint list of one FMC, kept in `storage.local` under
/// [`cache_key`] until the FMC's version changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointCache {
    pub server_version: String,
    /// The spec path the list came from, for the status line.
    pub source: String,
    pub endpoints: Vec<Endpoint>,
}

/// Returns the storage key of the endpoint list of the FMC at `origin`,
/// such as `https://fmc.example.com`.
pub fn cache_key(origin: &str) -> String {
    format!("endpoints:{origin}")
}

/// Returns `items[0].serverVersion` of an `info/serverversion` body.
pub fn server_version_from_body(body: &str) -> Option<String> {
    let value: Value = serde_json::from_str(body).ok()?;
    let version = value["items"][0]["serverVersion"].as_str()?.trim();
    (!version.is_empty()).then(|| version.to_owned())
}

/// Returns true if a spec response with `status` means "try the next spec
/// path": the FMC has no such document.
pub fn try_next_spec(status: u16) -> bool {
    status == 404
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_read_from_items() {
        let body = r#"{"items":[{"serverVersion":"7.4.1 (build 172)","type":"ServerVersion"}]}"#;
        assert_eq!(
            server_version_from_body(body).as_deref(),
            Some("7.4.1 (build 172)")
        );
    }

    #[test]
    fn version_missing_or_blank() {
        assert_eq!(server_version_from_body(r#"{"items":[]}"#), None);
        assert_eq!(
            server_version_from_body(r#"{"items":[{"serverVersion":" "}]}"#),
            None
        );
        assert_eq!(server_version_from_body("<html>"), None);
    }

    #[test]
    fn cache_key_per_origin() {
        assert_eq!(
            cache_key("https://fmc.example.com:8443"),
            "endpoints:https://fmc.example.com:8443"
        );
    }

    #[test]
    fn openapi_tried_first() {
        assert!(SPEC_PATHS[0].ends_with("fmc_oas3.json"));
        assert!(try_next_spec(404));
        assert!(!try_next_spec(401));
    }
}
