//! Every v3 operation's input checks on arbitrary JSON: never a panic, and a request that is
//! built never leaves the version's path nor carries a line break in a header.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onfido_core::{v3, Config};

fuzz_target!(|data: &[u8]| {
    let [op, rest @ ..] = data else { return };
    let operations = v3::operations();
    let Some(operation) = operations.get(usize::from(*op) % operations.len()) else { return };
    let Ok(input) = serde_json::from_slice::<serde_json::Value>(rest) else { return };
    let config = Config::from_json(&serde_json::json!({"token": "api_sandbox.fuzz", "api_version": "v3.6"}));
    let Ok(config) = config else { return };
    if let Ok(request) = v3::build_request(operation.id, &config, &input, Some(1_700_000_000)) {
        assert!(request.url.starts_with("https://api.eu.onfido.com/v3.6/"), "{}", request.url);
        let steps = operation.path.split('/').filter(|s| !s.is_empty()).count();
        let path = request.url.trim_start_matches("https://api.eu.onfido.com/v3.6/");
        let path = path.split('?').next().unwrap_or_default();
        assert_eq!(path.split('/').count(), steps, "{}", request.url);
        for (name, value) in &request.headers {
            assert!(!name.contains(['\r', '\n']) && !value.contains(['\r', '\n']));
        }
    }
});
