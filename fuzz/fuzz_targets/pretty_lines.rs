//! The pretty-printed line index.
//!
//! It accepts every text that `serde_json` accepts, and rejects every text
//! that `serde_json` rejects except the three that `PrettyIndex::build`
//! documents (numbers outside the f64 range, unpaired surrogate escapes,
//! nesting deeper than 128). For compact JSON written by `serde_json`, its
//! lines are those of `serde_json::to_string_pretty`.

#![no_main]

use fmc_core::pretty_lines::{JsonIndexError, PrettyIndex};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|text: &str| {
    let index = PrettyIndex::build(text);
    let parsed = serde_json::from_str::<Value>(text);
    match (&index, &parsed) {
        (Ok(_), Ok(_)) => {}
        (Err(error), Ok(_)) => panic!("index rejects JSON that serde_json accepts: {error}"),
        (Ok(_), Err(error)) => {
            let message = error.to_string();
            // The index does not pair surrogate escapes, and its own check
            // rejects a `\u` with fewer than 4 hex digits, so these two
            // serde_json messages can only mean an unpaired surrogate.
            let surrogate = text.contains("\\u")
                && (message.starts_with("unexpected end of hex escape")
                    || message.starts_with("lone leading surrogate"));
            let documented = surrogate
                || message.starts_with("recursion limit exceeded")
                || message.starts_with("number out of range");
            assert!(
                documented,
                "index accepts text that serde_json rejects: {message}"
            );
        }
        (Err(JsonIndexError::Syntax { offset, .. }), Err(_)) => {
            assert!(*offset <= text.len(), "error offset {offset} past the end");
        }
        (Err(_), Err(_)) => {}
    }

    let Ok(value) = parsed else {
        return;
    };
    let compact = serde_json::to_string(&value).expect("value serializes");
    let pretty = serde_json::to_string_pretty(&value).expect("value serializes");
    let index = PrettyIndex::build(&compact).expect("compact JSON indexes");
    let lines: Vec<String> = (0..index.len())
        .map(|line| index.line(&compact, line))
        .collect();
    assert_eq!(lines.join("\n"), pretty, "pretty lines of {compact}");
});
