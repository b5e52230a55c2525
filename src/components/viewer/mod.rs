//! The response body viewer: `Tree`, `Pretty` and `Raw` tabs over one
//! shared copy of the body, with search, a JSONPath-style filter, and
//! buttons that copy or save the body.
//!
//! The Pretty and Raw tabs render only the lines in view, from line
//! indexes built once per text, so a body of tens of megabytes shows as
//! fast as a small one. The tree parses the body only when its tab opens.

mod document;
mod headers;
mod line_list;
mod search;
mod tree;

use std::sync::Arc;
use std::time::Duration;

use fmc_core::body_file::body_file_name;
use fmc_core::response::ResponseSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use crate::browser::{clipboard, clock, download, log};
use crate::state::AppState;
use document::BodyDocument;
pub use headers::HeaderList;
use line_list::LineList;
use search::{SearchBox, SearchState};
use tree::JsonTree;

/// The pause after the last keystroke in the filter before applying it.
const FILTER_DELAY: Duration = Duration::from_millis(300);

/// A tab of the viewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Tree,
    Pretty,
    Raw,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Tree, Tab::Pretty, Tab::Raw];

    fn name(self) -> &'static str {
        match self {
            Tab::Tree => "Tree",
            Tab::Pretty => "Pretty",
            Tab::Raw => "Raw",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Tree => "viewer-tab-tree",
            Tab::Pretty => "viewer-tab-pretty",
            Tab::Raw => "viewer-tab-raw",
        }
    }

    /// Returns the tab `offset` places away, wrapping around, for the arrow
    /// keys.
    fn moved(self, offset: isize) -> Tab {
        let position = Tab::ALL.iter().position(|tab| *tab == self).unwrap_or(0);
        let count = Tab::ALL.len() as isize;
        Tab::ALL[(position as isize + offset).rem_euclid(count) as usize]
    }
}

/// The body of `summary` with tabs, search, filter and copy and save
/// buttons.
#[component]
pub fn ResponseViewer(summary: ResponseSummary) -> impl IntoView {
    let body = Arc::new(BodyDocument::new(
        summary.body.clone(),
        summary.looks_like_html,
    ));
    let tab = RwSignal::new(if body.is_json() {
        Tab::Pretty
    } else {
        Tab::Raw
    });
    let filtered = RwSignal::new(None::<Arc<BodyDocument>>);
    let filter_message = RwSignal::new(None::<String>);
    let action_message = RwSignal::new(None::<String>);
    let search = SearchState::new();

    let shown = {
        let body = body.clone();
        Signal::derive(move || filtered.get().unwrap_or_else(|| body.clone()))
    };
    let lines = Signal::derive(move || {
        let document = shown.get();
        match tab.get() {
            Tab::Raw => document.raw_lines(),
            Tab::Tree | Tab::Pretty => document.pretty_lines(),
        }
    });

    let on_copy = Callback::new(move |(what, text): (String, String)| {
        spawn_local(async move {
            match clipboard::copy_text(&what, &text).await {
                Ok(()) => action_message.set(Some(format!("Copied {what}."))),
                Err(error) => {
                    log::warn(&error.to_string());
                    action_message.set(Some(error.to_string()));
                }
            }
        });
    });
    let before_jump = Callback::new(move |()| {
        if tab.get_untracked() == Tab::Tree {
            tab.set(Tab::Pretty);
        }
    });

    let filter_input = filter_box(body.clone(), filtered, filter_message);
    let tab_buttons = tab_list(tab);
    let panel = move || match tab.get() {
        Tab::Tree => tree_panel(shown.get(), on_copy).into_any(),
        Tab::Pretty | Tab::Raw => view! {
            <LineList
                lines=lines
                matches=search.matches.into()
                current=search.current.into()
                scroll_to=search.scroll_to
                label="Body lines"
            />
        }
        .into_any(),
    };
    let pretty_note = move || {
        let document = shown.get();
        let problem = document.pretty_problem().map(str::to_owned);
        (tab.get() == Tab::Pretty)
            .then_some(problem)
            .flatten()
            .map(|problem| view! { <p class="hint">{problem}</p> })
    };

    let copy_body = {
        let text = summary.body.clone();
        move |_| on_copy.run(("the body".to_owned(), text.to_string()))
    };
    let save_body = {
        let text = summary.body.clone();
        let content_type = summary.content_type.clone();
        let draft = expect_context::<AppState>().draft;
        move |_| {
            // NOTE: the path is the composer's current one, which the user
            // may have edited since sending; it only names the file.
            let path = draft.with_untracked(|draft| draft.path.clone());
            save(&text, &path, content_type.as_deref(), action_message)
        }
    };

    view! {
        <div class="viewer">
            <div class="viewer-toolbar">
                {tab_buttons}
                <button on:click=copy_body>"Copy body"</button>
                <button on:click=save_body>"Save body"</button>
            </div>
            <div class="viewer-tools">
                <SearchBox lines=lines search=search before_jump=before_jump />
                {filter_input}
            </div>
            {move || filter_message.get().map(|message| view! { <p class="viewer-filter-error" role="alert">{message}</p> })}
            {move || action_message.get().map(|message| view! { <p class="viewer-status" role="status">{message}</p> })}
            {pretty_note}
            <div
                class="viewer-panel"
                role="tabpanel"
                id="viewer-panel"
                aria-labelledby=move || tab.get().id()
            >
                {panel}
            </div>
        </div>
    }
}

