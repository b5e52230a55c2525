//! `{name}` placeholders in a path template, such as `{objectId}` in
//! `/api/fmc_config/v1/domain/{domainUUID}/object/networks/{objectId}`.

use crate::request::{is_domain_placeholder, is_placeholder_name};

/// A placeholder in a path and where it is, as byte offsets into the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// Returns every `{name}` placeholder in `path`, in order, the domain
/// placeholder included.
pub fn placeholders(path: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(open) = path[offset..].find('{') {
        let start = offset + open;
        let after = &path[start + 1..];
        match after.find('}') {
            Some(close) if is_placeholder_name(&after[..close]) => {
                let end = start + close + 2;
                found.push(Placeholder {
                    name: after[..close].to_owned(),
                    start,
                    end,
                });
                offset = end;
            }
            _ => offset = start + 1,
        }
    }
    found
}

/// Returns the names of the placeholders the user still has to fill:
/// every one except `{domainUUID}`, which is filled from the selected
/// domain when the request is sent.
pub fn unfilled_placeholders(path: &str) -> Vec<String> {
    placeholders(path)
        .into_iter()
        .filter(|placeholder| !is_domain_placeholder(&placeholder.name))
        .map(|placeholder| placeholder.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_id_unfilled() {
        let path = "/api/fmc_config/v1/domain/{domainUUID}/object/networks/{objectId}";
        assert_eq!(unfilled_placeholders(path), ["objectId"]);
    }

    #[test]
    fn several_in_order() {
        let path = "/api/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/accessrules/{objectId}";
        assert_eq!(unfilled_placeholders(path), ["containerUUID", "objectId"]);
    }

    #[test]
    fn positions_cover_braces() {
        let path = "/a/{x}/b";
        let found = placeholders(path);
        assert_eq!(found.len(), 1);
        assert_eq!(&path[found[0].start..found[0].end], "{x}");
    }

    #[test]
    fn filled_path_has_none() {
        let path = "/api/fmc_config/v1/domain/{domainUUID}/object/networks/00505686-9A5B";
        assert!(unfilled_placeholders(path).is_empty());
    }

    #[test]
    fn braces_without_name_ignored() {
        assert!(unfilled_placeholders("/a?filter={}&b={not a name}").is_empty());
        assert_eq!(unfilled_placeholders("/a/{{id}}"), ["id"]);
    }
}
