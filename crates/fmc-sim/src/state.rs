//! The shared state behind every handler, passed as one `Arc<AppState>`.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::clock::Clock;
use crate::config::Config;
use crate::inject::InjectionQueue;
use crate::limits::LimitState;
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
    pub limits: Mutex<LimitState>,
    pub injections: Mutex<InjectionQueue>,
    /// List requests served so far, for `--trim-limit-every`.
    list_requests: AtomicU64,
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
            limits: Mutex::new(LimitState::default()),
            injections: Mutex::new(InjectionQueue::default()),
            list_requests: AtomicU64::new(0),
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

    pub fn limits(&self) -> MutexGuard<'_, LimitState> {
        lock(&self.limits)
    }

    pub fn injections(&self) -> MutexGuard<'_, InjectionQueue> {
        lock(&self.injections)
    }

    /// Returns the page cap for the next list request: `--page-cap`, or on
    /// every `--trim-limit-every`th list request half of `requested_limit`
    /// capped, at least 1.
    pub fn page_cap_for_list(&self, requested_limit: usize) -> usize {
        let cap = self.config.page_cap;
        let served = self.list_requests.fetch_add(1, Ordering::Relaxed) + 1;
        match self.config.trim_limit_every {
            Some(every) if served.is_multiple_of(every) => {
                self.stats().record_trimmed_page();
                (requested_limit.min(cap) / 2).max(1)
            }
            _ => cap,
        }
    }
}

/// Locks a mutex, recovering it if a handler panicked while holding it, so
/// that one failed request does not stop the simulator from serving.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
