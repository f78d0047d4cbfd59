//! Crossing the boundary: thrown core errors, JSON text both ways, header pairs, requests.

// Each `.wasm` uses part of this module (see the crate docs).
#![cfg_attr(not(all(feature = "client", feature = "sandbox")), allow(dead_code))]

use js_sys::{Array, Object, Reflect, Uint8Array};
use onfido_core::{Error, HttpRequest};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A core error as a thrown JS value: an `Error` named `CoreError` carrying the error's JSON in `core`.
pub(crate) fn core_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("CoreError");
    // Setting a property on a fresh Error object cannot fail; if it did, the message still tells.
    let _ = Reflect::set(&js, &JsValue::from_str("core"), &JsValue::from_str(&error.to_json().to_string()));
    js.into()
}

/// A decode error for values that could not cross the boundary.
pub(crate) fn conversion_error(message: &str) -> JsValue {
    core_error(&Error::decode(0, message, &[]))
}

/// Rust values to plain JS values, as one JSON text read by the engine's `JSON.parse`.
///
/// The same objects serde-wasm-bindgen's JSON-compatible serializer makes, about four times
/// faster for models (one string crossing instead of one per key and value).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| conversion_error(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| conversion_error("the engine refused the JSON the core wrote"))
}

/// Small Rust values to plain JS values through serde-wasm-bindgen's JSON-compatible serializer.
pub(crate) fn to_js_small<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| conversion_error(&e.to_string()))
}

/// A value from JSON text (the package's `JSON.stringify`); a mismatch is a validation error
/// naming its path under `field`.
pub(crate) fn from_json<T: DeserializeOwned>(json: &str, field: &str) -> Result<T, JsValue> {
    onfido_core::dynamic::from_json(json.as_bytes(), field).map_err(|e| core_error(&e))
}

/// Header pairs from `[[name, value], ...]` (or nothing).
pub(crate) fn header_pairs(headers: JsValue) -> Result<Vec<(String, String)>, JsValue> {
    if headers.is_null() || headers.is_undefined() {
        return Ok(Vec::new());
    }
    serde_wasm_bindgen::from_value(headers).map_err(|e| core_error(&Error::validation("headers", e.to_string())))
}

/// Unix seconds from a JS number; non-finite values count as absent.
pub(crate) fn seconds(now: Option<f64>) -> Option<i64> {
    now.filter(|n| n.is_finite()).map(|n| n.floor() as i64)
}

/// Sets a property on an object this crate just created (which cannot fail).
pub(crate) fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// `[[name, value], ...]`.
pub(crate) fn headers_to_js(headers: &[(String, String)]) -> Array {
    headers.iter().map(|(n, v)| Array::of2(&JsValue::from_str(n), &JsValue::from_str(v))).collect()
}

/// `{method, url, headers: [[name, value], ...], body: Uint8Array}`.
pub(crate) fn request_to_js(request: &HttpRequest) -> JsValue {
    let out = Object::new();
    set(&out, "method", &JsValue::from_str(request.method.as_str()));
    set(&out, "url", &JsValue::from_str(&request.url));
    set(&out, "headers", &headers_to_js(&request.headers));
    set(&out, "body", &Uint8Array::from(request.body.as_slice()));
    out.into()
}
