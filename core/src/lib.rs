//! Sans-IO core of an Onfido API v2 client.
//!
//! Every endpoint is an [`Operation`]: a typed input that [`Operation::build`]s an
//! [`HttpRequest`] from a [`Config`], and a parser that turns the [`HttpResponse`]
//! your transport received into a typed output or an [`Error`]. The core never
//! touches a socket, a clock or a file; bindings bring the transport.
//!
//! ```
//! use onfido_core::{ApiVersion, Config, HttpResponse, Operation, Region};
//! use onfido_core::operations::applicants::CreateApplicant;
//!
//! let config = Config::builder().api_token("test_abc").region(Region::Eu).api_version(ApiVersion::V2).build()?;
//! let request = CreateApplicant::new("Jane", "Doe").build(&config)?;
//! assert_eq!(request.url, "https://api.onfido.com/v2/applicants");
//!
//! let response = HttpResponse::new(201, br#"{"id": "a1", "first_name": "Jane", "last_name": "Doe"}"#.to_vec());
//! let applicant = CreateApplicant::parse(response)?;
//! assert_eq!(applicant.id, "a1");
//! # Ok::<(), onfido_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod bounds;
pub mod call;
pub mod config;
pub mod countries;
pub mod download;
pub mod dynamic;
pub mod error;
pub mod hex;
pub mod http;
pub mod json_path;
pub mod models;
pub mod multipart;
pub mod oauth;
pub mod operations;
pub mod pacing;
pub mod pagination;
pub mod referrer;
pub mod requirements;
pub mod results;
pub mod retry;
pub mod timestamp;
pub mod v3;
pub mod validation;
pub mod webhook;

mod serde_util;

pub use config::{ApiToken, ApiVersion, Config, ConfigBuilder, Environment, Region};
pub use download::Download;
pub use error::{ApiError, ApiErrorType, CallContext, Error, Failure, FieldErrors, TransportError};
pub use http::{HttpRequest, HttpResponse, Method};
pub use operations::{Operation, OperationId};
pub use pagination::{Page, PageLink};
pub use timestamp::Timestamp;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;

/// This crate's version, as used in the `User-Agent` header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
