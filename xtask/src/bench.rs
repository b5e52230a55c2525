//! `cargo xtask bench`: runs the benchmarks in `tests/bench/` against the
//! development build and the simulator, and writes `BENCHMARKS.md`.
//!
//! Benchmarks only report numbers: this command fails when a benchmark
//! cannot run, never because a figure misses its target.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use crate::dist::{self, DEV_DIR, RELEASE_DIR};
use crate::setup;
use crate::sim;
use crate::sizes;
use crate::workspace::Workspace;

/// The plain HTML and JavaScript sign-in form that the popup-open benchmark
/// compares against. They are copied into the development build only.
const FLOOR_FILES: [&str; 2] = ["bench-floor.html", "bench-floor.js"];

pub fn run(workspace: &Workspace) -> Result<()> {
    setup::run(workspace)?;
    dist::build(workspace)?;
    sim::build(workspace)?;
    let dev_dir = workspace.path(DEV_DIR);
    copy_floor_page(&workspace.path("tests/bench/floor"), &dev_dir)?;

    let sizes_file = workspace.target_dir.join("bench-sizes.json");
    write_sizes(&workspace.path(RELEASE_DIR), &sizes_file)?;

    println!("==> bench: running tests/bench/run.mjs (a few minutes)");
    workspace
        .cmd("node")
        .arg("tests/bench/run.mjs")
        .env("FMC_SIM_BIN", workspace.sim_binary())
        .env("EXTENSION_DIR", &dev_dir)
        .env("BENCH_SIZES", &sizes_file)
        .env("BENCH_OUTPUT", workspace.path("BENCHMARKS.md"))
        .run()?;
    println!("==> bench: wrote BENCHMARKS.md");
    Ok(())
}

fn copy_floor_page(from: &Path, dev_dir: &Path) -> Result<()> {
    for name in FLOOR_FILES {
        let source = from.join(name);
        fs::copy(&source, dev_dir.join(name)).with_context(|| {
            format!(
                "could not copy {} into {}",
                source.display(),
                dev_dir.display()
            )
        })?;
    }
    Ok(())
}

/// Writes the raw and gzip sizes of the release build's wasm and JavaScript
/// files as JSON, for the report.
fn write_sizes(release_dir: &Path, output: &Path) -> Result<()> {
    let files: Vec<_> = sizes::measure(release_dir)?
        .into_iter()
        .map(|size| json!({ "name": size.name, "raw": size.raw, "gzip": size.gzip }))
        .collect();
    let text = serde_json::to_string_pretty(&json!({ "files": files }))?;
    fs::write(output, text).with_context(|| format!("could not write {}", output.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_files_committed() {
        let workspace = Workspace::for_tests();
        for name in FLOOR_FILES {
            let path = workspace.path("tests/bench/floor").join(name);
            assert!(path.is_file(), "{} missing", path.display());
        }
    }

    #[test]
    fn sizes_written_as_json() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.wasm"), [0u8; 100]).unwrap();
        let output = dir.join("sizes.json");

        write_sizes(&dir, &output).unwrap();
        let text = fs::read_to_string(&output).unwrap();
        fs::remove_dir_all(&dir).unwrap();

        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["files"][0]["name"], "a.wasm");
        assert_eq!(value["files"][0]["raw"], 100);
    }
}
