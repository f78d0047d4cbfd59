//! API v3.6, and v3.4 as a profile of it: every operation from one generated table.
//!
//! `api/onfido-v3.json` (derived from Onfido's OpenAPI document) is the one place an operation
//! or a type is stated; `cargo xtask generate` writes it into [`generated`] as static tables
//! ([`schema`]), and one engine reads them: [`build_request`] checks an input and builds the
//! request, [`parse_response`] reads the answer. Rules the description cannot state (upload
//! limits, webhook URLs, dates in the future, which POSTs may be retried) are in [`rules`].
//!
//! ```
//! use onfido_core::{v3, ApiVersion, Config, HttpResponse};
//! use serde_json::json;
//!
//! let config = Config::builder().api_token("api_sandbox.abc").api_version(ApiVersion::V3_6).build()?;
//! let input = json!({"first_name": "Jane", "last_name": "Doe", "address": {"country": "GBR", "postcode": "S2 2DF"}});
//! let request = v3::build_request("create_applicant", &config, &input, None)?;
//! assert_eq!(request.url, "https://api.eu.onfido.com/v3.6/applicants");
//!
//! let answer = HttpResponse::new(201, br#"{"id": "6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10", "first_name": "Jane"}"#.to_vec());
//! let applicant = v3::parse_response(ApiVersion::V3_6, "create_applicant", answer)?;
//! assert_eq!(applicant["first_name"], "Jane");
//! # Ok::<(), onfido_core::Error>(())
//! ```

mod answer;
mod build;
mod conform;
#[rustfmt::skip]
pub mod endpoints;
#[rustfmt::skip]
mod generated;
#[rustfmt::skip]
pub mod models;
mod parse;
pub mod rules;
pub mod schema;

pub use answer::{Empty, FileOrRedirect};
pub use build::{build_request, check_input, check_upload_input};
pub use parse::{check_response, parse_event, parse_response, Checked};

use crate::config::ApiVersion;
use crate::error::Error;
use crate::http::HttpResponse;
use schema::Op;

/// One operation as a type (ruma-style): its id and its answer's model, for typed parsing.
///
/// ```
/// use onfido_core::v3::{endpoints::FindApplicant, Endpoint};
/// use onfido_core::{ApiVersion, HttpResponse};
///
/// let answer = HttpResponse::new(200, br#"{"id": "a1", "first_name": "Jane", "new": 1}"#.to_vec());
/// let applicant = FindApplicant::parse(ApiVersion::V3_6, answer)?;
/// assert_eq!(applicant.first_name.as_deref(), Some("Jane"));
/// assert_eq!(applicant.extra["new"], 1);
/// # Ok::<(), onfido_core::Error>(())
/// ```
pub trait Endpoint {
    /// The v3.6 operationId.
    const ID: &'static str;
    /// What a successful answer reads as.
    type Output;
    /// Reads an answer: the typed output, or the error the server or the body tells of.
    fn parse(version: ApiVersion, response: HttpResponse) -> Result<Self::Output, Error>;
}

/// Every v3.6 operation, in the OpenAPI document's order.
pub fn operations() -> &'static [&'static Op] {
    &generated::OPERATIONS
}

/// The operation `id` names in `version`; an id the version lacks is a validation error on
/// `operation`, before anything is built.
///
/// Ids are the v3.6 document's in v3.4 too: the four operations v3.4's document names
/// differently (`destroy_applicant`, `retrieve_workflow_run`, `retrieve_task`, `edit_webhook`)
/// go by their v3.6 names, so one name serves both versions.
pub fn operation(version: ApiVersion, id: &str) -> Result<&'static Op, Error> {
    let found = match version {
        ApiVersion::V3_6 => generated::find(id),
        ApiVersion::V3_4 => generated::find(id).filter(|op| op.v3_4_id.is_some()),
        ApiVersion::V2 => None,
    };
    found.ok_or_else(|| {
        Error::validation("operation", format!("{id:?} is not an operation of API {}", version.as_str()))
    })
}

/// Path parameters by name, as a path gives them (percent-decoded).
pub type PathParams = Vec<(&'static str, String)>;

/// The operation of `version` that answers `method` on `path` (the part below the version,
/// `/applicants/6f3d…/restore`), with its path parameters as the path gives them
/// (percent-decoded): `[("applicant_id", "6f3d…")]`. A path a template fits with literal steps
/// wins over one it fits with a parameter (`POST /webhooks/resend` is `resend_webhooks`).
/// `None` when no operation of the version has that method and path; a query is ignored.
pub fn route(version: ApiVersion, method: crate::http::Method, path: &str) -> Option<(&'static Op, PathParams)> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let steps: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut best: Option<(usize, &'static Op, PathParams)> = None;
    for op in operations().iter().filter(|op| op.method == method) {
        if (version == ApiVersion::V3_4 && op.v3_4_id.is_none()) || version == ApiVersion::V2 {
            continue;
        }
        let template: Vec<&'static str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
        if template.len() != steps.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literals = 0;
        let fits =
            template.iter().zip(&steps).all(|(t, s)| match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(name) => {
                    let value = percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
                    params.push((name, value));
                    !s.is_empty()
                }
                None => {
                    literals += 1;
                    t == s
                }
            });
        if fits && best.as_ref().is_none_or(|(most, _, _)| literals > *most) {
            best = Some((literals, op, params));
        }
    }
    best.map(|(_, op, params)| (op, params))
}

/// Whether an operation may be sent again after a 5xx or a lost answer: GET, PUT and DELETE,
/// and the POSTs in [`rules::RETRY_SAFE_POSTS`]. Any other POST (and PATCH) may have created
/// something, so it is never repeated.
pub fn is_idempotent(op: &Op) -> bool {
    op.method.is_idempotent() || rules::RETRY_SAFE_POSTS.contains(&op.id)
}

/// Verifies a v3 webhook notification against its raw body and headers (`X-SHA2-Signature`
/// preferred, `X-Signature` accepted; a present SHA-2 header that fails is never a fallback),
/// then reads it ([`parse_event`]).
pub fn verify_event<'a>(
    body: &[u8],
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    secret: &str,
) -> Result<serde_json::Value, Error> {
    crate::webhook::verify_headers(body, headers, secret)?;
    parse_event(body)
}

/// Whether an operation lists resources page by page (it takes a `page` parameter).
pub fn is_paginated(op: &Op) -> bool {
    op.param("page").is_some()
}

#[cfg(test)]
mod tests;
