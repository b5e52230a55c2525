//! Component tests of the history and saved requests panels in headless
//! Chromium (wasm-bindgen-test), with in-memory storage.

#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use fmc_core::history::{History, HistoryEntry, HistoryOutcome};
use fmc_core::host::FmcHost;
use fmc_core::request::{Draft, Method};
use fmc_core::saved::SavedRequests;
use fmc_core::session::Session;
use fmc_core::signin::parse_sign_in;
use fmc_ext::browser::storage::Stores;
use fmc_ext::components::{HistoryPanel, SavedRequestsPanel};
use fmc_ext::flows::history::HISTORY_KEY;
use fmc_ext::flows::saved::key_for;
use fmc_ext::state::AppState;
use leptos::prelude::*;
use support::{click_button, find, new_root};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const GLOBAL_UUID: &str = "e276abec-e0f2-11e3-8169-6d9ed49b625f";
const ACCESS_TOKEN: &str = "5ae3d6a4-1111-4c4b-9a55-0c1f00d2abcd";

/// Mounts `panel` with `state` and `stores` as context into a new element.
fn mount<V: IntoView + 'static>(
    state: AppState,
    stores: Stores,
    panel: impl Fn() -> V + 'static,
) -> HtmlElement {
    let root = new_root();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        provide_context(stores.clone());
        panel()
    });
    handle.forget();
    root
}

async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(50)).await;
}

fn all(root: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// Clicks the first button under `root` whose text is `text`.
fn type_into(input: Element, text: &str) {
    let input: HtmlInputElement = input.unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
}

fn entry(method: Method, path: &str, status: u16) -> HistoryEntry {
    HistoryEntry {
        id: 0,
        sent_at_ms: 1_700_000_000_000,
        method,
        path: path.to_owned(),
        host: "127.0.0.1:8443".to_owned(),
        username: "admin".to_owned(),
        domain: Some("Global".to_owned()),
        outcome: HistoryOutcome::Status(status),
        elapsed_ms: 12,
        body: String::new(),
        body_truncated: false,
        response_excerpt: "{\"items\":[]}".to_owned(),
        response_truncated: false,
    }
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
    ];
    let sign_in = parse_sign_in(&host, "admin", 204, &headers, "").expect("sign-in headers parse");
    Session::new(host, "admin".to_owned(), sign_in, 0)
}

async fn stored_history(stores: &Stores) -> History {
    stores
        .local
        .get::<History>(HISTORY_KEY)
        .await
        .expect("history reads")
        .unwrap_or_default()
}

async fn history_with_two_entries(stores: &Stores) {
    let mut history = History::default();
    history.record(entry(
        Method::Get,
        "/api/fmc_platform/v1/info/serverversion",
        200,
    ));
    history.record(entry(
        Method::Delete,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts/1",
        404,
    ));
    stores
        .local
        .set(HISTORY_KEY, &history)
        .await
        .expect("history saves");
}

#[wasm_bindgen_test]
async fn history_lists_and_searches() {
    let stores = Stores::memory();
    history_with_two_entries(&stores).await;
    let root = mount(AppState::new(0), stores, || view! { <HistoryPanel /> });
    settle().await;

    assert_eq!(all(&root, "li.history-entry").len(), 2);
    let search = find(&root, "input[aria-label='Search history']");
    type_into(search, "404");
    settle().await;

    let shown = all(&root, "li.history-entry");
    assert_eq!(shown.len(), 1);
    let text = shown[0].text_content().unwrap_or_default();
    assert!(text.contains("object/hosts/1"), "{text}");
}

#[wasm_bindgen_test]
async fn history_run_again_fills_draft() {
    let stores = Stores::memory();
    history_with_two_entries(&stores).await;
    let state = AppState::new(0);
    let root = mount(state, stores, || view! { <HistoryPanel /> });
    settle().await;

    let newest = all(&root, "li.history-entry").remove(0);
    click_button(&newest, "Run again");
    settle().await;

    let draft = state.draft.get_untracked();
    assert_eq!(draft.method, Method::Delete);
    assert_eq!(
        draft.path,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts/1"
    );
}

