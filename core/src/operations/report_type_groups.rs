//! Report type groups configured for the account: retrieve, list.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::ReportTypeGroup;
use crate::validation;

impl ListKey for ReportTypeGroup {
    const LIST_KEY: &'static str = "report_type_groups";
}

/// Retrieves a report type group: `GET report_type_groups/{report_type_group_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveReportTypeGroup {
    /// The group.
    #[serde(default)]
    pub report_type_group_id: String,
}

impl RetrieveReportTypeGroup {
    /// Retrieves this group.
    pub fn new(report_type_group_id: impl Into<String>) -> Self {
        RetrieveReportTypeGroup { report_type_group_id: report_type_group_id.into() }
    }
}

impl Operation for RetrieveReportTypeGroup {
    const ID: OperationId = OperationId::RetrieveReportTypeGroup;
    type Output = ReportTypeGroup;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("report_type_group_id", &self.report_type_group_id)])?;
        let path = ["report_type_groups", &self.report_type_group_id];
        Ok(RequestBuilder::new(config, Method::Get, &path)?.empty())
    }

    fn parse(response: HttpResponse) -> Result<ReportTypeGroup, Error> {
        response::json(response)
    }
}

/// Lists the account's report type groups: `GET report_type_groups`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListReportTypeGroups {}

impl Operation for ListReportTypeGroups {
    const ID: OperationId = OperationId::ListReportTypeGroups;
    type Output = Listed<ReportTypeGroup>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        Ok(RequestBuilder::new(config, Method::Get, &["report_type_groups"])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<ReportTypeGroup>, Error> {
        response::list(response)
    }
}
