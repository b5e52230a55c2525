//! Text shown as numbered lines, and search over those lines.

/// Text that a viewer shows one line at a time, such as the pretty-printed
/// or the raw body.
pub trait LineSource {
    /// Returns the number of lines.
    fn line_count(&self) -> usize;

    /// Returns line `index` without its line break, or an empty string past
    /// the end.
    fn line_text(&self, index: usize) -> String;
}

/// One search match: the line and the byte range within that line's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineMatch {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// Finds every occurrence of `needle` in `source`, line by line, ignoring
/// ASCII case. Matches do not overlap and never span two lines, so text cut
/// by a wrapped line is not found. Returns at most `limit` matches, in
/// order, and nothing for an empty needle.
pub fn find_matches(source: &dyn LineSource, needle: &str, limit: usize) -> Vec<LineMatch> {
    let mut matches = Vec::new();
    if needle.is_empty() {
        return matches;
    }
    // ASCII lowercasing keeps byte offsets, so the offsets found in the
    // lowercased line are valid in the original line.
    let needle = needle.to_ascii_lowercase();
    for line in 0..source.line_count() {
        let text = source.line_text(line).to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = text[from..].find(&needle) {
            let start = from + found;
            let end = start + needle.len();
            matches.push(LineMatch { line, start, end });
            if matches.len() >= limit {
                return matches;
            }
            from = end;
        }
    }
    matches
}

/// Splits `text` into the parts before, inside and after the byte range
/// `start..end`. Returns `None` when the range is not on character
/// boundaries of `text`.
pub fn split_match(text: &str, start: usize, end: usize) -> Option<(&str, &str, &str)> {
    Some((text.get(..start)?, text.get(start..end)?, text.get(end..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lines(Vec<&'static str>);

    impl LineSource for Lines {
        fn line_count(&self) -> usize {
            self.0.len()
        }

        fn line_text(&self, index: usize) -> String {
            self.0.get(index).copied().unwrap_or_default().to_owned()
        }
    }

    #[test]
    fn finds_every_match_in_order() {
        let lines = Lines(vec!["net-1 net-2", "host", "NET-3"]);
        let found = find_matches(&lines, "net", 100);
        assert_eq!(
            found,
            vec![
                LineMatch {
                    line: 0,
                    start: 0,
                    end: 3
                },
                LineMatch {
                    line: 0,
                    start: 6,
                    end: 9
                },
                LineMatch {
                    line: 2,
                    start: 0,
                    end: 3
                },
            ]
        );
    }

    #[test]
    fn matches_do_not_overlap() {
        let lines = Lines(vec!["aaaa"]);
        let found = find_matches(&lines, "aa", 100);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].start, 2);
    }

    #[test]
    fn empty_needle_finds_nothing() {
        let lines = Lines(vec!["abc"]);
        assert!(find_matches(&lines, "", 100).is_empty());
    }

    #[test]
    fn limit_stops_search() {
        let lines = Lines(vec!["x x x", "x x"]);
        assert_eq!(find_matches(&lines, "x", 4).len(), 4);
    }

    #[test]
    fn offsets_survive_non_ascii() {
        let lines = Lines(vec!["\"név\": \"Ü-net\""]);
        let found = find_matches(&lines, "-NET", 10);
        assert_eq!(found.len(), 1);
        let text = lines.line_text(0);
        let (before, inside, after) =
            split_match(&text, found[0].start, found[0].end).expect("on boundaries");
        assert_eq!(before, "\"név\": \"Ü");
        assert_eq!(inside, "-net");
        assert_eq!(after, "\"");
    }

    #[test]
    fn split_rejects_inner_byte() {
        assert_eq!(split_match("é", 1, 2), None);
    }
}
