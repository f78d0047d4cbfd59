//! The offline Onfido sandbox of `onfido-core` (API v2, v3.6 and v3.4).
//!
//! With the default feature `server`, [`server`] serves it over real HTTP/1.1 on loopback (the
//! `onfido-sandbox` binary).

#[cfg(feature = "server")]
pub mod server;
