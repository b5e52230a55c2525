use super::*;

const SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "FMC", "version": "7.2"},
  "basePath": "/api",
  "x-vendor": {"ignored": [1, 2, 3]},
  "parameters": {
    "limit": {"name": "limit", "in": "query", "type": "integer"}
  },
  "paths": {
    "/fmc_config/v1/domain/{domainUUID}/object/networks": {
      "parameters": [{"name": "domainUUID", "in": "path", "required": true}],
      "get": {
        "operationId": "getAllNetworkObject",
        "summary": "Retrieves list of all network objects.",
        "tags": ["Object"],
        "parameters": [
          {"name": "offset", "in": "query"},
          {"$ref": "#/parameters/limit"},
          {"$ref": "#/parameters/missing"},
          {"name": "expanded", "in": "query"},
          {"name": "body", "in": "body", "schema": {"$ref": "#/definitions/X"}}
        ],
        "responses": {"200": {"description": "OK"}}
      },
      "post": {"operationId": "createMultipleNetworkObject", "summary": "Creates network objects."},
      "patch": {"operationId": "notAnFmcMethod"}
    },
    "/fmc_config/v1/domain/{domainUUID}/object/networks/{objectId}": {
      "get": {
        "operationId": "getNetworkObject",
        "summary": "Retrieves the network object \u0022by id\u0022.",
        "parameters": [
          {"name": "objectId", "in": "path", "required": true},
          {"name": "domainUUID", "in": "path", "required": true}
        ]
      }
    }
  },
  "definitions": {"X": {"type": "object"}}
}"##;

const OAS3: &str = r##"{
  "openapi": "3.0.1",
  "servers": [{"url": "https://fmc.example.com/api/"}],
  "components": {
    "parameters": {"filter": {"name": "filter", "in": "query"}}
  },
  "paths": {
    "/fmc_platform/v1/info/serverversion": {
      "get": {"operationId": "getServerVersion", "summary": "Server version"}
    },
    "/fmc_config/v1/domain/{domainUUID}/object/hosts": {
      "get": {
        "operationId": "getAllHostObject",
        "parameters": [{"$ref": "#/components/parameters/filter"}]
      },
      "delete": {"operationId": "deleteMultipleHostObject"}
    }
  }
}"##;

#[test]
fn swagger_endpoints_in_order() {
    let endpoints = parse_spec(SWAGGER.as_bytes()).expect("valid spec");
    let listed: Vec<(Method, &str)> = endpoints
        .iter()
        .map(|endpoint| (endpoint.method, endpoint.operation_id.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (Method::Get, "getAllNetworkObject"),
            (Method::Post, "createMultipleNetworkObject"),
            (Method::Get, "getNetworkObject"),
        ]
    );
}

#[test]
fn swagger_base_path_and_params() {
    let endpoints = parse_spec(SWAGGER.as_bytes()).expect("valid spec");
    let list = &endpoints[0];
    assert_eq!(
        list.path,
        "/api/fmc_config/v1/domain/{domainUUID}/object/networks"
    );
    assert_eq!(list.query_params, ["offset", "limit", "expanded"]);
    assert_eq!(list.path_params, ["domainUUID"]);
    assert_eq!(list.summary, "Retrieves list of all network objects.");
}

#[test]
fn escaped_strings_decoded() {
    let endpoints = parse_spec(SWAGGER.as_bytes()).expect("valid spec");
    assert_eq!(
        endpoints[2].summary,
        "Retrieves the network object \"by id\"."
    );
    assert_eq!(endpoints[2].path_params, ["objectId", "domainUUID"]);
}

#[test]
fn openapi_server_path_and_refs() {
    let endpoints = parse_spec(OAS3.as_bytes()).expect("valid spec");
    assert_eq!(endpoints.len(), 3);
    assert_eq!(endpoints[0].path, "/api/fmc_platform/v1/info/serverversion");
    assert_eq!(endpoints[1].query_params, ["filter"]);
    assert_eq!(endpoints[2].method, Method::Delete);
}

#[test]
fn relative_server_url() {
    let json = r#"{"openapi":"3.0.0","servers":[{"url":"/api"}],"paths":{"/x":{"get":{}}}}"#;
    let endpoints = parse_spec(json.as_bytes()).expect("valid spec");
    assert_eq!(endpoints[0].path, "/api/x");
    assert_eq!(endpoints[0].operation_id, "");
}

#[test]
fn invalid_json_reports_position() {
    let error = parse_spec(b"{\"swagger\": \"2.0\",\n \"paths\": {,}}").unwrap_err();
    assert!(matches!(error, SpecError::InvalidJson { line: 2, .. }));
}

#[test]
fn unknown_format_rejected() {
    let error = parse_spec(br#"{"paths": {"/x": {"get": {}}}}"#).unwrap_err();
    assert_eq!(error, SpecError::UnknownFormat);
}

#[test]
fn empty_spec_rejected() {
    let error = parse_spec(br#"{"swagger": "2.0", "paths": {}}"#).unwrap_err();
    assert_eq!(error, SpecError::NoEndpoints);
}

/// Builds a Swagger document of about `bytes` bytes from `count` path items
/// with long descriptions, like the FMC's 9 MB `fmc.json`.
fn large_spec(bytes: usize) -> String {
    let description = "Lorem ipsum with \\\"quotes\\\" and unicode \\u00e9. ".repeat(40);
    let mut json = String::from(r#"{"swagger":"2.0","basePath":"/api","paths":{"#);
    let mut index = 0;
    while json.len() < bytes {
        if index > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            r#""/fmc_config/v1/domain/{{domainUUID}}/object/type{index}":{{"get":{{"operationId":"getAllType{index}","summary":"List {index}","description":"{description}","parameters":[{{"name":"offset","in":"query"}},{{"name":"limit","in":"query"}}],"responses":{{"200":{{"description":"OK","schema":{{"type":"object","properties":{{"a":{{"type":"string"}}}}}}}}}}}}}}"#
        ));
        index += 1;
    }
    json.push_str("}}");
    json
}

#[test]
fn nine_megabyte_spec_parses() {
    let json = large_spec(9 * 1024 * 1024);
    let endpoints = parse_spec(json.as_bytes()).expect("valid spec");
    assert!(endpoints.len() > 1_000);
    let last = endpoints.last().expect("endpoints");
    assert_eq!(last.query_params, ["offset", "limit"]);
    assert!(last.path.starts_with("/api/fmc_config/"));
}

#[test]
fn query_rows_start_empty() {
    let endpoints = parse_spec(SWAGGER.as_bytes()).expect("valid spec");
    let rows = endpoints[0].query_rows();
    let names: Vec<&str> = rows.iter().map(|row| row.name.as_str()).collect();
    assert_eq!(names, ["offset", "limit", "expanded"]);
    assert!(rows.iter().all(|row| row.value.is_empty()));
    assert!(rows.iter().all(|row| !row.is_sent()));
}
