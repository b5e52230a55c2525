//! HTTPS simulator of the Cisco Secure Firewall Management Center (FMC) REST
//! API, for the tests, benchmarks and demos of the browser extension.
//!
//! It listens on loopback only, with a self-signed certificate generated at
//! start, and serves the part of the API the extension uses: generate token,
//! refresh and revoke, server version, domain list, and network objects with
//! paging. Status codes, token and domain headers (with lower-case names),
//! the JSON error body and the paging shape follow what a real FMC sends.
//! It is not a full FMC: only network objects exist, and nothing is kept
//! after the process stops.
//!
//! # Users
//!
//! The users are fixed:
//!
//! | user | password | domains (the first one is the default) |
//! | --- | --- | --- |
//! | `admin` | `Admin123` | `Global` (`e276abec-e0f2-11e3-8169-6d9ed49b625f`), `Global/Devel`, `Global/Prod`, `Global/Prod/East` |
//! | `apiuser` | `Pa:ss wörd1` | `Global/Devel` |
//!
//! The second password contains a colon, a space and a non-ASCII letter, so
//! tests can check how a client encodes Basic credentials. `Global/Prod/East`
//! contains no network objects, so a list there returns the empty-result shape.
//!
//! # Simulator-only endpoints
//!
//! - `GET /` returns a small HTML page for a user who opens the host to
//!   accept the certificate.
//! - `GET /_sim/stats` returns counters (sign-ins, refreshes per path
//!   spelling, revokes, responses by status, the path prefixes each issued
//!   access token was presented on, 429s sent for each limit, injected
//!   faults and trimmed pages). It needs no access token.
//! - `POST /_sim/inject` queues a fault for the next API requests: an
//!   error status, a dropped connection, or expired access tokens.
//!   `DELETE /_sim/inject` clears the queue. See [`inject`].
//!
//! # Limits
//!
//! Like an FMC, the simulator answers 429 beyond `--rate-limit` requests a
//! minute per user (default 120) or `--max-connections` requests in
//! progress per client address (default 10); see [`limits`].
//! `--trim-limit-every N` serves every Nth list page with half the asked
//! page size.
//! - `POST /_sim/delay` delays the next API requests by `delayMs`
//!   milliseconds; see [`delay`].
//! - `GET /api/_sim/blob?bytes=N` returns a JSON object list of about N
//!   bytes, for benchmarks of large responses. It needs an access token.
//!
//! Start it with [`server::start`] in-process, or run the `fmc-sim` binary.

pub mod access;
pub mod auth;
pub mod blob;
pub mod body;
pub mod clock;
pub mod config;
pub mod delay;
pub mod domain_access;
pub mod errors;
pub mod hostile;
pub mod info;
pub mod inject;
pub mod limits;
pub mod network_handlers;
pub mod network_json;
pub mod network_store;
pub mod pages;
pub mod paging;
pub mod request_log;
pub mod request_url;
pub mod router;
pub mod server;
pub mod sessions;
pub mod spec_catalog;
pub mod spec_doc;
pub mod spec_routes;
pub mod state;
pub mod stats;
pub mod tls;
pub mod users;

pub use config::Config;
pub use server::{start, RunningSim, StartError};
