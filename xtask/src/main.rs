//! Build, run and test orchestration for the FMC REST client extension,
//! started with `cargo xtask COMMAND` (an alias in `.cargo/config.toml`).
//!
//! Every command prints the commands it runs, and errors name the command to
//! run next. This crate only orchestrates and contains no product code.

mod bench;
mod dist;
mod extension_id;
mod firefox;
mod fuzz;
mod icons;
mod inline_scripts;
mod manifest;
mod process;
mod run;
mod setup;
mod sim;
mod sizes;
mod store_zip;
mod test;
mod tools;
mod workspace;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::workspace::Workspace;

/// Builds, runs and tests the FMC REST client extension.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Installs the wasm32 target, wasm-bindgen-cli, Trunk, the npm packages,
    /// Chromium and ChromeDriver where missing.
    Setup,
    /// Runs setup, then builds dist/chromium, dist/firefox, their -dev
    /// variants and the store zip files.
    Dist,
    /// Builds and runs the FMC simulator with the given arguments, for
    /// example `cargo xtask sim --listen 127.0.0.1:8443 --state-dir target/fmc-sim`.
    #[command(disable_help_flag = true)]
    Sim {
        /// Arguments for fmc-sim; `cargo xtask sim --help` lists them.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<OsString>,
    },
    /// Builds everything, starts the simulator on 127.0.0.1:8443 and opens
    /// the extension in Chromium (headless screenshots when DISPLAY is unset).
    Run,
    /// Runs formatting, lint, unit, browser and end-to-end tests in order.
    Test,
    /// Draws the PNG icons into static/icons/.
    Icons,
    /// Runs the benchmarks in headless Chromium against the simulator and
    /// writes BENCHMARKS.md; never fails on a missed target.
    Bench,
    /// Runs every fuzz target in fuzz/ for SECONDS each with cargo-fuzz
    /// (installed when missing); not part of `test`.
    Fuzz {
        /// Seconds to fuzz each target.
        #[arg(default_value_t = fuzz::DEFAULT_SECONDS)]
        seconds: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = Workspace::locate().and_then(|workspace| match cli.command {
        Command::Setup => setup::run(&workspace),
        Command::Dist => dist::run(&workspace),
        Command::Sim { args } => sim::run(&workspace, &args),
        Command::Run => run::run(&workspace),
        Command::Test => test::run(&workspace),
        Command::Icons => icons::run(&workspace),
        Command::Bench => bench::run(&workspace),
        Command::Fuzz { seconds } => fuzz::run(&workspace, seconds),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
