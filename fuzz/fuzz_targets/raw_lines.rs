//! The raw line index: its display lines, with the line breaks put back,
//! rebuild the text exactly, and no display line is longer than
//! `RAW_WRAP_BYTES` or contains a line break.

#![no_main]

use fmc_core::raw_lines::{RawIndex, RAW_WRAP_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let index = RawIndex::build(text);
    assert!(!index.is_empty(), "no display line for {text:?}");

    let mut rebuilt = String::with_capacity(text.len());
    for line in 0..index.len() {
        let chunk = index.line(text, line);
        assert!(
            chunk.len() <= RAW_WRAP_BYTES,
            "line {line} has {} bytes",
            chunk.len()
        );
        assert!(!chunk.contains('\n'), "line {line} contains a line break");
        rebuilt.push_str(chunk);

        // A break follows the last chunk of each line but the last line.
        let rest = text.get(rebuilt.len()..).unwrap_or_default();
        if rest.starts_with("\r\n") {
            rebuilt.push_str("\r\n");
        } else if rest.starts_with('\n') {
            rebuilt.push('\n');
        }
    }
    assert_eq!(rebuilt, text, "display lines do not rebuild the text");
    assert_eq!(index.line(text, index.len()), "", "line past the end");
});
