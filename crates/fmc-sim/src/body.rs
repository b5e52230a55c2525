//! The JSON request body of POST and PUT, with FMC-shaped rejections.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde_json::Value;

use crate::errors::FmcError;

/// Maximum request body size, in bytes. FMC returns 422 above it.
pub const MAX_BODY_BYTES: usize = 2_048_000;

/// A request body parsed as JSON; any other content is a 400.
#[derive(Debug)]
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = FmcError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    FmcError::unprocessable(format!(
                        "Unprocessable Entity: the request body is larger than {MAX_BODY_BYTES} bytes. Send fewer objects per request."
                    ))
                } else {
                    FmcError::bad_request(format!(
                        "The request body could not be read: {}",
                        rejection.body_text()
                    ))
                }
            })?;

        parse_json(&bytes).map(JsonBody)
    }
}

/// Parses bytes as JSON, naming the position of the first error.
pub fn parse_json(bytes: &[u8]) -> Result<Value, FmcError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FmcError::bad_request(
            "The request body is empty. Send a JSON object.",
        ));
    }
    serde_json::from_slice(bytes).map_err(|error| {
        FmcError::bad_request(format!(
            "The request body is not valid JSON: {error}. Send a JSON object."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_object() {
        assert_eq!(parse_json(br#"{"a":1}"#).unwrap(), json!({ "a": 1 }));
    }

    #[test]
    fn rejects_non_json() {
        let error = parse_json(b"name=web&value=10.0.0.0/8").unwrap_err();

        assert_eq!(error.status, StatusCode::BAD_REQUEST);
        assert!(
            error.description.contains("not valid JSON"),
            "{}",
            error.description
        );
    }

    #[test]
    fn rejects_empty_body() {
        let error = parse_json(b"  \n").unwrap_err();

        assert!(error.description.contains("empty"), "{}", error.description);
    }
}
