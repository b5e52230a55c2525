//! DOM helpers shared by the wasm-bindgen component tests. Each test file
//! uses only some of them.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Returns the test page's document.
pub fn document() -> Document {
    web_sys::window()
        .and_then(|window| window.document())
        .expect("test page has a document")
}

/// Appends an empty `<div>` to the page's body and returns it, as the root
/// a component is mounted into.
pub fn new_root() -> HtmlElement {
    let root: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append root");
    root
}

/// Returns the first element under `root` that matches `selector`, and
/// panics with the selector when there is none.
pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// Clicks the button under `root` whose text is exactly `name`.
pub fn click_button(root: &Element, name: &str) {
    let buttons = root.query_selector_all("button").expect("buttons");
    let button = (0..buttons.length())
        .filter_map(|index| buttons.item(index))
        .find(|button| button.text_content().as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no button named {name}"));
    button.unchecked_into::<HtmlElement>().click();
}
