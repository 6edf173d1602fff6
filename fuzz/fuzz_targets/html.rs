//! Any bytes given to the web page reader (`ingest::html::html_bytes_to_text`) give text or
//! a `FormatError`, never a panic or a hang: charset detection by byte-order mark and
//! `<meta>`, the tolerant tokenizer and tree, character references, main-text choice.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plantrack::ingest::html::html_bytes_to_text(data);
});
