//! Command-line flags of the simulator and the loopback-only listen check.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

const USERS_HELP: &str = "\
Users (fixed):
  admin / Admin123        domains Global (default), Global/Devel, Global/Prod,
                          Global/Prod/East (East contains no network objects)
  apiuser / Pa:ss wörd1   domain Global/Devel only (its default)

Files written to --state-dir: cert.pem (the self-signed certificate),
spki-sha256.txt (base64 SHA-256 of its public key, for Chromium's
--ignore-certificate-errors-spki-list) and, once the server accepts
connections, address.txt (IP:PORT).";

/// Flags of the `fmc-sim` binary; tests build it with [`Config::parse_from`].
#[derive(Debug, Clone, Parser)]
#[command(
    name = "fmc-sim",
    version,
    about = "HTTPS simulator of the Cisco FMC REST API, for tests and demos",
    after_help = USERS_HELP
)]
pub struct Config {
    /// Address and port to listen on. Only loopback addresses (127.0.0.0/8,
    /// ::1) are accepted; port 0 picks a free port.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8443", value_parser = parse_listen_addr)]
    pub listen: SocketAddr,

    /// Folder for cert.pem, spki-sha256.txt and address.txt; created when missing.
    #[arg(long, value_name = "DIR", default_value = "target/fmc-sim")]
    pub state_dir: PathBuf,

    /// Lifetime of an access token, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 1800, value_parser = clap::value_parser!(u64).range(1..))]
    pub access_token_lifetime: u64,

    /// Number of refreshes allowed per sign-in; the next one returns 401.
    #[arg(long, value_name = "COUNT", default_value_t = 3)]
    pub max_refreshes: u32,

    /// Number of network objects generated in the Global domain.
    #[arg(long, value_name = "COUNT", default_value_t = 3000)]
    pub networks: usize,

    /// Maximum page size; a larger `limit` query parameter is reduced to it.
    #[arg(long, value_name = "COUNT", default_value_t = 1000, value_parser = parse_page_cap)]
    pub page_cap: usize,

    /// Version string returned by /api/fmc_platform/v1/info/serverversion.
    #[arg(long, value_name = "TEXT", default_value = "7.2.5 (build 208)")]
    pub server_version: String,

    /// Refresh path spellings to serve; a spelling left out returns 404.
    #[arg(long, value_enum, value_name = "SPELLING", default_value_t = RefreshPathSpelling::Both)]
    pub refresh_path_spelling: RefreshPathSpelling,

    /// Requests per minute per user (sliding 60 s window) before returning
    /// 429, as FMC does with 120 (300 from 7.4.1); 0 turns the limit off.
    #[arg(long, value_name = "COUNT", default_value_t = 120)]
    pub rate_limit: u32,

    /// Requests in progress at once per client IP address before returning
    /// 429, as FMC does with 10 connections; 0 turns the limit off.
    #[arg(long, value_name = "COUNT", default_value_t = 10)]
    pub max_connections: u32,

    /// Seconds sent in a `Retry-After` header with every 429; without this
    /// flag no `Retry-After` is sent, since whether FMC sends one is unknown.
    #[arg(long, value_name = "SECS")]
    pub retry_after: Option<u64>,

    /// Serves every Nth list request with half its page size (at least 1),
    /// so clients get fewer items than `limit` requested in the middle of a
    /// list, as an FMC sometimes returns.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub trim_limit_every: Option<u64>,
}

impl Config {
    /// Returns the access token lifetime as a [`Duration`].
    pub fn access_token_lifetime(&self) -> Duration {
        Duration::from_secs(self.access_token_lifetime)
    }
}

/// Spellings of the refresh path that the simulator routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RefreshPathSpelling {
    /// Both `/auth/refreshtoken` and `/auth/refresh-token`.
    Both,
    /// Only `/auth/refreshtoken`, the spelling real FMCs use.
    #[value(name = "refreshtoken")]
    RefreshToken,
    /// Only `/auth/refresh-token`, the spelling in Cisco's guide text.
    #[value(name = "refresh-token")]
    RefreshHyphenToken,
}

impl RefreshPathSpelling {
    /// Reports whether a request to the given spelling is routed.
    pub fn allows(self, spelling: RefreshPathSpelling) -> bool {
        self == RefreshPathSpelling::Both || self == spelling
    }
}

