//! Fetching every page of an FMC list: which page to request next, and the
//! combined result of all pages.
//!
//! The FMC pages lists with `offset` and `limit` (25 items by default, 1,000
//! at most) and may return fewer items than `limit` requests. The [`Pager`]
//! therefore advances `offset` by the number of items actually received
//! instead of trusting `limit`, and treats `paging.next` only as the signal
//! that more pages follow. Every `next` URL must be on the signed-in host.
//! An empty list has no `items` key.
//!
//! # Combined result
//!
//! [`Pager::combined`] returns one JSON body in the shape of an FMC list:
//!
//! ```json
//! {
//!   "links": { "self": "<the first page's path>" },
//!   "items": [ ... every item, in page order, duplicates removed ... ],
//!   "paging": { "offset": 0, "limit": 20000, "count": 20000, "pages": 1 },
//!   "fetchAll": {
//!     "complete": true, "pagesFetched": 20, "serverCount": 20000,
//!     "duplicatesSkipped": 0, "firstServerCount": 20000
//!   }
//! }
//! ```
//!
//! `paging` describes the combined list as one page holding every item, so
//! `paging.count` is the number of items in `items`. `fetchAll` says how it
//! was built: `complete` is false when paging stopped early (cancelled or
//! failed), `serverCount` and `firstServerCount` are the FMC's
//! `paging.count` on the last and the first page. `items` is present even
//! when empty.

use std::collections::HashSet;

use serde_json::{json, Map, Value};

use crate::host::FmcHost;

/// Page size requested when the path sets no `limit`: the FMC's maximum.
pub const FETCH_ALL_LIMIT: u64 = 1000;

/// Consecutive pages of only duplicates after which paging stops, because
/// the server is most likely ignoring `offset`.
const MAX_REPEATED_PAGES: u32 = 2;

/// Errors that stop paging from starting or from going on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PagingError {
    #[error("The query parameter {name}={value:?} in {path} is not a whole number. Fix it or remove it, then fetch again.")]
    InvalidQuery {
        path: String,
        name: String,
        value: String,
    },
    #[error("The query parameter limit=0 in {path} asks for empty pages. Remove it to fetch 1000 items a page.")]
    ZeroLimit { path: String },
    #[error("The response for {path} has neither items nor paging, so it is not a list. Use Send for a single object.")]
    NotAList { path: String },
    #[error("The FMC named {url} as the next page, which is not on {host}. Paging stopped there so that the access token stays on {host}; the items fetched so far are kept.")]
    NextOnOtherHost { url: String, host: String },
    #[error("The FMC returned only items it had already sent for {pages} pages in a row, up to offset {offset}. It may ignore the offset parameter; paging stopped with the items fetched so far.")]
    RepeatedPages { pages: u32, offset: u64 },
}

/// Counts of one page's contribution to the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageReport {
    /// Items in the page's `items`.
    pub received: usize,
    /// Items added to the result.
    pub added: usize,
    /// Items skipped because an earlier page had the same `id`.
    pub duplicates: usize,
}

/// Pages and items done so far, and the totals estimated from the FMC's
/// `paging.count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub pages_done: u64,
    /// Estimated from the last page's size; `None` before the first page.
    pub pages_total: Option<u64>,
    pub items_done: u64,
    /// Items from the starting offset to the end of the list.
    pub items_total: Option<u64>,
}

impl Progress {
    /// Estimates the milliseconds left from the time the pages done took,
    /// assuming the remaining pages take as long each. `None` until a page
    /// has arrived and while the total is unknown.
    pub fn estimate_remaining_ms(&self, elapsed_ms: u64) -> Option<u64> {
        let total = self.pages_total?;
        if self.pages_done == 0 {
            return None;
        }
        let left = total.saturating_sub(self.pages_done);
        Some(elapsed_ms.saturating_mul(left) / self.pages_done)
    }

    /// Describes the counts, such as "3 of 20 pages, 3,000 of 20,000
    /// items", leaving out totals that are not known yet.
    pub fn describe(&self) -> String {
        let pages = match self.pages_total {
            Some(total) => format!("{} of {} pages", self.pages_done, total),
            None => format!("{} pages", self.pages_done),
        };
        let items = match self.items_total {
            Some(total) => format!(
                "{} of {} items",
                group_digits(self.items_done),
                group_digits(total)
            ),
            None => format!("{} items", group_digits(self.items_done)),
        };
        format!("{pages}, {items}")
    }
}

