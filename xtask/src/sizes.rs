//! Size report of the wasm and JavaScript files in a build.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;

/// Raw and gzip size of one file, in bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
}

/// Prints the raw and gzip (level 9) size of every `.wasm` and `.js` file
/// directly in `dir`.
pub fn print_report(dir: &Path) -> Result<()> {
    let sizes = measure(dir)?;
    println!("sizes in {}:", dir.display());
    println!("  {:<20} {:>20} {:>20}", "file", "raw", "gzip");
    for size in &sizes {
        println!(
            "  {:<20} {:>20} {:>20}",
            size.name,
            format_bytes(size.raw),
            format_bytes(size.gzip)
        );
    }
    Ok(())
}

/// Measures every `.wasm` and `.js` file directly in `dir`, sorted by name.
pub fn measure(dir: &Path) -> Result<Vec<FileSize>> {
    let mut sizes = Vec::new();
    let entries = fs::read_dir(dir).with_context(|| format!("could not list {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let measured = matches!(
            path.extension().and_then(|ext| ext.to_str()),
            Some("wasm" | "js")
        );
        if !measured {
            continue;
        }
        let bytes =
            fs::read(&path).with_context(|| format!("could not read {}", path.display()))?;
        sizes.push(FileSize {
            name: path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
            raw: bytes.len() as u64,
            gzip: gzip_len(&bytes)?,
        });
    }
    sizes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sizes)
}

fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len() as u64)
}

/// Formats a byte count in KiB with one decimal, keeping the exact count.
fn format_bytes(bytes: u64) -> String {
    format!("{:.1} KiB ({bytes})", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measure_lists_wasm_and_js_only() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("app_bg.wasm"), vec![0u8; 4096]).unwrap();
        fs::write(dir.join("app.js"), "export default 1;\n").unwrap();
        fs::write(dir.join("popup.html"), "<html></html>").unwrap();

        let sizes = measure(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();

        let names: Vec<&str> = sizes.iter().map(|size| size.name.as_str()).collect();
        assert_eq!(names, ["app.js", "app_bg.wasm"]);
        assert_eq!(sizes[1].raw, 4096);
        assert!(
            sizes[1].gzip < 100,
            "zeros compress well: {}",
            sizes[1].gzip
        );
    }

    #[test]
    fn bytes_formatted_in_kib() {
        assert_eq!(format_bytes(2048), "2.0 KiB (2048)");
    }
}
