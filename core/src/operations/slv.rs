//! Street Level verification codes.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response;
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::SlvResult;
use crate::validation;

/// Submits the code from a Street Level letter: `POST slv`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SubmitSlvCode {
    /// The code (required).
    pub code: Option<String>,
}

impl SubmitSlvCode {
    /// Submits this code.
    pub fn new(code: impl Into<String>) -> Self {
        SubmitSlvCode { code: Some(code.into()) }
    }
}

impl Operation for SubmitSlvCode {
    const ID: OperationId = OperationId::SubmitSlvCode;
    type Output = SlvResult;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::required(&mut errors, "code", self.code.as_deref());
        errors.into_result()?;
        RequestBuilder::new(config, Method::Post, &["slv"])?.json(self)
    }

    fn parse(response: HttpResponse) -> Result<SlvResult, Error> {
        response::json(response)
    }
}
