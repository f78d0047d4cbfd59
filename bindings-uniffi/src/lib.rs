//! onfido-core for Kotlin (JVM, Android) and Swift, through uniffi.
//!
//! The Rust side holds the whole client: [`OnfidoClient`](client::OnfidoClient) builds each request
//! with the core, hands it to the foreign [`HttpTransport`](http::HttpTransport) (Kotlin's
//! `HttpURLConnection` transport, Swift's `URLSession` one, or the caller's own) as the core's call
//! driver (`onfido_core::call`: retries, pacing, redirects, pagination, OAuth tokens) says, and
//! parses the answer into records. Every method is `async` (Kotlin `suspend`, Swift `async`); waits
//! go through the foreign [`Sleeper`](http::Sleeper) so they suspend rather than block.

// The uniffi error enum crosses the FFI by value; boxing its fields would not shrink what crosses.
#![allow(clippy::result_large_err)]

uniffi::setup_scaffolding!("onfido");

pub mod client;
pub mod config;
pub mod error;
pub mod http;
pub mod inputs;
pub mod listener;
pub mod models;
pub mod rules;
pub mod sandbox;
pub mod v2;
pub mod v3;
pub mod vectors;

mod timer;

#[cfg(test)]
mod tests {
    /// Doc comments become KDoc and Swift doc comments, where `/*` opens a nested comment that
    /// swallows the rest of the generated file.
    #[test]
    fn no_comment_openers_in_doc_comments() {
        let sources = [
            include_str!("client.rs"),
            include_str!("config.rs"),
            include_str!("error.rs"),
            include_str!("http.rs"),
            include_str!("inputs.rs"),
            include_str!("listener.rs"),
            include_str!("models.rs"),
            include_str!("rules.rs"),
            include_str!("sandbox.rs"),
            include_str!("vectors.rs"),
            include_str!("v3/mod.rs"),
            include_str!("v3/generated.rs"),
            include_str!("v2/mod.rs"),
            include_str!("v2/generated.rs"),
        ];
        for line in sources.iter().flat_map(|s| s.lines()) {
            let doc = line.trim_start();
            if doc.starts_with("///") || doc.starts_with("//!") {
                assert!(!doc.contains("/*") && !doc.contains("*/"), "{doc}");
            }
        }
    }
}
