//! A virtualised list of text lines: a scroll container whose content is
//! as tall as all lines, with only a window of lines in the DOM.

use fmc_core::line_source::{split_match, LineMatch, LineSource};
use fmc_core::line_window::{LineGeometry, LineWindow};
use leptos::html;
use leptos::prelude::*;

use super::document::ShownLines;

/// The height of one line in CSS pixels; `static/viewer.css` sets the same
/// value on `.viewer-line`.
pub const LINE_HEIGHT_PX: f64 = 18.0;

/// The viewport height assumed before the container has been laid out.
const DEFAULT_VIEWPORT_PX: f64 = 360.0;

/// Lines of text, rendered a window at a time. Search matches are
/// highlighted, the current one more strongly.
#[component]
pub fn LineList(
    /// The lines to show.
    lines: Signal<ShownLines>,
    /// Search matches in line order.
    matches: Signal<Vec<LineMatch>>,
    /// The position of the current match in `matches`.
    current: Signal<Option<usize>>,
    /// Set to a line number to scroll that line into view.
    scroll_to: RwSignal<Option<usize>>,
    /// The accessible name of the scroll container.
    label: &'static str,
) -> impl IntoView {
    let container = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT_PX);

    let geometry = move || LineGeometry {
        line_count: lines.with(LineSource::line_count),
        line_height: LINE_HEIGHT_PX,
        viewport_height: viewport.get(),
    };
    let window = Memo::new(move |_| geometry().window(scroll_top.get()));

    // A new text starts at its top.
    Effect::new(move |_| {
        lines.track();
        if let Some(element) = container.get_untracked() {
            element.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });

    Effect::new(move |_| {
        let Some(line) = scroll_to.get() else {
            return;
        };
        let Some(element) = container.get_untracked() else {
            return;
        };
        let height = f64::from(element.client_height());
        if height > 0.0 {
            viewport.set(height);
        }
        let target = geometry().scroll_top_for(line);
        element.set_scroll_top(target.round() as i32);
        scroll_top.set(target);
        scroll_to.set(None);
    });

    let on_scroll = move |_| {
        if let Some(element) = container.get_untracked() {
            let height = f64::from(element.client_height());
            if height > 0.0 && height != viewport.get_untracked() {
                viewport.set(height);
            }
            scroll_top.set(f64::from(element.scroll_top()));
        }
    };

    let rows = move || {
        let LineWindow { start, end, .. } = window.get();
        let matches = matches.get();
        let current = current
            .get()
            .and_then(|position| matches.get(position).copied());
        lines.with(|source| {
            (start..end)
                .map(|line| line_view(source, line, &matches, current))
                .collect_view()
        })
    };

    view! {
        <div
            class="viewer-scroll"
            node_ref=container
            tabindex="0"
            role="region"
            aria-label=label
            on:scroll=on_scroll
        >
            <div
                class="viewer-content"
                style:height=move || format!("{}px", geometry().content_height())
            >
                <div
                    class="viewer-window"
                    style:transform=move || format!("translateY({}px)", window.get().top_px)
                >
                    {rows}
                </div>
            </div>
        </div>
    }
}

/// Renders one line, with its matches in `<mark>` elements. The text goes
/// in as text nodes, so markup in a body is shown, never run.
fn line_view(
    source: &ShownLines,
    line: usize,
    matches: &[LineMatch],
    current: Option<LineMatch>,
) -> impl IntoView {
    let text = source.line_text(line);
    let first = matches.partition_point(|found| found.line < line);
    let in_line: Vec<LineMatch> = matches[first..]
        .iter()
        .take_while(|found| found.line == line)
        .copied()
        .collect();

    let mut parts = Vec::new();
    let mut rest_start = 0;
    for found in in_line {
        let Some((before, inside, _)) = split_match(&text, found.start, found.end) else {
            continue;
        };
        let Some(before) = before.get(rest_start..) else {
            continue;
        };
        parts.push(before.to_owned().into_any());
        let class = if Some(found) == current {
            "match current"
        } else {
            "match"
        };
        parts.push(view! { <mark class=class>{inside.to_owned()}</mark> }.into_any());
        rest_start = found.end;
    }
    parts.push(
        text.get(rest_start..)
            .unwrap_or_default()
            .to_owned()
            .into_any(),
    );

    view! { <div class="viewer-line" data-line=line>{parts}</div> }
}
