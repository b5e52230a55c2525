//! Paths into a JSON document and a JSONPath-style filter over them.
//!
//! A filter is an optional `$` followed by steps. The steps are a leading
//! bare name (`items`), `.name`, `.*`, `[3]`, `[-1]` (from the end), `[*]`,
//! `["any key"]`, and recursive descent. Recursive descent (`..name`, `..*`
//! or `..[0]`) applies its step to the node and to every node below it. So
//! `items[*].name`, `$.items[0]`, `links.next` and `..name` all work.
//! Filters and predicates such as `[?(@.x)]`, slices and unions are not
//! supported and are rejected with the position of the `?`, `:` or `,`.

use serde_json::Value;

/// One step from a JSON node to a child.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

/// Writes `steps` as a filter that selects the node at that path, such as
/// `items[3].name`, with `["key"]` for keys that are not plain names. The
/// empty path is `$`.
pub fn format_path(steps: &[PathStep]) -> String {
    if steps.is_empty() {
        return "$".to_owned();
    }
    let mut text = String::new();
    for step in steps {
        match step {
            PathStep::Key(key) if is_plain_name(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            PathStep::Key(key) => {
                // Only `"` and `\` need a backslash, matching what the
                // parser's quoted keys accept.
                text.push_str("[\"");
                for character in key.chars() {
                    if character == '"' || character == '\\' {
                        text.push('\\');
                    }
                    text.push(character);
                }
                text.push_str("\"]");
            }
            PathStep::Index(index) => {
                text.push_str(&format!("[{index}]"));
            }
        }
    }
    text
}

/// Returns true when `key` can be written after a `.` in a filter.
fn is_plain_name(key: &str) -> bool {
    let mut characters = key.chars();
    characters
        .next()
        .is_some_and(|first| first.is_alphabetic() || first == '_')
        && characters.all(is_name_character)
}

fn is_name_character(character: char) -> bool {
    character.is_alphanumeric() || character == '_' || character == '-'
}

/// The children that one filter step selects from a node.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Selector {
    Key(String),
    /// An array index; negative counts from the end.
    Index(i64),
    Wildcard,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Step {
    selector: Selector,
    /// Applies the selector to the node and to every node below it.
    descendants: bool,
}

/// A parsed filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonFilter {
    steps: Vec<Step>,
}

/// A filter that could not be parsed. `position` counts characters from 1.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Invalid filter at character {position}: expected {expected}. Write a path such as items[*].name or $.links.next.")]
pub struct FilterError {
    pub position: usize,
    pub expected: &'static str,
}

/// One node that a filter selected, and its path from the root.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterMatch<'a> {
    pub path: Vec<PathStep>,
    pub value: &'a Value,
}

impl JsonFilter {
    /// Parses `text`. Whitespace around the filter is ignored.
    pub fn parse(text: &str) -> Result<Self, FilterError> {
        let trimmed_start = text.len() - text.trim_start().len();
        let characters: Vec<char> = text.trim().chars().collect();
        let offset = text[..trimmed_start].chars().count();
        let mut parser = Parser {
            characters,
            pos: 0,
            offset,
        };
        parser.filter().map(|steps| Self { steps })
    }

    /// Returns true when the filter selects at most one node: it has no
    /// wildcard and no recursive descent.
    pub fn is_singular(&self) -> bool {
        self.steps
            .iter()
            .all(|step| !step.descendants && step.selector != Selector::Wildcard)
    }

    /// Returns the nodes of `root` that the filter selects, in document
    /// order.
    pub fn select<'a>(&self, root: &'a Value) -> Vec<FilterMatch<'a>> {
        let mut current = vec![FilterMatch {
            path: Vec::new(),
            value: root,
        }];
        for step in &self.steps {
            let mut next = Vec::new();
            for node in &current {
                if step.descendants {
                    descend(node, &step.selector, &mut next);
                } else {
                    select_children(node, &step.selector, &mut next);
                }
            }
            current = next;
        }
        current
    }
}

/// Applies `selector` to `node` and to every node below it, in document
/// order. Uses an explicit stack, so deep documents cannot overflow the
/// call stack.
fn descend<'a>(node: &FilterMatch<'a>, selector: &Selector, out: &mut Vec<FilterMatch<'a>>) {
    let mut stack = vec![node.clone()];
    while let Some(current) = stack.pop() {
        select_children(&current, selector, out);
        let mut children = Vec::new();
        select_children(&current, &Selector::Wildcard, &mut children);
        // Reversed so that the first child is visited next.
        stack.extend(children.into_iter().rev());
    }
}

