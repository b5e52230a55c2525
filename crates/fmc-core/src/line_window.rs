//! The window of lines that a virtualised list renders for a scroll
//! position.
//!
//! Lines have a fixed height. The list renders a window of
//! [`WINDOW_LINES`] lines around the first visible one, and moves the window
//! in steps of [`WINDOW_STEP`] lines so that small scrolls keep the same
//! elements. Browsers limit how tall an element can be, so a list taller
//! than [`MAX_SCROLL_PX`] maps the scroll position proportionally onto the
//! lines instead of one line per `line_height` pixels.

/// The maximum height of the scroll area, in CSS pixels. It is kept well
/// below the browsers' element height limits, which differ by browser.
pub const MAX_SCROLL_PX: f64 = 8_000_000.0;

/// The number of lines rendered at once.
pub const WINDOW_LINES: usize = 400;

/// The window moves in steps of this many lines.
pub const WINDOW_STEP: usize = 50;

/// The lines rendered before the first visible one.
const LINES_ABOVE: usize = 150;

/// The geometry of one list: its line count, line height and viewport
/// height, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineGeometry {
    pub line_count: usize,
    pub line_height: f64,
    pub viewport_height: f64,
}

/// The lines to render and where to place the first of them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineWindow {
    pub start: usize,
    pub end: usize,
    /// The offset of line `start` from the top of the scroll area, in px.
    pub top_px: f64,
}

impl LineGeometry {
    /// Returns the height of the scroll area's content, in px.
    pub fn content_height(&self) -> f64 {
        (self.line_count as f64 * self.line_height).min(MAX_SCROLL_PX)
    }

    fn is_scaled(&self) -> bool {
        self.line_count as f64 * self.line_height > MAX_SCROLL_PX
    }

    fn visible_lines(&self) -> f64 {
        (self.viewport_height / self.line_height).max(1.0)
    }

    /// Returns the line shown at the top of the viewport for `scroll_top`,
    /// with a fraction when the list is scaled.
    fn first_visible(&self, scroll_top: f64) -> f64 {
        let scroll_top = scroll_top.max(0.0);
        if !self.is_scaled() {
            return scroll_top / self.line_height;
        }
        let scrollable = (self.content_height() - self.viewport_height).max(1.0);
        let last_top = (self.line_count as f64 - self.visible_lines()).max(0.0);
        (scroll_top / scrollable).min(1.0) * last_top
    }

    /// Returns the window to render for `scroll_top`.
    pub fn window(&self, scroll_top: f64) -> LineWindow {
        let first = self.first_visible(scroll_top);
        let first_line = (first.floor() as usize).min(self.line_count);
        let stepped = first_line / WINDOW_STEP * WINDOW_STEP;
        let start = stepped.saturating_sub(LINES_ABOVE);
        let end = (start + WINDOW_LINES).min(self.line_count);
        let top_px = if self.is_scaled() {
            // Line `first` sits at the top of the viewport.
            scroll_top.max(0.0) - (first - start as f64) * self.line_height
        } else {
            start as f64 * self.line_height
        };
        LineWindow { start, end, top_px }
    }

    /// Returns the scroll position that shows `line` a third of the way down
    /// the viewport.
    pub fn scroll_top_for(&self, line: usize) -> f64 {
        let above = (self.visible_lines() / 3.0).floor();
        let target = (line as f64 - above).max(0.0);
        if !self.is_scaled() {
            return target * self.line_height;
        }
        let scrollable = (self.content_height() - self.viewport_height).max(1.0);
        let last_top = (self.line_count as f64 - self.visible_lines()).max(1.0);
        (target / last_top).min(1.0) * scrollable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geometry(line_count: usize) -> LineGeometry {
        LineGeometry {
            line_count,
            line_height: 18.0,
            viewport_height: 360.0,
        }
    }

    #[test]
    fn short_list_renders_all() {
        let window = geometry(120).window(0.0);
        assert_eq!((window.start, window.end), (0, 120));
        assert_eq!(window.top_px, 0.0);
    }

    #[test]
    fn window_follows_scroll() {
        let list = geometry(100_000);
        let window = list.window(1000.0 * 18.0);
        assert_eq!(window.start, 850);
        assert_eq!(window.end, 1250);
        assert_eq!(window.top_px, 850.0 * 18.0);
    }

    #[test]
    fn small_scroll_keeps_window() {
        let list = geometry(100_000);
        assert_eq!(list.window(1000.0 * 18.0), list.window(1030.0 * 18.0));
    }

    #[test]
    fn window_ends_at_last_line() {
        let list = geometry(1000);
        let window = list.window(1_000_000.0);
        assert_eq!(window.end, 1000);
        assert!(window.start < window.end);
    }

    #[test]
    fn tall_list_scaled() {
        let list = geometry(2_000_000);
        assert_eq!(list.content_height(), MAX_SCROLL_PX);
        let bottom = list.window(MAX_SCROLL_PX - 360.0);
        assert_eq!(bottom.end, 2_000_000);
        let middle = list.window((MAX_SCROLL_PX - 360.0) / 2.0);
        assert!(
            middle.start > 900_000 && middle.start < 1_000_000,
            "{middle:?}"
        );
    }

    #[test]
    fn scroll_to_line_shows_it() {
        for list in [geometry(5_000), geometry(2_000_000)] {
            for line in [0, 1_234, 4_999] {
                let window = list.window(list.scroll_top_for(line));
                assert!(
                    window.start <= line && line < window.end,
                    "{line} {window:?}"
                );
            }
        }
    }
}
