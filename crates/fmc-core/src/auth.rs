//! The HTTP Basic `Authorization` header for `generatetoken`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

/// Errors in a username or password that make the Basic header impossible.
/// No variant contains the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialsError {
    #[error("The username is empty. Enter the FMC username to sign in with.")]
    EmptyUsername,
    #[error("The username {username:?} contains ':', which HTTP Basic authentication cannot carry in a username. Check the username and remove the ':'.")]
    UsernameContainsColon { username: String },
    #[error("The username {username:?} contains a control character such as a tab or line break. Retype the username.")]
    UsernameControlCharacter { username: String },
    #[error("The password for {username:?} is empty. Enter the password.")]
    EmptyPassword { username: String },
    #[error("The password for {username:?} contains a control character such as a tab or line break, which cannot be sent. Retype the password.")]
    PasswordControlCharacter { username: String },
    #[error("The username and password for {username:?} are {length} bytes long together, more than the {MAX_CREDENTIALS_BYTES} bytes a server accepts in one header. Check that the right text was pasted.")]
    TooLong { username: String, length: usize },
}

/// Longest username plus password that is sent. Web servers reject request
/// headers of about 8 KB; base64 makes the credentials a third longer.
pub const MAX_CREDENTIALS_BYTES: usize = 4096;

/// Builds `"Basic " + base64("username:password")` from the UTF-8 bytes.
///
/// The username is trimmed, must not be empty and must not contain `:`,
/// because RFC 7617 splits the pair at the first colon. The password is sent
/// as given: it must not be empty but may contain `:` and non-ASCII
/// characters. Neither may contain control characters.
pub fn basic_auth_header(username: &str, password: &str) -> Result<String, CredentialsError> {
    let username = username.trim();
    if username.is_empty() {
        return Err(CredentialsError::EmptyUsername);
    }
    if username.contains(':') {
        return Err(CredentialsError::UsernameContainsColon {
            username: username.to_owned(),
        });
    }
    if username.chars().any(char::is_control) {
        return Err(CredentialsError::UsernameControlCharacter {
            username: username.to_owned(),
        });
    }

    if password.is_empty() {
        return Err(CredentialsError::EmptyPassword {
            username: username.to_owned(),
        });
    }
    if password.chars().any(char::is_control) {
        return Err(CredentialsError::PasswordControlCharacter {
            username: username.to_owned(),
        });
    }

    let length = username.len() + password.len();
    if length > MAX_CREDENTIALS_BYTES {
        return Err(CredentialsError::TooLong {
            username: username.to_owned(),
            length,
        });
    }

    let encoded = STANDARD.encode(format!("{username}:{password}"));
    Ok(format!("Basic {encoded}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(header: &str) -> String {
        let encoded = header.strip_prefix("Basic ").expect("Basic prefix");
        let bytes = STANDARD.decode(encoded).expect("valid base64");
        String::from_utf8(bytes).expect("UTF-8")
    }

    #[test]
    fn encodes_rfc7617_example() {
        assert_eq!(
            basic_auth_header("Aladdin", "open sesame"),
            Ok("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==".to_owned())
        );
    }

    #[test]
    fn colon_in_password() {
        let header = basic_auth_header("admin", "pa:ss:word").expect("colon allowed in password");
        assert_eq!(decode(&header), "admin:pa:ss:word");
    }

    #[test]
    fn non_ascii_as_utf8() {
        let header = basic_auth_header("jösé", "пароль€").expect("non-ASCII allowed");
        assert_eq!(decode(&header), "jösé:пароль€");
        assert_eq!(header, "Basic asO2c8OpOtC/0LDRgNC+0LvRjOKCrA==");
    }

    #[test]
    fn username_trimmed_password_kept() {
        let header = basic_auth_header("  admin ", " secret ").expect("valid");
        assert_eq!(decode(&header), "admin: secret ");
    }

    #[test]
    fn huge_password_rejected_without_echo() {
        let password = "p".repeat(100_000);
        let error = basic_auth_header("admin", &password).expect_err("too long");
        assert!(matches!(
            error,
            CredentialsError::TooLong {
                length: 100_005,
                ..
            }
        ));
        assert!(!error.to_string().contains("ppppp"));
    }

    #[test]
    fn empty_username_rejected() {
        assert_eq!(
            basic_auth_header("", "secret"),
            Err(CredentialsError::EmptyUsername)
        );
        assert_eq!(
            basic_auth_header("   ", "secret"),
            Err(CredentialsError::EmptyUsername)
        );
    }

    #[test]
    fn empty_password_rejected() {
        assert_eq!(
            basic_auth_header("admin", ""),
            Err(CredentialsError::EmptyPassword {
                username: "admin".to_owned()
            })
        );
    }

    #[test]
    fn colon_in_username_rejected() {
        let error = basic_auth_header("ad:min", "secret").expect_err("colon rejected");
        assert_eq!(
            error,
            CredentialsError::UsernameContainsColon {
                username: "ad:min".to_owned()
            }
        );
        assert!(error.to_string().contains("\"ad:min\""), "{error}");
    }

    #[test]
    fn control_characters_rejected() {
        assert!(matches!(
            basic_auth_header("ad\tmin", "secret"),
            Err(CredentialsError::UsernameControlCharacter { .. })
        ));
        assert!(matches!(
            basic_auth_header("admin", "sec\nret"),
            Err(CredentialsError::PasswordControlCharacter { .. })
        ));
        assert!(matches!(
            basic_auth_header("admin", "secret\u{7f}"),
            Err(CredentialsError::PasswordControlCharacter { .. })
        ));
    }

    #[test]
    fn password_never_in_messages() {
        let password = "Sup3r\u{0}Secret:value";
        let errors = [
            basic_auth_header("", password),
            basic_auth_header("a:b", password),
            basic_auth_header("a\tb", password),
            basic_auth_header("admin", password),
        ];
        for error in errors {
            let error = error.expect_err("each case is rejected");
            let message = error.to_string();
            let debug = format!("{error:?}");
            assert!(!message.contains("Sup3r"), "{message}");
            assert!(!debug.contains("Sup3r"), "{debug}");
        }
    }
}
