use super::*;
use crate::host::FmcHost;
use crate::request::{Draft, Method};
use crate::saved::SavedRequests;

const DOMAIN: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

fn host() -> FmcHost {
    FmcHost::parse("fmc.example.org:8443").unwrap()
}

fn draft(method: Method, path: &str, body: &str) -> Draft {
    Draft::new(method, path.to_owned(), body.to_owned())
}

fn library() -> SavedRequests {
    let mut saved = SavedRequests::default();
    saved
        .add(
            "List networks",
            "Objects/Networks",
            draft(
                Method::Get,
                "/api/fmc_config/v1/domain/{domainUUID}/object/networks?offset=0&limit=5",
                "",
            ),
        )
        .unwrap();
    saved
        .add(
            "Create host",
            "Objects",
            draft(
                Method::Post,
                &format!(
                    "https://fmc.example.org:8443/api/fmc_config/v1/domain/{DOMAIN}/object/hosts"
                ),
                "{\"name\": \"größe 'x'\", \"value\": \"10.0.0.1\"}",
            ),
        )
        .unwrap();
    saved
        .add(
            "Server version",
            "",
            draft(Method::Get, "/api/fmc_platform/v1/info/serverversion", ""),
        )
        .unwrap();
    saved
}

#[test]
fn export_uses_variables() {
    let collection = export_collection("Lab", &host(), DOMAIN, &library().requests);
    let json = serde_json::to_string(&collection.item).unwrap();

    assert!(
        !json.contains(DOMAIN),
        "a request kept the domain UUID: {json}"
    );
    assert!(!json.contains("fmc.example.org:8443/api"));
    assert!(json.contains("https://{{host}}/api/fmc_config/v1/domain/{{domain_uuid}}/object/networks?offset=0&limit=5"));
    assert!(json.contains("\"X-auth-access-token\""));
    assert!(json.contains("{{token}}"));
    assert_eq!(collection.info.schema, SCHEMA_V2_1);
}

#[test]
fn export_never_contains_token() {
    let collection = export_collection("Lab", &host(), DOMAIN, &library().requests);
    let json = serde_json::to_string(&collection).unwrap();

    assert!(!json.contains(TOKEN));
    let token = collection
        .variable
        .iter()
        .find(|variable| variable.key == "token")
        .unwrap();
    assert_eq!(token.value, serde_json::json!(""));
}

#[test]
fn export_nests_folders() {
    let collection = export_collection("Lab", &host(), DOMAIN, &library().requests);

    let names: Vec<&str> = collection
        .item
        .iter()
        .map(|item| item.name.as_str())
        .collect();
    assert_eq!(names, ["Objects", "Server version"]);
    let objects = collection.item[0].item.as_ref().unwrap();
    let inner: Vec<&str> = objects.iter().map(|item| item.name.as_str()).collect();
    assert_eq!(inner, ["Networks", "Create host"]);
    assert_eq!(objects[0].item.as_ref().unwrap()[0].name, "List networks");
}

#[test]
fn round_trip_keeps_requests() {
    let saved = library();
    let collection = export_collection("Lab", &host(), DOMAIN, &saved.requests);
    let text = serde_json::to_string_pretty(&collection).unwrap();
    let parsed = parse_collection("lab.json", &text).unwrap();
    let report = import_collection(&parsed, &host());

    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.requests.len(), 3);
    let create = report
        .requests
        .iter()
        .find(|request| request.name == "Create host")
        .unwrap();
    assert_eq!(create.folder, "Objects");
    assert_eq!(create.draft.method, Method::Post);
    assert_eq!(
        create.draft.path,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts"
    );
    assert_eq!(create.draft.body, saved.requests[1].draft.body);
    let list = report
        .requests
        .iter()
        .find(|request| request.name == "List networks")
        .unwrap();
    assert_eq!(list.folder, "Objects/Networks");
    assert_eq!(list.draft, saved.requests[0].draft);
    let version = report
        .requests
        .iter()
        .find(|request| request.name == "Server version")
        .unwrap();
    assert_eq!(version.folder, "");
    assert_eq!(version.draft, saved.requests[2].draft);
}

