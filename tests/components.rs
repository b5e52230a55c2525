//! Component tests in headless Chromium (wasm-bindgen-test).
//!
//! Each test mounts a component with in-memory storage into a fresh element,
//! drives it through the DOM and checks what the user would see. The tests
//! need a browser, so they build only for wasm32.

#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use fmc_core::host::FmcHost;
use fmc_core::response::summarize;
use fmc_core::session::Session;
use fmc_core::signin::parse_sign_in;
use fmc_ext::browser::storage::Stores;
use fmc_ext::components::App;
use fmc_ext::state::{AppState, Problem, DRAFT_KEY};
use leptos::prelude::*;
use support::{find, new_root};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

const GLOBAL_UUID: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const DEVEL_UUID: &str = "8e2b1d2c-5a1f-11ee-9a7e-0242ac120002";
const ACCESS_TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

/// Mounts the app into a new element and returns the element.
fn mount_app(state: AppState, stores: Stores) -> HtmlElement {
    let root = new_root();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <App state=state stores=stores.clone() /> }
    });
    handle.forget();
    root
}

async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(30)).await;
}

/// Waits until the app has read its stores, as the popup does before it
/// shows a form, then lets the views settle.
async fn wait_restored(state: AppState) {
    for _ in 0..200 {
        if state.restored.get_untracked() {
            settle().await;
            return;
        }
        gloo_timers::future::sleep(Duration::from_millis(25)).await;
    }
    panic!("the app did not finish restoring its stores within 5 s");
}

fn label_texts(root: &HtmlElement) -> Vec<String> {
    let labels = root.query_selector_all("label").expect("labels");
    (0..labels.length())
        .filter_map(|index| labels.item(index))
        .filter_map(|label| label.text_content())
        .collect()
}

fn signed_in_session() -> Session {
    let host = FmcHost::parse("127.0.0.1:8443").expect("host parses");
    let headers = vec![
        ("x-auth-access-token".to_owned(), ACCESS_TOKEN.to_owned()),
        (
            "x-auth-refresh-token".to_owned(),
            "0b9d7d62-2222-4d7e-8f6c-3e9d4f1a9f00".to_owned(),
        ),
        ("domain_uuid".to_owned(), GLOBAL_UUID.to_owned()),
        ("global".to_owned(), GLOBAL_UUID.to_owned()),
        (
            "domains".to_owned(),
            format!(
                r#"[{{"name":"Global","uuid":"{GLOBAL_UUID}"}},{{"name":"Global/Devel","uuid":"{DEVEL_UUID}"}}]"#
            ),
        ),
    ];
    let sign_in = parse_sign_in(&host, "admin", 204, &headers, "").expect("sign-in headers parse");
    Session::new(
        host,
        "admin".to_owned(),
        sign_in,
        fmc_ext::browser::clock::now_ms(),
    )
}

#[wasm_bindgen_test]
async fn sign_in_form_labels_controls() {
    let state = AppState::new(0);
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;

    let labels = label_texts(&root);
    for name in ["Host", "Username", "Password"] {
        assert!(
            labels.iter().any(|label| label == name),
            "missing label {name} in {labels:?}"
        );
    }
    let button = find(&root, "form.sign-in button[type=submit]");
    assert_eq!(button.text_content().as_deref(), Some("Sign in"));
    let password: HtmlInputElement = find(&root, "#password").unchecked_into();
    assert_eq!(password.type_(), "password");
}

#[wasm_bindgen_test]
async fn sign_in_rejects_http_host_and_keeps_input() {
    let state = AppState::new(0);
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;

    let host: HtmlInputElement = find(&root, "#host").unchecked_into();
    host.set_value("http://fmc.example.com");
    host.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    let username: HtmlInputElement = find(&root, "#username").unchecked_into();
    username.set_value("admin");
    username
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    let button: HtmlElement = find(&root, "form.sign-in button[type=submit]").unchecked_into();
    button.click();
    settle().await;

    let alert = find(&root, "[role=alert]")
        .text_content()
        .unwrap_or_default();
    assert!(
        alert.contains("http://fmc.example.com"),
        "alert does not name the host: {alert}"
    );
    assert_eq!(host.value(), "http://fmc.example.com");
    assert_eq!(username.value(), "admin");
}

