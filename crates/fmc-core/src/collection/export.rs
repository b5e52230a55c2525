//! Saved requests to a Postman collection, with the FMC host, domain UUID
//! and access token as collection variables.

use super::{
    Body, Collection, Header, Info, Item, QueryParam, Request, RequestField, Url, UrlField,
};
use super::{Variable, SCHEMA_V2_1};
use crate::headers::ACCESS_TOKEN;
use crate::host::{split_authority, FmcHost};
use crate::saved::SavedRequest;

/// The variable that contains the FMC host and port.
pub(super) const HOST_VARIABLE: &str = "host";
/// The variable that contains the domain UUID.
pub(super) const DOMAIN_VARIABLE: &str = "domain_uuid";
/// The variable that contains the access token, empty in exported files.
pub(super) const TOKEN_VARIABLE: &str = "token";

/// Builds a collection named `name` from `requests`.
///
/// URLs become `https://{{host}}/…`. The domain placeholder of a path
/// (`{domainUUID}` in any spelling the composer accepts) and every literal
/// occurrence of `domain_uuid` become `{{domain_uuid}}`. Each request gets
/// `X-auth-access-token: {{token}}`, and the `token` variable is left empty,
/// so the file never contains a real token. A full URL on another host is
/// exported unchanged.
pub fn export_collection(
    name: &str,
    host: &FmcHost,
    domain_uuid: &str,
    requests: &[SavedRequest],
) -> Collection {
    let mut root: Vec<Item> = Vec::new();
    for saved in requests {
        let folder: Vec<&str> = saved
            .folder
            .split('/')
            .filter(|part| !part.is_empty())
            .collect();
        let items = folder_items(&mut root, &folder);
        items.push(Item {
            name: saved.name.clone(),
            item: None,
            request: Some(RequestField::Full(Box::new(request(
                host,
                domain_uuid,
                saved,
            )))),
        });
    }

    Collection {
        info: Info {
            name: name.to_owned(),
            postman_id: None,
            schema: SCHEMA_V2_1.to_owned(),
        },
        item: root,
        variable: vec![
            variable(HOST_VARIABLE, &host.display()),
            variable(DOMAIN_VARIABLE, domain_uuid),
            variable(TOKEN_VARIABLE, ""),
        ],
    }
}

fn variable(key: &str, value: &str) -> Variable {
    Variable {
        key: key.to_owned(),
        value: serde_json::Value::String(value.to_owned()),
    }
}

/// Returns the item list of the folder at `path` under `items`, creating
/// the folders that are missing.
fn folder_items<'a>(items: &'a mut Vec<Item>, path: &[&str]) -> &'a mut Vec<Item> {
    let Some((first, rest)) = path.split_first() else {
        return items;
    };
    let position = items
        .iter()
        .position(|item| item.item.is_some() && item.name == *first);
    let index = match position {
        Some(index) => index,
        None => {
            items.push(Item {
                name: (*first).to_owned(),
                item: Some(Vec::new()),
                request: None,
            });
            items.len() - 1
        }
    };
    let children = items[index].item.get_or_insert_with(Vec::new);
    folder_items(children, rest)
}

fn request(host: &FmcHost, domain_uuid: &str, saved: &SavedRequest) -> Request {
    let draft = &saved.draft;
    let mut header = vec![
        header_entry("Accept", "application/json"),
        header_entry(ACCESS_TOKEN, &format!("{{{{{TOKEN_VARIABLE}}}}}")),
    ];
    let body = if draft.body.trim().is_empty() {
        None
    } else {
        header.push(header_entry("Content-Type", "application/json"));
        Some(Body {
            mode: "raw".to_owned(),
            raw: Some(draft.body.clone()),
            options: Some(serde_json::json!({ "raw": { "language": "json" } })),
        })
    };

    Request {
        method: draft.method.as_str().to_owned(),
        header,
        body,
        url: Some(url(host, domain_uuid, &draft.path)),
    }
}

fn header_entry(key: &str, value: &str) -> Header {
    Header {
        key: key.to_owned(),
        value: value.to_owned(),
        disabled: false,
    }
}

fn url(host: &FmcHost, domain_uuid: &str, path: &str) -> UrlField {
    let path = path.trim();
    // The host is cut off as text once owns_url accepts it, because the same
    // host can be written in other ways, such as with `:443` or a final dot.
    let path = if host.owns_url(path) {
        split_authority(path).1
    } else if path.starts_with('/') {
        path
    } else {
        // A full URL on another host, or text that is not a path.
        return UrlField::Raw(path.to_owned());
    };
    let path = with_domain_variable(path, domain_uuid);
    let (path_only, query) = match path.split_once('?') {
        Some((path_only, query)) => (path_only, Some(query)),
        None => (path.as_str(), None),
    };

    UrlField::Parts(Url {
        raw: Some(format!("https://{{{{{HOST_VARIABLE}}}}}{path}")),
        protocol: Some("https".to_owned()),
        host: vec![format!("{{{{{HOST_VARIABLE}}}}}")],
        path: path_only
            .trim_start_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect(),
        query: query.map(query_params).unwrap_or_default(),
    })
}

fn query_params(query: &str) -> Vec<QueryParam> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = match pair.split_once('=') {
                Some((key, value)) => (key, Some(value.to_owned())),
                None => (pair, None),
            };
            QueryParam {
                key: key.to_owned(),
                value,
                disabled: false,
            }
        })
        .collect()
}

/// Replaces the composer's domain placeholders and the literal domain UUID
/// with `{{domain_uuid}}`.
fn with_domain_variable(path: &str, domain_uuid: &str) -> String {
    let variable = format!("{{{{{DOMAIN_VARIABLE}}}}}");
    let mut result = path.to_owned();
    // `{domain_uuid}` goes first because the text that replaces
    // `{domainUUID}` contains it.
    for placeholder in ["{domain_uuid}", "{domainUUID}"] {
        result = replace_ignoring_case(&result, placeholder, &variable);
    }
    let uuid = domain_uuid.trim();
    if !uuid.is_empty() {
        result = replace_ignoring_case(&result, uuid, &variable);
    }
    result
}

/// Replaces every ASCII-case-insensitive occurrence of `from` in `text`.
pub(crate) fn replace_ignoring_case(text: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return text.to_owned();
    }
    let lower_text = text.to_ascii_lowercase();
    let lower_from = from.to_ascii_lowercase();
    let mut result = String::with_capacity(text.len());
    let mut start = 0;
    while let Some(found) = lower_text[start..].find(&lower_from) {
        let at = start + found;
        result.push_str(&text[start..at]);
        result.push_str(to);
        start = at + from.len();
    }
    result.push_str(&text[start..]);
    result
}
