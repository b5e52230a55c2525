//! Component tests of the request composer in headless Chromium
//! (wasm-bindgen-test): the Endpoint combobox, query and header rows, the
//! placeholder note and the body check.

#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use fmc_core::host::FmcHost;
use fmc_core::request::Method;
use fmc_core::session::Session;
use fmc_core::signin::parse_sign_in;
use fmc_core::spec::Endpoint;
use fmc_ext::browser::storage::Stores;
use fmc_ext::components::{Composer, ComposerState, EndpointStatus};
use fmc_ext::state::AppState;
use leptos::prelude::*;
use support::{find, new_root};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

const GLOBAL_UUID: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const ORIGIN: &str = "https://127.0.0.1:8443";
const NETWORKS: &str = "/api/fmc_config/v1/domain/{domainUUID}/object/networks";

fn session() -> Session {
    let host = FmcHost::parse("127.0.0.1:8443").expect("host parses");
    let headers = vec![
        (
            "x-auth-access-token".to_owned(),
            "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd".to_owned(),
        ),
        (
            "x-auth-refresh-token".to_owned(),
            "0b9d7d62-2222-4d7e-8f6c-3e9d4f1a9f00".to_owned(),
        ),
        ("domain_uuid".to_owned(), GLOBAL_UUID.to_owned()),
        ("global".to_owned(), GLOBAL_UUID.to_owned()),
        (
            "domains".to_owned(),
            format!(r#"[{{"name":"Global","uuid":"{GLOBAL_UUID}"}}]"#),
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

fn endpoint(method: Method, path: &str, operation_id: &str, query: &[&str]) -> Endpoint {
    Endpoint {
        method,
        path: path.to_owned(),
        operation_id: operation_id.to_owned(),
        summary: String::new(),
        query_params: query.iter().map(|name| (*name).to_owned()).collect(),
        path_params: Vec::new(),
    }
}

fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint(
            Method::Get,
            "/api/fmc_platform/v1/info/serverversion",
            "getServerVersion",
            &[],
        ),
        endpoint(
            Method::Get,
            NETWORKS,
            "getAllNetworkObject",
            &["offset", "limit", "expanded", "filter"],
        ),
        endpoint(
            Method::Get,
            &format!("{NETWORKS}/{{objectId}}"),
            "getNetworkObject",
            &[],
        ),
        endpoint(
            Method::Put,
            &format!("{NETWORKS}/{{objectId}}"),
            "updateNetworkObject",
            &[],
        ),
    ]
}

/// Mounts the composer, signed in, with the endpoint list already loaded.
async fn mount_composer() -> (HtmlElement, AppState) {
    let root = new_root();
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    state.session.set(Some(session()));
    let stores = Stores::memory();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        provide_context(stores.clone());
        let composer = ComposerState::new();
        composer.endpoints.set(EndpointStatus::ready(
            ORIGIN,
            "/api/api-explorer/fmc_oas3.json",
            endpoints(),
        ));
        provide_context(composer);
        view! { <Composer /> }
    });
    handle.forget();
    settle().await;
    (root, state)
}

async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(30)).await;
}

fn input(root: &HtmlElement, selector: &str) -> HtmlInputElement {
    find(root, selector).unchecked_into()
}

fn type_into(element: &HtmlInputElement, text: &str) {
    element.set_value(text);
    element
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch input");
}

fn press(element: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    element.dispatch_event(&event).expect("dispatch keydown");
}

