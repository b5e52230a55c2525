//! A line index for pretty-printed JSON, built by one streaming pass over
//! the raw text. The index stores where each pretty line's tokens sit in the
//! raw text, so a viewer can show any line without holding a second,
//! pretty-printed copy of the body or a parsed `serde_json::Value`.
//!
//! Lines follow `serde_json::to_string_pretty`: two spaces per level, one
//! member or element per line, `"key": value`, and `{}` or `[]` for empty
//! containers. Strings and numbers are shown as written in the body, so an
//! escape such as `\u00e9` or a number such as `1.0e2` stays as it was.

use crate::line_source::LineSource;

/// The largest body the index can address, because offsets are `u32` to
/// keep each line at 12 bytes.
pub const MAX_INDEXED_BYTES: usize = u32::MAX as usize;

/// One pretty line: the raw byte range of its tokens, its nesting depth and
/// whether a comma follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PrettyLine {
    start: u32,
    end: u32,
    depth: u16,
    comma: bool,
}

/// The failure to index a body as JSON.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JsonIndexError {
    #[error("The body is not valid JSON at byte {offset}: expected {expected}. The Raw tab shows it as received.")]
    Syntax {
        offset: usize,
        expected: &'static str,
    },
    #[error("The body is {size} bytes, more than the {max} bytes the Pretty view can index. Use Save body to open it elsewhere.")]
    TooLarge { size: usize, max: usize },
    #[error("The body nests deeper than {max} levels at byte {offset}, more than the Pretty view can show. Use the Raw tab.")]
    TooDeep { offset: usize, max: usize },
}

/// The pretty-printed lines of one JSON text, as offsets into that text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrettyIndex {
    lines: Vec<PrettyLine>,
}

impl PrettyIndex {
    /// Validates `json` and records the start and end of every pretty line.
    /// Rejects invalid JSON with the byte offset of the first error.
    ///
    /// NOTE: three kinds of text pass here but fail `serde_json::from_str`
    /// into a `Value`. Numbers outside the `f64` range, such as `1e999`, and
    /// escapes of unpaired UTF-16 surrogates, such as `"\ud800"`, are shown
    /// as written. Nesting may be deeper than serde_json's limit of 128
    /// levels, up to 65,535.
    pub fn build(json: &str) -> Result<Self, JsonIndexError> {
        // On wasm32 no text can exceed the limit, hence try_from and not `>`.
        if u32::try_from(json.len()).is_err() {
            return Err(JsonIndexError::TooLarge {
                size: json.len(),
                max: MAX_INDEXED_BYTES,
            });
        }
        let mut builder = Builder {
            bytes: json.as_bytes(),
            pos: 0,
            lines: Vec::new(),
            stack: Vec::new(),
        };
        builder.run()?;
        Ok(Self {
            lines: builder.lines,
        })
    }

    /// Returns the number of pretty lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Returns true for an index with no lines, which `build` never returns.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Writes pretty line `index` of `json`, the text this index was built
    /// from. Returns an empty string for an index past the end.
    pub fn line(&self, json: &str, index: usize) -> String {
        let Some(line) = self.lines.get(index) else {
            return String::new();
        };
        let tokens = json
            .get(line.start as usize..line.end as usize)
            .unwrap_or_default();
        let mut text = String::with_capacity(tokens.len() + 2 * line.depth as usize + 2);
        for _ in 0..line.depth {
            text.push_str("  ");
        }
        push_compact(&mut text, tokens);
        if line.comma {
            text.push(',');
        }
        text
    }

    /// Returns the nesting depth of line `index`, 0 for the outermost value.
    pub fn depth(&self, index: usize) -> usize {
        self.lines.get(index).map_or(0, |line| line.depth as usize)
    }
}

/// Copies `tokens` into `text` without the whitespace between tokens, and
/// with one space after each `:` that separates a key from its value.
fn push_compact(text: &mut String, tokens: &str) {
    let mut in_string = false;
    let mut escaped = false;
    for character in tokens.chars() {
        if in_string {
            text.push(character);
            if escaped {
                escaped = false;
            } else if character == '\\' {
                escaped = true;
            } else if character == '"' {
                in_string = false;
            }
            continue;
        }
        match character {
            ' ' | '\t' | '\n' | '\r' => {}
            ':' => text.push_str(": "),
            '"' => {
                in_string = true;
                text.push(character);
            }
            _ => text.push(character),
        }
    }
}

/// A view of a pretty index together with the text it was built from.
pub struct PrettyText<'a> {
    pub index: &'a PrettyIndex,
    pub json: &'a str,
}

impl LineSource for PrettyText<'_> {
    fn line_count(&self) -> usize {
        self.index.len()
    }

    fn line_text(&self, index: usize) -> String {
        self.index.line(self.json, index)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

/// The streaming pass. It keeps an explicit stack instead of recursing, so
/// deep nesting cannot overflow the call stack.
struct Builder<'a> {
    bytes: &'a [u8],
    pos: usize,
    lines: Vec<PrettyLine>,
    stack: Vec<Container>,
}