fn select_children<'a>(
    node: &FilterMatch<'a>,
    selector: &Selector,
    out: &mut Vec<FilterMatch<'a>>,
) {
    let child = |step: PathStep, value: &'a Value| {
        let mut path = node.path.clone();
        path.push(step);
        FilterMatch { path, value }
    };
    match (selector, node.value) {
        (Selector::Key(key), Value::Object(members)) => {
            if let Some(value) = members.get(key) {
                out.push(child(PathStep::Key(key.clone()), value));
            }
        }
        (Selector::Index(index), Value::Array(items)) => {
            let resolved = if *index < 0 {
                usize::try_from(items.len() as i64 + index).ok()
            } else {
                usize::try_from(*index).ok()
            };
            if let Some((position, value)) =
                resolved.and_then(|position| Some((position, items.get(position)?)))
            {
                out.push(child(PathStep::Index(position), value));
            }
        }
        (Selector::Wildcard, Value::Object(members)) => {
            for (key, value) in members {
                out.push(child(PathStep::Key(key.clone()), value));
            }
        }
        (Selector::Wildcard, Value::Array(items)) => {
            for (position, value) in items.iter().enumerate() {
                out.push(child(PathStep::Index(position), value));
            }
        }
        _ => {}
    }
}

struct Parser {
    characters: Vec<char>,
    pos: usize,
    /// Characters of leading whitespace trimmed before parsing, added back
    /// to error positions.
    offset: usize,
}

impl Parser {
    fn filter(&mut self) -> Result<Vec<Step>, FilterError> {
        let mut steps = Vec::new();
        if self.characters.is_empty() {
            return Err(self.error("a path"));
        }
        if self.peek() == Some('$') {
            self.pos += 1;
        } else if self
            .peek()
            .is_some_and(|first| first != '.' && first != '[')
        {
            // A leading bare name, as in `items[*].name`.
            steps.push(Step {
                selector: self.name()?,
                descendants: false,
            });
        }
        while let Some(character) = self.peek() {
            let step = match character {
                '.' if self.peek_at(1) == Some('.') => {
                    self.pos += 2;
                    let selector = if self.peek() == Some('[') {
                        self.bracket()?
                    } else {
                        self.name()?
                    };
                    Step {
                        selector,
                        descendants: true,
                    }
                }
                '.' => {
                    self.pos += 1;
                    Step {
                        selector: self.name()?,
                        descendants: false,
                    }
                }
                '[' => Step {
                    selector: self.bracket()?,
                    descendants: false,
                },
                _ => return Err(self.error("'.' or '['")),
            };
            steps.push(step);
        }
        Ok(steps)
    }

    /// Reads a plain name or `*`.
    fn name(&mut self) -> Result<Selector, FilterError> {
        if self.peek() == Some('*') {
            self.pos += 1;
            return Ok(Selector::Wildcard);
        }
        let start = self.pos;
        while self.peek().is_some_and(is_name_character) {
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.error("a name or '*'"));
        }
        Ok(Selector::Key(
            self.characters[start..self.pos].iter().collect(),
        ))
    }

    /// Reads `[index]`, `[*]` or `["key"]`.
    fn bracket(&mut self) -> Result<Selector, FilterError> {
        self.pos += 1;
        let selector = match self.peek() {
            Some('*') => {
                self.pos += 1;
                Selector::Wildcard
            }
            Some(quote @ ('"' | '\'')) => Selector::Key(self.quoted(quote)?),
            Some('-' | '0'..='9') => Selector::Index(self.index()?),
            _ => return Err(self.error("an index, '*' or a quoted key")),
        };
        if self.peek() != Some(']') {
            return Err(self.error("']'"));
        }
        self.pos += 1;
        Ok(selector)
    }

    fn index(&mut self) -> Result<i64, FilterError> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        let digits_start = self.pos;
        while self
            .peek()
            .is_some_and(|character| character.is_ascii_digit())
        {
            self.pos += 1;
        }
        if self.pos == digits_start {
            return Err(self.error("a digit"));
        }
        let text: String = self.characters[start..self.pos].iter().collect();
        text.parse().map_err(|_| FilterError {
            position: self.offset + start + 1,
            expected: "an index between -2^63 and 2^63",
        })
    }

    /// Reads a key in single or double quotes. A backslash takes the next
    /// character as it is, so `["a\"b"]` is the key `a"b`.
    fn quoted(&mut self, quote: char) -> Result<String, FilterError> {
        self.pos += 1;
        let mut key = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error("a closing quote")),
                Some('\\') => {
                    self.pos += 1;
                    let Some(escaped) = self.peek() else {
                        return Err(self.error("a character after '\\'"));
                    };
                    key.push(escaped);
                }
                Some(character) if character == quote => {
                    self.pos += 1;
                    return Ok(key);
                }
                Some(character) => key.push(character),
            }
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.characters.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.characters.get(self.pos + ahead).copied()
    }

    fn error(&self, expected: &'static str) -> FilterError {
        FilterError {
            position: self.offset + self.pos + 1,
            expected,
        }
    }
}

#[cfg(test)]
#[path = "json_path/tests.rs"]
mod tests;
