//! A line index for text shown as received. Long lines are cut into chunks
//! of at most [`RAW_WRAP_BYTES`] bytes, so a one-line 50 MB JSON body still
//! becomes many short display lines that a viewer can render a few at a
//! time.

use crate::line_source::LineSource;
use crate::pretty_lines::MAX_INDEXED_BYTES;

/// The maximum bytes of one display line. A chunk ends early rather than
/// split a UTF-8 character.
pub const RAW_WRAP_BYTES: usize = 160;

/// The byte range of one display line, without its line break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

/// The display lines of one text, as offsets into that text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawIndex {
    spans: Vec<Span>,
}

impl RawIndex {
    /// Records the display lines of `text`: one per line break (`\n` or
    /// `\r\n`), with lines over [`RAW_WRAP_BYTES`] cut into chunks. Text
    /// past [`MAX_INDEXED_BYTES`] is left out.
    pub fn build(text: &str) -> Self {
        let text = if u32::try_from(text.len()).is_ok() {
            text
        } else {
            &text[..floor_char_boundary(text, MAX_INDEXED_BYTES)]
        };
        let mut spans = Vec::new();
        let mut line_start = 0;
        loop {
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |found| line_start + found);
            let ends_crlf = line_end < text.len() && text[line_start..line_end].ends_with('\r');
            let content_end = if ends_crlf { line_end - 1 } else { line_end };
            push_chunks(&mut spans, text, line_start, content_end);
            if line_end >= text.len() {
                break;
            }
            line_start = line_end + 1;
        }
        Self { spans }
    }

    /// Returns the number of display lines, at least 1.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Returns true when there are no lines, which `build` never returns.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Returns display line `index` of `text`, the text this index was built
    /// from, or an empty string past the end.
    pub fn line<'a>(&self, text: &'a str, index: usize) -> &'a str {
        self.spans
            .get(index)
            .and_then(|span| text.get(span.start as usize..span.end as usize))
            .unwrap_or_default()
    }
}

/// Adds the chunks of the line `start..end`. An empty line gets one empty
/// chunk.
fn push_chunks(spans: &mut Vec<Span>, text: &str, start: usize, end: usize) {
    let mut chunk_start = start;
    loop {
        let mut chunk_end = (chunk_start + RAW_WRAP_BYTES).min(end);
        chunk_end = floor_char_boundary(text, chunk_end);
        if chunk_end == chunk_start && chunk_end < end {
            // RAW_WRAP_BYTES is above 4, so a whole character always fits.
            // This only guards against a zero-length chunk looping forever.
            chunk_end = ceil_char_boundary(text, chunk_start + 1);
        }
        // Offsets fit in u32 because `build` cut the text at u32::MAX.
        spans.push(Span {
            start: chunk_start as u32,
            end: chunk_end as u32,
        });
        if chunk_end >= end {
            return;
        }
        chunk_start = chunk_end;
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// A view of a raw index together with the text it was built from.
pub struct RawText<'a> {
    pub index: &'a RawIndex,
    pub text: &'a str,
}

impl LineSource for RawText<'_> {
    fn line_count(&self) -> usize {
        self.index.len()
    }

    fn line_text(&self, index: usize) -> String {
        self.index.line(self.text, index).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let index = RawIndex::build(text);
        (0..index.len())
            .map(|line| index.line(text, line))
            .collect()
    }

    #[test]
    fn splits_on_line_breaks() {
        assert_eq!(lines("a\nbb\r\n\nc"), vec!["a", "bb", "", "c"]);
    }

    #[test]
    fn trailing_break_gives_empty_line() {
        assert_eq!(lines("a\n"), vec!["a", ""]);
    }

    #[test]
    fn empty_text_has_one_line() {
        assert_eq!(lines(""), vec![""]);
    }

    #[test]
    fn long_line_wrapped() {
        let text = "x".repeat(RAW_WRAP_BYTES * 2 + 5);
        let chunks = lines(&text);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].len(), RAW_WRAP_BYTES);
        assert_eq!(chunks[1].len(), RAW_WRAP_BYTES);
        assert_eq!(chunks[2].len(), 5);
    }

    #[test]
    fn wrap_keeps_characters_whole() {
        let text = "é".repeat(RAW_WRAP_BYTES);
        for chunk in lines(&text) {
            assert!(chunk.len() <= RAW_WRAP_BYTES);
            assert!(chunk.chars().all(|character| character == 'é'));
        }
    }

    #[test]
    fn line_past_end_is_empty() {
        assert_eq!(RawIndex::build("a").line("a", 3), "");
    }

    proptest! {
        #[test]
        fn chunks_rebuild_text(text in "(.|\n|\r\n){0,600}") {
            let index = RawIndex::build(&text);
            let mut rebuilt = String::new();
            let mut line_breaks = text.match_indices('\n').map(|(at, _)| at).peekable();
            for line in 0..index.len() {
                let span = index.spans[line];
                prop_assert!((span.end - span.start) as usize <= RAW_WRAP_BYTES);
                rebuilt.push_str(index.line(&text, line));
                // Restore the break that ends this line, if one does.
                let next_start = index.spans.get(line + 1).map(|next| next.start as usize);
                if let (Some(&at), Some(next)) = (line_breaks.peek(), next_start) {
                    if at < next {
                        rebuilt.push_str(&text[span.end as usize..=at]);
                        line_breaks.next();
                    }
                }
            }
            prop_assert_eq!(rebuilt, text);
        }
    }
}
