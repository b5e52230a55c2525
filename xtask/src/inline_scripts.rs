//! Finds inline `<script>` elements, which the Manifest V3 content security
//! policy blocks, so a build that contains one fails instead of showing an
//! empty popup.

/// An inline script: a `<script>` start tag without a `src` attribute.
#[derive(Debug, PartialEq, Eq)]
pub struct InlineScript {
    /// 1-based line of the start tag.
    pub line: usize,
    pub tag: String,
}

/// Lists every `<script>` start tag in `html` that has no `src` attribute.
pub fn find_inline_scripts(html: &str) -> Vec<InlineScript> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut search_from = 0;

    while let Some(offset) = lower[search_from..].find("<script") {
        let start = search_from + offset;
        let after_name = start + "<script".len();
        search_from = after_name;

        // `<scripts>` or `<script-x>` are other elements.
        let next = lower[after_name..].chars().next();
        if !matches!(next, Some(c) if c.is_ascii_whitespace() || c == '>' || c == '/') {
            continue;
        }

        let end = tag_end(&lower, after_name);
        let attributes = &lower[after_name..end];
        if !attribute_names(attributes).contains(&"src") {
            found.push(InlineScript {
                line: html[..start].matches('\n').count() + 1,
                tag: html[start..(end + 1).min(html.len())].to_owned(),
            });
        }
        search_from = end;
    }
    found
}

/// Returns the index of the `>` that closes the tag, skipping quoted
/// attribute values, or the end of the text when the tag is not closed.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote = None;
    for (index, c) in html[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return from + index,
            _ => {}
        }
    }
    html.len()
}

/// Lists attribute names in the text between a tag's name and its `>`.
fn attribute_names(attributes: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = attributes;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return names;
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        names.push(&rest[..name_len]);
        rest = rest[name_len..].trim_start();

        if let Some(value) = rest.strip_prefix('=') {
            rest = skip_value(value.trim_start());
        }
    }
}

/// Skips one attribute value, quoted or bare.
fn skip_value(text: &str) -> &str {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => match text[1..].find(quote) {
            Some(close) => &text[close + 2..],
            None => "",
        },
        _ => {
            let end = text
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(text.len());
            &text[end..]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_scripts_allowed() {
        let html = r#"<head>
<script type="module" src="./popup.js"></script>
<SCRIPT SRC=popup.js defer></SCRIPT>
<script src='a.js'/>
</head>"#;

        assert_eq!(find_inline_scripts(html), Vec::new());
    }

    #[test]
    fn inline_module_found() {
        let html =
            "<html>\n<body>\n<script type=\"module\">\nimport init from './x.js';\n</script>\n";

        let found = find_inline_scripts(html);

        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 3);
        assert_eq!(found[0].tag, "<script type=\"module\">");
    }

    #[test]
    fn src_inside_value_is_not_attribute() {
        let html = r#"<script data-note="src=x.js" type='text/x-src'>run()</script>"#;

        let found = find_inline_scripts(html);

        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 1);
    }

    #[test]
    fn quoted_gt_does_not_end_tag() {
        let html = r#"<script data-x="a>b" src="ok.js"></script><script>y()</script>"#;

        let found = find_inline_scripts(html);

        assert_eq!(found.len(), 1);
        assert_eq!(found[0].tag, "<script>");
    }

    #[test]
    fn other_elements_ignored() {
        let html = "<scripts></scripts><script-list></script-list><noscript>x</noscript>";

        assert_eq!(find_inline_scripts(html), Vec::new());
    }

    #[test]
    fn unclosed_tag_reported() {
        let found = find_inline_scripts("<p>\n<script type=module");

        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 2);
    }
}
