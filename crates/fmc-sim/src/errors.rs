//! Error responses in the FMC JSON shape:
//! `{"error":{"category":..,"messages":[{"description":..}],"severity":"ERROR"}}`.

use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// Value of `error.category`. FMC sends `FRAMEWORK` for authentication
/// failures. The simulator also uses it for routing errors, and `OTHER` for
/// object validation, because the category a real FMC sends there is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Framework,
    Other,
}

impl Category {
    fn as_str(self) -> &'static str {
        match self {
            Category::Framework => "FRAMEWORK",
            Category::Other => "OTHER",
        }
    }
}

/// An error response: status code plus one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FmcError {
    pub status: StatusCode,
    pub category: Category,
    pub description: String,
}

impl FmcError {
    pub fn new(status: StatusCode, category: Category, description: impl Into<String>) -> Self {
        FmcError {
            status,
            category,
            description: description.into(),
        }
    }

    /// 401 for missing or wrong Basic credentials on generate token.
    pub fn authentication_failed() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            Category::Framework,
            "User authentication failed.",
        )
    }

    /// 401 for a missing, unknown, revoked or expired access token.
    pub fn access_token_invalid() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            Category::Framework,
            "Access token invalid.",
        )
    }

    /// 400 for a refresh without the `X-auth-refresh-token` header.
    pub fn no_refresh_token() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            Category::Framework,
            "No refresh token found",
        )
    }

    /// 401 for an unknown, used or used-up refresh token.
    pub fn invalid_refresh_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            Category::Framework,
            "Invalid refresh token",
        )
    }

    /// 403 for a domain the user has no rights in.
    pub fn not_authorized() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            Category::Framework,
            "The user is not authorized",
        )
    }

    /// 404 for a path the simulator does not serve.
    pub fn path_not_found(path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            Category::Framework,
            format!("No resource found at {path}."),
        )
    }

    /// 404 for a domain UUID that no domain has.
    pub fn domain_not_found(uuid: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            Category::Framework,
            format!("Domain {uuid} not found. Read the domain UUIDs from the DOMAINS header of generate token."),
        )
    }

    /// 405 for a method the path does not support.
    pub fn method_not_allowed(method: &Method) -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            Category::Framework,
            format!("Method {method} is not supported on this resource."),
        )
    }

    /// 400 for a request the simulator cannot act on.
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Category::Other, description)
    }

    /// 404 for an object id that the domain does not contain.
    pub fn object_not_found(description: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, Category::Other, description)
    }

    /// 422 for a request body over the size limit.
    pub fn unprocessable(description: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Category::Other,
            description,
        )
    }

    /// Renders the FMC JSON error body.
    pub fn body(&self) -> serde_json::Value {
        json!({
            "error": {
                "category": self.category.as_str(),
                "messages": [{ "description": self.description }],
                "severity": "ERROR",
            }
        })
    }
}

/// Description of an error response, kept on the response so that the
/// request log line can show it.
#[derive(Debug, Clone)]
pub struct ErrorDescription(pub String);

impl IntoResponse for FmcError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body())).into_response();
        response
            .extensions_mut()
            .insert(ErrorDescription(self.description));
        response
    }
}

/// Fallback for paths no route matches.
pub async fn path_not_found(uri: axum::http::Uri) -> FmcError {
    FmcError::path_not_found(uri.path())
}

/// Fallback for methods a route does not support.
pub async fn method_not_allowed(method: Method) -> FmcError {
    FmcError::method_not_allowed(&method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_fmc_shape() {
        let body = FmcError::authentication_failed().body();

        assert_eq!(
            body,
            json!({"error":{"category":"FRAMEWORK","messages":[{"description":"User authentication failed."}],"severity":"ERROR"}})
        );
    }

    #[test]
    fn statuses_match_fmc() {
        assert_eq!(
            FmcError::access_token_invalid().status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(FmcError::no_refresh_token().status, StatusCode::BAD_REQUEST);
        assert_eq!(
            FmcError::invalid_refresh_token().status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(FmcError::not_authorized().status, StatusCode::FORBIDDEN);
        assert_eq!(
            FmcError::domain_not_found("x").status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            FmcError::method_not_allowed(&Method::PATCH).status,
            StatusCode::METHOD_NOT_ALLOWED
        );
    }
}
