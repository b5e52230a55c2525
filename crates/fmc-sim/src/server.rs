//! Starting and stopping the HTTPS server, and the files in the state folder.

use std::future::Future;
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum_server::Handle;
use tokio::task::JoinHandle;
use tracing::{info, warn};

use crate::config::{check_loopback, Config, NotLoopbackError};
use crate::router;
use crate::state::AppState;
use crate::tls::{SelfSignedCert, TlsError};

pub const CERT_FILE: &str = "cert.pem";
pub const SPKI_FILE: &str = "spki-sha256.txt";
pub const ADDRESS_FILE: &str = "address.txt";

/// Time open connections get to finish their requests after a stop signal.
const GRACEFUL_SHUTDOWN: Duration = Duration::from_secs(5);

/// Errors that stop the simulator from starting or end it early.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    NotLoopback(#[from] NotLoopbackError),
    #[error("could not write {path}: {source}. Check that the folder is writable or pass another --state-dir.")]
    StateDir { path: PathBuf, source: io::Error },
    #[error("could not listen on {addr}: {source}. Stop the program using that port, or pass --listen 127.0.0.1:0 for a free port.")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error("the HTTPS server on {addr} stopped with an error: {source}")]
    Serve { addr: SocketAddr, source: io::Error },
}

/// A started simulator; [`RunningSim::shutdown`] stops it.
#[derive(Debug)]
pub struct RunningSim {
    addr: SocketAddr,
    state_dir: PathBuf,
    state: Arc<AppState>,
    handle: Handle<SocketAddr>,
    task: JoinHandle<io::Result<()>>,
}

/// Binds the listener, writes `cert.pem` and `spki-sha256.txt`, starts
/// serving, and writes `address.txt` last, once connections are accepted.
pub async fn start(config: Config) -> Result<RunningSim, StartError> {
    let requested = check_loopback(config.listen)?;
    let state_dir = config.state_dir.clone();
    prepare_state_dir(&state_dir)?;

    let cert = SelfSignedCert::generate()?;
    write_file(&state_dir.join(CERT_FILE), &cert.cert_pem)?;
    write_file(&state_dir.join(SPKI_FILE), &cert.spki_sha256_base64())?;
    let tls_config = cert.rustls_config()?;

    let bind_error = |source| StartError::Bind {
        addr: requested,
        source,
    };
    let listener = TcpListener::bind(requested).map_err(bind_error)?;
    listener.set_nonblocking(true).map_err(bind_error)?;
    let addr = listener.local_addr().map_err(bind_error)?;

    let state = Arc::new(AppState::new(config, addr));
    let app = router::build(state.clone());
    let handle = Handle::new();
    let server = axum_server::from_tcp_rustls(listener, tls_config)
        .map_err(bind_error)?
        .handle(handle.clone());
    // The client address feeds the per-address connection limit.
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(server.serve(service));

    if handle.listening().await.is_none() {
        let source = match task.await {
            Ok(Err(error)) => error,
            _ => io::Error::other("the server task ended before it accepted connections"),
        };
        return Err(StartError::Serve { addr, source });
    }
    write_file_atomically(&state_dir.join(ADDRESS_FILE), &addr.to_string())?;
    info!(%addr, state_dir = %state_dir.display(), "fmc-sim started");

    Ok(RunningSim {
        addr,
        state_dir,
        state,
        handle,
        task,
    })
}

impl RunningSim {
    /// Returns the bound address, which contains the picked port when the
    /// listen address had port 0.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Returns `https://IP:PORT`.
    pub fn base_url(&self) -> String {
        format!("https://{}", self.addr)
    }

    pub fn state_dir(&self) -> &Path {
        &self.state_dir
    }

    /// Returns the shared state, so in-process tests can move the clock.
    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Serves until `stop` completes, then shuts down; returns early with an
    /// error if the server fails first.
    pub async fn run_until(mut self, stop: impl Future<Output = ()>) -> Result<(), StartError> {
        tokio::select! {
            () = stop => self.shutdown().await,
            result = &mut self.task => {
                remove_address_file(&self.state_dir);
                Err(self.serve_error(result))
            }
        }
    }

    /// Stops accepting connections, lets open requests finish, and removes
    /// `address.txt` so that no reader connects to a stopped server.
    pub async fn shutdown(self) -> Result<(), StartError> {
        self.handle.graceful_shutdown(Some(GRACEFUL_SHUTDOWN));
        remove_address_file(&self.state_dir);
        let addr = self.addr;
        let result = self.task.await;
        info!(%addr, "fmc-sim stopped");
        match result {
            Ok(Ok(())) => Ok(()),
            other => Err(StartError::Serve {
                addr,
                source: join_error_to_io(other),
            }),
        }
    }

    fn serve_error(&self, result: Result<io::Result<()>, tokio::task::JoinError>) -> StartError {
        StartError::Serve {
            addr: self.addr,
            source: join_error_to_io(result),
        }
    }
}

fn join_error_to_io(result: Result<io::Result<()>, tokio::task::JoinError>) -> io::Error {
    match result {
        Ok(Err(error)) => error,
        Ok(Ok(())) => io::Error::other("the server stopped without a stop signal"),
        Err(join_error) => io::Error::other(join_error.to_string()),
    }
}

/// Creates the folder and removes an `address.txt` left by an earlier run,
/// so that a reader waiting for it reads only this run's address.
fn prepare_state_dir(dir: &Path) -> Result<(), StartError> {
    std::fs::create_dir_all(dir).map_err(|source| StartError::StateDir {
        path: dir.to_owned(),
        source,
    })?;

    let address_file = dir.join(ADDRESS_FILE);
    match std::fs::remove_file(&address_file) {
        Err(source) if source.kind() != io::ErrorKind::NotFound => Err(StartError::StateDir {
            path: address_file,
            source,
        }),
        _ => Ok(()),
    }
}

fn remove_address_file(dir: &Path) {
    let path = dir.join(ADDRESS_FILE);
    if let Err(error) = std::fs::remove_file(&path) {
        if error.kind() != io::ErrorKind::NotFound {
            warn!(path = %path.display(), %error, "could not remove the address file");
        }
    }
}

fn write_file(path: &Path, contents: &str) -> Result<(), StartError> {
    std::fs::write(path, contents).map_err(|source| StartError::StateDir {
        path: path.to_owned(),
        source,
    })
}

/// Writes a sibling temporary file and renames it, so a reader never sees
/// a partly written file.
fn write_file_atomically(path: &Path, contents: &str) -> Result<(), StartError> {
    let temporary = path.with_extension("txt.tmp");
    write_file(&temporary, contents)?;
    std::fs::rename(&temporary, path).map_err(|source| StartError::StateDir {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fmc-sim-unit-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn stale_address_file_removed() {
        let dir = scratch_dir("stale");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(ADDRESS_FILE), "127.0.0.1:1").unwrap();

        prepare_state_dir(&dir).unwrap();

        assert!(!dir.join(ADDRESS_FILE).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn atomic_write_leaves_no_temporary() {
        let dir = scratch_dir("atomic");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(ADDRESS_FILE);

        write_file_atomically(&path, "127.0.0.1:8443").unwrap();

        assert_eq!(std::fs::read_to_string(&path).unwrap(), "127.0.0.1:8443");
        assert!(!path.with_extension("txt.tmp").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
