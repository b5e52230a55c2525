//! The rules of the Cisco Secure Firewall Management Center (FMC) REST API
//! that the browser extension follows, as plain Rust. It covers host
//! normalisation and the check that decides where an access token may go,
//! HTTP Basic sign-in headers, and the token and domain headers that
//! `generatetoken` and `refreshtoken` return. It also parses FMC error
//! bodies, builds requests with the domain UUID filled in, counts
//! access-token lifetimes and refreshes, and summarizes responses and
//! network errors. It plans the paging of a whole list, paces requests
//! below the FMC's rate limits, decides which failures are retried, and
//! exports items as JSON or CSV. It is not an HTTP client and has no
//! browser dependencies. The caller sends requests, passes in the status,
//! headers and body it received, and supplies the time as Unix
//! milliseconds, so the crate builds for the host and for
//! `wasm32-unknown-unknown` alike.

pub mod auth;
pub mod body_check;
pub mod body_file;
pub mod collection;
pub mod curl;
pub mod domain;
pub mod error_body;
pub mod export;
pub mod headers;
pub mod history;
pub mod host;
pub mod json_path;
pub mod json_tree;
pub mod keepalive;
pub mod line_source;
pub mod line_window;
pub mod net_error;
pub mod paging;
pub mod paths;
pub mod placeholders;
pub mod pretty_lines;
pub mod profile;
pub mod query_rows;
pub mod rate_limit;
pub mod raw_lines;
pub mod request;
pub mod request_headers;
pub mod response;
pub mod response_check;
pub mod retry;
pub mod saved;
pub mod secret;
pub mod session;
pub mod signin;
pub mod spec;
pub mod spec_cache;
pub mod spec_search;
