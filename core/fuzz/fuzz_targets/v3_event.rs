//! v3 webhook notifications: arbitrary bodies never panic the reader or the verifier.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onfido_core::v3;

fuzz_target!(|data: &[u8]| {
    let _ = v3::parse_event(data);
    let _ = v3::verify_event(data, [("X-SHA2-Signature", "00"), ("X-Signature", "zz")], "secret");
});