/// Writes a count with commas between groups of three digits, as in 20,000.
pub fn group_digits(count: u64) -> String {
    let digits = count.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Writes a duration for a status line: "800 ms", "12 s" or "2 min 5 s".
pub fn format_duration(ms: u64) -> String {
    if ms < 1_000 {
        return format!("{ms} ms");
    }
    let seconds = ms.div_ceil(1_000);
    match (seconds / 60, seconds % 60) {
        (0, seconds) => format!("{seconds} s"),
        (minutes, 0) => format!("{minutes} min"),
        (minutes, seconds) => format!("{minutes} min {seconds} s"),
    }
}

/// Plans the requests that fetch every page of one list, and collects the
/// items.
#[derive(Debug, Clone)]
pub struct Pager {
    host: FmcHost,
    /// The path or URL without query and fragment.
    base: String,
    /// Query parameters other than `offset` and `limit`, as written.
    other_params: Vec<String>,
    limit: u64,
    start_offset: u64,
    next_offset: u64,
    done: bool,
    items: Vec<Value>,
    seen_ids: HashSet<String>,
    duplicates: u64,
    pages: u64,
    first_count: Option<u64>,
    last_count: Option<u64>,
    last_page_size: Option<u64>,
    repeated_pages: u32,
}

impl Pager {
    /// Starts paging the list at `path` on `host`: a path such as
    /// `/api/fmc_config/v1/domain/{domainUUID}/object/networks?expanded=true`
    /// or a full URL. A `limit` in the path is kept; otherwise each page
    /// requests [`FETCH_ALL_LIMIT`] items. An `offset` in the path is where paging
    /// starts. Other query parameters are sent on every page.
    pub fn new(host: &FmcHost, path: &str) -> Result<Pager, PagingError> {
        let path = path.trim();
        let without_fragment = path.split('#').next().unwrap_or_default();
        let (base, query) = match without_fragment.split_once('?') {
            Some((base, query)) => (base, query),
            None => (without_fragment, ""),
        };

        let mut limit = FETCH_ALL_LIMIT;
        let mut start_offset = 0;
        let mut other_params = Vec::new();
        for param in query.split('&').filter(|param| !param.is_empty()) {
            let (name, value) = param.split_once('=').unwrap_or((param, ""));
            match name {
                "limit" => limit = parse_count(path, name, value)?,
                "offset" => start_offset = parse_count(path, name, value)?,
                _ => other_params.push(param.to_owned()),
            }
        }
        if limit == 0 {
            return Err(PagingError::ZeroLimit {
                path: path.to_owned(),
            });
        }

        Ok(Pager {
            host: host.clone(),
            base: base.to_owned(),
            other_params,
            limit,
            start_offset,
            next_offset: start_offset,
            done: false,
            items: Vec::new(),
            seen_ids: HashSet::new(),
            duplicates: 0,
            pages: 0,
            first_count: None,
            last_count: None,
            last_page_size: None,
            repeated_pages: 0,
        })
    }

    /// Returns the path of the next page to request, or `None` when the
    /// list is complete.
    pub fn next_path(&self) -> Option<String> {
        if self.done {
            return None;
        }
        let mut params = self.other_params.clone();
        params.push(format!("offset={}", self.next_offset));
        params.push(format!("limit={}", self.limit));
        Some(format!("{}?{}", self.base, params.join("&")))
    }

    /// Adds the parsed body of the page requested with [`Pager::next_path`]
    /// and decides whether another page follows.
    ///
    /// Items whose `id` appeared on an earlier page are skipped and counted:
    /// they show up when objects are created while paging, which shifts
    /// later items to higher offsets.
    pub fn accept(&mut self, page: &Value) -> Result<PageReport, PagingError> {
        let items = page.get("items");
        let paging = page.get("paging");
        let received: &[Value] = match items {
            Some(Value::Array(list)) => list,
            Some(_) => return Err(self.not_a_list()),
            None if paging.is_some() => &[],
            None => return Err(self.not_a_list()),
        };

        let next_urls = paging.map(next_urls).unwrap_or_default();
        if let Some(url) = next_urls.iter().find(|url| !self.host.owns_url(url)) {
            self.done = true;
            return Err(PagingError::NextOnOtherHost {
                url: (*url).to_owned(),
                host: self.host.display(),
            });
        }
        let count = paging
            .and_then(|paging| paging.get("count"))
            .and_then(Value::as_u64);

        let mut report = PageReport {
            received: received.len(),
            added: 0,
            duplicates: 0,
        };
        for item in received {
            let id = item.get("id").and_then(Value::as_str);
            if let Some(id) = id {
                if !self.seen_ids.insert(id.to_owned()) {
                    report.duplicates += 1;
                    continue;
                }
            }
            self.items.push(item.clone());
            report.added += 1;
        }

        self.pages += 1;
        self.duplicates += report.duplicates as u64;
        self.first_count = self.first_count.or(count);
        self.last_count = count.or(self.last_count);
        if !received.is_empty() {
            self.last_page_size = Some(received.len() as u64);
        }
        self.next_offset += received.len() as u64;

        let more_by_count = count.is_some_and(|count| self.next_offset < count);
        let more = more_by_count || !next_urls.is_empty();
        self.done = received.is_empty() || !more;

        if report.added == 0 && report.received > 0 {
            self.repeated_pages += 1;
            if self.repeated_pages >= MAX_REPEATED_PAGES {
                self.done = true;
                return Err(PagingError::RepeatedPages {
                    pages: self.repeated_pages,
                    offset: self.next_offset,
                });
            }
        } else {
            self.repeated_pages = 0;
        }
        Ok(report)
    }

    /// Returns true once the last page has been accepted.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Returns the items collected so far, in page order.
    pub fn items(&self) -> &[Value] {
        &self.items
    }

    /// Returns the number of items skipped as duplicates.
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// Returns the FMC's `paging.count` on the first and the last page, when
    /// they differ: objects were created or deleted while paging, so items
    /// may be missing (deletions shift later items to lower offsets).
    pub fn count_change(&self) -> Option<(u64, u64)> {
        match (self.first_count, self.last_count) {
            (Some(first), Some(last)) if first != last => Some((first, last)),
            _ => None,
        }
    }

    /// Returns the pages and items done and the expected totals.
    pub fn progress(&self) -> Progress {
        let items_done = self.items.len() as u64;
        let items_total = self
            .last_count
            .map(|count| count.saturating_sub(self.start_offset).max(items_done));
        let pages_total = if self.done {
            Some(self.pages)
        } else {
            match (self.last_count, self.last_page_size) {
                (Some(count), Some(size)) => {
                    let left = count.saturating_sub(self.next_offset);
                    Some(self.pages + left.div_ceil(size).max(1))
                }
                _ => None,
            }
        };
        Progress {
            pages_done: self.pages,
            pages_total,
            items_done,
            items_total,
        }
    }

    /// Builds the combined result described in the module documentation.
    /// `complete` is false when paging stopped before the last page.
    pub fn combined(&self, complete: bool) -> Value {
        let count = self.items.len();
        let mut fetch_all = Map::new();
        fetch_all.insert("complete".into(), json!(complete));
        fetch_all.insert("pagesFetched".into(), json!(self.pages));
        fetch_all.insert("serverCount".into(), json!(self.last_count));
        fetch_all.insert("firstServerCount".into(), json!(self.first_count));
        fetch_all.insert("duplicatesSkipped".into(), json!(self.duplicates));

        json!({
            "links": { "self": self.first_path() },
            "items": self.items,
            "paging": {
                "offset": self.start_offset,
                "limit": count,
                "count": count,
                "pages": 1,
            },
            "fetchAll": Value::Object(fetch_all),
        })
    }

    fn first_path(&self) -> String {
        let mut params = self.other_params.clone();
        params.push(format!("offset={}", self.start_offset));
        params.push(format!("limit={}", self.limit));
        format!("{}?{}", self.base, params.join("&"))
    }

    fn not_a_list(&mut self) -> PagingError {
        self.done = true;
        PagingError::NotAList {
            path: self.base.clone(),
        }
    }
}

/// Reads `paging.next`: a list of URLs on FMC, or a single URL.
fn next_urls(paging: &Value) -> Vec<&str> {
    match paging.get("next") {
        Some(Value::Array(urls)) => urls.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(url)) => vec![url.as_str()],
        _ => Vec::new(),
    }
}

fn parse_count(path: &str, name: &str, value: &str) -> Result<u64, PagingError> {
    value.parse().map_err(|_| PagingError::InvalidQuery {
        path: path.to_owned(),
        name: name.to_owned(),
        value: value.to_owned(),
    })
}

#[cfg(test)]
mod tests;