#[wasm_bindgen_test]
async fn history_remove_and_clear() {
    let stores = Stores::memory();
    history_with_two_entries(&stores).await;
    let root = mount(
        AppState::new(0),
        stores.clone(),
        || view! { <HistoryPanel /> },
    );
    settle().await;

    let newest = all(&root, "li.history-entry").remove(0);
    click_button(&newest, "Remove");
    settle().await;
    assert_eq!(all(&root, "li.history-entry").len(), 1);
    assert_eq!(stored_history(&stores).await.entries.len(), 1);

    click_button(&root, "Clear history");
    settle().await;
    assert!(all(&root, "li.history-entry").is_empty());
    assert!(stored_history(&stores).await.entries.is_empty());
}

#[wasm_bindgen_test]
async fn history_shows_markup_as_text() {
    let stores = Stores::memory();
    let mut history = History::default();
    history.record(entry(Method::Get, "/api/<img src=x onerror=alert(1)>", 200));
    stores
        .local
        .set(HISTORY_KEY, &history)
        .await
        .expect("history saves");
    let root = mount(AppState::new(0), stores, || view! { <HistoryPanel /> });
    settle().await;

    assert!(root.query_selector("img").expect("selector").is_none());
    let path = find(&root, "li.history-entry .path").text_content();
    assert_eq!(path.as_deref(), Some("/api/<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
async fn saved_request_goes_into_folder() {
    let stores = Stores::memory();
    let state = AppState::new(0);
    let session = signed_in_session();
    state.session.set(Some(session.clone()));
    state.draft.set(Draft::new(
        Method::Post,
        "/api/fmc_config/v1/domain/{domainUUID}/object/hosts".to_owned(),
        "{\"name\":\"h\"}".to_owned(),
    ));
    let root = mount(state, stores.clone(), || view! { <SavedRequestsPanel /> });
    settle().await;

    click_button(&root, "Save request");
    settle().await;
    let inputs = all(&root, "form.save-form input");
    type_into(inputs[0].clone(), "Create host");
    type_into(inputs[1].clone(), " Objects / Hosts ");
    click_button(&root, "Save");
    settle().await;

    let folder = find(&root, "[role=group][aria-label='Objects/Hosts']");
    let text = folder.text_content().unwrap_or_default();
    assert!(text.contains("Create host"), "{text}");
    let stored = stores
        .local
        .get::<SavedRequests>(&key_for(&session))
        .await
        .expect("saved requests read")
        .expect("saved requests stored");
    assert_eq!(stored.requests.len(), 1);
    assert_eq!(stored.requests[0].folder, "Objects/Hosts");
    assert_eq!(stored.requests[0].draft.body, "{\"name\":\"h\"}");
}

#[wasm_bindgen_test]
async fn saved_request_blank_name_keeps_form() {
    let state = AppState::new(0);
    state.session.set(Some(signed_in_session()));
    let root = mount(state, Stores::memory(), || view! { <SavedRequestsPanel /> });
    settle().await;

    click_button(&root, "Save request");
    settle().await;
    let inputs = all(&root, "form.save-form input");
    type_into(inputs[1].clone(), "Objects");
    click_button(&root, "Save");
    settle().await;

    let message = find(&root, ".saved-message")
        .text_content()
        .unwrap_or_default();
    assert!(message.contains("name is empty"), "{message}");
    let folder: HtmlInputElement = all(&root, "form.save-form input")
        .remove(1)
        .unchecked_into();
    assert_eq!(folder.value(), "Objects");
}

#[wasm_bindgen_test]
async fn saved_request_rename_and_delete() {
    let stores = Stores::memory();
    let state = AppState::new(0);
    let session = signed_in_session();
    state.session.set(Some(session.clone()));
    let mut saved = SavedRequests::default();
    saved
        .add("Old name", "", Draft::default())
        .expect("request saves");
    stores
        .local
        .set(&key_for(&session), &saved)
        .await
        .expect("saved requests store");
    let root = mount(state, stores.clone(), || view! { <SavedRequestsPanel /> });
    settle().await;

    click_button(&root, "Rename");
    settle().await;
    type_into(find(&root, "form.rename-form input"), "New name");
    click_button(&root, "Save name");
    settle().await;
    let row = find(&root, "li.saved-request .name").text_content();
    assert_eq!(row.as_deref(), Some("New name"));

    click_button(&root, "Delete");
    settle().await;
    assert!(root
        .query_selector("li.saved-request")
        .expect("selector")
        .is_none());
    let stored = stores
        .local
        .get::<SavedRequests>(&key_for(&session))
        .await
        .expect("saved requests read")
        .unwrap_or_default();
    assert!(stored.requests.is_empty());
}
