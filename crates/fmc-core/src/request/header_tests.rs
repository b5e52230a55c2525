use super::*;

const DOMAIN: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

fn prepare(draft: &Draft) -> Result<PreparedRequest, RequestError> {
    let host = FmcHost::parse("fmc.example.com").expect("valid host");
    prepare_request(&host, draft, DOMAIN, &Secret::new(TOKEN))
}

fn post_draft() -> Draft {
    Draft {
        method: Method::Post,
        body: "{}".to_owned(),
        ..Draft::default()
    }
}

fn names(prepared: &PreparedRequest) -> Vec<String> {
    prepared
        .headers
        .iter()
        .map(|(name, _)| name.clone())
        .collect()
}

fn user_row(name: &str, value: &str) -> HeaderRow {
    HeaderRow {
        name: name.to_owned(),
        value: value.to_owned(),
        enabled: true,
    }
}

#[test]
fn automatic_headers_turned_off() {
    let mut draft = post_draft();
    draft.auto_headers = AutoHeaders {
        accept: false,
        access_token: false,
        content_type: false,
    };
    let prepared = prepare(&draft).expect("prepares");
    assert!(prepared.headers.is_empty());
    assert_eq!(prepared.body.as_deref(), Some("{}"));
}

#[test]
fn access_token_switch_only() {
    let mut draft = post_draft();
    draft.auto_headers.access_token = false;
    let prepared = prepare(&draft).expect("prepares");
    assert_eq!(names(&prepared), ["Accept", "Content-Type"]);
}

#[test]
fn user_headers_appended() {
    let mut draft = post_draft();
    draft.headers = vec![user_row("X-Trace", "42")];
    let prepared = prepare(&draft).expect("prepares");
    assert_eq!(
        names(&prepared),
        ["Accept", ACCESS_TOKEN, "Content-Type", "X-Trace"]
    );
    assert_eq!(
        prepared.exposed_headers().last(),
        Some(&("X-Trace".to_owned(), "42".to_owned()))
    );
}

#[test]
fn user_content_type_replaces_automatic() {
    let mut draft = post_draft();
    draft.headers = vec![user_row("content-type", "application/json; charset=utf-8")];
    let prepared = prepare(&draft).expect("prepares");
    assert_eq!(names(&prepared), ["Accept", ACCESS_TOKEN, "content-type"]);
}

#[test]
fn malformed_user_header_rejected() {
    let mut draft = post_draft();
    draft.headers = vec![user_row("X Bad", "1")];
    let error = prepare(&draft).expect_err("invalid name");
    assert!(matches!(
        error,
        RequestError::InvalidHeader(HeaderError::InvalidName { .. })
    ));
    assert!(error.to_string().contains("X Bad"));
}

#[test]
fn other_host_rejected_without_token() {
    let mut draft = Draft::default();
    draft.auto_headers.access_token = false;
    draft.path = "https://elsewhere.example.com/api".to_owned();
    let error = prepare(&draft).expect_err("other host");
    assert!(matches!(error, RequestError::OtherHost { .. }));
}

#[test]
fn old_draft_json_loads() {
    let json = r#"{"method":"GET","path":"/api/x","body":""}"#;
    let draft: Draft = serde_json::from_str(json).expect("old draft");
    assert_eq!(draft.auto_headers, AutoHeaders::default());
    assert!(draft.headers.is_empty());
    assert!(draft.query_rows.is_empty());
}
