//! Any bytes given to the .docx reader (`ingest::docx::docx_to_text`) give text or a
//! `FormatError`, never a panic, a hang or runaway memory: damaged zips, zip bombs,
//! malformed XML parts, numbering that loops or overflows.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = plantrack::ingest::docx::docx_to_text(data);
});
