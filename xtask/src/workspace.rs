//! Paths of the repository and the facts that `xtask` reads from its
//! `Cargo.toml` and `Cargo.lock`.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::process::Cmd;

/// The repository checkout and the tool PATH that every child process gets.
pub struct Workspace {
    pub root: PathBuf,
    /// Cargo's target directory, as `cargo metadata` reports it.
    pub target_dir: PathBuf,
    tool_path: OsString,
}

impl Workspace {
    /// Finds the repository from this crate's location and reads the target
    /// directory from `cargo metadata`, so that `CARGO_TARGET_DIR` is honoured.
    pub fn locate() -> Result<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .context("xtask's manifest directory has no parent directory")?
            .to_owned();
        let tool_path = tool_path(&root)?;
        let mut workspace = Self {
            target_dir: root.join("target"),
            root,
            tool_path,
        };
        workspace.target_dir = workspace.query_target_dir()?;
        Ok(workspace)
    }

    /// Describes this checkout without asking Cargo, for unit tests.
    #[cfg(test)]
    pub fn for_tests() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        Self {
            target_dir: root.join("target"),
            tool_path: env::var_os("PATH").unwrap_or_default(),
            root,
        }
    }

    /// Creates a command that runs in the repository root with
    /// `node_modules/.bin` and Cargo's bin directory first on PATH, so that
    /// Trunk picks the npm `wasm-opt` and freshly installed Cargo tools.
    pub fn cmd(&self, program: &str) -> Cmd {
        Cmd::new(program)
            .current_dir(&self.root)
            .hidden_env("PATH", &self.tool_path)
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Path of the `fmc-sim` binary that `cargo build -p fmc-sim` writes.
    pub fn sim_binary(&self) -> PathBuf {
        self.target_dir.join("debug").join("fmc-sim")
    }

    fn query_target_dir(&self) -> Result<PathBuf> {
        let metadata = self
            .cmd("cargo")
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .read_stdout()?;
        let metadata: serde_json::Value = serde_json::from_str(&metadata)
            .context("`cargo metadata` printed invalid JSON; run it by hand to see why")?;
        let target_dir = metadata["target_directory"]
            .as_str()
            .context("`cargo metadata` printed no `target_directory`")?;
        Ok(PathBuf::from(target_dir))
    }
}

/// Builds PATH for child processes: `node_modules/.bin`, then Cargo's bin
/// directory, then the caller's PATH.
fn tool_path(root: &Path) -> Result<OsString> {
    let cargo_home = match env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home),
        None => {
            let home = env::var_os("HOME").context(
                "neither CARGO_HOME nor HOME is set, so Cargo's bin directory is unknown; set CARGO_HOME",
            )?;
            PathBuf::from(home).join(".cargo")
        }
    };
    let mut entries = vec![
        root.join("node_modules").join(".bin"),
        cargo_home.join("bin"),
    ];
    if let Some(path) = env::var_os("PATH") {
        entries.extend(env::split_paths(&path));
    }
    env::join_paths(entries).context("a PATH entry contains the path separator `:`")
}

/// Name and version of the extension, read from the workspace `Cargo.toml`.
#[derive(Debug, PartialEq, Eq)]
pub struct ExtensionPackage {
    /// `package.metadata.extension.name` when present, else the package name.
    pub display_name: String,
    pub version: String,
}

impl ExtensionPackage {
    pub fn read(workspace: &Workspace) -> Result<Self> {
        let path = workspace.path("Cargo.toml");
        let text = fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("invalid {}", path.display()))
    }

    fn parse(cargo_toml: &str) -> Result<Self> {
        let manifest: toml::Table = cargo_toml.parse()?;
        let package = manifest
            .get("package")
            .and_then(|value| value.as_table())
            .context("missing [package] table")?;
        let package_name = package
            .get("name")
            .and_then(|value| value.as_str())
            .context("missing package.name")?;
        let display_name = package
            .get("metadata")
            .and_then(|metadata| metadata.get("extension"))
            .and_then(|extension| extension.get("name"))
            .and_then(|name| name.as_str())
            .unwrap_or(package_name);

        // `version.workspace = true` parses as a table; take the version from
        // [workspace.package] then.
        let version = match package.get("version") {
            Some(toml::Value::String(version)) => version.as_str(),
            Some(_) => manifest
                .get("workspace")
                .and_then(|workspace| workspace.get("package"))
                .and_then(|package| package.get("version"))
                .and_then(|version| version.as_str())
                .context("package.version is inherited but workspace.package.version is missing")?,
            None => bail!("missing package.version"),
        };

        Ok(Self {
            display_name: display_name.to_owned(),
            version: version.to_owned(),
        })
    }
}

