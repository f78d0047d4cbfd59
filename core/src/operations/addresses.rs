//! The UK address picker.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::Address;
use crate::validation;

impl ListKey for Address {
    const LIST_KEY: &'static str = "addresses";
}

/// Finds the addresses at a UK postcode: `GET addresses/pick?postcode=`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PickAddresses {
    /// The postcode (required).
    pub postcode: Option<String>,
}

impl PickAddresses {
    /// Finds the addresses at this postcode.
    pub fn new(postcode: impl Into<String>) -> Self {
        PickAddresses { postcode: Some(postcode.into()) }
    }
}

impl Operation for PickAddresses {
    const ID: OperationId = OperationId::PickAddresses;
    type Output = Listed<Address>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::required(&mut errors, "postcode", self.postcode.as_deref());
        validation::query_text(&mut errors, "postcode", self.postcode.as_deref());
        errors.into_result()?;
        Ok(RequestBuilder::new(config, Method::Get, &["addresses", "pick"])?
            .query("postcode", self.postcode.as_deref())
            .empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<Address>, Error> {
        response::list(response)
    }
}
