//! State that only the composer's parts share: the endpoint list of the
//! signed-in FMC.

use std::sync::Arc;

use fmc_core::spec::Endpoint;
use fmc_core::spec_search::EndpointIndex;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::flows::spec::request_endpoints;
use crate::state::AppState;

/// Loading state of the endpoint list of the FMC at `origin`.
#[derive(Clone, Debug, Default)]
pub enum EndpointStatus {
    #[default]
    Idle,
    Loading {
        origin: String,
    },
    Ready {
        origin: String,
        /// The spec path the list came from.
        source: String,
        endpoints: Arc<Vec<Endpoint>>,
        index: Arc<EndpointIndex>,
    },
    Failed {
        origin: String,
        message: String,
    },
}

impl EndpointStatus {
    /// Builds the ready state for `endpoints`, with their search index.
    pub fn ready(origin: &str, source: &str, endpoints: Vec<Endpoint>) -> Self {
        let index = EndpointIndex::new(&endpoints);
        EndpointStatus::Ready {
            origin: origin.to_owned(),
            source: source.to_owned(),
            endpoints: Arc::new(endpoints),
            index: Arc::new(index),
        }
    }

    /// Returns true if the list of `origin` is loaded or on its way.
    fn covers(&self, origin: &str) -> bool {
        match self {
            EndpointStatus::Loading { origin: loaded }
            | EndpointStatus::Ready { origin: loaded, .. } => loaded == origin,
            EndpointStatus::Idle | EndpointStatus::Failed { .. } => false,
        }
    }
}

/// The composer's shared signals, provided as context by the composer.
#[derive(Clone, Copy)]
pub struct ComposerState {
    pub endpoints: RwSignal<EndpointStatus>,
}

impl ComposerState {
    pub fn new() -> Self {
        ComposerState {
            endpoints: RwSignal::new(EndpointStatus::Idle),
        }
    }

    /// Starts loading the endpoint list of the signed-in FMC unless it is
    /// loaded or loading. A failed load is tried again.
    pub fn load_endpoints(self, state: AppState) {
        let Some(session) = state.session.get_untracked() else {
            return;
        };
        let origin = session.host.origin();
        if self
            .endpoints
            .with_untracked(|status| status.covers(&origin))
        {
            return;
        }
        self.endpoints.set(EndpointStatus::Loading {
            origin: origin.clone(),
        });
        spawn_local(async move {
            let loaded = request_endpoints(&session.host.display(), &session.username).await;
            let status = match loaded {
                Ok(cache) => EndpointStatus::ready(&origin, &cache.source, cache.endpoints),
                Err(message) => EndpointStatus::Failed { origin, message },
            };
            self.endpoints.set(status);
        });
    }
}

impl Default for ComposerState {
    fn default() -> Self {
        ComposerState::new()
    }
}
