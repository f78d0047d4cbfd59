//! Webhook verification and event parsing on arbitrary bodies, signatures and secrets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onfido_core::webhook::{self, Algorithm};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let (secret, signature, body) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    for algorithm in [Algorithm::Sha1, Algorithm::Sha256] {
        let _ = webhook::verify(body.as_bytes(), signature, secret, algorithm);
        let signed = webhook::sign(body.as_bytes(), secret, algorithm);
        assert!(secret.is_empty() || webhook::verify(body.as_bytes(), &signed, secret, algorithm));
    }
    let _ = webhook::verify_event(data, [("X-Signature", signature), ("x-sha2-signature", secret)], secret);
    let _ = webhook::parse_event(data);
});
