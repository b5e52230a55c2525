//! Paging of list responses: the `offset`, `limit` and `expanded` query
//! parameters and the `links`/`items`/`paging` body.

use std::ops::Range;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde_json::{json, Value};

use crate::errors::FmcError;
use crate::request_url::RequestUrl;

/// Page size when the request has no `limit`, as on FMC.
pub const DEFAULT_LIMIT: usize = 25;

/// Paging parameters of a list request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery {
    pub offset: usize,
    /// Requested page size, before the page cap.
    pub limit: usize,
    pub expanded: bool,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            offset: 0,
            limit: DEFAULT_LIMIT,
            expanded: false,
        }
    }
}

impl ListQuery {
    /// Reads `offset`, `limit` and `expanded` from query pairs; other
    /// parameters are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Self, FmcError> {
        let mut query = ListQuery::default();
        for (key, value) in pairs {
            match key.as_str() {
                "offset" => query.offset = parse_count(key, value)?,
                "limit" => query.limit = parse_count(key, value)?,
                "expanded" => query.expanded = parse_flag(key, value)?,
                _ => {}
            }
        }
        if query.limit == 0 {
            return Err(FmcError::bad_request(
                "Invalid value '0' for query parameter 'limit'. Use 1 or more.",
            ));
        }
        Ok(query)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ListQuery {
    type Rejection = FmcError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        ListQuery::from_pairs(&query_pairs(parts)?)
    }
}

/// Reads the query string as key-value pairs, decoded.
pub fn query_pairs(parts: &Parts) -> Result<Vec<(String, String)>, FmcError> {
    Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .map(|Query(pairs)| pairs)
        .map_err(|rejection| {
            FmcError::bad_request(format!("Invalid query string: {}", rejection.body_text()))
        })
}

fn parse_count(key: &str, value: &str) -> Result<usize, FmcError> {
    value.parse().map_err(|_| {
        FmcError::bad_request(format!(
            "Invalid value '{value}' for query parameter '{key}'. Use a whole number of 0 or more."
        ))
    })
}

/// Parses `true` or `false`, ignoring ASCII case.
pub fn parse_flag(key: &str, value: &str) -> Result<bool, FmcError> {
    if value.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(FmcError::bad_request(format!(
            "Invalid value '{value}' for query parameter '{key}'. Use true or false."
        )))
    }
}

/// One page of a list of `count` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    /// Page size in effect: the requested limit reduced to the page cap.
    pub limit: usize,
    pub count: usize,
    pub pages: usize,
}

impl Page {
    pub fn new(query: &ListQuery, count: usize, page_cap: usize) -> Self {
        // `max(1)` keeps `pages` defined for a page cap of 0 set in code.
        let limit = query.limit.min(page_cap).max(1);
        Page {
            offset: query.offset,
            limit,
            count,
            pages: count.div_ceil(limit),
        }
    }

    /// Returns the index range of the items on this page; empty past the end.
    pub fn range(&self) -> Range<usize> {
        let start = self.offset.min(self.count);
        let end = self.offset.saturating_add(self.limit).min(self.count);
        start..end
    }

    /// Returns the offset of the following page, if any item comes after this one.
    pub fn next_offset(&self) -> Option<usize> {
        let next = self.offset.saturating_add(self.limit);
        (next < self.count).then_some(next)
    }
}

