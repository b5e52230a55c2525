//! `cargo xtask setup`: installs every tool that `dist`, `run` and `test`
//! need on a fresh Debian machine that has only Rust (rustup).

use anyhow::Result;

use crate::tools;
use crate::workspace::Workspace;

pub fn run(workspace: &Workspace) -> Result<()> {
    println!("==> setup: checking the build and test tools");
    tools::ensure_wasm_target(workspace)?;
    tools::ensure_wasm_bindgen(workspace)?;
    tools::ensure_trunk(workspace)?;
    tools::ensure_node_modules(workspace)?;
    tools::ensure_browsers(workspace)?;
    tools::fetch_crates(workspace)?;
    println!("==> setup: done");
    Ok(())
}
