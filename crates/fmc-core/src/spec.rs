//! Endpoints read from the FMC's API specification: `fmc.json` (Swagger 2.0)
//! or `fmc_oas3.json` (OpenAPI 3).
//!
//! Only what the composer needs is read: each operation's method, path
//! template, `operationId`, summary, and the names of its query and path
//! parameters. Unknown fields are skipped without being built, and strings
//! are borrowed from the input where they have no escapes, so a spec of
//! several megabytes parses quickly.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::query_rows::QueryRow;
use crate::request::Method;

/// One operation of the API, as the composer lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub method: Method,
    /// The path template with the base path in front, such as
    /// `/api/fmc_config/v1/domain/{domainUUID}/object/networks`.
    pub path: String,
    pub operation_id: String,
    pub summary: String,
    /// Names of the query parameters, in the order the spec lists them.
    pub query_params: Vec<String>,
    /// Names of the path parameters, `domainUUID` included.
    pub path_params: Vec<String>,
}

impl Endpoint {
    /// Returns a composer row for each query parameter, with an empty value
    /// so that nothing is sent until the user fills it in.
    pub fn query_rows(&self) -> Vec<QueryRow> {
        self.query_params
            .iter()
            .map(|name| QueryRow::new(name, ""))
            .collect()
    }
}

/// A specification that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpecError {
    #[error("The API specification is not valid JSON at line {line}, column {column}: {message}. Check that the FMC returned the spec and not an error page.")]
    InvalidJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("The document is neither Swagger 2.0 nor OpenAPI 3 (it has no \"swagger\" or \"openapi\" version field). Check the URL of the spec.")]
    UnknownFormat,
    #[error("The API specification lists no operations. Check that the account may read the API explorer.")]
    NoEndpoints,
}

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(borrow, default)]
    swagger: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    openapi: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "basePath")]
    base_path: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    servers: Vec<Server<'a>>,
    #[serde(borrow, default)]
    paths: PathList<'a>,
    /// Swagger 2.0 shared parameters, referenced as `#/parameters/NAME`.
    #[serde(borrow, default)]
    parameters: HashMap<Cow<'a, str>, Parameter<'a>>,
    #[serde(borrow, default)]
    components: Components<'a>,
}

#[derive(Deserialize)]
struct Server<'a> {
    #[serde(borrow, default)]
    url: Cow<'a, str>,
}

#[derive(Deserialize, Default)]
struct Components<'a> {
    /// OpenAPI 3 shared parameters, referenced as
    /// `#/components/parameters/NAME`.
    #[serde(borrow, default)]
    parameters: HashMap<Cow<'a, str>, Parameter<'a>>,
}

/// The `paths` object in document order.
#[derive(Default)]
struct PathList<'a>(Vec<(Cow<'a, str>, PathItem<'a>)>);

#[derive(Deserialize, Default)]
struct PathItem<'a> {
    #[serde(borrow, default)]
    parameters: Vec<Parameter<'a>>,
    #[serde(borrow, default)]
    get: Option<Operation<'a>>,
    #[serde(borrow, default)]
    post: Option<Operation<'a>>,
    #[serde(borrow, default)]
    put: Option<Operation<'a>>,
    #[serde(borrow, default)]
    delete: Option<Operation<'a>>,
}

#[derive(Deserialize)]
struct Operation<'a> {
    #[serde(borrow, default, rename = "operationId")]
    operation_id: Cow<'a, str>,
    #[serde(borrow, default)]
    summary: Cow<'a, str>,
    #[serde(borrow, default)]
    parameters: Vec<Parameter<'a>>,
}

