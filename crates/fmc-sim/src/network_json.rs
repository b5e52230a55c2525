//! JSON of network objects: reading POST and PUT bodies, and rendering
//! objects in their condensed and expanded forms.

use std::net::IpAddr;

use serde_json::{json, Map, Value};

use crate::errors::FmcError;
use crate::network_store::{Network, NetworkFields};
use crate::users::Domain;

/// Maximum number of objects in one `?bulk=true` POST, as on FMC.
pub const MAX_BULK_OBJECTS: usize = 1000;

/// Reads the objects of a POST body: one object, or with `bulk` an array.
pub fn parse_post_body(body: &Value, bulk: bool) -> Result<Vec<NetworkFields>, FmcError> {
    match (body, bulk) {
        (Value::Array(entries), true) => parse_bulk(entries),
        (_, true) => Err(FmcError::bad_request(
            "A POST with bulk=true needs a JSON array of network objects.",
        )),
        (Value::Array(_), false) => Err(FmcError::bad_request(
            "A JSON array of objects needs the query parameter bulk=true.",
        )),
        (object, false) => Ok(vec![parse_fields(object)?]),
    }
}

fn parse_bulk(entries: &[Value]) -> Result<Vec<NetworkFields>, FmcError> {
    if entries.is_empty() {
        return Err(FmcError::bad_request(
            "The bulk request contains no objects. Send at least one.",
        ));
    }
    if entries.len() > MAX_BULK_OBJECTS {
        return Err(FmcError::bad_request(format!(
            "The bulk request contains {} objects; the maximum is {MAX_BULK_OBJECTS}. Split it into smaller requests.",
            entries.len()
        )));
    }

    let mut batch = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let fields = parse_fields(entry).map_err(|error| {
            FmcError::bad_request(format!("Object {index}: {}", error.description))
        })?;
        batch.push(fields);
    }
    Ok(batch)
}

/// Reads and checks the fields of one network object.
pub fn parse_fields(body: &Value) -> Result<NetworkFields, FmcError> {
    let Value::Object(object) = body else {
        return Err(FmcError::bad_request(
            "The request body must be a JSON object with 'name' and 'value'.",
        ));
    };

    if let Some(kind) = object.get("type") {
        if !kind
            .as_str()
            .is_some_and(|t| t.eq_ignore_ascii_case("Network"))
        {
            return Err(FmcError::bad_request(format!(
                "Type mismatch: this path takes objects of type 'Network', not {kind}."
            )));
        }
    }

    let name = required_string(object, "name", "the object name")?;
    if name.trim().is_empty() {
        return Err(FmcError::bad_request(
            "Invalid field 'name': it is empty. Send the object name.",
        ));
    }

    let value = required_string(object, "value", "an address or prefix such as 10.1.2.0/24")?;
    check_network_value(&value)?;

    let description = match object.get("description") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(_) => {
            return Err(FmcError::bad_request(
                "Invalid field 'description': expected a string.",
            ))
        }
    };
    let overridable = match object.get("overridable") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => {
            return Err(FmcError::bad_request(
                "Invalid field 'overridable': expected true or false.",
            ))
        }
    };

    Ok(NetworkFields {
        name,
        value,
        description,
        overridable,
    })
}

fn required_string(
    object: &Map<String, Value>,
    field: &str,
    hint: &str,
) -> Result<String, FmcError> {
    match object.get(field) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(FmcError::bad_request(format!(
            "Invalid field '{field}': expected a string with {hint}."
        ))),
        None => Err(FmcError::bad_request(format!(
            "Missing required field '{field}'. Send {hint}."
        ))),
    }
}

/// Accepts an IPv4 or IPv6 address, with or without a prefix length.
fn check_network_value(value: &str) -> Result<(), FmcError> {
    let invalid = || {
        FmcError::bad_request(format!(
            "Invalid value '{value}' for a network object. Use an IPv4 or IPv6 address or prefix such as 10.1.2.0/24."
        ))
    };

    let (address, prefix) = match value.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (value, None),
    };
    let address: IpAddr = address.parse().map_err(|_| invalid())?;
    let max_prefix = if address.is_ipv4() { 32 } else { 128 };

    match prefix {
        None => Ok(()),
        Some(text) => match text.parse::<u8>() {
            Ok(length) if length <= max_prefix => Ok(()),
            _ => Err(invalid()),
        },
    }
}

/// Returns the absolute URL of one object.
pub fn object_url(base_url: &str, domain: &Domain, id: &str) -> String {
    format!(
        "{base_url}/api/fmc_config/v1/domain/{}/object/networks/{id}",
        domain.uuid
    )
}

