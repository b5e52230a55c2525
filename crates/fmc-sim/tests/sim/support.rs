//! Starting an in-process simulator on 127.0.0.1:0 and a client that trusts
//! its generated certificate.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use clap::Parser;
use fmc_sim::{start, Config, RunningSim};
use reqwest::{Client, Method, RequestBuilder, Response, StatusCode};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use serde_json::Value;

pub const GLOBAL: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
pub const DEVEL: &str = "369877c0-b3c5-45dd-adca-69100aac9ab4";
pub const PROD: &str = "a859cf25-9d59-48dc-a170-6e183bd6e3c8";
pub const PROD_EAST: &str = "f4ef97b5-0dff-4b40-b6fa-af60b5273c11";

pub const ADMIN: (&str, &str) = ("admin", "Admin123");
pub const API_USER: (&str, &str) = ("apiuser", "Pa:ss wörd1");

pub const GENERATE_TOKEN: &str = "/api/fmc_platform/v1/auth/generatetoken";
pub const REFRESH_TOKEN: &str = "/api/fmc_platform/v1/auth/refreshtoken";
pub const REFRESH_HYPHEN_TOKEN: &str = "/api/fmc_platform/v1/auth/refresh-token";
pub const REVOKE_ACCESS: &str = "/api/fmc_platform/v1/auth/revokeaccess";

/// Returns a new, empty folder under cargo's scratch folder for tests.
pub fn scratch_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("fmc-sim-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Builds a client whose only trusted root is the simulator's `cert.pem`.
pub fn client_trusting(cert_pem: &Path) -> Client {
    client_builder_trusting(cert_pem)
        .build()
        .expect("client with the simulator's certificate as root")
}

pub fn client_builder_trusting(cert_pem: &Path) -> reqwest::ClientBuilder {
    let pem = std::fs::read(cert_pem).expect("cert.pem is readable");
    let cert = CertificateDer::from_pem_slice(&pem).expect("cert.pem holds a certificate");
    let mut roots = RootCertStore::empty();
    roots.add(cert).expect("certificate accepted as a root");

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions of the ring provider")
        .with_root_certificates(roots)
        .with_no_client_auth();
    Client::builder().tls_backend_preconfigured(tls)
}

/// Tokens from a 204 of generate token or refresh.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

impl Tokens {
    pub fn from_response(response: &Response) -> Tokens {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .unwrap_or_else(|| panic!("{name} header missing"))
                .to_str()
                .expect("token header is text")
                .to_owned()
        };
        Tokens {
            access: header("x-auth-access-token"),
            refresh: header("x-auth-refresh-token"),
        }
    }
}

/// A simulator started for one test, with a client that trusts it.
pub struct TestSim {
    pub sim: RunningSim,
    pub client: Client,
}

impl TestSim {
    /// Starts a simulator on 127.0.0.1:0 with extra flags.
    pub async fn start(flags: &[&str]) -> TestSim {
        let dir = scratch_dir("it");
        let dir_text = dir.to_str().expect("scratch path is UTF-8").to_owned();
        let mut args = vec![
            "fmc-sim",
            "--listen",
            "127.0.0.1:0",
            "--state-dir",
            &dir_text,
        ];
        args.extend_from_slice(flags);

        let sim = start(Config::parse_from(args))
            .await
            .expect("simulator starts");
        let client = client_trusting(&dir.join("cert.pem"));
        TestSim { sim, client }
    }

    pub async fn stop(self) {
        let dir = self.sim.state_dir().to_owned();
        self.sim.shutdown().await.expect("simulator stops cleanly");
        let _ = std::fs::remove_dir_all(dir);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.base_url())
    }

    pub fn request(&self, method: Method, path: &str, access_token: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("X-auth-access-token", access_token)
    }

    pub async fn generate_token(&self, (user, password): (&str, &str)) -> Response {
        self.client
            .post(self.url(GENERATE_TOKEN))
            .basic_auth(user, Some(password))
            .send()
            .await
            .expect("generate token request")
    }

    pub async fn sign_in(&self, credentials: (&str, &str)) -> Tokens {
        let response = self.generate_token(credentials).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        Tokens::from_response(&response)
    }

    pub async fn refresh(&self, path: &str, tokens: &Tokens) -> Response {
        self.client
            .post(self.url(path))
            .header("X-auth-access-token", &tokens.access)
            .header("X-auth-refresh-token", &tokens.refresh)
            .send()
            .await
            .expect("refresh request")
    }

    /// GETs a path and returns its status and JSON body.
    pub async fn get_json(&self, path: &str, access_token: &str) -> (StatusCode, Value) {
        let response = self
            .request(Method::GET, path, access_token)
            .send()
            .await
            .expect("GET request");
        let status = response.status();
        let body = response.json::<Value>().await.expect("JSON body");
        (status, body)
    }

    pub async fn stats(&self) -> Value {
        self.client
            .get(self.url("/_sim/stats"))
            .send()
            .await
            .expect("stats request")
            .json()
            .await
            .expect("stats JSON")
    }
}

/// Returns `error.messages[0].description` of an FMC error body, after
/// checking the rest of its shape.
pub fn error_description(body: &Value) -> &str {
    let error = &body["error"];
    assert_eq!(error["severity"], "ERROR", "error shape: {body}");
    assert!(error["category"].is_string(), "error shape: {body}");
    error["messages"][0]["description"]
        .as_str()
        .unwrap_or_else(|| panic!("error description missing: {body}"))
}

pub fn networks_path(domain: &str) -> String {
    format!("/api/fmc_config/v1/domain/{domain}/object/networks")
}
