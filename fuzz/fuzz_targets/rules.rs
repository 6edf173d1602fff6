//! Any UTF-8 text given as a rules file is checked (`rules::check::check_text`), parsed
//! (`RawRules::from_toml`) and, when it parses, layered over the defaults and validated, as
//! `Rules::from_files` does, without a panic: every problem must come back as an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plantrack::rules::{check, RawRules};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = check::check_text(text, "fuzz.toml");
    if let Ok(raw) = RawRules::from_toml(text, "fuzz.toml") {
        let _ = RawRules::defaults().layer(raw).validate();
    }
});
