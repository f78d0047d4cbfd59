//! Web SDK tokens.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response;
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::{Extra, SdkToken};
use crate::validation::{self, Validate};

/// Generates a Web SDK token for an applicant and a referrer pattern: `POST sdk_token`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GenerateSdkToken {
    /// The applicant the SDK instance serves (required).
    pub applicant_id: Option<String>,
    /// The pages allowed to use the token, as a match pattern (required).
    pub referrer: Option<String>,
    /// Fields this version does not name, sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

impl GenerateSdkToken {
    /// A token for this applicant, usable on pages matching this pattern.
    pub fn new(applicant_id: impl Into<String>, referrer: impl Into<String>) -> Self {
        GenerateSdkToken {
            applicant_id: Some(applicant_id.into()),
            referrer: Some(referrer.into()),
            extra: Extra::new(),
        }
    }
}

impl Validate for GenerateSdkToken {
    fn validate(&self, errors: &mut FieldErrors) {
        if validation::required(errors, "applicant_id", self.applicant_id.as_deref()) {
            validation::path_id(errors, "applicant_id", self.applicant_id.as_deref().unwrap_or_default());
        }
        validation::referrer(errors, "referrer", self.referrer.as_deref());
    }
}

impl Operation for GenerateSdkToken {
    const ID: OperationId = OperationId::GenerateSdkToken;
    type Output = SdkToken;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        self.check()?;
        RequestBuilder::new(config, Method::Post, &["sdk_token"])?.json(self)
    }

    fn parse(response: HttpResponse) -> Result<SdkToken, Error> {
        response::json(response)
    }
}
