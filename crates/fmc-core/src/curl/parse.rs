//! Reading a pasted curl command: POSIX sh quoting (plus bash's `$'…'`,
//! which browsers' "Copy as cURL (bash)" writes) and the curl options that
//! carry the method, URL, headers and body.

use crate::collection::replace_ignoring_case;
use crate::headers::ACCESS_TOKEN;
use crate::host::{split_authority, FmcHost};
use crate::request::{Draft, Method, DOMAIN_PLACEHOLDER};

/// A pasted curl command that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CurlError {
    #[error("The command has an unterminated {quote} quote. Paste the whole command, including its last line.")]
    UnterminatedQuote { quote: char },
    #[error(
        "The command does not start with curl (it starts with \"{word}\"). Paste a curl command."
    )]
    NotCurl { word: String },
    #[error("The option {option} needs a value, but the command ends after it. Paste the whole command.")]
    MissingValue { option: String },
    #[error("The command has no URL. Paste a curl command with the request's URL.")]
    MissingUrl,
    #[error("The command has two URLs, {first} and {second}. Keep only the request's URL.")]
    SecondUrl { first: String, second: String },
    #[error(
        "The command reads its body from the file {file}. Paste the body with --data-raw instead."
    )]
    BodyFromFile { file: String },
    #[error("The FMC REST API has no {method} method; use GET, POST, PUT or DELETE.")]
    UnsupportedMethod { method: String },
    #[error("The URL {url} is not on the signed-in FMC {host}, so it cannot be sent with its access token. Change the URL's host or sign in to that FMC.")]
    OtherHost { url: String, host: String },
}

/// The parts of a curl command that make up a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CurlRequest {
    /// The method as written, or GET (POST when there is a body).
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    /// Options that were read but have no effect on the request, such as
    /// `-k` or `--compressed`.
    pub ignored: Vec<String>,
}

/// Options without a value that change nothing about the request itself.
const FLAGS: &[&str] = &[
    "-k",
    "--insecure",
    "--compressed",
    "-s",
    "--silent",
    "-S",
    "--show-error",
    "-v",
    "--verbose",
    "-i",
    "--include",
    "-L",
    "--location",
    "-g",
    "--globoff",
];
/// Options whose value is not part of the request. `-u` is among them so
/// that credentials are never imported.
const IGNORED_WITH_VALUE: &[&str] = &[
    "-u",
    "--user",
    "--cacert",
    "--capath",
    "-o",
    "--output",
    "-b",
    "--cookie",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "-m",
    "--max-time",
    "--connect-timeout",
];
const DATA_OPTIONS: &[&str] = &[
    "-d",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-ascii",
    "--data-urlencode",
];

/// Parses a curl command as POSIX sh would split it, without expanding
/// variables: `$FMC_TOKEN` stays as written.
pub fn parse_curl(command: &str) -> Result<CurlRequest, CurlError> {
    let words = split_words(command)?;
    let mut words = words.into_iter();
    let first = words.next().ok_or(CurlError::MissingUrl)?;
    if first != "curl" && !first.ends_with("/curl") {
        return Err(CurlError::NotCurl { word: first });
    }

    let mut request = CurlRequest::default();
    let mut method = None;
    let mut bodies: Vec<String> = Vec::new();
    while let Some(word) = words.next() {
        let mut value_of = |option: &str| {
            words.next().ok_or_else(|| CurlError::MissingValue {
                option: option.to_owned(),
            })
        };
        let word = word.as_str();
        if let Some(attached) = attached_value(word, "-X") {
            method = Some(attached.to_owned());
        } else if let Some(attached) = attached_value(word, "-H") {
            push_header(&mut request, attached);
        } else if word == "-X" || word == "--request" {
            method = Some(value_of(word)?);
        } else if word == "-H" || word == "--header" {
            let header = value_of(word)?;
            push_header(&mut request, &header);
        } else if DATA_OPTIONS.contains(&word) {
            let data = value_of(word)?;
            let reads_file = word != "--data-raw" && word != "--data-urlencode";
            if reads_file && data.starts_with('@') {
                return Err(CurlError::BodyFromFile {
                    file: data[1..].to_owned(),
                });
            }
            bodies.push(data);
        } else if word == "--url" {
            let url = value_of(word)?;
            set_url(&mut request, url)?;
        } else if FLAGS.contains(&word) {
            request.ignored.push(word.to_owned());
        } else if IGNORED_WITH_VALUE.contains(&word) {
            value_of(word)?;
            request.ignored.push(word.to_owned());
        } else if word.starts_with('-') && word.len() > 1 {
            request.ignored.push(word.to_owned());
        } else {
            set_url(&mut request, word.to_owned())?;
        }
    }

    if request.url.is_empty() {
        return Err(CurlError::MissingUrl);
    }
    // curl joins several -d values with `&`.
    request.body = (!bodies.is_empty()).then(|| bodies.join("&"));
    request.method = match method {
        Some(method) => method,
        None if request.body.is_some() => "POST".to_owned(),
        None => "GET".to_owned(),
    };
    Ok(request)
}

