//! Postman collections (format v2.1): the subset of the schema that carries
//! FMC requests, and the mapping between them and saved requests.
//!
//! The schema is published at
//! `https://schema.getpostman.com/json/collection/v2.1.0/collection.json`.
//! Only what a REST request needs is modelled: `info`, nested `item`
//! folders, `request` with method, URL, headers and a raw body, and
//! collection `variable`s. Other fields (`event`, `auth`, `response`,
//! `protocolProfileBehavior`) are ignored on import and never written.

mod export;
mod import;

use serde::{Deserialize, Serialize};

pub use export::export_collection;
pub(crate) use export::replace_ignoring_case;
pub use import::{import_collection, ImportReport, ImportedRequest, SkippedRequest};

/// The `info.schema` URL of a v2.1 collection.
pub const SCHEMA_V2_1: &str =
    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// A whole collection file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    pub info: Info,
    #[serde(default)]
    pub item: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variable: Vec<Variable>,
}

/// The collection's name and schema.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Info {
    pub name: String,
    #[serde(
        default,
        rename = "_postman_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub postman_id: Option<String>,
    #[serde(default)]
    pub schema: String,
}

/// A folder (with `item`) or a request (with `request`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<Vec<Item>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestField>,
}

/// The `request` of an item: the schema allows a bare URL string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RequestField {
    Url(String),
    Full(Box<Request>),
}

/// A request with its method, URL, headers and body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The method in upper case, as Postman writes it. A missing method is GET.
    #[serde(default = "default_method")]
    pub method: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<UrlField>,
}

fn default_method() -> String {
    "GET".to_owned()
}

/// A request URL: the schema allows a string or an object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UrlField {
    Raw(String),
    Parts(Url),
}

impl UrlField {
    /// Returns the URL as one string: `raw` when present, else built from
    /// its parts.
    pub fn to_raw(&self) -> String {
        match self {
            UrlField::Raw(raw) => raw.clone(),
            UrlField::Parts(url) => url.to_raw(),
        }
    }
}

/// A URL split the way Postman shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Url {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// Host name labels, or one element such as `{{host}}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub host: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query: Vec<QueryParam>,
}

impl Url {
    fn to_raw(&self) -> String {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let mut url = String::new();
        if let Some(protocol) = &self.protocol {
            url.push_str(protocol);
            url.push_str("://");
        }
        url.push_str(&self.host.join("."));
        for segment in &self.path {
            url.push('/');
            url.push_str(segment);
        }
        let query: Vec<String> = self
            .query
            .iter()
            .filter(|param| !param.disabled)
            .map(|param| match &param.value {
                Some(value) => format!("{}={}", param.key, value),
                None => param.key.clone(),
            })
            .collect();
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.join("&"));
        }
        url
    }
}

/// One query parameter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryParam {
    pub key: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
}

/// One request header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub key: String,
    #[serde(default)]
    pub value: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
}

/// A request body. Only `mode: "raw"` maps onto an FMC request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    #[serde(default)]
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<serde_json::Value>,
}

/// A collection variable such as `host`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    pub key: String,
    #[serde(default)]
    pub value: serde_json::Value,
}

/// A collection file that cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CollectionError {
    #[error("The file {file_name} is not valid JSON ({detail}). Export the collection again from Postman as Collection v2.1.")]
    InvalidJson { file_name: String, detail: String },
    #[error("The file {file_name} is not a Postman collection v2.1 ({detail}). Export it from Postman with \"Collection v2.1\" selected.")]
    NotCollection { file_name: String, detail: String },
}

/// Parses the text of a collection file named `file_name` (used only in
/// messages). Schema v2.0 files are accepted too, because their requests
/// have the same shape.
pub fn parse_collection(file_name: &str, text: &str) -> Result<Collection, CollectionError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| CollectionError::InvalidJson {
            file_name: file_name.to_owned(),
            detail: error.to_string(),
        })?;
    let not_collection = |detail: String| CollectionError::NotCollection {
        file_name: file_name.to_owned(),
        detail,
    };

    let schema = value
        .pointer("/info/schema")
        .and_then(|schema| schema.as_str())
        .ok_or_else(|| not_collection("info.schema is missing".to_owned()))?;
    if !schema.contains("/v2.1") && !schema.contains("/v2.0") {
        return Err(not_collection(format!("info.schema is {schema}")));
    }
    serde_json::from_value(value).map_err(|error| not_collection(error.to_string()))
}

#[cfg(test)]
mod tests;
