//! FMC domains: the `DOMAINS` sign-in header and matching a typed domain name.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One FMC domain. Nested domains are named with `/`, as in `Global/Devel`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub name: String,
    pub uuid: String,
}

/// Errors in a `DOMAINS` header value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainsError {
    #[error("The DOMAINS header is not JSON ({detail}). Sign in again to get the domain list.")]
    NotJson { detail: String },
    #[error("The DOMAINS header is JSON but not an array of domains. Sign in again to get the domain list.")]
    NotAnArray,
    #[error("The DOMAINS header lists no domain. Sign in again, or ask an FMC administrator which domains the account may use.")]
    Empty,
    #[error("Entry {index} of the DOMAINS header has no {field:?} text. Sign in again to get the domain list.")]
    MissingField { index: usize, field: &'static str },
}

/// Parses the `DOMAINS` header: a JSON array of `{"name","uuid"}` objects.
///
/// Unknown fields are ignored. Names and UUIDs are trimmed and must not be
/// empty.
pub fn parse_domains_header(value: &str) -> Result<Vec<Domain>, DomainsError> {
    let parsed: Value = serde_json::from_str(value).map_err(|error| DomainsError::NotJson {
        detail: error.to_string(),
    })?;
    let entries = parsed.as_array().ok_or(DomainsError::NotAnArray)?;
    if entries.is_empty() {
        return Err(DomainsError::Empty);
    }

    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let text = |field: &'static str| {
                entry
                    .get(field)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|text| !text.is_empty())
                    .map(str::to_owned)
                    .ok_or(DomainsError::MissingField { index, field })
            };
            Ok(Domain {
                name: text("name")?,
                uuid: text("uuid")?,
            })
        })
        .collect()
}

/// Finds the domain that `typed` names, or whose UUID it is.
///
/// Matching is lenient because users type domain names by hand: `\` counts as
/// `/`, spaces around segments are ignored, and case does not matter. So
/// ` global \ devel ` finds `Global/Devel`.
pub fn find_domain<'a>(domains: &'a [Domain], typed: &str) -> Option<&'a Domain> {
    let expected = normalize_domain_name(typed);
    if expected.is_empty() {
        return None;
    }
    let uuid = typed.trim();

    domains
        .iter()
        .find(|domain| normalize_domain_name(&domain.name) == expected)
        .or_else(|| {
            domains
                .iter()
                .find(|domain| domain.uuid.eq_ignore_ascii_case(uuid))
        })
}

/// Returns the domain names joined by `", "`, for messages that list the
/// domains to choose from.
pub fn domain_names(domains: &[Domain]) -> String {
    domains
        .iter()
        .map(|domain| domain.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn normalize_domain_name(name: &str) -> String {
    name.replace('\\', "/")
        .split('/')
        .map(|segment| segment.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLOBAL: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
    const DEVEL: &str = "8e2b1d2c-5a1f-11ee-9a7e-0242ac120002";
    const TEAM: &str = "0c7f3a9e-5a1f-11ee-9a7e-0242ac120002";

    fn sample() -> Vec<Domain> {
        let header = format!(
            r#"[{{"name":"Global","uuid":"{GLOBAL}"}},{{"name":"Global/Devel","uuid":"{DEVEL}"}},{{"name":"Global/Devel/Team A","uuid":"{TEAM}"}}]"#
        );
        parse_domains_header(&header).expect("valid header")
    }

    #[test]
    fn parses_nested_names() {
        let domains = sample();
        assert_eq!(domains.len(), 3);
        assert_eq!(
            domains[2],
            Domain {
                name: "Global/Devel/Team A".to_owned(),
                uuid: TEAM.to_owned()
            }
        );
    }

    #[test]
    fn ignores_unknown_fields() {
        let header = r#"[{"name":"Global","uuid":"abc","type":"Domain","id":111}]"#;
        let domains = parse_domains_header(header).expect("valid header");
        assert_eq!(
            domains,
            vec![Domain {
                name: "Global".to_owned(),
                uuid: "abc".to_owned()
            }]
        );
    }

    #[test]
    fn rejects_not_json() {
        let error = parse_domains_header("[{name:Global}]").expect_err("not JSON");
        assert!(matches!(error, DomainsError::NotJson { .. }), "{error:?}");
        assert!(matches!(
            parse_domains_header(""),
            Err(DomainsError::NotJson { .. })
        ));
    }

    #[test]
    fn rejects_not_an_array() {
        assert_eq!(
            parse_domains_header(r#"{"name":"Global","uuid":"abc"}"#),
            Err(DomainsError::NotAnArray)
        );
        assert_eq!(
            parse_domains_header("\"Global\""),
            Err(DomainsError::NotAnArray)
        );
    }

    #[test]
    fn rejects_empty_list() {
        assert_eq!(parse_domains_header("[]"), Err(DomainsError::Empty));
        assert_eq!(parse_domains_header(" [ ] "), Err(DomainsError::Empty));
    }

    #[test]
    fn rejects_missing_uuid() {
        let header = r#"[{"name":"Global","uuid":"abc"},{"name":"Global/Devel"}]"#;
        assert_eq!(
            parse_domains_header(header),
            Err(DomainsError::MissingField {
                index: 1,
                field: "uuid"
            })
        );
    }

    #[test]
    fn rejects_missing_or_blank_name() {
        for header in [
            r#"[{"uuid":"abc"}]"#,
            r#"[{"name":"  ","uuid":"abc"}]"#,
            r#"[{"name":5,"uuid":"abc"}]"#,
        ] {
            assert_eq!(
                parse_domains_header(header),
                Err(DomainsError::MissingField {
                    index: 0,
                    field: "name"
                }),
                "header {header}"
            );
        }
        assert!(matches!(
            parse_domains_header(r#"["Global"]"#),
            Err(DomainsError::MissingField { index: 0, .. })
        ));
    }

    #[test]
    fn find_exact_name() {
        let domains = sample();
        assert_eq!(
            find_domain(&domains, "Global/Devel").map(|d| d.uuid.as_str()),
            Some(DEVEL)
        );
    }

    #[test]
    fn find_lenient_name() {
        let domains = sample();
        for typed in [
            "global/devel",
            " Global \\ Devel ",
            "GLOBAL\\DEVEL",
            "Global / Devel",
        ] {
            assert_eq!(
                find_domain(&domains, typed).map(|d| d.uuid.as_str()),
                Some(DEVEL),
                "typed {typed:?}"
            );
        }
        assert_eq!(
            find_domain(&domains, "global/devel/team a").map(|d| d.uuid.as_str()),
            Some(TEAM)
        );
    }

    #[test]
    fn find_by_uuid() {
        let domains = sample();
        assert_eq!(
            find_domain(&domains, DEVEL).map(|d| d.name.as_str()),
            Some("Global/Devel")
        );
        let upper = DEVEL.to_uppercase();
        assert_eq!(
            find_domain(&domains, &upper).map(|d| d.name.as_str()),
            Some("Global/Devel")
        );
    }

    #[test]
    fn find_no_match() {
        let domains = sample();
        assert_eq!(find_domain(&domains, "Devel"), None);
        assert_eq!(find_domain(&domains, "Global/Devel/Team"), None);
        assert_eq!(find_domain(&domains, ""), None);
        assert_eq!(find_domain(&domains, "  "), None);
    }

    #[test]
    fn names_for_messages() {
        assert_eq!(
            domain_names(&sample()),
            "Global, Global/Devel, Global/Devel/Team A"
        );
        assert_eq!(domain_names(&[]), "");
    }
}
