//! OCR Autofill (beta).

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response;
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::OcrResult;
use crate::validation;

/// Extracts data from an uploaded document: `POST ocr`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractOcr {
    /// The document (required).
    pub document_id: Option<String>,
}

impl ExtractOcr {
    /// Extracts data from this document.
    pub fn new(document_id: impl Into<String>) -> Self {
        ExtractOcr { document_id: Some(document_id.into()) }
    }
}

impl Operation for ExtractOcr {
    const ID: OperationId = OperationId::ExtractOcr;
    type Output = OcrResult;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::required(&mut errors, "document_id", self.document_id.as_deref());
        errors.into_result()?;
        RequestBuilder::new(config, Method::Post, &["ocr"])?.json(self)
    }

    fn parse(response: HttpResponse) -> Result<OcrResult, Error> {
        response::json(response)
    }
}