impl Builder<'_> {
    fn run(&mut self) -> Result<(), JsonIndexError> {
        self.skip_whitespace();
        let mut line_start = self.pos;
        loop {
            // A value starts here, at `line_start` or after its key.
            let value_done = self.value(line_start)?;
            if !value_done {
                // A non-empty container was opened: its first member follows.
                line_start = self.member_start()?;
                continue;
            }

            // After a value: a comma, a closing bracket, or the end.
            loop {
                self.skip_whitespace();
                let Some(&container) = self.stack.last() else {
                    if self.pos == self.bytes.len() {
                        return Ok(());
                    }
                    return Err(self.syntax("the end of the text"));
                };
                let close = match container {
                    Container::Object => b'}',
                    Container::Array => b']',
                };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        break;
                    }
                    Some(byte) if byte == close => {
                        self.stack.pop();
                        let start = self.pos;
                        self.pos += 1;
                        self.push_line(start, self.pos)?;
                    }
                    _ => {
                        return Err(self.syntax(match container {
                            Container::Object => "',' or '}'",
                            Container::Array => "',' or ']'",
                        }))
                    }
                }
            }
            line_start = self.member_start()?;
        }
    }

    /// Skips to the next member of the innermost container and, in an
    /// object, reads its key and colon. Returns where the member's line
    /// starts.
    fn member_start(&mut self) -> Result<usize, JsonIndexError> {
        self.skip_whitespace();
        let start = self.pos;
        if self.stack.last() == Some(&Container::Object) {
            if self.peek() != Some(b'"') {
                return Err(self.syntax("a string key"));
            }
            self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.syntax("':'"));
            }
            self.pos += 1;
            self.skip_whitespace();
        }
        Ok(start)
    }

    /// Reads one value whose line starts at `line_start`. Returns false when
    /// it opened a non-empty container, whose members come next.
    fn value(&mut self, line_start: usize) -> Result<bool, JsonIndexError> {
        match self.peek() {
            Some(open @ (b'{' | b'[')) => {
                let (container, close) = if open == b'{' {
                    (Container::Object, b'}')
                } else {
                    (Container::Array, b']')
                };
                self.pos += 1;
                let after_open = self.pos;
                self.skip_whitespace();
                if self.peek() == Some(close) {
                    self.pos += 1;
                    self.push_line(line_start, self.pos)?;
                    return Ok(true);
                }
                self.push_line(line_start, after_open)?;
                if self.stack.len() >= u16::MAX as usize {
                    return Err(JsonIndexError::TooDeep {
                        offset: after_open - 1,
                        max: u16::MAX as usize,
                    });
                }
                self.stack.push(container);
                Ok(false)
            }
            Some(b'"') => {
                self.string()?;
                self.push_line(line_start, self.pos)?;
                Ok(true)
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                self.push_line(line_start, self.pos)?;
                Ok(true)
            }
            Some(b't') => self.literal(b"true", line_start),
            Some(b'f') => self.literal(b"false", line_start),
            Some(b'n') => self.literal(b"null", line_start),
            _ => Err(self.syntax("a value")),
        }
    }

    /// Records a line. The comma flag is set by looking past the whitespace
    /// that follows, without consuming it.
    fn push_line(&mut self, start: usize, end: usize) -> Result<(), JsonIndexError> {
        let mut next = self.pos;
        while next < self.bytes.len() && is_whitespace(self.bytes[next]) {
            next += 1;
        }
        let comma = self.bytes.get(next) == Some(&b',');
        self.lines.push(PrettyLine {
            // Both fit: `build` rejects texts longer than u32::MAX.
            start: start as u32,
            end: end as u32,
            depth: self.stack.len() as u16,
            comma,
        });
        Ok(())
    }

    fn literal(&mut self, word: &[u8], line_start: usize) -> Result<bool, JsonIndexError> {
        if !self.bytes[self.pos..].starts_with(word) {
            return Err(self.syntax("true, false or null"));
        }
        self.pos += word.len();
        self.push_line(line_start, self.pos)?;
        Ok(true)
    }

    fn string(&mut self) -> Result<(), JsonIndexError> {
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err(self.syntax("a closing '\"'")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1;
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            for _ in 0..4 {
                                if !self.peek().is_some_and(|byte| byte.is_ascii_hexdigit()) {
                                    return Err(self.syntax("4 hex digits after \\u"));
                                }
                                self.pos += 1;
                            }
                        }
                        _ => return Err(self.syntax("an escape such as \\n or \\u0041")),
                    }
                }
                Some(byte) if byte < 0x20 => {
                    return Err(self.syntax("an escaped control character"));
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn number(&mut self) -> Result<(), JsonIndexError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.syntax("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                return Err(self.syntax("a digit after '.'"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                return Err(self.syntax("a digit in the exponent"));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(is_whitespace) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn syntax(&self, expected: &'static str) -> JsonIndexError {
        JsonIndexError::Syntax {
            offset: self.pos,
            expected,
        }
    }
}

fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

#[cfg(test)]
#[path = "pretty_lines/tests.rs"]
mod tests;
