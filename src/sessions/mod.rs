//! Sessions kept alive without the user touching a token: stored per host,
//! refreshed under a lock shared by every extension context, signed in again
//! with a kept password when the refreshes run out, and used by every
//! request through [`client::send_authorized`].

pub mod client;
pub mod generate;
pub mod keep_alive;
pub mod renew;
pub mod resend;
pub mod store;
