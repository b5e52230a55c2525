//! Component tests of the response viewer in headless Chromium
//! (wasm-bindgen-test): tabs, virtualised lines, search, filter and the
//! tree, driven through the DOM as a user would.

#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use fmc_core::host::FmcHost;
use fmc_core::response::summarize;
use fmc_core::session::Session;
use fmc_core::signin::parse_sign_in;
use fmc_ext::browser::storage::Stores;
use fmc_ext::components::App;
use fmc_ext::state::AppState;
use leptos::prelude::*;
use support::{find, new_root};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Longer than the search and filter delays of the viewer (200 and 300 ms).
const AFTER_TYPING: Duration = Duration::from_millis(450);

fn signed_in_session() -> Session {
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
        (
            "domain_uuid".to_owned(),
            "e276abec-e0f2-11e3-8169-6d9ed49b625f".to_owned(),
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

/// Mounts the signed-in app showing a 200 response with `body`, and
/// returns the Response region.
async fn show_response(body: &str, content_type: &str) -> HtmlElement {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = new_root();
    let stores = Stores::memory();
    leptos::mount::mount_to(root.clone(), move || {
        view! { <App state=state stores=stores.clone() /> }
    })
    .forget();
    settle().await;
    state.session.set(Some(signed_in_session()));
    state
        .response
        .set(Some(summarize(200, Some(content_type), body, 12)));
    settle().await;
    find(&root, "section[aria-label=Response]").unchecked_into()
}

async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(40)).await;
}

fn tab(region: &Element, name: &str) -> HtmlElement {
    let tabs = region.query_selector_all("[role=tab]").expect("tabs");
    (0..tabs.length())
        .filter_map(|index| tabs.item(index))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|button| button.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no tab named {name}"))
}

fn shown_lines(region: &Element) -> Vec<String> {
    let lines = region.query_selector_all(".viewer-line").expect("lines");
    (0..lines.length())
        .filter_map(|index| lines.item(index))
        .map(|line| line.text_content().unwrap_or_default())
        .collect()
}

async fn type_into(region: &Element, label: &str, text: &str) {
    let input: HtmlInputElement =
        find(region, &format!("input[aria-label={label}]")).unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    gloo_timers::future::sleep(AFTER_TYPING).await;
}

const PAGE: &str = r#"{"items":[{"name":"net-1","value":"10.0.0.0/8"},{"name":"net-2"}],"links":{"next":"/x?offset=2"}}"#;