#[wasm_bindgen_test]
async fn session_bar_shows_user_domain_and_time() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    settle().await;

    let session = find(&root, "section[aria-label=Session]")
        .text_content()
        .unwrap_or_default();
    assert!(session.contains("admin"), "{session}");
    assert!(session.contains("127.0.0.1:8443"), "{session}");
    assert!(
        session.contains("Access token: 30 min left")
            || session.contains("Access token: 29 min left"),
        "{session}"
    );
    let domain: HtmlSelectElement = find(&root, "#domain").unchecked_into();
    assert_eq!(domain.length(), 2);
    assert_eq!(domain.value(), GLOBAL_UUID);
    assert!(session.contains("Refreshes: 0 of 3 used"), "{session}");
    assert!(
        session.contains("new sign-in needed in 1 h 59 min")
            || session.contains("new sign-in needed in 2 h"),
        "{session}"
    );
}

#[wasm_bindgen_test]
async fn keep_password_is_off_by_default() {
    let state = AppState::new(0);
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;

    let checkbox: HtmlInputElement =
        find(&root, "form.sign-in input[type=checkbox]").unchecked_into();
    assert!(!checkbox.checked());
    let label = checkbox
        .parent_element()
        .and_then(|label| label.text_content())
        .unwrap_or_default();
    assert_eq!(label, "Keep password until the browser closes");
}

#[wasm_bindgen_test]
async fn global_write_asks_for_confirmation() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    state.draft.update(|draft| {
        draft.method = fmc_core::request::Method::Post;
        draft.body = r#"{"name":"net-new","value":"10.9.9.0/24","type":"Network"}"#.to_owned();
    });
    settle().await;

    let send: HtmlElement = find(&root, "section.composer button[type=submit]").unchecked_into();
    send.click();
    settle().await;

    let alert = find(&root, "[role=alert]");
    assert!(alert
        .text_content()
        .unwrap_or_default()
        .contains("Global domain"));
    let button = alert
        .query_selector("button")
        .expect("selector")
        .expect("confirm button");
    assert_eq!(button.text_content().as_deref(), Some("Send anyway"));
    assert!(
        state.busy.get_untracked().is_none(),
        "nothing is sent before confirmation"
    );
}

#[wasm_bindgen_test]
async fn preview_fills_domain_and_masks_token() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    settle().await;

    let preview = find(&root, "section[aria-label='Request preview']")
        .text_content()
        .unwrap_or_default();
    let expected_url = format!(
        "GET https://127.0.0.1:8443/api/fmc_config/v1/domain/{GLOBAL_UUID}/object/networks"
    );
    assert!(preview.contains(&expected_url), "{preview}");
    assert!(
        preview.contains("X-auth-access-token: ••••abcd"),
        "{preview}"
    );
    assert!(
        !preview.contains(ACCESS_TOKEN),
        "the preview shows the whole token: {preview}"
    );
}

#[wasm_bindgen_test]
async fn domain_choice_changes_preview() {
    let stores = Stores::memory();
    let record = fmc_ext::sessions::store::SessionRecord {
        session: signed_in_session(),
        refresh_path: Default::default(),
        ended: None,
    };
    fmc_ext::sessions::store::save(&stores, &record)
        .await
        .expect("memory store accepts the session");
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, stores.clone());
    wait_restored(state).await;
    state.session.set(Some(record.session.clone()));
    settle().await;

    let domain: HtmlSelectElement = find(&root, "#domain").unchecked_into();
    domain.set_value(DEVEL_UUID);
    domain
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
    settle().await;

    let preview = find(&root, "section[aria-label='Request preview']")
        .text_content()
        .unwrap_or_default();
    assert!(preview.contains(DEVEL_UUID), "{preview}");
    let stored = fmc_ext::sessions::store::load(&stores, &record.session.host, "admin")
        .await
        .expect("memory store reads")
        .expect("session still stored");
    assert_eq!(stored.session.domain_uuid, DEVEL_UUID);
}

