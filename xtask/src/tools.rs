//! Ensures the tools that builds and tests need, installing what is missing
//! or at the wrong version and skipping what is already right.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::process::CommandError;
use crate::workspace::{self, Workspace};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Trunk 0.22 needs a newer rustc than 1.95 and fails to install with it,
/// while 0.21.14 builds.
pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
pub const CERTUTIL: &str = "/usr/bin/certutil";
const MIN_NODE_MAJOR: u32 = 20;

pub fn ensure_wasm_target(workspace: &Workspace) -> Result<()> {
    let installed = workspace
        .cmd("rustup")
        .args(["target", "list", "--installed"])
        .read_stdout()?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("ok: Rust target {WASM_TARGET} is installed");
        return Ok(());
    }
    workspace
        .cmd("rustup")
        .args(["target", "add", WASM_TARGET])
        .run()?;
    Ok(())
}

/// Installs wasm-bindgen-cli at the version of the `wasm-bindgen` crate in
/// `Cargo.lock`, because bindings from any other CLI version fail to load
/// with a schema error.
pub fn ensure_wasm_bindgen(workspace: &Workspace) -> Result<()> {
    let expected = workspace::locked_version(workspace, "wasm-bindgen")?;
    let cli = probe_version(workspace, "wasm-bindgen")?;
    let runner = probe_version(workspace, "wasm-bindgen-test-runner")?;
    let matches = |output: &Option<String>| {
        output
            .as_deref()
            .and_then(second_word)
            .is_some_and(|version| version == expected)
    };
    if matches(&cli) && matches(&runner) {
        println!("ok: wasm-bindgen-cli {expected} is installed");
        return Ok(());
    }

    // No `--locked`: with it the install once failed because a locked
    // dependency version was missing from crates.io. Without it, it builds.
    workspace
        .cmd("cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &expected])
        .run()?;
    Ok(())
}

pub fn ensure_trunk(workspace: &Workspace) -> Result<()> {
    let output = probe_version(workspace, "trunk")?;
    if output.as_deref().and_then(second_word) == Some(TRUNK_VERSION) {
        println!("ok: trunk {TRUNK_VERSION} is installed");
        return Ok(());
    }
    workspace
        .cmd("cargo")
        .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"])
        .run()?;
    Ok(())
}

/// Downloads every crate in `Cargo.lock`, because Trunk builds with
/// `cargo build --offline`.
pub fn fetch_crates(workspace: &Workspace) -> Result<()> {
    workspace.cmd("cargo").arg("fetch").run()?;
    Ok(())
}

/// Runs `npm ci` unless `node_modules` already contains exactly the packages
/// of `package-lock.json`.
pub fn ensure_node_modules(workspace: &Workspace) -> Result<()> {
    let node = probe_version(workspace, "node")?.with_context(|| {
        format!("Node.js is not installed. Install Node.js {MIN_NODE_MAJOR} or newer (Debian 12's own `nodejs` package is 18, too old for playwright-core), then run `cargo xtask setup` again.")
    })?;
    let major = node_major(&node)
        .with_context(|| format!("could not read the Node.js version from `{}`", node.trim()))?;
    if major < MIN_NODE_MAJOR {
        bail!(
            "Node.js {} is too old: playwright-core needs {MIN_NODE_MAJOR} or newer. Install a newer Node.js, then run `cargo xtask setup` again.",
            node.trim()
        );
    }

    let lock = workspace.path("package-lock.json");
    let installed = workspace.path("node_modules/.package-lock.json");
    if same_packages(&lock, &installed)? {
        println!("ok: node_modules matches package-lock.json");
        return Ok(());
    }
    workspace.cmd("npm").arg("ci").run()?;
    Ok(())
}

/// Debian packages of the test browsers, each with the file it installs.
/// Firefox ESR and NSS's certutil serve the Firefox end-to-end test, which
/// trusts the simulator's certificate in a fresh profile.
const BROWSER_PACKAGES: [(&str, &str); 4] = [
    (CHROMIUM, "chromium"),
    (CHROMEDRIVER, "chromium-driver"),
    (FIREFOX, "firefox-esr"),
    (CERTUTIL, "libnss3-tools"),
];

/// Installs Chromium, ChromeDriver, Firefox ESR and certutil from Debian when
/// running as root; otherwise fails with the command to run.
pub fn ensure_browsers(workspace: &Workspace) -> Result<()> {
    let missing = missing_packages(&BROWSER_PACKAGES, |path| Path::new(path).exists());
    if missing.is_empty() {
        println!("ok: {CHROMIUM}, {CHROMEDRIVER}, {FIREFOX} and {CERTUTIL} are installed");
        return Ok(());
    }

    let install = format!("apt-get update && apt-get install -y {}", missing.join(" "));
    if !is_root(workspace)? {
        bail!(
            "Missing Debian packages: {}. Run as root: `{install}`, then run `cargo xtask setup` again.",
            missing.join(", ")
        );
    }
    workspace.cmd("apt-get").arg("update").run()?;
    workspace
        .cmd("apt-get")
        .args(["install", "-y"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    Ok(())
}

/// Returns the packages whose file `exists` reports as absent.
fn missing_packages<'a>(
    packages: &[(&str, &'a str)],
    exists: impl Fn(&str) -> bool,
) -> Vec<&'a str> {
    packages
        .iter()
        .filter(|(path, _)| !exists(path))
        .map(|(_, package)| *package)
        .collect()
}

pub fn is_root(workspace: &Workspace) -> Result<bool> {
    let uid = workspace.cmd("id").arg("-u").read_stdout()?;
    Ok(uid.trim() == "0")
}

/// Runs `PROGRAM --version` and returns its output, or `None` when the
/// program is not installed or fails.
fn probe_version(workspace: &Workspace, program: &str) -> Result<Option<String>> {
    match workspace.cmd(program).arg("--version").read_stdout() {
        Ok(output) => Ok(Some(output)),
        Err(CommandError::Spawn { source, .. }) if source.kind() == ErrorKind::NotFound => {
            println!("{program} is not installed");
            Ok(None)
        }
        Err(CommandError::Failed { .. }) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Returns the version in outputs like `trunk 0.21.14` or `wasm-bindgen 0.2.130`.
fn second_word(output: &str) -> Option<&str> {
    output.split_whitespace().nth(1)
}

/// Parses the major version from `node --version` output such as `v20.11.1`.
fn node_major(output: &str) -> Option<u32> {
    output
        .trim()
        .strip_prefix('v')?
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Compares the `packages` of npm's lockfile with the copy that npm writes
/// into `node_modules` after an install.
fn same_packages(lock: &Path, installed: &Path) -> Result<bool> {
    let lock_text = fs::read_to_string(lock).with_context(|| {
        format!(
            "could not read {}; run `npm install` to create it",
            lock.display()
        )
    })?;
    let Ok(installed_text) = fs::read_to_string(installed) else {
        return Ok(false);
    };
    let lock: serde_json::Value = serde_json::from_str(&lock_text)
        .with_context(|| format!("{} is not valid JSON", lock.display()))?;
    let Ok(installed) = serde_json::from_str::<serde_json::Value>(&installed_text) else {
        return Ok(false);
    };

    // The lockfile lists the root project under the key "", which the
    // installed copy leaves out.
    let Some(mut expected) = lock["packages"].as_object().cloned() else {
        bail!("package-lock.json has no `packages` object; run `npm install` with npm 7 or newer to rewrite it");
    };
    expected.remove("");
    Ok(installed["packages"].as_object() == Some(&expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parsed_from_output() {
        assert_eq!(second_word("trunk 0.21.14\n"), Some("0.21.14"));
        assert_eq!(second_word("wasm-bindgen 0.2.130"), Some("0.2.130"));
        assert_eq!(second_word("trunk"), None);
        assert_eq!(node_major("v20.20.2\n"), Some(20));
        assert_eq!(node_major("20.1.0"), None);
    }

    #[test]
    fn missing_packages_listed_by_file() {
        let installed = [CHROMIUM, CERTUTIL];

        let missing = missing_packages(&BROWSER_PACKAGES, |path| installed.contains(&path));

        assert_eq!(missing, ["chromium-driver", "firefox-esr"]);
        assert!(missing_packages(&BROWSER_PACKAGES, |_| true).is_empty());
    }

    #[test]
    fn trunk_pins_npm_wasm_opt() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let trunk: toml::Table = fs::read_to_string(root.join("Trunk.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let package: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(root.join("package.json")).unwrap()).unwrap();

        let pinned = trunk["tools"]["wasm_opt"].as_str().unwrap();
        let binaryen = package["devDependencies"]["binaryen"].as_str().unwrap();
        let major = binaryen.split('.').next().unwrap();

        // Trunk compares this with the output of `wasm-opt --version`.
        assert_eq!(pinned, format!("version_{major}"));
    }

    #[test]
    fn same_packages_compares_lock_and_install() {
        let dir = std::env::temp_dir().join(format!("xtask-npm-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let lock = dir.join("package-lock.json");
        let installed = dir.join(".package-lock.json");
        fs::write(
            &lock,
            r#"{"packages":{"":{"name":"x"},"node_modules/binaryen":{"version":"132.0.0"}}}"#,
        )
        .unwrap();

        let without_install = same_packages(&lock, &installed).unwrap();
        fs::write(
            &installed,
            r#"{"packages":{"node_modules/binaryen":{"version":"132.0.0"}}}"#,
        )
        .unwrap();
        let matching = same_packages(&lock, &installed).unwrap();
        fs::write(
            &installed,
            r#"{"packages":{"node_modules/binaryen":{"version":"108.0.0"}}}"#,
        )
        .unwrap();
        let outdated = same_packages(&lock, &installed).unwrap();
        fs::remove_dir_all(&dir).unwrap();

        assert!(!without_install);
        assert!(matching);
        assert!(!outdated);
    }
}
