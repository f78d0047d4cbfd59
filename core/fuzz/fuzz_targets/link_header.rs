//! Link header parsing on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onfido_core::pagination::parse_link_header;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = parse_link_header(text);
    }
});
