//! Packs a release folder into the zip file that a browser store accepts:
//! paths relative to the folder, `/` separators, sorted so that two builds
//! of the same files list them in the same order.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Name of the store package, for example
/// `fmc-rest-client-firefox-0.1.0.zip`.
pub fn zip_name(browser: &str, version: &str) -> String {
    format!("fmc-rest-client-{browser}-{version}.zip")
}

/// Writes every file under `dir` into a new zip at `output` and returns the
/// paths it packed, in archive order.
pub fn write_zip(dir: &Path, output: &Path) -> Result<Vec<String>> {
    let mut names = relative_files(dir, dir)?;
    names.sort();

    let file =
        File::create(output).with_context(|| format!("could not create {}", output.display()))?;
    let mut writer = ZipWriter::new(file);
    // A fixed timestamp keeps the archive identical between builds of the
    // same files.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for name in &names {
        let bytes = fs::read(dir.join(name))
            .with_context(|| format!("could not read {}/{name}", dir.display()))?;
        writer
            .start_file(name.as_str(), options)
            .with_context(|| format!("could not add {name} to {}", output.display()))?;
        writer.write_all(&bytes)?;
    }
    writer
        .finish()
        .with_context(|| format!("could not finish {}", output.display()))?;
    Ok(names)
}

/// Lists the files under `dir` as `/`-separated paths relative to `root`.
fn relative_files(root: &Path, dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let entries = fs::read_dir(dir).with_context(|| format!("could not list {}", dir.display()))?;
    for entry in entries {
        let path: PathBuf = entry?.path();
        if path.is_dir() {
            names.extend(relative_files(root, &path)?);
            continue;
        }
        let relative = path.strip_prefix(root)?;
        let parts: Vec<String> = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        names.push(parts.join("/"));
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use zip::ZipArchive;

    use super::*;

    fn release_folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-zip-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(dir.join("manifest.json"), "{}").unwrap();
        fs::write(dir.join("popup.html"), "<html></html>").unwrap();
        fs::write(dir.join("icons/icon-16.png"), [1u8, 2, 3]).unwrap();
        dir
    }

    #[test]
    fn zip_lists_folder_files() {
        let dir = release_folder("list");
        let output = dir.with_extension("zip");

        let packed = write_zip(&dir, &output).unwrap();
        let mut archive = ZipArchive::new(File::open(&output).unwrap()).unwrap();
        let archived: Vec<String> = archive.file_names().map(String::from).collect();
        let mut icon = Vec::new();
        archive
            .by_name("icons/icon-16.png")
            .unwrap()
            .read_to_end(&mut icon)
            .unwrap();
        fs::remove_dir_all(&dir).unwrap();
        fs::remove_file(&output).unwrap();

        let expected = ["icons/icon-16.png", "manifest.json", "popup.html"];
        assert_eq!(packed, expected);
        let mut sorted_archived = archived.clone();
        sorted_archived.sort();
        assert_eq!(sorted_archived, expected);
        assert_eq!(icon, [1, 2, 3]);
    }

    #[test]
    fn zip_same_bytes_twice() {
        let dir = release_folder("stable");
        let first = dir.with_extension("1.zip");
        let second = dir.with_extension("2.zip");

        write_zip(&dir, &first).unwrap();
        write_zip(&dir, &second).unwrap();
        let same = fs::read(&first).unwrap() == fs::read(&second).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        fs::remove_file(&first).unwrap();
        fs::remove_file(&second).unwrap();

        assert!(same);
    }

    #[test]
    fn zip_name_has_browser_and_version() {
        assert_eq!(
            zip_name("firefox", "0.1.0"),
            "fmc-rest-client-firefox-0.1.0.zip"
        );
    }
}
