//! `cargo xtask sim`: builds and runs the FMC simulator, and a handle that
//! other commands use to run it in the background.

use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::process::Child;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::workspace::Workspace;

/// How long the simulator may take to write `address.txt`: it generates a
/// certificate first, which takes well under a second on a 2-core machine.
const START_TIMEOUT: Duration = Duration::from_secs(30);
const POLL_INTERVAL: Duration = Duration::from_millis(100);

pub fn run(workspace: &Workspace, args: &[OsString]) -> Result<()> {
    build(workspace)?;
    workspace
        .cmd(&workspace.sim_binary().to_string_lossy())
        .args(args)
        .run()?;
    Ok(())
}

pub fn build(workspace: &Workspace) -> Result<()> {
    workspace
        .cmd("cargo")
        .args(["build", "-p", "fmc-sim"])
        .run()?;
    Ok(())
}

/// A simulator started in the background; dropping it stops the process.
pub struct RunningSim {
    child: Child,
    /// `IP:PORT` the simulator listens on.
    pub address: String,
    /// Base64 SHA-256 of the certificate's public key, for Chromium's
    /// `--ignore-certificate-errors-spki-list`.
    pub spki_sha256: String,
}

impl RunningSim {
    /// Starts the built simulator on `listen` and waits until it has written
    /// `address.txt`, which it writes after its certificate files.
    pub fn start(workspace: &Workspace, listen: &str, state_dir: &Path) -> Result<Self> {
        fs::create_dir_all(state_dir)
            .with_context(|| format!("could not create {}", state_dir.display()))?;
        let address_file = state_dir.join("address.txt");
        // A file left by an earlier run would look like a started simulator.
        if address_file.exists() {
            fs::remove_file(&address_file)
                .with_context(|| format!("could not remove {}", address_file.display()))?;
        }

        let child = workspace
            .cmd(&workspace.sim_binary().to_string_lossy())
            .args(["--listen", listen, "--state-dir"])
            .arg(state_dir)
            .spawn()?;
        let mut sim = Self {
            child,
            address: String::new(),
            spki_sha256: String::new(),
        };
        sim.address = sim.wait_for_address(&address_file, listen)?;
        sim.spki_sha256 = read_trimmed(&state_dir.join("spki-sha256.txt"))?;
        println!(
            "simulator {} listening on https://{}",
            sim.child.id(),
            sim.address
        );
        Ok(sim)
    }

    fn wait_for_address(&mut self, address_file: &Path, listen: &str) -> Result<String> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "fmc-sim exited ({status}) before listening on {listen}. If the port is in use, find the process with `ss -ltnp 'sport = :{port}'`; otherwise run `cargo xtask sim --listen {listen} --state-dir target/fmc-sim` to see its error.",
                    port = listen.rsplit(':').next().unwrap_or(listen)
                );
            }
            if let Ok(address) = read_trimmed(address_file) {
                if !address.is_empty() {
                    return Ok(address);
                }
            }
            if started.elapsed() > START_TIMEOUT {
                bail!(
                    "fmc-sim did not write {} within {} s; run `cargo xtask sim --listen {listen} --state-dir target/fmc-sim` to see what it does.",
                    address_file.display(),
                    START_TIMEOUT.as_secs()
                );
            }
            thread::sleep(POLL_INTERVAL);
        }
    }

    /// Stops the simulator by its process id and waits for it to exit.
    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            println!("stopping simulator {}", self.child.id());
            // The process may exit between the check and the kill; either
            // way it is gone afterwards, so the result does not matter.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        self.kill();
    }
}

fn read_trimmed(path: &Path) -> Result<String> {
    let text =
        fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))?;
    Ok(text.trim().to_owned())
}
