//! The offline sandbox in process, built into its own `.wasm` (loaded only when used).

use js_sys::{Array, Object, Uint8Array};
use onfido_core::{Error, HttpRequest, Method};
use onfido_sandbox::{Sandbox as CoreSandbox, SandboxOptions};
use wasm_bindgen::prelude::*;

use crate::convert::{core_error, header_pairs, headers_to_js, request_to_js, seconds, set};

/// The offline sandbox, in process: the whole v2 API simulated in memory.
#[wasm_bindgen]
pub struct Sandbox {
    inner: CoreSandbox,
}

#[wasm_bindgen]
impl Sandbox {
    /// A fresh sandbox whose links point to `baseUrl`; `rateLimit` requests a minute before 429s.
    #[wasm_bindgen(constructor)]
    pub fn new(base_url: Option<String>, rate_limit: Option<u32>) -> Sandbox {
        let base_url = base_url.unwrap_or_else(|| "https://api.onfido.com".to_owned());
        Sandbox { inner: CoreSandbox::new(SandboxOptions { base_url, rate_limit }) }
    }

    /// Answers one request at `now` (Unix seconds): `{status, headers, body}`.
    pub fn handle(
        &mut self,
        method: &str,
        url: String,
        headers: JsValue,
        body: Vec<u8>,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let method =
            Method::parse(method).ok_or_else(|| core_error(&Error::validation("method", "is not an API method")))?;
        let request = HttpRequest { method, url, headers: header_pairs(headers)?, body };
        let response = self.inner.handle(&request, seconds(Some(now)).unwrap_or(0));
        let out = Object::new();
        set(&out, "status", &JsValue::from(response.status));
        set(&out, "headers", &headers_to_js(&response.headers));
        set(&out, "body", &Uint8Array::from(response.body.as_slice()));
        Ok(out.into())
    }

    /// The signed webhook notifications since the last call: `[{method, url, headers, body}]`.
    #[wasm_bindgen(js_name = takeWebhookDeliveries)]
    pub fn take_webhook_deliveries(&mut self) -> Array {
        self.inner.take_webhook_deliveries().iter().map(request_to_js).collect()
    }
}

/// Judges what a runtime observed of a shared test vector case (JSON texts): `undefined` when the
/// case passes, else why not. The one checker of every runtime (the `onfido-vectors` crate); it
/// ships in the sandbox's module, which only tests and tools load.
#[wasm_bindgen(js_name = checkVector)]
pub fn check_vector(kind: &str, case: &str, observed: &str) -> Option<String> {
    onfido_vectors::check_texts(kind, case, observed)
}
