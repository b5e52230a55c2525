//! A string that must not leak into logs, messages or previews.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Prefix that stands for the hidden part of a secret.
const MASK: &str = "••••";

/// Number of trailing characters that [`Secret::last4`] may reveal.
const REVEALED_CHARS: usize = 4;

/// Shortest secret whose last characters may be shown. Revealing 4 characters
/// of a short secret would give away a large part of it, so shorter ones are
/// masked completely. FMC access and refresh tokens are 36 characters long.
const MIN_LEN_TO_REVEAL: usize = 12;

/// An access token, refresh token or password.
///
/// `Debug` and `Display` print only the masked form, so a secret inside a
/// struct that is logged with `{:?}` stays hidden. Serialization writes the
/// real value, because sessions are stored with their tokens; only
/// [`Secret::expose`] returns it in code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// Returns the real value, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Returns the last 4 characters, or `""` when the secret is shorter than
    /// 12 characters.
    pub fn last4(&self) -> &str {
        let count = self.0.chars().count();
        if count < MIN_LEN_TO_REVEAL {
            return "";
        }
        match self.0.char_indices().nth(count - REVEALED_CHARS) {
            Some((start, _)) => &self.0[start..],
            None => "",
        }
    }

    /// Returns `"••••"` followed by [`Secret::last4`].
    pub fn masked(&self) -> String {
        format!("{MASK}{}", self.last4())
    }

    /// Returns true when the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_tuple("Secret")
            .field(&self.masked())
            .finish()
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

    #[test]
    fn expose_returns_value() {
        assert_eq!(Secret::new(TOKEN).expose(), TOKEN);
    }

    #[test]
    fn last4_of_token() {
        assert_eq!(Secret::new(TOKEN).last4(), "abcd");
    }

    #[test]
    fn last4_counts_characters_not_bytes() {
        let secret = Secret::new("pässwörd-with-ümläüt");
        assert_eq!(secret.last4(), "läüt");
    }

    #[test]
    fn short_secret_fully_masked() {
        assert_eq!(Secret::new("hunter2").last4(), "");
        assert_eq!(Secret::new("hunter2").masked(), "••••");
        assert_eq!(Secret::new("").masked(), "••••");
    }

    #[test]
    fn masked_shows_last4() {
        assert_eq!(Secret::new(TOKEN).masked(), "••••abcd");
    }

    #[test]
    fn debug_hides_value() {
        let debug = format!("{:?}", Secret::new(TOKEN));
        assert!(!debug.contains(TOKEN), "{debug}");
        assert_eq!(debug, "Secret(\"••••abcd\")");
    }

    #[test]
    fn display_hides_value() {
        assert_eq!(Secret::new(TOKEN).to_string(), "••••abcd");
    }

    #[test]
    fn debug_of_containing_struct_hides_value() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            token: Secret,
        }
        let debug = format!(
            "{:?}",
            Holder {
                token: Secret::new(TOKEN)
            }
        );
        assert!(!debug.contains(TOKEN), "{debug}");
    }

    #[test]
    fn serde_is_transparent() {
        let json = serde_json::to_string(&Secret::new(TOKEN)).expect("serializes");
        assert_eq!(json, format!("\"{TOKEN}\""));
        let back: Secret = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back.expose(), TOKEN);
    }
}
