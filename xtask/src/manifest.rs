//! Builds `manifest.json` for both unpacked extensions from the template in
//! `extension/`, with the name and version from the workspace `Cargo.toml`.

use anyhow::{bail, ensure, Context, Result};
use base64::Engine;
use serde_json::{Map, Value};

use crate::workspace::ExtensionPackage;

/// Keys that only `xtask` sets, so that each has one source.
const GENERATED_KEYS: [&str; 3] = ["name", "version", "key"];

/// The parts of the development manifest that the release one lacks.
pub struct DevAdditions {
    /// Top-level keys from `extension/manifest.dev.json`, such as
    /// `host_permissions` for the loopback simulator.
    pub overlay: Map<String, Value>,
    /// Base64 DER public key; Chromium derives the extension id from it.
    pub public_key: String,
}

/// Builds the release manifest: the template plus name and version.
pub fn release_manifest(template: &Value, package: &ExtensionPackage) -> Result<Value> {
    let mut manifest = template
        .as_object()
        .cloned()
        .context("extension/manifest.json must contain a JSON object")?;
    for key in GENERATED_KEYS {
        ensure!(
            !manifest.contains_key(key),
            "extension/manifest.json sets `{key}`, which xtask generates; remove it from the template"
        );
    }
    ensure!(
        !manifest.contains_key("host_permissions"),
        "extension/manifest.json sets `host_permissions`; the release build must ask for hosts at run time through `optional_host_permissions`"
    );

    manifest.insert("name".into(), package.display_name.clone().into());
    manifest.insert("version".into(), chrome_version(&package.version)?.into());
    Ok(Value::Object(manifest))
}

/// Builds the development manifest: the release manifest, the overlay's keys
/// and the fixed public key.
pub fn dev_manifest(release: &Value, additions: &DevAdditions) -> Result<Value> {
    let mut manifest = release
        .as_object()
        .cloned()
        .context("the release manifest is not a JSON object")?;
    for (key, value) in &additions.overlay {
        ensure!(
            !GENERATED_KEYS.contains(&key.as_str()),
            "extension/manifest.dev.json sets `{key}`, which xtask generates; remove it"
        );
        manifest.insert(key.clone(), value.clone());
    }
    manifest.insert("key".into(), additions.public_key.clone().into());
    Ok(Value::Object(manifest))
}

/// Parses the committed public key and checks that it is base64.
pub fn parse_public_key(text: &str) -> Result<String> {
    let key: String = text.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(&key)
        .context("extension/dev-key.pub.b64 is not base64; it must hold a DER public key as written by `openssl rsa -pubout -outform DER | base64 -w0`")?;
    Ok(key)
}

/// Converts a Cargo version into Chrome's `version` format: one to four
/// dot-separated integers from 0 to 65535 without leading zeros.
fn chrome_version(cargo_version: &str) -> Result<String> {
    let parts: Vec<&str> = cargo_version.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        bail!(
            "version `{cargo_version}` has {} parts; Chrome accepts 1 to 4 dot-separated integers",
            parts.len()
        );
    }
    for part in &parts {
        let valid = part.parse::<u16>().is_ok() && (*part == "0" || !part.starts_with('0'));
        if !valid {
            bail!(
                "version `{cargo_version}` in Cargo.toml cannot be an extension version: `{part}` is not an integer from 0 to 65535 without leading zeros. Use a plain version such as 1.2.3 in [workspace.package]."
            );
        }
    }
    Ok(cargo_version.to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn package() -> ExtensionPackage {
        ExtensionPackage {
            display_name: "FMC REST Client".into(),
            version: "0.3.1".into(),
        }
    }

    fn template() -> Value {
        json!({
            "manifest_version": 3,
            "permissions": ["storage", "tabs", "webRequest"],
            "optional_host_permissions": ["https://*/*"]
        })
    }

    #[test]
    fn release_adds_name_and_version() {
        let manifest = release_manifest(&template(), &package()).unwrap();

        assert_eq!(manifest["name"], "FMC REST Client");
        assert_eq!(manifest["version"], "0.3.1");
        assert_eq!(manifest["manifest_version"], 3);
        assert!(manifest.get("host_permissions").is_none());
        assert!(manifest.get("key").is_none());
    }

    #[test]
    fn release_rejects_generated_keys() {
        let mut with_version = template();
        with_version["version"] = json!("9.9");
        let mut with_hosts = template();
        with_hosts["host_permissions"] = json!(["https://*/*"]);

        let version_error = release_manifest(&with_version, &package()).unwrap_err();
        let hosts_error = release_manifest(&with_hosts, &package()).unwrap_err();

        assert!(
            version_error.to_string().contains("`version`"),
            "{version_error}"
        );
        assert!(
            hosts_error.to_string().contains("host_permissions"),
            "{hosts_error}"
        );
    }

    #[test]
    fn dev_adds_overlay_and_key() {
        let release = release_manifest(&template(), &package()).unwrap();
        let additions = DevAdditions {
            overlay: json!({"host_permissions": ["https://127.0.0.1/*"]})
                .as_object()
                .unwrap()
                .clone(),
            public_key: "QUJD".into(),
        };

        let dev = dev_manifest(&release, &additions).unwrap();

        assert_eq!(dev["host_permissions"], json!(["https://127.0.0.1/*"]));
        assert_eq!(dev["key"], "QUJD");
        assert_eq!(dev["permissions"], release["permissions"]);
        assert_eq!(dev["optional_host_permissions"], json!(["https://*/*"]));
    }

    #[test]
    fn dev_overlay_cannot_set_version() {
        let release = release_manifest(&template(), &package()).unwrap();
        let additions = DevAdditions {
            overlay: json!({"version": "2.0"}).as_object().unwrap().clone(),
            public_key: "QUJD".into(),
        };

        assert!(dev_manifest(&release, &additions).is_err());
    }

    #[test]
    fn public_key_joins_lines() {
        assert_eq!(parse_public_key("QUJD\nREVG\n").unwrap(), "QUJDREVG");
        assert!(parse_public_key("not base64!").is_err());
    }

    #[test]
    fn chrome_version_accepts_plain_versions() {
        for version in ["1", "0.1.0", "1.2.3.4", "65535.0"] {
            assert_eq!(chrome_version(version).unwrap(), version);
        }
    }

    #[test]
    fn chrome_version_rejects_others() {
        for version in ["0.1.0-alpha.1", "1.2.3.4.5", "01.2", "65536.0", "1..2", ""] {
            assert!(chrome_version(version).is_err(), "{version} accepted");
        }
    }
}
