//! The XML inside a .docx, fuzzed past the zip layer: the input is split at NUL bytes into
//! `word/document.xml`, `word/numbering.xml` and `word/styles.xml`, which are packed into a
//! stored (uncompressed) zip with correct CRCs and given to `ingest::docx::docx_to_text`.
//! It must give text or a `FormatError`, never a panic, a hang or runaway memory.
//!
//! The `docx` target cannot get here: a mutated byte inside a zip entry breaks the entry's
//! CRC-32, the zip crate refuses the part, and the paragraph walker and the numbering are
//! never reached.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PARTS: [&str; 3] = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];

/// CRC-32 (IEEE, reflected), as zip entries carry it; bit by bit, for small inputs.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of `files`, each stored without compression.
fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        // Local file header: signature, version 2.0, no flags, stored, no date.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for n in [crc, size, size] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for n in [crc, size, size] {
            central.extend_from_slice(&n.to_le_bytes());
        }
        central.extend_from_slice(&name_len.to_le_bytes());
        // Extra and comment lengths, disk number, internal and external attributes.
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (central_offset, central_size) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    // End of central directory.
    let count = files.len() as u16;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    let files: Vec<(&str, &[u8])> = PARTS.into_iter().zip(data.splitn(3, |&b| b == 0)).collect();
    let _ = plantrack::ingest::docx::docx_to_text(&stored_zip(&files));
});
