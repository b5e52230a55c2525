//! The `{domainUUID}` path parameter, checked against the user's rights.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::access::Authenticated;
use crate::errors::FmcError;
use crate::users::{find_domain, Domain};

/// A domain from the path in which the signed-in user has rights.
#[derive(Debug, Clone, Copy)]
pub struct AuthorizedDomain(pub &'static Domain);

impl<S: Send + Sync> FromRequestParts<S> for AuthorizedDomain {
    type Rejection = FmcError;

    /// Returns 404 for a UUID no domain has, and 403 `The user is not
    /// authorized` for a domain the user has no rights in.
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let authenticated = Authenticated::from_request_parts(parts, state).await?;

        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| FmcError::bad_request(rejection.body_text()))?;
        let Some(uuid) = params.get("domain_uuid") else {
            return Err(FmcError::path_not_found(parts.uri.path()));
        };

        let domain = find_domain(uuid).ok_or_else(|| FmcError::domain_not_found(uuid))?;
        if !authenticated.user.can_access(domain) {
            return Err(FmcError::not_authorized());
        }
        Ok(AuthorizedDomain(domain))
    }
}
