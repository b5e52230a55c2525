//! One text the viewer shows (the response body or a filter result) with
//! the indexes built from it. The text is shared, never copied: the line
//! indexes hold offsets into it.

use std::sync::{Arc, OnceLock};

use fmc_core::json_path::JsonFilter;
use fmc_core::line_source::LineSource;
use fmc_core::pretty_lines::{PrettyIndex, PrettyText};
use fmc_core::raw_lines::{RawIndex, RawText};
use serde_json::Value;

/// A text and its lazily built indexes.
pub struct BodyDocument {
    pub text: Arc<str>,
    /// The pretty lines, or why the text is not shown as pretty JSON.
    pretty: Result<Arc<PrettyIndex>, String>,
    raw: OnceLock<Arc<RawIndex>>,
    parsed: OnceLock<Result<Arc<Value>, String>>,
}

impl BodyDocument {
    /// Indexes `text` as pretty JSON unless it is empty or an HTML page. The
    /// raw index and the parsed value are built on first use.
    pub fn new(text: Arc<str>, looks_like_html: bool) -> Self {
        let pretty = if looks_like_html {
            Err("The body is an HTML page, not JSON.".to_owned())
        } else if text.trim().is_empty() {
            Err("The body is empty.".to_owned())
        } else {
            PrettyIndex::build(&text)
                .map(Arc::new)
                .map_err(|error| error.to_string())
        };
        Self {
            text,
            pretty,
            raw: OnceLock::new(),
            parsed: OnceLock::new(),
        }
    }

    /// Returns true when the text is valid JSON.
    pub fn is_json(&self) -> bool {
        self.pretty.is_ok()
    }

    /// Returns the reason the text has no pretty view, if it has none.
    pub fn pretty_problem(&self) -> Option<&str> {
        self.pretty.as_ref().err().map(String::as_str)
    }

    /// Returns the lines of the pretty view, or of the raw view when the
    /// text is not JSON.
    pub fn pretty_lines(&self) -> ShownLines {
        match &self.pretty {
            Ok(index) => ShownLines::Pretty {
                text: self.text.clone(),
                index: index.clone(),
            },
            Err(_) => self.raw_lines(),
        }
    }

    /// Returns the lines of the raw view, building its index on first use.
    pub fn raw_lines(&self) -> ShownLines {
        let index = self
            .raw
            .get_or_init(|| Arc::new(RawIndex::build(&self.text)))
            .clone();
        ShownLines::Raw {
            text: self.text.clone(),
            index,
        }
    }

    /// Returns the parsed JSON value, parsing on first use.
    pub fn parsed(&self) -> Result<Arc<Value>, String> {
        self.parsed
            .get_or_init(|| {
                if let Some(problem) = self.pretty_problem() {
                    return Err(problem.to_owned());
                }
                serde_json::from_str(&self.text)
                    .map(Arc::new)
                    .map_err(|error| format!("The body could not be parsed as JSON: {error}."))
            })
            .clone()
    }

    /// Returns true when the value was already parsed.
    pub fn is_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }

    /// Applies the filter `filter_text` to this document. Returns `Ok(None)` for an
    /// empty filter, the filter result as a new document, or a message that
    /// names the problem.
    pub fn filter(&self, filter_text: &str) -> Result<Option<BodyDocument>, String> {
        if filter_text.trim().is_empty() {
            return Ok(None);
        }
        let filter = JsonFilter::parse(filter_text).map_err(|error| error.to_string())?;
        let value = self
            .parsed()
            .map_err(|problem| format!("{problem} Filters need a JSON body."))?;
        let found = filter.select(&value);
        let result = if filter.is_singular() {
            match found.first() {
                Some(single) => single.value.to_string(),
                None => {
                    return Err(format!(
                        "Nothing in the body matches {}. Check the names against the Tree tab.",
                        filter_text.trim()
                    ))
                }
            }
        } else {
            let values: Vec<&Value> = found.iter().map(|single| single.value).collect();
            // serde_json fails only on maps with non-string keys, which a
            // Value cannot contain.
            serde_json::to_string(&values).unwrap_or_default()
        };
        Ok(Some(BodyDocument::new(Arc::from(result), false)))
    }
}

/// The lines of one view, cheap to clone.
#[derive(Clone)]
pub enum ShownLines {
    Pretty {
        text: Arc<str>,
        index: Arc<PrettyIndex>,
    },
    Raw {
        text: Arc<str>,
        index: Arc<RawIndex>,
    },
}

impl LineSource for ShownLines {
    fn line_count(&self) -> usize {
        match self {
            ShownLines::Pretty { index, .. } => index.len(),
            ShownLines::Raw { index, .. } => index.len(),
        }
    }

    fn line_text(&self, line: usize) -> String {
        match self {
            ShownLines::Pretty { text, index } => PrettyText { index, json: text }.line_text(line),
            ShownLines::Raw { text, index } => RawText { index, text }.line_text(line),
        }
    }
}
