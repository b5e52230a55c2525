//! A Postman collection to saved requests: which requests fit the FMC
//! profile, and which are skipped and why.

use super::export::replace_ignoring_case;
use super::{Collection, Item, RequestField, UrlField};
use crate::host::FmcHost;
use crate::request::{Draft, Method, DOMAIN_PLACEHOLDER};

/// One request that can be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRequest {
    pub name: String,
    /// Folder path such as `Objects/Networks`, or empty for the top level.
    pub folder: String,
    pub draft: Draft,
}

/// One request that was left out, named by its folder path and name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRequest {
    pub name: String,
    pub reason: String,
}

/// The outcome of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub requests: Vec<ImportedRequest>,
    pub skipped: Vec<SkippedRequest>,
}

/// Reads the requests of `collection` for the FMC at `host`.
///
/// A URL whose host is one variable, such as `{{host}}`, `{{baseUrl}}` or
/// `{{fmc_host}}`, is taken to be the profile's FMC. When the collection
/// defines that variable with a path (`https://fmc/api`), the path is kept.
/// A URL with a literal host is imported only when it is `host`.
/// `{{domain_uuid}}` and `{{domainUUID}}` (any case, with or without `_`)
/// become `{domainUUID}`, and other variables that the collection defines
/// are filled in. Requests with another host, a method the FMC lacks (such
/// as PATCH) or a body mode other than raw are skipped.
pub fn import_collection(collection: &Collection, host: &FmcHost) -> ImportReport {
    let mut report = ImportReport::default();
    walk(collection, host, &collection.item, &[], &mut report);
    report
}

fn walk(
    collection: &Collection,
    host: &FmcHost,
    items: &[Item],
    folder: &[&str],
    report: &mut ImportReport,
) {
    for item in items {
        if let Some(children) = &item.item {
            let mut path = folder.to_vec();
            path.push(item.name.trim());
            walk(collection, host, children, &path, report);
            continue;
        }
        let folder_path = folder.join("/");
        let full_name = if folder_path.is_empty() {
            item.name.clone()
        } else {
            format!("{folder_path}/{}", item.name)
        };
        let Some(request) = &item.request else {
            report.skipped.push(SkippedRequest {
                name: full_name,
                reason: "it has no request".to_owned(),
            });
            continue;
        };
        match draft(collection, host, request) {
            Ok(draft) => report.requests.push(ImportedRequest {
                name: item.name.clone(),
                folder: folder_path,
                draft,
            }),
            Err(reason) => report.skipped.push(SkippedRequest {
                name: full_name,
                reason,
            }),
        }
    }
}

fn draft(collection: &Collection, host: &FmcHost, request: &RequestField) -> Result<Draft, String> {
    let (method, url, body) = match request {
        RequestField::Url(url) => ("GET".to_owned(), url.clone(), None),
        RequestField::Full(request) => (
            request.method.clone(),
            request
                .url
                .as_ref()
                .map(UrlField::to_raw)
                .unwrap_or_default(),
            request.body.as_ref(),
        ),
    };
    let method = Method::parse(&method)
        .ok_or_else(|| format!("the FMC REST API has no {} method", method.trim()))?;
    let body = match body {
        None => String::new(),
        Some(body) if body.mode == "raw" || body.mode.is_empty() => {
            body.raw.clone().unwrap_or_default()
        }
        Some(body) => {
            return Err(format!(
                "its body mode is {}, and only raw bodies can be sent to the FMC",
                body.mode
            ))
        }
    };
    let path = fmc_path(collection, host, &url)?;
    Ok(Draft::new(method, path, body))
}

/// Returns the path and query of `url` when it names the profile's FMC.
fn fmc_path(collection: &Collection, host: &FmcHost, url: &str) -> Result<String, String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("its URL is empty".to_owned());
    }
    let without_scheme = match url.split_once("://") {
        Some((_, rest)) => rest,
        None => url,
    };
    let split = without_scheme
        .find(['/', '?'])
        .unwrap_or(without_scheme.len());
    let (authority, rest) = without_scheme.split_at(split);

    let base_path = match variable_name(authority) {
        Some(name) => variable_value(collection, name)
            .map(|value| path_of(&value))
            .unwrap_or_default(),
        None => {
            let named = FmcHost::parse(authority)
                .map_err(|_| format!("its host {authority} is not a valid host name"))?;
            if named != *host {
                return Err(format!(
                    "its host {} is not this profile's FMC {}",
                    named.display(),
                    host.display()
                ));
            }
            String::new()
        }
    };

    let mut path = format!("{}{}", base_path.trim_end_matches('/'), rest);
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    Ok(fill_variables(collection, &path))
}

/// Returns `name` when `text` is exactly one `{{name}}` variable.
fn variable_name(text: &str) -> Option<&str> {
    let name = text.strip_prefix("{{")?.strip_suffix("}}")?;
    (!name.is_empty() && !name.contains(['{', '}'])).then_some(name)
}

fn variable_value(collection: &Collection, name: &str) -> Option<String> {
    collection
        .variable
        .iter()
        .find(|variable| variable.key == name)
        .and_then(|variable| variable.value.as_str())
        .map(str::to_owned)
}

/// Returns the path part of a URL such as `https://fmc.example.org/api`.
fn path_of(url: &str) -> String {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match without_scheme.find('/') {
        Some(slash) => without_scheme[slash..].to_owned(),
        None => String::new(),
    }
}

/// Replaces domain UUID variables with the composer's placeholder and fills
/// in the other variables that the collection defines with a string value.
fn fill_variables(collection: &Collection, path: &str) -> String {
    let mut result = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        let name = &after[..close];
        result.push_str(&rest[..open]);
        if is_domain_variable(name) {
            result.push_str(DOMAIN_PLACEHOLDER);
        } else {
            match variable_value(collection, name).filter(|value| !value.is_empty()) {
                Some(value) => result.push_str(&value),
                None => result.push_str(&rest[open..open + 2 + close + 2]),
            }
        }
        rest = &after[close + 2..];
    }
    result.push_str(rest);
    replace_ignoring_case(&result, ":domainUUID", DOMAIN_PLACEHOLDER)
}

fn is_domain_variable(name: &str) -> bool {
    let compact: String = name.chars().filter(|c| *c != '_').collect();
    compact.eq_ignore_ascii_case("domainuuid")
}
