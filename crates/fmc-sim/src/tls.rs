//! The self-signed certificate generated at each start, and its TLS config.

use std::sync::Arc;

use axum_server::tls_rustls::RustlsConfig;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, PublicKeyData};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use sha2::{Digest, Sha256};

/// Names the certificate is valid for.
const SUBJECT_ALT_NAMES: [&str; 3] = ["127.0.0.1", "::1", "localhost"];

/// Errors while building the certificate or the TLS configuration.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("generating the self-signed certificate failed: {0}. This is a bug in the simulator or in rcgen; report it with this message.")]
    Certificate(#[from] rcgen::Error),
    #[error("building the TLS server configuration failed: {0}. This is a bug in the simulator or in rustls; report it with this message.")]
    Config(#[from] rustls::Error),
}

/// A certificate and its private key, which never leaves memory.
pub struct SelfSignedCert {
    pub cert_pem: String,
    pub cert_der: CertificateDer<'static>,
    /// DER of the SubjectPublicKeyInfo.
    pub spki_der: Vec<u8>,
    key_der: PrivatePkcs8KeyDer<'static>,
}

impl std::fmt::Debug for SelfSignedCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SelfSignedCert")
            .field("cert_pem", &self.cert_pem)
            .finish_non_exhaustive()
    }
}

impl SelfSignedCert {
    /// Generates an ECDSA P-256 certificate for 127.0.0.1, ::1 and localhost.
    pub fn generate() -> Result<Self, TlsError> {
        let key_pair = KeyPair::generate()?;
        let names: Vec<String> = SUBJECT_ALT_NAMES
            .iter()
            .map(|name| name.to_string())
            .collect();
        let mut params = CertificateParams::new(names)?;
        let mut subject = DistinguishedName::new();
        subject.push(DnType::CommonName, "FMC simulator");
        params.distinguished_name = subject;

        let cert = params.self_signed(&key_pair)?;
        Ok(SelfSignedCert {
            cert_pem: cert.pem(),
            cert_der: cert.der().clone(),
            spki_der: key_pair.subject_public_key_info(),
            key_der: PrivatePkcs8KeyDer::from(key_pair.serialize_der()),
        })
    }

    /// Returns the base64 SHA-256 of the public key, the value Chromium's
    /// `--ignore-certificate-errors-spki-list` takes.
    pub fn spki_sha256_base64(&self) -> String {
        STANDARD.encode(Sha256::digest(&self.spki_der))
    }

    /// Builds the TLS configuration: ring crypto, HTTP/2 and HTTP/1.1 by ALPN.
    pub fn rustls_config(&self) -> Result<RustlsConfig, TlsError> {
        // The provider is named here, not taken from the process default,
        // because a dependency that enables another provider would make the
        // default ambiguous.
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let key = PrivateKeyDer::Pkcs8(self.key_der.clone_key());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(vec![self.cert_der.clone()], key)?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(RustlsConfig::from_config(Arc::new(config)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spki_is_inside_certificate() {
        let cert = SelfSignedCert::generate().unwrap();

        let der = cert.cert_der.as_ref();
        let found = der
            .windows(cert.spki_der.len())
            .any(|window| window == cert.spki_der.as_slice());
        assert!(
            found,
            "the SubjectPublicKeyInfo DER must appear in the certificate DER"
        );
    }

    #[test]
    fn spki_hash_is_base64_sha256() {
        let cert = SelfSignedCert::generate().unwrap();

        let decoded = STANDARD.decode(cert.spki_sha256_base64()).unwrap();

        assert_eq!(decoded.len(), 32);
        assert_eq!(decoded, Sha256::digest(&cert.spki_der).to_vec());
    }

    #[test]
    fn each_start_gets_new_key() {
        let first = SelfSignedCert::generate().unwrap();
        let second = SelfSignedCert::generate().unwrap();

        assert_ne!(first.spki_der, second.spki_der);
    }

    #[test]
    fn pem_is_a_certificate() {
        let cert = SelfSignedCert::generate().unwrap();

        assert!(cert.cert_pem.starts_with("-----BEGIN CERTIFICATE-----"));
    }

    #[test]
    fn rustls_config_offers_h2_and_http11() {
        let cert = SelfSignedCert::generate().unwrap();

        let config = cert.rustls_config().unwrap();

        let alpn = config.get_inner().alpn_protocols.clone();
        assert_eq!(alpn, vec![b"h2".to_vec(), b"http/1.1".to_vec()]);
    }
}