/// Reads the single version of `crate_name` that `Cargo.lock` pins.
pub fn locked_version(workspace: &Workspace, crate_name: &str) -> Result<String> {
    let path = workspace.path("Cargo.lock");
    let text = fs::read_to_string(&path).with_context(|| {
        format!(
            "could not read {}; run `cargo generate-lockfile` to create it",
            path.display()
        )
    })?;
    parse_locked_version(&text, crate_name).with_context(|| format!("in {}", path.display()))
}

fn parse_locked_version(cargo_lock: &str, crate_name: &str) -> Result<String> {
    let lock: toml::Table = cargo_lock.parse()?;
    let packages = lock
        .get("package")
        .and_then(|value| value.as_array())
        .context("Cargo.lock has no [[package]] entries")?;
    let versions: Vec<&str> = packages
        .iter()
        .filter(|package| package.get("name").and_then(|name| name.as_str()) == Some(crate_name))
        .filter_map(|package| package.get("version").and_then(|version| version.as_str()))
        .collect();
    match versions.as_slice() {
        [version] => Ok((*version).to_owned()),
        [] => bail!("no `{crate_name}` package is locked; run `cargo update -p {crate_name}` or add the dependency"),
        _ => bail!(
            "several `{crate_name}` versions are locked ({}), but the CLI can match only one; pin one version in Cargo.toml",
            versions.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_reads_inherited_version() {
        let cargo_toml = r#"
            [workspace.package]
            version = "1.2.3"
            [package]
            name = "fmc-ext"
            version.workspace = true
            [package.metadata.extension]
            name = "FMC REST Client"
        "#;

        let package = ExtensionPackage::parse(cargo_toml).unwrap();

        assert_eq!(package.display_name, "FMC REST Client");
        assert_eq!(package.version, "1.2.3");
    }

    #[test]
    fn package_falls_back_to_crate_name() {
        let cargo_toml = r#"
            [package]
            name = "fmc-ext"
            version = "0.4.0"
        "#;

        let package = ExtensionPackage::parse(cargo_toml).unwrap();

        assert_eq!(package.display_name, "fmc-ext");
        assert_eq!(package.version, "0.4.0");
    }

    #[test]
    fn package_without_version_is_rejected() {
        let error = ExtensionPackage::parse("[package]\nname = \"x\"\n").unwrap_err();

        assert!(error.to_string().contains("package.version"), "{error}");
    }

    #[test]
    fn locked_version_found() {
        let lock = r#"
            version = 4
            [[package]]
            name = "wasm-bindgen"
            version = "0.2.130"
            [[package]]
            name = "wasm-bindgen-macro"
            version = "0.2.130"
        "#;

        assert_eq!(
            parse_locked_version(lock, "wasm-bindgen").unwrap(),
            "0.2.130"
        );
    }

    #[test]
    fn locked_version_missing_or_ambiguous() {
        let lock = r#"
            [[package]]
            name = "toml"
            version = "0.8.0"
            [[package]]
            name = "toml"
            version = "1.0.0"
        "#;

        let missing = parse_locked_version(lock, "wasm-bindgen").unwrap_err();
        let ambiguous = parse_locked_version(lock, "toml").unwrap_err();

        assert!(
            missing.to_string().contains("no `wasm-bindgen`"),
            "{missing}"
        );
        assert!(
            ambiguous.to_string().contains("0.8.0, 1.0.0"),
            "{ambiguous}"
        );
    }
}
