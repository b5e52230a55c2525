//! The shared state behind every handler, passed as one `Arc<AppState>`.

use std::net::SocketAddr;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::clock::Clock;
use crate::config::Config;
use crate::network_store::NetworkStore;
use crate::sessions::SessionStore;
use crate::stats::Stats;

/// Everything the handlers share.
#[derive(Debug)]
pub struct AppState {
    pub config: Config,
    /// Address the listener is bound to, used in absolute URLs when a
    /// request carries neither a `Host` header nor an authority.
    pub bound_addr: SocketAddr,
    pub clock: Clock,
    pub sessions: Mutex<SessionStore>,
    pub networks: Mutex<NetworkStore>,
    pub stats: Mutex<Stats>,
}

impl AppState {
    pub fn new(config: Config, bound_addr: SocketAddr) -> Self {
        let sessions = SessionStore::new(config.access_token_lifetime(), config.max_refreshes);
        let networks = NetworkStore::generate(config.networks);
        AppState {
            config,
            bound_addr,
            clock: Clock::default(),
            sessions: Mutex::new(sessions),
            networks: Mutex::new(networks),
            stats: Mutex::new(Stats::default()),
        }
    }

    pub fn sessions(&self) -> MutexGuard<'_, SessionStore> {
        lock(&self.sessions)
    }

    pub fn networks(&self) -> MutexGuard<'_, NetworkStore> {
        lock(&self.networks)
    }

    pub fn stats(&self) -> MutexGuard<'_, Stats> {
        lock(&self.stats)
    }
}

/// Locks a mutex, recovering it if a handler panicked while holding it, so
/// that one failed request does not stop the simulator from serving.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