/// The `Tree`, `Pretty` and `Raw` tabs. Arrow keys move between them.
fn tab_list(tab: RwSignal<Tab>) -> impl IntoView {
    let on_keydown = move |event: KeyboardEvent| {
        let offset = match event.key().as_str() {
            "ArrowRight" => 1,
            "ArrowLeft" => -1,
            _ => return,
        };
        event.prevent_default();
        let next = tab.get_untracked().moved(offset);
        tab.set(next);
        if let Some(button) = document().get_element_by_id(next.id()) {
            if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        }
    };
    let buttons = Tab::ALL
        .into_iter()
        .map(|each| {
            let selected = move || tab.get() == each;
            view! {
                <button
                    role="tab"
                    id=each.id()
                    aria-controls="viewer-panel"
                    aria-selected=move || selected().to_string()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    class:selected=selected
                    on:click=move |_| tab.set(each)
                >
                    {each.name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="viewer-tabs" role="tablist" aria-label="Body view" on:keydown=on_keydown>
            {buttons}
        </div>
    }
}

/// The `Filter` box. A filter is applied a moment after the last
/// keystroke; a bad one leaves the body shown and names the problem.
fn filter_box(
    body: Arc<BodyDocument>,
    filtered: RwSignal<Option<Arc<BodyDocument>>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let generation = StoredValue::new(0_u64);
    let on_input = move |event| {
        text.set(event_target_value(&event));
        generation.update_value(|count| *count += 1);
        let scheduled = generation.get_value();
        let body = body.clone();
        set_timeout(
            move || {
                // The viewer, and with it these values, may have been
                // disposed by a new response while this timer was pending.
                if generation.try_get_value() != Some(scheduled) {
                    return;
                }
                let Some(filter) = text.try_get_untracked() else {
                    return;
                };
                match body.filter(&filter) {
                    Ok(result) => {
                        filtered.set(result.map(Arc::new));
                        message.set(None);
                    }
                    Err(problem) => {
                        filtered.set(None);
                        message.set(Some(problem));
                    }
                }
            },
            FILTER_DELAY,
        );
    };
    view! {
        <input
            class="viewer-filter"
            type="text"
            aria-label="Filter"
            placeholder="Filter: items[*].name"
            spellcheck="false"
            prop:value=move || text.get()
            on:input=on_input
        />
    }
}

/// The Tree tab. The first time it opens for a text, it shows "Parsing…"
/// and parses after the next frame, so the message paints before a large
/// body blocks the page.
fn tree_panel(document: Arc<BodyDocument>, on_copy: tree::CopyAction) -> impl IntoView {
    let parsed = RwSignal::new(document.is_parsed());
    if !parsed.get_untracked() {
        let document = document.clone();
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let _ = document.parsed();
                    parsed.set(true);
                },
                Duration::ZERO,
            );
        });
    }
    move || {
        if !parsed.get() {
            return view! { <p class="empty" role="status">"Parsing…"</p> }.into_any();
        }
        match document.parsed() {
            Ok(root) => view! { <JsonTree root=root on_copy=on_copy /> }.into_any(),
            Err(problem) => view! { <p class="hint">{problem}</p> }.into_any(),
        }
    }
}

/// Offers the body as a download named after the request path and the time.
fn save(body: &str, path: &str, content_type: Option<&str>, message: RwSignal<Option<String>>) {
    let file_name = body_file_name(path, clock::now_ms(), content_type);
    let mime = content_type.unwrap_or("application/json");
    match download::download_text(&file_name, mime, body) {
        Ok(()) => message.set(Some(format!("Saved {file_name}."))),
        Err(error) => {
            log::warn(&error.to_string());
            message.set(Some(error.to_string()));
        }
    }
}
