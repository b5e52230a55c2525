//! FMC error bodies: a parsed error always has something to show, its
//! messages are the non-blank descriptions in order, and `error_detail`
//! never returns a blank message.

#![no_main]

use arbitrary::Arbitrary;
use fmc_core::error_body::{error_detail, parse_error_body};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

#[derive(Arbitrary, Debug)]
enum Input<'a> {
    /// Any text as the body.
    Text(&'a str),
    /// A body in the FMC's shape, with the given descriptions.
    Shaped {
        category: Option<&'a str>,
        severity: Option<&'a str>,
        descriptions: Vec<Option<&'a str>>,
    },
}

fuzz_target!(|input: Input| {
    match input {
        Input::Text(body) => check_body(body),
        Input::Shaped {
            category,
            severity,
            descriptions,
        } => {
            let messages: Vec<Value> = descriptions
                .iter()
                .map(|description| match description {
                    Some(text) => json!({ "description": text }),
                    None => json!({ "code": "x" }),
                })
                .collect();
            let body = json!({
                "error": { "category": category, "severity": severity, "messages": messages }
            })
            .to_string();
            check_body(&body);

            let expected: Vec<String> = descriptions
                .iter()
                .flatten()
                .map(|text| text.trim())
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
                .collect();
            let parsed = parse_error_body(&body);
            let messages = parsed.map(|error| error.messages).unwrap_or_default();
            assert_eq!(messages, expected, "messages of {body}");
        }
    }
});

fn check_body(body: &str) {
    let parsed = parse_error_body(body);
    if let Some(error) = &parsed {
        let empty =
            error.category.is_none() && error.severity.is_none() && error.messages.is_empty();
        assert!(!empty, "an error with nothing in it from {body:?}");
        for message in &error.messages {
            assert!(!message.is_empty(), "empty message from {body:?}");
            assert_eq!(message, message.trim(), "untrimmed message");
        }
    }

    let detail = error_detail(body);
    if let Some(detail) = &detail {
        assert!(!detail.trim().is_empty(), "blank detail from {body:?}");
    }
    let has_messages = parsed.is_some_and(|error| !error.messages.is_empty());
    assert_eq!(detail.is_some(), has_messages, "detail of {body:?}");
}