fn attached_value<'a>(word: &'a str, option: &str) -> Option<&'a str> {
    word.strip_prefix(option).filter(|value| !value.is_empty())
}

fn push_header(request: &mut CurlRequest, header: &str) {
    let (name, value) = header.split_once(':').unwrap_or((header, ""));
    request
        .headers
        .push((name.trim().to_owned(), value.trim().to_owned()));
}

fn set_url(request: &mut CurlRequest, url: String) -> Result<(), CurlError> {
    if !request.url.is_empty() {
        return Err(CurlError::SecondUrl {
            first: request.url.clone(),
            second: url,
        });
    }
    request.url = url;
    Ok(())
}

impl CurlRequest {
    /// Returns the draft for this request on the FMC at `host`, with
    /// `domain_uuid` written as `{domainUUID}`. Headers are left out: the
    /// composer adds its own, and the access token is the session's.
    pub fn to_draft(&self, host: &FmcHost, domain_uuid: &str) -> Result<Draft, CurlError> {
        let method = Method::parse(&self.method).ok_or_else(|| CurlError::UnsupportedMethod {
            method: self.method.clone(),
        })?;
        let url = self.url.trim();
        if !host.owns_url(url) {
            return Err(CurlError::OtherHost {
                url: url.to_owned(),
                host: host.display(),
            });
        }
        // The host is cut off as text, not compared with the origin, because
        // owns_url accepts other spellings such as `FMC.example.org.` or `:443`.
        let (_, path) = split_authority(url);
        let mut path = replace_ignoring_case(path, domain_uuid.trim(), DOMAIN_PLACEHOLDER);
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        Ok(Draft::new(
            method,
            path,
            self.body.clone().unwrap_or_default(),
        ))
    }

    /// Returns true when a header contains an access token, so the caller
    /// can report that it was not imported.
    pub fn has_access_token(&self) -> bool {
        self.headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(ACCESS_TOKEN))
    }
}

/// Splits `command` into words the way POSIX sh does, without expansions.
fn split_words(command: &str) -> Result<Vec<String>, CurlError> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = command.chars().peekable();

    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if let Some(done) = word.take() {
                    words.push(done);
                }
            }
            '#' if word.is_none() => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some(escaped) => word.get_or_insert_with(String::new).push(escaped),
                None => {}
            },
            '\'' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(inner) => current.push(inner),
                        None => return Err(CurlError::UnterminatedQuote { quote: '\'' }),
                    }
                }
            }
            '"' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some('\n') => {}
                            Some(escaped @ ('$' | '`' | '"' | '\\')) => current.push(escaped),
                            Some(other) => {
                                current.push('\\');
                                current.push(other);
                            }
                            None => return Err(CurlError::UnterminatedQuote { quote: '"' }),
                        },
                        Some(inner) => current.push(inner),
                        None => return Err(CurlError::UnterminatedQuote { quote: '"' }),
                    }
                }
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                let current = word.get_or_insert_with(String::new);
                read_ansi_c(&mut chars, current)?;
            }
            other => word.get_or_insert_with(String::new).push(other),
        }
    }
    if let Some(done) = word {
        words.push(done);
    }
    Ok(words)
}

/// Reads the rest of a bash `$'…'` word, decoding its backslash escapes.
/// `\xHH` is one byte, so UTF-8 written as bytes decodes to its characters.
fn read_ansi_c(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
) -> Result<(), CurlError> {
    let mut bytes: Vec<u8> = Vec::new();
    let push = |bytes: &mut Vec<u8>, c: char| {
        let mut buffer = [0; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    };
    loop {
        let c = chars
            .next()
            .ok_or(CurlError::UnterminatedQuote { quote: '\'' })?;
        match c {
            '\'' => break,
            '\\' => {
                let escaped = chars
                    .next()
                    .ok_or(CurlError::UnterminatedQuote { quote: '\'' })?;
                match escaped {
                    'n' => bytes.push(b'\n'),
                    't' => bytes.push(b'\t'),
                    'r' => bytes.push(b'\r'),
                    'x' => match read_hex(chars, 2).and_then(|code| u8::try_from(code).ok()) {
                        Some(byte) => bytes.push(byte),
                        None => push(&mut bytes, '\u{FFFD}'),
                    },
                    'u' | 'U' => {
                        let digits = if escaped == 'u' { 4 } else { 8 };
                        let decoded = read_hex(chars, digits).and_then(char::from_u32);
                        push(&mut bytes, decoded.unwrap_or('\u{FFFD}'));
                    }
                    other => push(&mut bytes, other),
                }
            }
            inner => push(&mut bytes, inner),
        }
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
    Ok(())
}

/// Reads up to `max_digits` hex digits; `None` when there are none.
fn read_hex(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    max_digits: usize,
) -> Option<u32> {
    let mut digits = String::new();
    while digits.len() < max_digits {
        match chars.peek() {
            Some(c) if c.is_ascii_hexdigit() => {
                digits.push(*c);
                chars.next();
            }
            _ => break,
        }
    }
    u32::from_str_radix(&digits, 16).ok()
}