#[wasm_bindgen_test]
async fn response_shows_status_and_pretty_body() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    state.response.set(Some(summarize(
        200,
        Some("application/json"),
        r#"{"items":[{"name":"net-00001","type":"Network"}]}"#,
        42,
    )));
    settle().await;

    let response = find(&root, "section[aria-label=Response]")
        .text_content()
        .unwrap_or_default();
    assert!(response.contains("200 OK"), "{response}");
    assert!(response.contains("42 ms"), "{response}");
    assert!(response.contains(r#""name": "net-00001""#), "{response}");
}

#[wasm_bindgen_test]
async fn response_markup_stays_text() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    let hostile = r#"<html><body><script>window.__injected = 1</script><img src=x onerror="window.__injected = 2"></body></html>"#;
    state
        .response
        .set(Some(summarize(200, Some("text/html"), hostile, 5)));
    settle().await;

    let response = find(&root, "section[aria-label=Response]");
    assert!(response
        .query_selector("script")
        .expect("selector")
        .is_none());
    assert!(response.query_selector("img").expect("selector").is_none());
    assert!(response
        .text_content()
        .unwrap_or_default()
        .contains("<script>"));
    let injected = js_sys::Reflect::get(&js_sys::global(), &"__injected".into()).expect("reflect");
    assert!(injected.is_undefined());
}

#[wasm_bindgen_test]
async fn fmc_error_messages_come_first() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    let body = r#"{"error":{"category":"FRAMEWORK","messages":[{"description":"Request UUID and data does not match."}],"severity":"ERROR"}}"#;
    state
        .response
        .set(Some(summarize(400, Some("application/json"), body, 7)));
    settle().await;

    let errors = find(&root, "ul[aria-label='FMC error messages']")
        .text_content()
        .unwrap_or_default();
    assert_eq!(errors, "Request UUID and data does not match.");
}

#[wasm_bindgen_test]
async fn certificate_problem_offers_open_button() {
    let state = AppState::new(0);
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.problem.set(Some(Problem {
        open_host_url: Some("https://127.0.0.1:8443/".to_owned()),
        ..Problem::message("The usual cause is the FMC's self-signed certificate.")
    }));
    settle().await;

    let alert = find(&root, "[role=alert]");
    let button = alert
        .query_selector("button")
        .expect("selector")
        .expect("open button");
    assert_eq!(
        button.text_content().as_deref(),
        Some("Open FMC in a new tab")
    );
}

#[wasm_bindgen_test]
async fn draft_restored_from_storage() {
    let stores = Stores::memory();
    let draft = fmc_core::request::Draft {
        method: fmc_core::request::Method::Delete,
        path: "/api/fmc_config/v1/domain/{domainUUID}/object/networks/abc".to_owned(),
        body: String::new(),
        ..Default::default()
    };
    stores
        .local
        .set(DRAFT_KEY, &draft)
        .await
        .expect("memory store accepts the draft");
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, stores);
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    settle().await;

    let path: HtmlInputElement = find(&root, "#path").unchecked_into();
    assert_eq!(path.value(), draft.path);
    let method: HtmlSelectElement = find(&root, "#method").unchecked_into();
    assert_eq!(method.value(), "DELETE");
}

#[wasm_bindgen_test]
fn unicode_host_converted_by_browser() {
    use fmc_core::host::HostError;
    use fmc_ext::browser::idna::parse_host;

    let host = parse_host(" https://BÜCHER.example:8443/api ").expect("the browser converts it");
    assert_eq!(host.name(), "xn--bcher-kva.example");
    assert_eq!(host.port(), 8443);
    assert_eq!(
        parse_host("bücher.example").map(|host| host.display()),
        Ok("xn--bcher-kva.example".to_owned())
    );
    assert!(matches!(
        parse_host("http://bücher.example"),
        Err(HostError::PlainHttp { .. })
    ));
}

#[wasm_bindgen_test]
async fn session_ends_and_starts_again() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = mount_app(state, Stores::memory());
    wait_restored(state).await;
    state.session.set(Some(signed_in_session()));
    settle().await;
    state.session.set(None);
    settle().await;
    find(&root, "form.sign-in");

    state.session.set(Some(signed_in_session()));
    settle().await;
    find(&root, "section[aria-label=Session]");
    find(&root, "section[aria-label=Response]");
}
