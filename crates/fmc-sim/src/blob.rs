//! `GET /api/_sim/blob?bytes=N`: a simulator-only JSON document of about N
//! bytes, so benchmarks can time how a client handles large responses.
//!
//! It sits under `/api/` so it needs a valid access token like every FMC
//! path, and its shape is a list of objects, like the FMC bodies it replaces.

use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::access::Authenticated;
use crate::errors::FmcError;
use crate::paging::query_pairs;

/// Largest body served, in bytes. It bounds the memory one request can take.
pub const MAX_BLOB_BYTES: usize = 256 * 1024 * 1024;

/// Text repeated in each item's `description`, so the body compresses about
/// as well as real FMC object lists.
const FILLER: &str = "Synthetic object for response-size benchmarks of the FMC REST client.";

/// `GET /api/_sim/blob?bytes=N`.
pub async fn blob(_authenticated: Authenticated, parts: Parts) -> Result<Response, FmcError> {
    let bytes = requested_bytes(&query_pairs(&parts)?)?;
    let body = render_blob(bytes);
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

fn requested_bytes(pairs: &[(String, String)]) -> Result<usize, FmcError> {
    let Some((_, value)) = pairs.iter().find(|(key, _)| key == "bytes") else {
        return Err(FmcError::bad_request(
            "Missing query parameter 'bytes'. Use for example ?bytes=1048576.",
        ));
    };
    match value.parse::<usize>() {
        Ok(bytes) if bytes <= MAX_BLOB_BYTES => Ok(bytes),
        _ => Err(FmcError::bad_request(format!(
            "Invalid value '{value}' for query parameter 'bytes'. Use a whole number from 0 to {MAX_BLOB_BYTES}."
        ))),
    }
}

/// Renders `{"items":[...],"paging":{...}}` with as many items as fit in
/// `bytes`. The result is at least the size of the empty document and at
/// most one item (about 200 bytes) short of `bytes`.
pub fn render_blob(bytes: usize) -> String {
    let mut body = String::with_capacity(bytes + 256);
    body.push_str("{\"items\":[");
    let mut count = 0usize;
    loop {
        let item = render_item(count);
        // Room for the separator and the closing paging object.
        if body.len() + item.len() + 1 + closing(count + 1).len() > bytes {
            break;
        }
        if count > 0 {
            body.push(',');
        }
        body.push_str(&item);
        count += 1;
    }
    body.push_str(&closing(count));
    body
}

fn render_item(index: usize) -> String {
    format!(
        "{{\"id\":\"00000000-0000-4000-8000-{index:012}\",\"name\":\"blob-{index:08}\",\"type\":\"Network\",\"value\":\"10.{}.{}.0/24\",\"description\":\"{FILLER}\"}}",
        (index / 256) % 256,
        index % 256
    )
}

fn closing(count: usize) -> String {
    format!("],\"paging\":{{\"offset\":0,\"limit\":{count},\"count\":{count},\"pages\":1}}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(value: &str) -> Vec<(String, String)> {
        vec![("bytes".to_owned(), value.to_owned())]
    }

    #[test]
    fn blob_size_close_to_request() {
        for bytes in [1_000, 65_536, 1_048_576] {
            let body = render_blob(bytes);
            assert!(body.len() <= bytes, "{} > {bytes}", body.len());
            assert!(body.len() + 300 > bytes, "{} far below {bytes}", body.len());
        }
    }

    #[test]
    fn blob_is_valid_json() {
        let body: serde_json::Value = serde_json::from_str(&render_blob(10_000)).unwrap();
        let items = body["items"].as_array().unwrap();

        assert!(!items.is_empty());
        assert_eq!(body["paging"]["count"], items.len());
        assert_eq!(items[1]["name"], "blob-00000001");
    }

    #[test]
    fn tiny_blob_has_no_items() {
        let body: serde_json::Value = serde_json::from_str(&render_blob(0)).unwrap();

        assert_eq!(body["items"], serde_json::json!([]));
        assert_eq!(body["paging"]["count"], 0);
    }

    #[test]
    fn bytes_parameter_checked() {
        assert_eq!(requested_bytes(&pairs("1024")).unwrap(), 1024);
        assert!(requested_bytes(&pairs("-1")).is_err());
        assert!(requested_bytes(&pairs("lots")).is_err());
        assert!(requested_bytes(&pairs(&(MAX_BLOB_BYTES + 1).to_string())).is_err());
        assert!(requested_bytes(&[]).is_err());
    }
}
