//! The Rust core for JavaScript: the native layer of the npm package `onfido-core`.
//!
//! Everything here is IO-free; the JavaScript side brings the transport, the clock, the sleeps and
//! (in Node) the HMAC. Core errors are thrown as a JS `Error` named `CoreError` whose `core`
//! property holds the core error's JSON (`Error::to_json`); the package turns them into its
//! `OnfidoError` classes.
//!
//! The crate builds two `.wasm` files from one source: the client (feature `client`: requests,
//! responses and rules) and the offline sandbox (feature `sandbox`), which the package loads only
//! when a `SandboxTransport` first sends, so that the client's module stays small.
//!
//! Values cross the boundary as JSON text where they are large (operation inputs, models) and the
//! engine's `JSON.parse` / `JSON.stringify` do the work; small values (header pairs, rule
//! results) go through serde-wasm-bindgen.

mod convert;

#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod rules;
#[cfg(feature = "sandbox")]
mod sandbox;

#[cfg(feature = "client")]
pub use client::*;
#[cfg(feature = "client")]
pub use rules::*;
#[cfg(feature = "sandbox")]
pub use sandbox::*;

/// The core's version.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn version() -> String {
    onfido_core::VERSION.to_owned()
}