/// A collection as the Postman app writes it: `_postman_id`, `_exporter_id`,
/// `event`, `response`, header `type`, URL parts and a `{{baseUrl}}` host.
const POSTMAN_APP_FILE: &str = r#"{
  "info": {
    "_postman_id": "0b7d8c5e-2f7a-4f3e-9d9a-1c2b3a4d5e6f",
    "name": "FMC lab",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    "_exporter_id": "1234567"
  },
  "item": [
    {
      "name": "Objects",
      "item": [
        {
          "name": "Get hosts",
          "event": [{"listen": "test", "script": {"exec": [""], "type": "text/javascript"}}],
          "request": {
            "method": "GET",
            "header": [{"key": "X-auth-access-token", "value": "{{token}}", "type": "text"}],
            "url": {
              "raw": "{{baseUrl}}/fmc_config/v1/domain/{{domainUUID}}/object/hosts?limit=25",
              "host": ["{{baseUrl}}"],
              "path": ["fmc_config", "v1", "domain", "{{domainUUID}}", "object", "hosts"],
              "query": [{"key": "limit", "value": "25"}]
            }
          },
          "response": []
        },
        {
          "name": "Upload file",
          "request": {
            "method": "POST",
            "header": [],
            "body": {"mode": "formdata", "formdata": [{"key": "file", "type": "file", "src": "a.txt"}]},
            "url": {"raw": "{{baseUrl}}/fmc_config/v1/domain/{{domainUUID}}/object/hosts"}
          },
          "response": []
        },
        {
          "name": "Patch host",
          "request": {"method": "PATCH", "header": [], "url": "{{baseUrl}}/x"},
          "response": []
        }
      ]
    },
    {
      "name": "Other API",
      "request": {"method": "GET", "header": [], "url": {"raw": "https://api.example.com/v1/things", "protocol": "https", "host": ["api", "example", "com"], "path": ["v1", "things"]}},
      "response": []
    },
    {
      "name": "Literal FMC",
      "request": {"method": "DELETE", "header": [], "url": {"protocol": "https", "host": ["fmc", "example", "org:8443"], "path": ["api", "fmc_config", "v1", "domain", ":domainUUID", "object", "hosts", "{{hostId}}"]}},
      "response": []
    }
  ],
  "variable": [
    {"key": "baseUrl", "value": "https://fmc.example.org/api", "type": "string"},
    {"key": "hostId", "value": "abc-123", "type": "string"}
  ]
}"#;

#[test]
fn round_trip_other_spellings_of_host() {
    let default_port = FmcHost::parse("fmc.example.org").unwrap();
    let path = "/api/fmc_platform/v1/info/serverversion";
    for url in [
        "https://fmc.example.org:443/api/fmc_platform/v1/info/serverversion",
        "https://FMC.example.org./api/fmc_platform/v1/info/serverversion",
    ] {
        let mut saved = SavedRequests::default();
        saved
            .add("Version", "", draft(Method::Get, url, ""))
            .unwrap();
        let collection = export_collection("Lab", &default_port, DOMAIN, &saved.requests);
        let text = serde_json::to_string(&collection).unwrap();
        let parsed = parse_collection("lab.json", &text).unwrap();
        let report = import_collection(&parsed, &default_port);

        assert!(report.skipped.is_empty(), "{url}: {:?}", report.skipped);
        let paths: Vec<&str> = report
            .requests
            .iter()
            .map(|request| request.draft.path.as_str())
            .collect();
        assert_eq!(paths, [path], "{url}");
    }
}

#[test]
fn export_keeps_look_alike_host() {
    let default_port = FmcHost::parse("fmc.example.org").unwrap();
    let url = "https://fmc.example.org.evil.test/api/x";
    let mut saved = SavedRequests::default();
    saved.add("Other", "", draft(Method::Get, url, "")).unwrap();
    let collection = export_collection("Lab", &default_port, DOMAIN, &saved.requests);
    let request = match &collection.item[0].request {
        Some(RequestField::Full(request)) => request,
        other => panic!("unexpected request {other:?}"),
    };
    assert_eq!(request.url, Some(UrlField::Raw(url.to_owned())));
}

#[test]
fn import_postman_app_file() {
    let collection = parse_collection("lab.postman_collection.json", POSTMAN_APP_FILE).unwrap();
    let report = import_collection(&collection, &host());

    let names: Vec<&str> = report
        .requests
        .iter()
        .map(|request| request.name.as_str())
        .collect();
    assert_eq!(names, ["Get hosts", "Literal FMC"]);
    let get = &report.requests[0];
    assert_eq!(get.folder, "Objects");
    assert_eq!(
        get.draft.path,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts?limit=25"
    );
    let delete = &report.requests[1];
    assert_eq!(delete.draft.method, Method::Delete);
    assert_eq!(
        delete.draft.path,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts/abc-123"
    );
}

#[test]
fn import_names_skipped_requests() {
    let collection = parse_collection("lab.json", POSTMAN_APP_FILE).unwrap();
    let report = import_collection(&collection, &host());

    let skipped: Vec<&str> = report
        .skipped
        .iter()
        .map(|skip| skip.name.as_str())
        .collect();
    assert_eq!(
        skipped,
        ["Objects/Upload file", "Objects/Patch host", "Other API"]
    );
    assert!(report.skipped[0].reason.contains("formdata"));
    assert!(report.skipped[1].reason.contains("PATCH"));
    assert!(report.skipped[2].reason.contains("api.example.com"));
}

#[test]
fn parse_rejects_invalid_json() {
    let error = parse_collection("broken.json", "{\"info\": ").unwrap_err();
    assert!(matches!(error, CollectionError::InvalidJson { .. }));
    assert!(error.to_string().contains("broken.json"));
}

#[test]
fn parse_rejects_missing_schema() {
    let error = parse_collection("plain.json", "{\"items\": []}").unwrap_err();
    assert!(
        error.to_string().contains("info.schema is missing"),
        "{error}"
    );
}

#[test]
fn parse_rejects_v1_schema() {
    let text = r#"{"info": {"name": "old", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}}"#;
    let error = parse_collection("old.json", text).unwrap_err();
    assert!(error.to_string().contains("v1.0.0"), "{error}");
}

#[test]
fn parse_rejects_wrong_item_shape() {
    let text = r#"{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": "nope"}"#;
    let error = parse_collection("x.json", text).unwrap_err();
    assert!(matches!(error, CollectionError::NotCollection { .. }));
}
