//! `cargo xtask dist`: builds the popup with Trunk and assembles the
//! unpacked extensions, `dist/chromium` and `dist/firefox` (release) and
//! their `-dev` variants (loopback host permissions, simulator defaults), and
//! zips each release folder for its store.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::extension_id;
use crate::firefox;
use crate::inline_scripts::find_inline_scripts;
use crate::manifest::{self, DevAdditions};
use crate::setup;
use crate::sizes;
use crate::store_zip;
use crate::workspace::{ExtensionPackage, Workspace};

pub const RELEASE_DIR: &str = "dist/chromium";
pub const DEV_DIR: &str = "dist/chromium-dev";
/// Address of the simulator that `cargo xtask run` starts, which the
/// development build prefills as the host.
pub const DEMO_SIM_ADDRESS: &str = "127.0.0.1:8443";

/// Files that `extension/popup.js` and the manifests load by name.
const BUILD_OUTPUTS: [&str; 6] = [
    "popup.html",
    "popup.js",
    "background.js",
    "popup.css",
    "fmc-ext.js",
    "fmc-ext_bg.wasm",
];

/// The two manifests and the development build's fixed id.
pub struct Manifests {
    pub release: Value,
    pub dev: Value,
    pub dev_extension_id: String,
}

pub fn run(workspace: &Workspace) -> Result<()> {
    setup::run(workspace)?;
    build(workspace)
}

/// Builds and assembles both extensions, assuming the tools are installed.
pub fn build(workspace: &Workspace) -> Result<()> {
    println!("==> dist: building the popup with Trunk");
    let staging = workspace.target_dir.join("trunk-dist");
    workspace
        .cmd("trunk")
        .args(["build", "--release", "--config", "Trunk.toml", "--dist"])
        .arg(&staging)
        .run()?;
    for name in BUILD_OUTPUTS {
        let path = staging.join(name);
        if !path.is_file() {
            bail!(
                "Trunk did not write {}. Check extension/popup.html and Trunk.toml (filehash must be false), then run `cargo xtask dist` again.",
                path.display()
            );
        }
    }

    println!("==> dist: assembling the Chromium and Firefox folders");
    let manifests = read_manifests(workspace)?;
    let release_dir = workspace.path(RELEASE_DIR);
    let dev_dir = workspace.path(DEV_DIR);
    let firefox_release_dir = workspace.path(firefox::RELEASE_DIR);
    let firefox_dev_dir = workspace.path(firefox::DEV_DIR);
    assemble(&staging, &release_dir, &manifests.release)?;
    assemble(&staging, &dev_dir, &manifests.dev)?;
    assemble(
        &staging,
        &firefox_release_dir,
        &firefox::firefox_manifest(&manifests.release)?,
    )?;
    assemble(
        &staging,
        &firefox_dev_dir,
        &firefox::firefox_manifest(&manifests.dev)?,
    )?;
    let defaults = serde_json::json!({ "host": DEMO_SIM_ADDRESS });
    for dir in [&dev_dir, &firefox_dev_dir] {
        write_json(&dir.join("defaults.json"), &defaults)?;
    }

    for dir in [
        &release_dir,
        &dev_dir,
        &firefox_release_dir,
        &firefox_dev_dir,
    ] {
        check_no_inline_scripts(dir)?;
        check_manifest_files(dir)?;
    }
    write_store_zips(workspace, &release_dir, &firefox_release_dir)?;
    sizes::print_report(&release_dir)?;
    println!(
        "==> dist: done. Load {} or {} as an unpacked extension; the development build's id is {}",
        release_dir.display(),
        dev_dir.display(),
        manifests.dev_extension_id
    );
    Ok(())
}

/// Reads the templates in `extension/` and builds both manifests.
pub fn read_manifests(workspace: &Workspace) -> Result<Manifests> {
    let package = ExtensionPackage::read(workspace)?;
    let template = read_json(&workspace.path("extension/manifest.json"))?;
    let overlay = read_json(&workspace.path("extension/manifest.dev.json"))?;
    let key_path = workspace.path("extension/dev-key.pub.b64");
    let key_text = fs::read_to_string(&key_path)
        .with_context(|| format!("could not read {}", key_path.display()))?;

    let release = manifest::release_manifest(&template, &package)?;
    let additions = DevAdditions {
        overlay: overlay
            .as_object()
            .cloned()
            .context("extension/manifest.dev.json must contain a JSON object")?,
        public_key: manifest::parse_public_key(&key_text)?,
    };
    let dev = manifest::dev_manifest(&release, &additions)?;
    let dev_extension_id = extension_id::from_public_key(&additions.public_key)?;
    Ok(Manifests {
        release,
        dev,
        dev_extension_id,
    })
}

/// Zips both release folders into `dist/` with the workspace version in the
/// file names. Only release folders are packed, so no dev files reach a store.
fn write_store_zips(workspace: &Workspace, chromium: &Path, firefox: &Path) -> Result<()> {
    let version = ExtensionPackage::read(workspace)?.version;
    for (browser, dir) in [("chromium", chromium), ("firefox", firefox)] {
        let output = workspace
            .path("dist")
            .join(store_zip::zip_name(browser, &version));
        let files = store_zip::write_zip(dir, &output)?;
        println!("ok: {} ({} files)", output.display(), files.len());
    }
    Ok(())
}

