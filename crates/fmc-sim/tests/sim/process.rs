//! The `fmc-sim` binary: listen-address guard, state files, the ready line
//! on stdout, and a clean stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use clap::Parser;
use fmc_sim::{start, Config, StartError};
use reqwest::StatusCode;

use crate::support::*;

const BINARY: &str = env!("CARGO_BIN_EXE_fmc-sim");

/// Waits for the child to exit, killing it after `timeout` so no test
/// leaves a server behind.
fn wait_or_kill(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn binary_rejects_non_loopback_listen() {
    for addr in ["0.0.0.0:0", "[::]:0", "192.168.1.10:8443"] {
        let output = Command::new(BINARY)
            .args(["--listen", addr, "--state-dir"])
            .arg(scratch_dir("guard"))
            .output()
            .expect("fmc-sim runs");

        assert!(!output.status.success(), "{addr} must be rejected");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("not a loopback address"),
            "{addr}: {stderr}"
        );
    }
}

#[tokio::test]
async fn start_rejects_non_loopback_config() {
    let dir = scratch_dir("guard");
    let mut config = Config::parse_from(["fmc-sim", "--state-dir", dir.to_str().unwrap()]);
    config.listen = "0.0.0.0:0".parse().unwrap();

    let result = start(config).await;

    assert!(
        matches!(result, Err(StartError::NotLoopback(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn binary_serves_and_stops_on_sigterm() {
    let dir = scratch_dir("binary");
    let mut child = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--state-dir"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("fmc-sim starts");

    let stdout = child.stdout.take().expect("stdout is piped");
    let ready_line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    });
    let ready_line = tokio::time::timeout(Duration::from_secs(30), ready_line).await;
    let Ok(Ok(Ok(line))) = ready_line else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("no ready line within 30 s: {ready_line:?}");
    };

    let address = std::fs::read_to_string(dir.join("address.txt")).expect("address.txt written");
    let addr: SocketAddr = address.parse().expect("address.txt holds IP:PORT");
    assert_eq!(
        line.trim_end(),
        format!("fmc-sim listening on https://{addr}")
    );
    assert!(addr.ip().is_loopback());
    assert_ne!(addr.port(), 0);

    let spki = std::fs::read_to_string(dir.join("spki-sha256.txt")).expect("spki file written");
    assert_eq!(STANDARD.decode(spki.trim()).expect("base64").len(), 32);

    let client = client_trusting(&dir.join("cert.pem"));
    let response = client
        .post(format!("https://{addr}{GENERATE_TOKEN}"))
        .basic_auth("admin", Some("Admin123"))
        .send()
        .await
        .expect("the binary answers over TLS with its generated certificate");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let pid = child.id().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let status = wait_or_kill(&mut child, Duration::from_secs(15));

    assert!(
        status.is_some_and(|s| s.success()),
        "exit status after SIGTERM: {status:?}"
    );
    assert!(
        !dir.join("address.txt").exists(),
        "address.txt is removed on stop"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn help_lists_users() {
    let output = Command::new(BINARY)
        .arg("--help")
        .output()
        .expect("fmc-sim runs");

    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(help.contains("admin / Admin123"), "{help}");
    assert!(help.contains("apiuser / Pa:ss wörd1"), "{help}");
    assert!(help.contains("--refresh-path-spelling"), "{help}");
}
