//! What happens when the user acts: each flow calls the core for the FMC
//! rules, the browser adapters for I/O, and updates [`crate::state::AppState`].

pub mod fetch_all;
pub mod history;
pub mod live;
pub mod persist;
pub mod profiles;
pub mod reread;
pub mod restore;
pub mod saved;
pub mod send;
pub mod sign_in;
pub mod sign_out;
pub mod spec;
pub mod spec_worker;
pub mod transport;
