//! The search box of the viewer: finds text in the shown lines, counts the
//! matches and moves between them.

use std::time::Duration;

use fmc_core::line_source::{find_matches, LineMatch};
use leptos::prelude::*;
use web_sys::KeyboardEvent;

use super::document::ShownLines;

/// The maximum number of matches counted. A search that reaches it shows
/// "10000+".
pub const MAX_MATCHES: usize = 10_000;

/// The pause after the last keystroke before searching, so that typing a
/// word into a large body searches once instead of once per letter.
const SEARCH_DELAY: Duration = Duration::from_millis(200);

/// The search state shared with the line list.
#[derive(Clone, Copy)]
pub struct SearchState {
    pub matches: RwSignal<Vec<LineMatch>>,
    pub current: RwSignal<Option<usize>>,
    /// The line to scroll into view next.
    pub scroll_to: RwSignal<Option<usize>>,
}

impl SearchState {
    pub fn new() -> Self {
        Self {
            matches: RwSignal::new(Vec::new()),
            current: RwSignal::new(None),
            scroll_to: RwSignal::new(None),
        }
    }

    /// Moves to the next match, or the previous one with `backwards`,
    /// wrapping around at either end.
    fn step(&self, backwards: bool) {
        let count = self.matches.with_untracked(Vec::len);
        if count == 0 {
            return;
        }
        let next = match self.current.get_untracked() {
            None if backwards => count - 1,
            None => 0,
            Some(position) if backwards => (position + count - 1) % count,
            Some(position) => (position + 1) % count,
        };
        self.current.set(Some(next));
        let line = self
            .matches
            .with_untracked(|matches| matches.get(next).map(|found| found.line));
        self.scroll_to.set(line);
    }
}

/// The `Search` box with the match count and previous/next buttons.
/// `before_jump` runs before scrolling to a match, to show a text tab.
#[component]
pub fn SearchBox(
    /// The lines searched.
    lines: Signal<ShownLines>,
    /// Matches and the current one.
    search: SearchState,
    /// Runs before the view scrolls to a match.
    before_jump: Callback<()>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let generation = StoredValue::new(0_u64);

    Effect::new(move |_| {
        let needle = query.get();
        let source = lines.get();
        generation.update_value(|count| *count += 1);
        let scheduled = generation.get_value();
        set_timeout(
            move || {
                // A new response disposes the viewer, and with it
                // `generation`, while this timer may still be pending.
                if generation.try_get_value() != Some(scheduled) {
                    return;
                }
                let found = find_matches(&source, &needle, MAX_MATCHES);
                let first_line = found.first().map(|first| first.line);
                search.current.set(first_line.map(|_| 0));
                search.matches.set(found);
                search.scroll_to.set(first_line);
            },
            SEARCH_DELAY,
        );
    });

    let jump = move |backwards: bool| {
        before_jump.run(());
        search.step(backwards);
    };
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            jump(event.shift_key());
        }
    };
    let count_text = move || {
        let count = search.matches.with(Vec::len);
        if query.with(String::is_empty) {
            String::new()
        } else if count == 0 {
            "No matches".to_owned()
        } else {
            let total = if count >= MAX_MATCHES {
                format!("{MAX_MATCHES}+")
            } else {
                count.to_string()
            };
            let position = search.current.get().map_or(0, |position| position + 1);
            format!("{position} of {total}")
        }
    };

    view! {
        <div class="viewer-search">
            <input
                type="search"
                aria-label="Search"
                placeholder="Search"
                prop:value=move || query.get()
                on:input=move |event| query.set(event_target_value(&event))
                on:keydown=on_keydown
            />
            <span class="viewer-count" aria-live="polite">{count_text}</span>
            <button aria-label="Previous match" on:click=move |_| jump(true)>"↑"</button>
            <button aria-label="Next match" on:click=move |_| jump(false)>"↓"</button>
        </div>
    }
}
