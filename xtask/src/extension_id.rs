//! Chromium's extension id for a manifest `key`.

use anyhow::{Context, Result};
use base64::Engine;
use sha2::{Digest, Sha256};

/// Computes the id Chromium gives an extension with this base64 DER public
/// key: the first 32 hex digits of the key's SHA-256, with 0-f mapped to a-p.
pub fn from_public_key(base64_key: &str) -> Result<String> {
    let der = base64::engine::general_purpose::STANDARD
        .decode(base64_key)
        .context("the manifest `key` is not base64")?;
    let digest = Sha256::digest(&der);
    let id = digest
        .iter()
        .take(16)
        .flat_map(|byte| [byte >> 4, byte & 0x0f])
        .map(|nibble| char::from(b'a' + nibble))
        .collect();
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_from_committed_key() {
        // Expected value from:
        // base64 -d extension/dev-key.pub.b64 | sha256sum | cut -c1-32 | tr 0-9a-f a-p
        let key = include_str!("../../extension/dev-key.pub.b64").trim();

        assert_eq!(
            from_public_key(key).unwrap(),
            "hkoajnnpekfccgdjcaabndkkehdhlgkl"
        );
    }

    #[test]
    fn id_has_32_letters_a_to_p() {
        let id = from_public_key("QUJD").unwrap();

        assert_eq!(id.len(), 32);
        assert!(id.chars().all(|c| ('a'..='p').contains(&c)), "{id}");
    }

    #[test]
    fn invalid_key_rejected() {
        assert!(from_public_key("***").is_err());
    }
}
