//! Derives the Firefox manifests from the Chromium ones, so that
//! `extension/manifest.json` stays the one template for both browsers.

use anyhow::{Context, Result};
use serde_json::{json, Value};

pub const RELEASE_DIR: &str = "dist/firefox";
pub const DEV_DIR: &str = "dist/firefox-dev";

/// The add-on id. Firefox keys stored data and the store listing by it, so it
/// must never change once the extension is published.
pub const GECKO_ID: &str = "fmc-rest-client@example.org";

/// Firefox 140 is the first desktop release that reads
/// `data_collection_permissions`. `storage.session` needs only 115.
pub const STRICT_MIN_VERSION: &str = "140.0";

/// Converts a Chromium manifest (release or development) into the Firefox
/// one: `background.scripts` in place of `service_worker`, no `key`, and the
/// gecko settings with the data collection declaration.
pub fn firefox_manifest(chromium: &Value) -> Result<Value> {
    let mut manifest = chromium
        .as_object()
        .cloned()
        .context("the Chromium manifest is not a JSON object")?;

    // `key` fixes the id in Chromium only; Firefox takes it from `gecko.id`.
    manifest.remove("key");

    let worker = manifest
        .get("background")
        .and_then(|background| background["service_worker"].as_str())
        .context("extension/manifest.json has no `background.service_worker`; the Firefox build turns it into `background.scripts`")?
        .to_owned();
    manifest.insert(
        "background".into(),
        json!({ "scripts": [worker], "type": "module" }),
    );

    // The extension sends requests only to the FMC hosts that the user
    // enters, never to its authors, so it declares no data collection.
    manifest.insert(
        "browser_specific_settings".into(),
        json!({
            "gecko": {
                "id": GECKO_ID,
                "strict_min_version": STRICT_MIN_VERSION,
                "data_collection_permissions": { "required": ["none"] }
            }
        }),
    );
    Ok(Value::Object(manifest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::read_manifests;
    use crate::workspace::{ExtensionPackage, Workspace};

    #[test]
    fn release_uses_background_scripts() {
        let workspace = Workspace::for_tests();
        let manifests = read_manifests(&workspace).unwrap();

        let firefox = firefox_manifest(&manifests.release).unwrap();

        assert_eq!(firefox["background"]["scripts"], json!(["background.js"]));
        assert_eq!(firefox["background"]["type"], "module");
        assert!(firefox["background"].get("service_worker").is_none());
    }

    #[test]
    fn release_has_gecko_settings() {
        let workspace = Workspace::for_tests();
        let manifests = read_manifests(&workspace).unwrap();

        let firefox = firefox_manifest(&manifests.release).unwrap();
        let gecko = &firefox["browser_specific_settings"]["gecko"];

        assert_eq!(gecko["id"], GECKO_ID);
        assert_eq!(gecko["strict_min_version"], "140.0");
        assert_eq!(
            gecko["data_collection_permissions"],
            json!({ "required": ["none"] })
        );
    }

    #[test]
    fn version_from_cargo_toml() {
        let workspace = Workspace::for_tests();
        let package = ExtensionPackage::read(&workspace).unwrap();
        let manifests = read_manifests(&workspace).unwrap();

        let firefox = firefox_manifest(&manifests.release).unwrap();

        assert_eq!(firefox["version"], package.version.as_str());
        assert_eq!(firefox["name"], manifests.release["name"]);
    }

    #[test]
    fn dev_keeps_hosts_without_key() {
        let workspace = Workspace::for_tests();
        let manifests = read_manifests(&workspace).unwrap();

        let release = firefox_manifest(&manifests.release).unwrap();
        let dev = firefox_manifest(&manifests.dev).unwrap();

        assert!(release.get("key").is_none());
        assert!(release.get("host_permissions").is_none());
        assert!(dev.get("key").is_none());
        assert_eq!(dev["host_permissions"], manifests.dev["host_permissions"]);
        assert_eq!(
            dev["optional_host_permissions"],
            release["optional_host_permissions"]
        );
    }

    #[test]
    fn missing_service_worker_rejected() {
        let chromium = json!({ "manifest_version": 3, "name": "x" });

        let error = firefox_manifest(&chromium).unwrap_err();

        assert!(error.to_string().contains("service_worker"), "{error}");
    }
}