#[derive(Deserialize, Clone, Default)]
struct Parameter<'a> {
    #[serde(borrow, default)]
    name: Cow<'a, str>,
    #[serde(borrow, default, rename = "in")]
    location: Cow<'a, str>,
    #[serde(borrow, default, rename = "$ref")]
    reference: Option<Cow<'a, str>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for PathList<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PathListVisitor<'a>(std::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for PathListVisitor<'a> {
            type Value = PathList<'a>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("an object of path items")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut items = Vec::new();
                while let Some(path) = map.next_key::<Cow<'de, str>>()? {
                    // `x-...` extension keys may sit among the paths.
                    if !path.starts_with('/') {
                        map.next_value::<de::IgnoredAny>()?;
                        continue;
                    }
                    items.push((path, map.next_value::<PathItem<'de>>()?));
                }
                Ok(PathList(items))
            }
        }

        deserializer.deserialize_map(PathListVisitor(std::marker::PhantomData))
    }
}

/// Parses a Swagger 2.0 or OpenAPI 3 document into its endpoints, in
/// document order, with GET, POST, PUT and DELETE operations only (the FMC
/// has no others).
pub fn parse_spec(json: &[u8]) -> Result<Vec<Endpoint>, SpecError> {
    let document: Document = serde_json::from_slice(json).map_err(|error| {
        let text = error.to_string();
        let position = format!(" at line {} column {}", error.line(), error.column());
        SpecError::InvalidJson {
            line: error.line(),
            column: error.column(),
            message: text.strip_suffix(&position).unwrap_or(&text).to_owned(),
        }
    })?;

    let shared = if document.swagger.is_some() {
        &document.parameters
    } else if document.openapi.is_some() {
        &document.components.parameters
    } else {
        return Err(SpecError::UnknownFormat);
    };
    let base = base_path(&document);

    let mut endpoints = Vec::new();
    for (path, item) in &document.paths.0 {
        let operations = [
            (Method::Get, &item.get),
            (Method::Post, &item.post),
            (Method::Put, &item.put),
            (Method::Delete, &item.delete),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation else {
                continue;
            };
            endpoints.push(endpoint(method, &base, path, item, operation, shared));
        }
    }
    if endpoints.is_empty() {
        return Err(SpecError::NoEndpoints);
    }
    Ok(endpoints)
}

fn endpoint(
    method: Method,
    base: &str,
    path: &str,
    item: &PathItem,
    operation: &Operation,
    shared: &HashMap<Cow<str>, Parameter>,
) -> Endpoint {
    let mut query_params = Vec::new();
    let mut path_params = Vec::new();
    // Operation parameters come after the path item's, as the spec orders
    // them; a name is listed once.
    for parameter in item.parameters.iter().chain(&operation.parameters) {
        let Some(parameter) = resolve(parameter, shared) else {
            continue;
        };
        let list = match parameter.location.as_ref() {
            "query" => &mut query_params,
            "path" => &mut path_params,
            _ => continue,
        };
        if !list
            .iter()
            .any(|name: &String| name == parameter.name.as_ref())
        {
            list.push(parameter.name.to_string());
        }
    }
    Endpoint {
        method,
        path: format!("{base}{path}"),
        operation_id: operation.operation_id.to_string(),
        summary: operation.summary.trim().to_owned(),
        query_params,
        path_params,
    }
}

/// Follows a `$ref` to a shared parameter; an unknown reference is skipped.
fn resolve<'p>(
    parameter: &'p Parameter<'p>,
    shared: &'p HashMap<Cow<str>, Parameter<'p>>,
) -> Option<&'p Parameter<'p>> {
    let Some(reference) = &parameter.reference else {
        return Some(parameter);
    };
    let name = reference.rsplit('/').next()?;
    shared.get(name)
}

/// Returns the prefix for every path: Swagger's `basePath`, or the path part
/// of the first OpenAPI server URL, without a trailing slash.
fn base_path(document: &Document) -> String {
    let base = match (&document.base_path, document.servers.first()) {
        (Some(base), _) => base.as_ref(),
        (None, Some(server)) => server_path(&server.url),
        (None, None) => "",
    };
    base.trim_end_matches('/').to_owned()
}

fn server_path(url: &str) -> &str {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
        None => url,
    }
}

#[cfg(test)]
mod tests;