/// Replaces `dir` with a copy of the Trunk output plus `manifest.json`.
fn assemble(staging: &Path, dir: &Path, manifest: &Value) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).with_context(|| format!("could not remove {}", dir.display()))?;
    }
    copy_dir(staging, dir)?;
    write_json(&dir.join("manifest.json"), manifest)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("could not create {}", to.display()))?;
    let entries =
        fs::read_dir(from).with_context(|| format!("could not list {}", from.display()))?;
    for entry in entries {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).with_context(|| {
                format!(
                    "could not copy {} to {}",
                    entry.path().display(),
                    target.display()
                )
            })?;
        }
    }
    Ok(())
}

/// Fails when any HTML file in `dir` has a `<script>` without `src`, which
/// the extension's content security policy would block.
fn check_no_inline_scripts(dir: &Path) -> Result<()> {
    let mut problems = Vec::new();
    for path in files_with_extension(dir, "html")? {
        let html = fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        for script in find_inline_scripts(&html) {
            problems.push(format!(
                "{}:{}: {}",
                path.display(),
                script.line,
                script.tag
            ));
        }
    }
    if !problems.is_empty() {
        bail!(
            "inline <script> elements found; Manifest V3 blocks them, so the popup would stay empty:\n  {}\nLoad scripts from files instead (see pattern_script in Trunk.toml).",
            problems.join("\n  ")
        );
    }
    println!("ok: no inline scripts in {}", dir.display());
    Ok(())
}

/// Fails when the manifest names a popup or icon file that is not in `dir`.
fn check_manifest_files(dir: &Path) -> Result<()> {
    let manifest = read_json(&dir.join("manifest.json"))?;
    let mut referenced = Vec::new();
    if let Some(popup) = manifest["action"]["default_popup"].as_str() {
        referenced.push(popup.to_owned());
    }
    if let Some(worker) = manifest["background"]["service_worker"].as_str() {
        referenced.push(worker.to_owned());
    }
    if let Some(scripts) = manifest["background"]["scripts"].as_array() {
        referenced.extend(
            scripts
                .iter()
                .filter_map(|path| path.as_str())
                .map(String::from),
        );
    }
    for icons in [&manifest["icons"], &manifest["action"]["default_icon"]] {
        if let Some(icons) = icons.as_object() {
            referenced.extend(
                icons
                    .values()
                    .filter_map(|path| path.as_str())
                    .map(String::from),
            );
        }
    }
    let missing: Vec<String> = referenced
        .into_iter()
        .filter(|path| !dir.join(path).is_file())
        .collect();
    if !missing.is_empty() {
        bail!(
            "{}/manifest.json names files that the build lacks: {}. Run `cargo xtask icons` for icons, or fix extension/manifest.json.",
            dir.display(),
            missing.join(", ")
        );
    }
    Ok(())
}

fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = fs::read_dir(dir).with_context(|| format!("could not list {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(files_with_extension(&path, extension)?);
        } else if path.extension().and_then(|ext| ext.to_str()) == Some(extension) {
            found.push(path);
        }
    }
    Ok(found)
}

fn read_json(path: &Path) -> Result<Value> {
    let text =
        fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
}

fn write_json(path: &Path, value: &Value) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    fs::write(path, text).with_context(|| format!("could not write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn inline_script_fails_check() {
        let dir = temp_dir("inline");
        fs::write(dir.join("popup.html"), "<script src=\"popup.js\"></script>").unwrap();
        let clean = check_no_inline_scripts(&dir);
        fs::write(dir.join("other.html"), "<body><script>alert(1)</script>").unwrap();

        let error = check_no_inline_scripts(&dir).unwrap_err();
        fs::remove_dir_all(&dir).unwrap();

        assert!(clean.is_ok());
        assert!(
            error.to_string().contains("other.html:1: <script>"),
            "{error}"
        );
    }

    #[test]
    fn missing_icon_fails_check() {
        let dir = temp_dir("icons");
        fs::write(dir.join("popup.html"), "").unwrap();
        let manifest = serde_json::json!({
            "action": {"default_popup": "popup.html"},
            "icons": {"16": "icons/icon-16.png"}
        });
        write_json(&dir.join("manifest.json"), &manifest).unwrap();

        let error = check_manifest_files(&dir).unwrap_err();
        fs::remove_dir_all(&dir).unwrap();

        assert!(error.to_string().contains("icons/icon-16.png"), "{error}");
        assert!(!error.to_string().contains("popup.html,"), "{error}");
    }

    #[test]
    fn committed_templates_build_manifests() {
        let workspace = Workspace::for_tests();

        let manifests = read_manifests(&workspace).unwrap();

        let release = &manifests.release;
        let dev = &manifests.dev;
        assert_eq!(release["manifest_version"], 3);
        assert_eq!(release["action"]["default_popup"], "popup.html");
        assert_eq!(
            release["content_security_policy"]["extension_pages"],
            "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"
        );
        assert_eq!(
            release["permissions"],
            serde_json::json!(["storage", "alarms", "webRequest"])
        );
        assert_eq!(release["background"]["service_worker"], "background.js");
        assert_eq!(release["background"]["type"], "module");
        assert_eq!(
            release["optional_host_permissions"],
            serde_json::json!(["https://*/*"])
        );
        assert!(release.get("host_permissions").is_none());
        assert!(release.get("key").is_none());
        assert_eq!(
            dev["host_permissions"],
            serde_json::json!([
                "https://127.0.0.1/*",
                "https://localhost/*",
                "https://[::1]/*"
            ])
        );
        assert!(dev["key"].is_string());
        assert_eq!(dev["version"], release["version"]);
        assert_eq!(manifests.dev_extension_id.len(), 32);
    }
}
