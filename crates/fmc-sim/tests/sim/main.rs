//! Integration tests of the simulator over HTTPS on loopback. One test
//! binary, so the slow link step happens once.

mod auth;
mod blob;
mod faults;
mod networks;
mod paging;
mod process;
mod spec;
mod support;
mod tokens;