#[wasm_bindgen_test]
async fn tabs_switch_views() {
    let region = show_response(PAGE, "application/json").await;
    let pretty = tab(&region, "Pretty");
    let raw = tab(&region, "Raw");
    let tree = tab(&region, "Tree");
    assert_eq!(
        pretty.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(shown_lines(&region)[0], "{");
    assert_eq!(shown_lines(&region)[2], "    {");

    raw.click();
    settle().await;
    assert_eq!(raw.get_attribute("aria-selected").as_deref(), Some("true"));
    assert_eq!(
        pretty.get_attribute("aria-selected").as_deref(),
        Some("false")
    );
    assert_eq!(shown_lines(&region), vec![PAGE.to_owned()]);

    tree.click();
    settle().await;
    settle().await;
    let tree_text = find(&region, "ul.tree").text_content().unwrap_or_default();
    assert!(tree_text.contains("$: {2 keys}"), "{tree_text}");
    assert!(tree_text.contains("items: [2 items]"), "{tree_text}");
    assert!(region
        .query_selector(".viewer-line")
        .expect("selector")
        .is_none());
}

#[wasm_bindgen_test]
async fn tree_expands_lazily() {
    let region = show_response(PAGE, "application/json").await;
    tab(&region, "Tree").click();
    settle().await;
    settle().await;
    let before = find(&region, "ul.tree").text_content().unwrap_or_default();
    assert!(!before.contains("net-1"), "{before}");

    let items: HtmlElement = find(&region, "button[aria-label='Copy path items']")
        .parent_element()
        .map(|row| find(&row, ".tree-toggle"))
        .expect("row")
        .unchecked_into();
    items.click();
    settle().await;
    let zero: HtmlElement = find(&region, "button[aria-label='Copy path items[0]']")
        .parent_element()
        .map(|row| find(&row, ".tree-toggle"))
        .expect("row")
        .unchecked_into();
    zero.click();
    settle().await;
    let after = find(&region, "ul.tree").text_content().unwrap_or_default();
    assert!(after.contains("name: \"net-1\""), "{after}");
    assert!(region
        .query_selector("button[aria-label='Copy path items[0].name']")
        .expect("selector")
        .is_some());
}

#[wasm_bindgen_test]
async fn large_body_keeps_dom_small() {
    let numbers: Vec<String> = (0..100_000).map(|number| number.to_string()).collect();
    let body = format!("[{}]", numbers.join(","));
    let region = show_response(&body, "application/json").await;

    let rendered = shown_lines(&region);
    assert!(!rendered.is_empty());
    assert!(rendered.len() <= 400, "{} lines in the DOM", rendered.len());
    let content: HtmlElement = find(&region, ".viewer-content").unchecked_into();
    assert_eq!(content.offset_height(), 100_002 * 18);

    // The test page has no stylesheet, so the scroll container gets its
    // height here.
    let scroller: HtmlElement = find(&region, ".viewer-scroll").unchecked_into();
    scroller
        .style()
        .set_css_text("display: block; height: 360px; overflow: auto");
    scroller.set_scroll_top(50_000 * 18);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").expect("event"))
        .expect("dispatch");
    settle().await;
    let line = find(&region, ".viewer-line[data-line='50001']");
    assert_eq!(line.text_content().as_deref(), Some("  50000,"));
    assert!(shown_lines(&region).len() <= 400);
}

#[wasm_bindgen_test]
async fn markup_in_body_stays_text() {
    let body = r#"{"note":"<img src=x onerror=\"window.__viewerInjected = 1\"><b>bold</b>"}"#;
    let region = show_response(body, "application/json").await;
    assert!(region.query_selector("img").expect("selector").is_none());
    assert!(region.query_selector("b").expect("selector").is_none());
    let lines = shown_lines(&region);
    assert!(lines[1].contains("<img src=x"), "{lines:?}");

    type_into(&region, "Search", "<b>").await;
    assert!(region.query_selector("b").expect("selector").is_none());
    assert_eq!(
        find(&region, "mark.current").text_content().as_deref(),
        Some("<b>")
    );
    let injected =
        js_sys::Reflect::get(&js_sys::global(), &"__viewerInjected".into()).expect("reflect");
    assert!(injected.is_undefined());
}

#[wasm_bindgen_test]
async fn search_counts_and_steps() {
    let region = show_response(PAGE, "application/json").await;
    type_into(&region, "Search", "NET-").await;
    let count = || {
        find(&region, ".viewer-count")
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(count(), "1 of 2");
    assert_eq!(
        region.query_selector_all("mark").expect("marks").length(),
        2
    );

    let next: HtmlElement = find(&region, "button[aria-label='Next match']").unchecked_into();
    next.click();
    settle().await;
    assert_eq!(count(), "2 of 2");
    next.click();
    settle().await;
    assert_eq!(count(), "1 of 2");

    type_into(&region, "Search", "absent").await;
    assert_eq!(count(), "No matches");
}

#[wasm_bindgen_test]
async fn filter_result_replaces_body() {
    let region = show_response(PAGE, "application/json").await;
    type_into(&region, "Filter", "items[*].name").await;
    assert_eq!(
        shown_lines(&region),
        vec!["[", "  \"net-1\",", "  \"net-2\"", "]"]
    );

    type_into(&region, "Filter", "$.links.next").await;
    assert_eq!(shown_lines(&region), vec!["\"/x?offset=2\""]);

    type_into(&region, "Filter", "items[").await;
    let alert = find(&region, "[role=alert]")
        .text_content()
        .unwrap_or_default();
    assert!(alert.contains("character 7"), "{alert}");
    assert_eq!(shown_lines(&region)[0], "{");

    type_into(&region, "Filter", "").await;
    assert!(region
        .query_selector("[role=alert]")
        .expect("selector")
        .is_none());
    assert_eq!(shown_lines(&region).len(), 14);
}

#[wasm_bindgen_test]
async fn headers_hide_tokens() {
    let state = AppState::new(fmc_ext::browser::clock::now_ms());
    let root = new_root();
    let stores = Stores::memory();
    leptos::mount::mount_to(root.clone(), move || {
        view! { <App state=state stores=stores.clone() /> }
    })
    .forget();
    settle().await;
    state.session.set(Some(signed_in_session()));
    let headers = vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        (
            "x-auth-access-token".to_owned(),
            "secret-token-1234".to_owned(),
        ),
    ];
    state.response.set(Some(
        summarize(200, Some("application/json"), "{}", 3).with_headers(&headers),
    ));
    settle().await;

    let list = find(&root, "details.viewer-headers");
    let text = list.text_content().unwrap_or_default();
    assert!(text.contains("Headers (1)"), "{text}");
    assert!(text.contains("application/json"), "{text}");
    assert!(!text.contains("secret-token"), "{text}");
}
