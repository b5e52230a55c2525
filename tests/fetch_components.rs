//! Component tests of "Fetch all pages" in headless Chromium
//! (wasm-bindgen-test): the progress bar, the wait status line and the
//! export buttons, each mounted alone with in-memory storage.

#![cfg(target_arch = "wasm32")]

mod support;

use std::sync::Arc;
use std::time::Duration;

use fmc_core::paging::Progress;
use fmc_ext::browser::storage::Stores;
use fmc_ext::browser::wait_notice;
use fmc_ext::components::{ExportButtons, FetchProgress, WaitStatus};
use fmc_ext::state::{AppState, FetchPhase, FetchStatus, FetchedItems};
use leptos::prelude::*;
use serde_json::json;
use support::{click_button, find, new_root};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `component` with `state` and in-memory storage as context into a
/// new element and returns the element.
fn mount<V: IntoView + 'static>(
    state: AppState,
    component: impl Fn() -> V + 'static,
) -> HtmlElement {
    let root = new_root();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        provide_context(Stores::memory());
        component()
    });
    handle.forget();
    root
}

async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(30)).await;
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn button_names(root: &HtmlElement) -> Vec<String> {
    let buttons = root.query_selector_all("button").expect("buttons");
    (0..buttons.length())
        .filter_map(|index| buttons.item(index))
        .filter_map(|button| button.text_content())
        .collect()
}

fn running(pages_done: u64, pages_total: Option<u64>) -> FetchStatus {
    FetchStatus {
        phase: FetchPhase::Running,
        progress: Progress {
            pages_done,
            pages_total,
            items_done: pages_done * 1000,
            items_total: pages_total.map(|_| 20_000),
        },
        elapsed_ms: 3_000,
        remaining_ms: Some(11_200),
    }
}

fn fetched_networks() -> FetchedItems {
    FetchedItems {
        path: "/api/fmc_config/v1/domain/{domainUUID}/object/networks".to_owned(),
        items: Arc::new(vec![
            json!({ "id": "1", "name": "net, \"one\"", "type": "Network", "links": { "self": "https://fmc/1" } }),
            json!({ "id": "2", "name": "net-two", "type": "Network", "links": { "self": "https://fmc/2" } }),
        ]),
    }
}

#[wasm_bindgen_test]
async fn progress_hidden_before_a_fetch() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <FetchProgress /> });
    settle().await;

    assert!(root.query_selector("progress").expect("selector").is_none());
}

#[wasm_bindgen_test]
async fn progress_bar_while_running() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <FetchProgress /> });
    state.fetch.set(Some(running(3, Some(20))));
    settle().await;

    let bar = find(&root, "progress");
    assert_eq!(
        bar.get_attribute("aria-label").as_deref(),
        Some("Fetch progress")
    );
    assert_eq!(bar.get_attribute("value").as_deref(), Some("3"));
    assert_eq!(bar.get_attribute("max").as_deref(), Some("20"));
    assert_eq!(
        text(&root, "[role=status]"),
        "Fetching: 3 of 20 pages, 3,000 of 20,000 items, about 12 s left"
    );
    assert_eq!(button_names(&root), vec!["Cancel"]);
}

#[wasm_bindgen_test]
async fn progress_indeterminate_without_total() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <FetchProgress /> });
    state.fetch.set(Some(running(0, None)));
    settle().await;

    let bar = find(&root, "progress");
    assert_eq!(bar.get_attribute("value"), None);
    assert_eq!(bar.get_attribute("max"), None);
}

#[wasm_bindgen_test]
async fn progress_after_completion() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <FetchProgress /> });
    state.fetch.set(Some(FetchStatus {
        phase: FetchPhase::Complete,
        remaining_ms: None,
        elapsed_ms: 14_000,
        ..running(20, Some(20))
    }));
    settle().await;

    assert_eq!(
        text(&root, "[role=status]"),
        "Fetched 20,000 items in 20 pages in 14 s."
    );
    let bar = find(&root, "progress");
    assert_eq!(bar.get_attribute("value"), bar.get_attribute("max"));
    assert!(button_names(&root).is_empty(), "no Cancel after the end");
}

#[wasm_bindgen_test]
async fn progress_marks_cancelled_result_partial() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <FetchProgress /> });
    state.fetch.set(Some(FetchStatus {
        phase: FetchPhase::Cancelled,
        remaining_ms: None,
        ..running(3, Some(20))
    }));
    settle().await;

    assert_eq!(
        text(&root, "[role=status]"),
        "Cancelled. The result below is partial: 3 of 20 pages, 3,000 of 20,000 items."
    );
}

#[wasm_bindgen_test]
async fn cancel_without_a_running_fetch_is_harmless() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <FetchProgress /> });
    state.fetch.set(Some(running(1, Some(2))));
    settle().await;

    click_button(&root, "Cancel");
    settle().await;

    assert_eq!(state.fetch.get_untracked(), Some(running(1, Some(2))));
}

#[wasm_bindgen_test]
async fn wait_status_shows_and_clears() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <WaitStatus /> });
    settle().await;

    wait_notice::show("Rate limited by 127.0.0.1:8443: waiting 12 s".to_owned());
    settle().await;
    assert_eq!(
        text(&root, "[role=status]"),
        "Rate limited by 127.0.0.1:8443: waiting 12 s"
    );

    wait_notice::clear();
    settle().await;
    assert_eq!(text(&root, "[role=status]"), "");
}

#[wasm_bindgen_test]
async fn export_hidden_without_items() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <ExportButtons /> });
    settle().await;

    assert!(button_names(&root).is_empty());
}

#[wasm_bindgen_test]
async fn export_offers_columns_and_buttons() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <ExportButtons /> });
    state.fetched.set(Some(fetched_networks()));
    settle().await;

    assert_eq!(button_names(&root), vec!["Export JSON", "Export CSV"]);
    let labels = root.query_selector_all("label").expect("labels");
    let columns: Vec<String> = (0..labels.length())
        .filter_map(|index| labels.item(index))
        .filter_map(|label| label.text_content())
        .collect();
    assert_eq!(columns, vec!["id", "name", "type", "links"]);
    let boxes = root
        .query_selector_all("input[type=checkbox]")
        .expect("checkboxes");
    assert_eq!(boxes.length(), 4);
    let first: HtmlInputElement = boxes.item(0).expect("first box").unchecked_into();
    assert!(first.checked(), "every column starts ticked");
}

#[wasm_bindgen_test]
async fn export_csv_reports_the_saved_file() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <ExportButtons /> });
    state.fetched.set(Some(fetched_networks()));
    settle().await;

    click_button(&root, "Export CSV");
    settle().await;

    assert_eq!(
        text(&root, "[role=status]"),
        "Saved networks.csv (2 items)."
    );
    assert_eq!(state.problem.get_untracked(), None);
}

#[wasm_bindgen_test]
async fn export_csv_without_columns_explains() {
    let state = AppState::new(0);
    let root = mount(state, || view! { <ExportButtons /> });
    state.fetched.set(Some(fetched_networks()));
    settle().await;
    let boxes = root
        .query_selector_all("input[type=checkbox]")
        .expect("checkboxes");
    for index in 0..boxes.length() {
        let checkbox: HtmlElement = boxes.item(index).expect("box").unchecked_into();
        checkbox.click();
    }
    settle().await;

    click_button(&root, "Export CSV");
    settle().await;

    let problem = state.problem.get_untracked().expect("a problem is shown");
    assert!(
        problem.message.starts_with("No columns are selected"),
        "{}",
        problem.message
    );
    assert_eq!(text(&root, "[role=status]"), "");
}
