//! Referrer pattern parsing, matching and linting on arbitrary patterns and URLs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onfido_core::referrer::ReferrerPattern;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (pattern, url) = text.split_once('\n').unwrap_or((&text, "https://example.com/"));
    if let Ok(parsed) = ReferrerPattern::parse(pattern) {
        let _ = parsed.matches(url);
        let _ = parsed.lint();
    }
});
