//! The request history: one entry per sent request, newest first, capped in
//! entries and in bytes so that `storage.local` never fills up.
//!
//! An entry keeps the request (method, path, body) and what came back (the
//! status or the failure message, the elapsed time and the start of the
//! response body). It never contains an access token or a password, because
//! the caller builds it from the draft and the response, not from headers.

use serde::{Deserialize, Serialize};

use crate::request::{Draft, Method};

/// Maximum number of entries kept; the oldest is dropped first.
pub const MAX_ENTRIES: usize = 200;
/// Maximum size in bytes of all entries as JSON, well below the 10 MB that
/// `chrome.storage.local` allows without the `unlimitedStorage` permission.
pub const MAX_TOTAL_BYTES: usize = 2 * 1024 * 1024;
/// Request bodies longer than this are cut.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// How much of a response body an entry keeps.
pub const MAX_EXCERPT_BYTES: usize = 16 * 1024;

/// How a request ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryOutcome {
    /// The FMC answered with this HTTP status.
    Status(u16),
    /// No response arrived, or the request was never sent; the message
    /// says why.
    Failed(String),
}

/// One sent request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// Unique within a [`History`]; assigned by [`History::record`].
    #[serde(default)]
    pub id: u64,
    /// When the request was sent, in Unix milliseconds.
    pub sent_at_ms: u64,
    pub method: Method,
    /// The path as the user typed it, with `{domainUUID}` unresolved.
    pub path: String,
    /// The host as `FmcHost::display` writes it.
    pub host: String,
    pub username: String,
    /// The domain name, such as `Global/Devel`, when it was known.
    #[serde(default)]
    pub domain: Option<String>,
    pub outcome: HistoryOutcome,
    #[serde(default)]
    pub elapsed_ms: u64,
    /// The request body, cut at [`MAX_BODY_BYTES`].
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub body_truncated: bool,
    /// The first [`MAX_EXCERPT_BYTES`] of the response body.
    #[serde(default)]
    pub response_excerpt: String,
    #[serde(default)]
    pub response_truncated: bool,
}

impl HistoryEntry {
    /// Returns the draft that sends this request again.
    pub fn to_draft(&self) -> Draft {
        Draft::new(self.method, self.path.clone(), self.body.clone())
    }

    /// Returns true when every word of `query` occurs, ignoring case, in the
    /// method, path, status or host. A blank query matches every entry.
    pub fn matches(&self, query: &str) -> bool {
        let status = match &self.outcome {
            HistoryOutcome::Status(status) => status.to_string(),
            HistoryOutcome::Failed(_) => "failed".to_owned(),
        };
        let haystack = format!(
            "{} {} {} {}",
            self.method.as_str(),
            self.path,
            status,
            self.host
        )
        .to_lowercase();
        query
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_lowercase()))
    }

    /// Returns the size of the entry as stored, in bytes of JSON.
    pub fn stored_bytes(&self) -> usize {
        serde_json::to_string(self).map_or(0, |json| json.len())
    }
}

/// Returns the longest prefix of `text` of at most `max_bytes` bytes that
/// ends on a character boundary, and whether anything was cut.
pub fn truncate_utf8(text: &str, max_bytes: usize) -> (String, bool) {
    if text.len() <= max_bytes {
        return (text.to_owned(), false);
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (text[..end].to_owned(), true)
}

/// Every recorded request, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub entries: Vec<HistoryEntry>,
}

impl History {
    /// Adds `entry` as the newest one after cutting its body and response
    /// excerpt to their limits, then drops the oldest entries until the
    /// history fits [`MAX_ENTRIES`] and [`MAX_TOTAL_BYTES`]. Returns the id
    /// it gave the entry.
    pub fn record(&mut self, mut entry: HistoryEntry) -> u64 {
        let (body, body_cut) = truncate_utf8(&entry.body, MAX_BODY_BYTES);
        entry.body = body;
        entry.body_truncated |= body_cut;
        let (excerpt, excerpt_cut) = truncate_utf8(&entry.response_excerpt, MAX_EXCERPT_BYTES);
        entry.response_excerpt = excerpt;
        entry.response_truncated |= excerpt_cut;

        let id = self.next_id();
        entry.id = id;
        self.entries.insert(0, entry);
        self.enforce_limits();
        id
    }

    /// Deletes the entry with `id`. Returns whether one was found.
    pub fn remove(&mut self, id: u64) -> bool {
        let before = self.entries.len();
        self.entries.retain(|entry| entry.id != id);
        self.entries.len() != before
    }

    /// Deletes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Returns the entry with `id`.
    pub fn find(&self, id: u64) -> Option<&HistoryEntry> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    /// Returns the entries that match `query` (see [`HistoryEntry::matches`]),
    /// newest first.
    pub fn search(&self, query: &str) -> Vec<&HistoryEntry> {
        self.entries
            .iter()
            .filter(|entry| entry.matches(query))
            .collect()
    }

    /// Returns the size of all entries as stored, in bytes of JSON.
    pub fn stored_bytes(&self) -> usize {
        self.entries.iter().map(HistoryEntry::stored_bytes).sum()
    }

    fn next_id(&self) -> u64 {
        self.entries.iter().map(|entry| entry.id).max().unwrap_or(0) + 1
    }

    fn enforce_limits(&mut self) {
        self.entries.truncate(MAX_ENTRIES);
        let mut total = 0;
        let mut keep = 0;
        for entry in &self.entries {
            total += entry.stored_bytes();
            if total > MAX_TOTAL_BYTES {
                break;
            }
            keep += 1;
        }
        // The newest entry always stays: its body and excerpt are capped at
        // 80 KB, far below the byte limit.
        self.entries.truncate(keep.max(1));
    }
}

#[cfg(test)]
mod tests;