/// Renders one page of `all` as an FMC list body. An empty list has no
/// `items` key and zero paging; a page past the end has no `items` key.
pub fn render_list<T>(
    all: &[T],
    query: &ListQuery,
    page_cap: usize,
    url: &RequestUrl,
    render_item: impl Fn(&T) -> Value,
) -> Value {
    if all.is_empty() {
        return json!({
            "links": {},
            "paging": { "offset": 0, "limit": 0, "count": 0, "pages": 0 },
        });
    }

    let page = Page::new(query, all.len(), page_cap);
    let mut paging = json!({
        "offset": page.offset,
        "limit": page.limit,
        "count": page.count,
        "pages": page.pages,
    });
    if let Some(next_offset) = page.next_offset() {
        let next_url = format!(
            "{}{}?offset={next_offset}&limit={}&expanded={}",
            url.base, url.path, page.limit, query.expanded
        );
        paging["next"] = json!([next_url]);
    }

    let mut body = json!({
        "links": { "self": url.absolute() },
        "paging": paging,
    });
    let items: Vec<Value> = all[page.range()].iter().map(render_item).collect();
    if !items.is_empty() {
        body["items"] = Value::Array(items);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn url() -> RequestUrl {
        RequestUrl {
            base: "https://127.0.0.1:8443".into(),
            path: "/api/x".into(),
            path_and_query: "/api/x?limit=2".into(),
        }
    }

    #[test]
    fn query_defaults() {
        assert_eq!(ListQuery::from_pairs(&[]).unwrap(), ListQuery::default());
    }

    #[test]
    fn query_reads_all_three() {
        let query = ListQuery::from_pairs(&pairs(&[
            ("offset", "50"),
            ("limit", "10"),
            ("expanded", "TRUE"),
            ("filter", "ignored"),
        ]))
        .unwrap();

        assert_eq!(
            query,
            ListQuery {
                offset: 50,
                limit: 10,
                expanded: true
            }
        );
    }

    #[test]
    fn query_rejects_bad_values() {
        for (key, value) in [
            ("offset", "-1"),
            ("limit", "abc"),
            ("limit", "0"),
            ("expanded", "yes"),
        ] {
            let result = ListQuery::from_pairs(&pairs(&[(key, value)]));
            assert!(result.is_err(), "{key}={value}");
        }
    }

    #[test]
    fn limit_trimmed_to_cap() {
        let query = ListQuery {
            limit: 5000,
            ..ListQuery::default()
        };

        let page = Page::new(&query, 3000, 1000);

        assert_eq!(page.limit, 1000);
        assert_eq!(page.pages, 3);
    }

    #[test]
    fn last_page_is_short() {
        let query = ListQuery {
            offset: 20,
            limit: 8,
            expanded: false,
        };

        let page = Page::new(&query, 25, 1000);

        assert_eq!(page.range(), 20..25);
        assert_eq!(page.next_offset(), None);
        assert_eq!(page.pages, 4);
    }

    #[test]
    fn offset_past_end_gives_empty_range() {
        let query = ListQuery {
            offset: 100,
            ..ListQuery::default()
        };

        let page = Page::new(&query, 10, 1000);

        assert!(page.range().is_empty());
        assert_eq!(page.next_offset(), None);
    }

    #[test]
    fn empty_list_shape() {
        let body = render_list::<u32>(&[], &ListQuery::default(), 1000, &url(), |_| json!(1));

        assert_eq!(
            body,
            json!({"links":{},"paging":{"offset":0,"limit":0,"count":0,"pages":0}})
        );
    }

    #[test]
    fn first_page_has_next_link() {
        let query = ListQuery {
            limit: 2,
            ..ListQuery::default()
        };

        let body = render_list(&[1, 2, 3], &query, 1000, &url(), |n| json!(n));

        assert_eq!(body["items"], json!([1, 2]));
        assert_eq!(
            body["links"]["self"],
            "https://127.0.0.1:8443/api/x?limit=2"
        );
        assert_eq!(
            body["paging"],
            json!({
                "offset": 0, "limit": 2, "count": 3, "pages": 2,
                "next": ["https://127.0.0.1:8443/api/x?offset=2&limit=2&expanded=false"],
            })
        );
    }

    #[test]
    fn last_page_has_no_next() {
        let query = ListQuery {
            offset: 2,
            limit: 2,
            expanded: true,
        };

        let body = render_list(&[1, 2, 3], &query, 1000, &url(), |n| json!(n));

        assert_eq!(body["items"], json!([3]));
        assert!(body["paging"].get("next").is_none());
    }

    #[test]
    fn page_past_end_has_no_items_key() {
        let query = ListQuery {
            offset: 10,
            ..ListQuery::default()
        };

        let body = render_list(&[1, 2, 3], &query, 1000, &url(), |n| json!(n));

        assert!(body.get("items").is_none());
        assert_eq!(body["paging"]["count"], 3);
    }
}