/// Error for a listen address outside the loopback range.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "listen address {addr} is not a loopback address; \
     use 127.0.0.1:PORT, another 127.x.y.z address or [::1]:PORT"
)]
pub struct NotLoopbackError {
    pub addr: SocketAddr,
}

/// Rejects any address outside 127.0.0.0/8 and ::1, so the simulator can
/// never be reached from another machine.
pub fn check_loopback(addr: SocketAddr) -> Result<SocketAddr, NotLoopbackError> {
    if addr.ip().is_loopback() {
        Ok(addr)
    } else {
        Err(NotLoopbackError { addr })
    }
}

fn parse_listen_addr(text: &str) -> Result<SocketAddr, String> {
    let addr: SocketAddr = text.parse().map_err(|_| {
        format!("'{text}' is not an IP:PORT address; use for example 127.0.0.1:8443 or [::1]:0")
    })?;
    check_loopback(addr).map_err(|error| error.to_string())
}

fn parse_page_cap(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(cap) if cap >= 1 => Ok(cap),
        _ => Err(format!(
            "'{text}' is not a page cap; use a whole number of 1 or more"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_real_fmc_limits() {
        let config = Config::parse_from(["fmc-sim"]);

        assert_eq!(config.listen, "127.0.0.1:8443".parse().unwrap());
        assert_eq!(config.access_token_lifetime(), Duration::from_secs(1800));
        assert_eq!(config.max_refreshes, 3);
        assert_eq!(config.networks, 3000);
        assert_eq!(config.page_cap, 1000);
        assert_eq!(config.server_version, "7.2.5 (build 208)");
        assert_eq!(config.refresh_path_spelling, RefreshPathSpelling::Both);
        assert_eq!(config.state_dir, PathBuf::from("target/fmc-sim"));
        assert_eq!(config.rate_limit, 120);
        assert_eq!(config.max_connections, 10);
        assert_eq!(config.retry_after, None);
        assert_eq!(config.trim_limit_every, None);
    }

    #[test]
    fn limit_flags() {
        let config = Config::parse_from([
            "fmc-sim",
            "--rate-limit",
            "0",
            "--max-connections",
            "3",
            "--retry-after",
            "7",
            "--trim-limit-every",
            "5",
        ]);

        assert_eq!(config.rate_limit, 0);
        assert_eq!(config.max_connections, 3);
        assert_eq!(config.retry_after, Some(7));
        assert_eq!(config.trim_limit_every, Some(5));
    }

    #[test]
    fn zero_trim_interval_rejected() {
        assert!(Config::try_parse_from(["fmc-sim", "--trim-limit-every", "0"]).is_err());
    }

    #[test]
    fn listen_accepts_loopback_addresses() {
        for text in ["127.0.0.1:0", "127.1.2.3:8443", "[::1]:0"] {
            assert!(parse_listen_addr(text).is_ok(), "{text} should be accepted");
        }
    }

    #[test]
    fn listen_rejects_other_addresses() {
        for text in ["0.0.0.0:8443", "192.168.1.10:443", "[::]:0", "10.0.0.1:1"] {
            let error = parse_listen_addr(text).unwrap_err();
            assert!(error.contains("not a loopback address"), "{text}: {error}");
        }
    }

    #[test]
    fn listen_rejects_text_without_port() {
        let error = parse_listen_addr("localhost").unwrap_err();

        assert!(error.contains("not an IP:PORT address"), "{error}");
    }

    #[test]
    fn refresh_spelling_flag_values() {
        let config = Config::parse_from(["fmc-sim", "--refresh-path-spelling", "refreshtoken"]);
        assert_eq!(
            config.refresh_path_spelling,
            RefreshPathSpelling::RefreshToken
        );

        let config = Config::parse_from(["fmc-sim", "--refresh-path-spelling", "refresh-token"]);
        assert_eq!(
            config.refresh_path_spelling,
            RefreshPathSpelling::RefreshHyphenToken
        );
    }

    #[test]
    fn refresh_spelling_allows() {
        use RefreshPathSpelling::*;

        assert!(Both.allows(RefreshToken));
        assert!(Both.allows(RefreshHyphenToken));
        assert!(RefreshToken.allows(RefreshToken));
        assert!(!RefreshToken.allows(RefreshHyphenToken));
        assert!(!RefreshHyphenToken.allows(RefreshToken));
    }

    #[test]
    fn zero_page_cap_rejected() {
        assert!(Config::try_parse_from(["fmc-sim", "--page-cap", "0"]).is_err());
    }
}