fn option_texts(root: &HtmlElement) -> Vec<String> {
    let options = root.query_selector_all("[role=option]").expect("options");
    (0..options.length())
        .filter_map(|index| options.item(index))
        .filter_map(|option| option.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn combobox_lists_matches() {
    let (root, _) = mount_composer().await;
    let search = input(&root, "#endpoint");

    type_into(&search, "netw");
    settle().await;

    assert_eq!(search.get_attribute("role").as_deref(), Some("combobox"));
    assert_eq!(
        search.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let options = option_texts(&root);
    assert_eq!(options.len(), 3, "{options:?}");
    assert!(options[0].starts_with("GET"), "{options:?}");
    assert!(options[0].ends_with("/object/networks"), "{options:?}");
}

#[wasm_bindgen_test]
async fn arrow_and_enter_choose() {
    let (root, state) = mount_composer().await;
    let search = input(&root, "#endpoint");
    type_into(&search, "get netw objectid");
    settle().await;

    press(&search, "ArrowDown");
    press(&search, "Enter");
    settle().await;

    let draft = state.draft.get_untracked();
    assert_eq!(draft.method, Method::Get);
    assert_eq!(draft.path, format!("{NETWORKS}/{{objectId}}"));
    assert_eq!(
        search.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let note = find(&root, "#path-note").text_content().unwrap_or_default();
    assert!(note.contains("{objectId}"), "{note}");
}

#[wasm_bindgen_test]
async fn escape_closes_listbox() {
    let (root, _) = mount_composer().await;
    let search = input(&root, "#endpoint");
    type_into(&search, "networks");
    settle().await;

    press(&search, "Escape");
    settle().await;

    assert_eq!(
        search.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    let listbox: HtmlElement = find(&root, "[role=listbox]").unchecked_into();
    assert!(listbox.hidden());
}

#[wasm_bindgen_test]
async fn chosen_list_creates_query_rows() {
    let (root, state) = mount_composer().await;
    let search = input(&root, "#endpoint");
    type_into(&search, "getallnetwork");
    settle().await;
    press(&search, "Enter");
    settle().await;

    let names = root.query_selector_all(".query-rows .name").expect("rows");
    assert_eq!(names.length(), 4);
    // Empty rows are not sent, so the path has no query string yet.
    assert_eq!(state.draft.get_untracked().path, NETWORKS);

    let limit = input(&root, "[aria-label='Value of query parameter 2']");
    type_into(&limit, "5");
    settle().await;
    assert_eq!(
        state.draft.get_untracked().path,
        format!("{NETWORKS}?limit=5")
    );
}

#[wasm_bindgen_test]
async fn path_edit_updates_rows() {
    let (root, _) = mount_composer().await;
    let path = input(&root, "#path");

    type_into(
        &path,
        &format!("{NETWORKS}?expanded=true&filter=name%3Aweb"),
    );
    settle().await;

    let value = input(&root, "[aria-label='Value of query parameter 2']");
    assert_eq!(value.value(), "name:web");
    let name = input(&root, "[aria-label='Name of query parameter 1']");
    assert_eq!(name.value(), "expanded");
}

#[wasm_bindgen_test]
async fn header_switch_changes_preview() {
    let (root, _) = mount_composer().await;
    let preview = || find(&root, ".preview").text_content().unwrap_or_default();
    assert!(preview().contains("X-auth-access-token"), "{}", preview());

    let switch = input(&root, ".auto-header:nth-of-type(2) input");
    switch.click();
    settle().await;

    assert!(!preview().contains("X-auth-access-token"), "{}", preview());
}

#[wasm_bindgen_test]
async fn malformed_header_named() {
    let (root, _) = mount_composer().await;
    let add: HtmlElement = find(&root, ".header-rows .add-row").unchecked_into();
    add.click();
    settle().await;

    type_into(&input(&root, "[aria-label='Name of header 1']"), "X Bad");
    settle().await;

    let error = find(&root, "#header-error-0")
        .text_content()
        .unwrap_or_default();
    assert!(error.contains("X Bad"), "{error}");
    let preview = find(&root, ".preview").text_content().unwrap_or_default();
    assert!(preview.contains("X Bad"), "{preview}");
}

#[wasm_bindgen_test]
async fn body_error_shows_line() {
    let (root, _) = mount_composer().await;
    let body: HtmlTextAreaElement = find(&root, "#body").unchecked_into();

    body.set_value("{\n  \"name\": \"a\",\n  \"value\" 1\n}");
    body.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch input");
    gloo_timers::future::sleep(Duration::from_millis(400)).await;

    let error = find(&root, "#body-error")
        .text_content()
        .unwrap_or_default();
    assert!(error.starts_with("Line 3, column 11"), "{error}");
    assert_eq!(body.get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn format_button_pretty_prints() {
    let (root, state) = mount_composer().await;
    let body: HtmlTextAreaElement = find(&root, "#body").unchecked_into();
    body.set_value(r#"{"name":"a","value":"10.0.0.0/8"}"#);
    body.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch input");
    settle().await;

    let format: HtmlElement = find(&root, ".body-tools button").unchecked_into();
    format.click();
    settle().await;

    assert_eq!(
        state.draft.get_untracked().body,
        "{\n  \"name\": \"a\",\n  \"value\": \"10.0.0.0/8\"\n}"
    );
}

#[wasm_bindgen_test]
async fn method_and_path_labelled() {
    let (root, _) = mount_composer().await;
    let labels = root.query_selector_all("label").expect("labels");
    let texts: Vec<String> = (0..labels.length())
        .filter_map(|index| labels.item(index))
        .filter_map(|label| label.dyn_into::<Element>().ok())
        .filter(|label| !label.class_list().contains("visually-hidden"))
        .filter_map(|label| label.text_content())
        .collect();
    for name in ["Endpoint", "Method", "Path", "Body"] {
        assert!(
            texts.iter().any(|text| text == name),
            "no visible label {name} in {texts:?}"
        );
    }
}
