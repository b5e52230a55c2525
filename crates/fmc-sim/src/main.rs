//! `fmc-sim`: runs the FMC REST API simulator until SIGINT or SIGTERM.
//! Users, flags and files are described by `fmc-sim --help`.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use fmc_sim::{start, Config};
use tracing::info;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    // Logs go to stderr, so that stdout carries only the "listening" line.
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    // The handlers are installed before start() writes address.txt, so a
    // SIGTERM sent as soon as that file exists still stops the server cleanly.
    let stop = match stop_signal() {
        Ok(stop) => stop,
        Err(signal_error) => {
            eprintln!("fmc-sim: installing the SIGINT and SIGTERM handlers failed: {signal_error}");
            return ExitCode::FAILURE;
        }
    };

    let sim = match start(config).await {
        Ok(sim) => sim,
        Err(start_error) => {
            eprintln!("fmc-sim: {start_error}");
            return ExitCode::FAILURE;
        }
    };
    println!("fmc-sim listening on {}", sim.base_url());

    match sim.run_until(stop).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(serve_error) => {
            eprintln!("fmc-sim: {serve_error}");
            ExitCode::FAILURE
        }
    }
}

/// Installs the SIGINT (Ctrl-C) and SIGTERM handlers and returns a future
/// that completes on the first of those signals.
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};

    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => info!("received SIGINT; stopping"),
            _ = terminate.recv() => info!("received SIGTERM; stopping"),
        }
    })
}

/// Returns a future that completes on Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => info!("received Ctrl-C; stopping"),
            Err(signal_error) => {
                tracing::error!(error = %signal_error, "waiting for Ctrl-C failed")
            }
        }
    })
}