/// Renders an object: `id`, `name`, `type` and `links` only, or with
/// `expanded` also its value, description and metadata.
pub fn render(network: &Network, domain: &Domain, base_url: &str, expanded: bool) -> Value {
    let links = json!({ "self": object_url(base_url, domain, &network.id) });
    if !expanded {
        return json!({
            "id": network.id,
            "name": network.name,
            "type": "Network",
            "links": links,
        });
    }

    json!({
        "id": network.id,
        "name": network.name,
        "type": "Network",
        "value": network.value,
        "overridable": network.overridable,
        "description": network.description,
        "links": links,
        "metadata": {
            "timestamp": network.timestamp_ms,
            "lastUser": { "name": network.last_user },
            "domain": { "name": domain.name, "id": domain.uuid, "type": "Domain" },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::users::GLOBAL;

    fn description_of(result: Result<Vec<NetworkFields>, FmcError>) -> String {
        result.unwrap_err().description
    }

    #[test]
    fn parses_minimal_object() {
        let body = json!({ "name": "web", "value": "10.1.2.0/24" });

        let batch = parse_post_body(&body, false).unwrap();

        assert_eq!(
            batch,
            vec![NetworkFields {
                name: "web".into(),
                value: "10.1.2.0/24".into(),
                description: String::new(),
                overridable: false,
            }]
        );
    }

    #[test]
    fn missing_name_or_value_rejected() {
        let no_name = description_of(parse_post_body(&json!({ "value": "10.0.0.0/8" }), false));
        assert!(no_name.contains("'name'"), "{no_name}");

        let no_value = description_of(parse_post_body(&json!({ "name": "x" }), false));
        assert!(no_value.contains("'value'"), "{no_value}");
    }

    #[test]
    fn network_values_checked() {
        for good in [
            "10.0.0.0/8",
            "10.1.2.3",
            "2001:db8::/32",
            "::1",
            "0.0.0.0/0",
        ] {
            assert!(check_network_value(good).is_ok(), "{good}");
        }
        for bad in [
            "10.0.0.0/33",
            "10.0.0",
            "2001:db8::/129",
            "host",
            "10.0.0.0/",
            "",
        ] {
            assert!(check_network_value(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wrong_type_rejected() {
        let body = json!({ "name": "x", "value": "10.0.0.1", "type": "Host" });

        let description = description_of(parse_post_body(&body, false));

        assert!(description.starts_with("Type mismatch"), "{description}");
    }

    #[test]
    fn bulk_needs_array_and_flag() {
        let object = json!({ "name": "x", "value": "10.0.0.1" });
        let array = json!([object.clone(), { "name": "y", "value": "10.0.0.2" }]);

        assert_eq!(parse_post_body(&array, true).unwrap().len(), 2);
        assert!(parse_post_body(&array, false).is_err());
        assert!(parse_post_body(&object, true).is_err());
        assert!(parse_post_body(&json!([]), true).is_err());
    }

    #[test]
    fn bulk_error_names_entry() {
        let array = json!([{ "name": "x", "value": "10.0.0.1" }, { "name": "y" }]);

        let description = description_of(parse_post_body(&array, true));

        assert!(description.starts_with("Object 1:"), "{description}");
    }

    #[test]
    fn bulk_over_limit_rejected() {
        let entry = json!({ "name": "x", "value": "10.0.0.1" });
        let array = Value::Array(vec![entry; MAX_BULK_OBJECTS + 1]);

        let description = description_of(parse_post_body(&array, true));

        assert!(description.contains("maximum is 1000"), "{description}");
    }

    #[test]
    fn condensed_and_expanded_forms() {
        let network = Network {
            id: "abc".into(),
            name: "web".into(),
            value: "10.1.2.0/24".into(),
            description: "d".into(),
            overridable: true,
            last_user: "admin".into(),
            timestamp_ms: 7,
        };
        let base = "https://127.0.0.1:8443";
        let self_url = format!(
            "{base}/api/fmc_config/v1/domain/{}/object/networks/abc",
            GLOBAL.uuid
        );

        let condensed = render(&network, &GLOBAL, base, false);
        assert_eq!(
            condensed,
            json!({ "id": "abc", "name": "web", "type": "Network", "links": { "self": self_url } })
        );

        let expanded = render(&network, &GLOBAL, base, true);
        assert_eq!(expanded["value"], "10.1.2.0/24");
        assert_eq!(expanded["overridable"], true);
        assert_eq!(expanded["metadata"]["domain"]["id"], GLOBAL.uuid);
        assert_eq!(expanded["metadata"]["lastUser"]["name"], "admin");
    }
}
