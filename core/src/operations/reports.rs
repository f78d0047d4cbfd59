//! Reports of a check: retrieve, list, resume, cancel.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed, NoContent};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::Report;
use crate::validation;

impl ListKey for Report {
    const LIST_KEY: &'static str = "reports";
}

/// Retrieves a report: `GET checks/{check_id}/reports/{report_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveReport {
    /// The check it belongs to.
    #[serde(default)]
    pub check_id: String,
    /// The report.
    #[serde(default)]
    pub report_id: String,
}

impl RetrieveReport {
    /// Retrieves this report.
    pub fn new(check_id: impl Into<String>, report_id: impl Into<String>) -> Self {
        RetrieveReport { check_id: check_id.into(), report_id: report_id.into() }
    }
}

impl Operation for RetrieveReport {
    const ID: OperationId = OperationId::RetrieveReport;
    type Output = Report;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("check_id", &self.check_id), ("report_id", &self.report_id)])?;
        let path = ["checks", &self.check_id, "reports", &self.report_id];
        Ok(RequestBuilder::new(config, Method::Get, &path)?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Report, Error> {
        response::json(response)
    }
}

/// Lists a check's reports: `GET checks/{check_id}/reports`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListReports {
    /// The check.
    #[serde(default)]
    pub check_id: String,
}

impl ListReports {
    /// Lists this check's reports.
    pub fn new(check_id: impl Into<String>) -> Self {
        ListReports { check_id: check_id.into() }
    }
}

impl Operation for ListReports {
    const ID: OperationId = OperationId::ListReports;
    type Output = Listed<Report>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("check_id", &self.check_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["checks", &self.check_id, "reports"])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<Report>, Error> {
        response::list(response)
    }
}

/// Resumes a paused report: `POST checks/{check_id}/reports/{report_id}/resume`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResumeReport {
    /// The check it belongs to.
    #[serde(default)]
    pub check_id: String,
    /// The report.
    #[serde(default)]
    pub report_id: String,
}

impl ResumeReport {
    /// Resumes this report.
    pub fn new(check_id: impl Into<String>, report_id: impl Into<String>) -> Self {
        ResumeReport { check_id: check_id.into(), report_id: report_id.into() }
    }
}

impl Operation for ResumeReport {
    const ID: OperationId = OperationId::ResumeReport;
    type Output = NoContent;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("check_id", &self.check_id), ("report_id", &self.report_id)])?;
        let path = ["checks", &self.check_id, "reports", &self.report_id, "resume"];
        Ok(RequestBuilder::new(config, Method::Post, &path)?.empty())
    }

    fn parse(response: HttpResponse) -> Result<NoContent, Error> {
        response::empty(response)
    }
}

/// Cancels a paused report: `POST checks/{check_id}/reports/{report_id}/cancel`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CancelReport {
    /// The check it belongs to.
    #[serde(default)]
    pub check_id: String,
    /// The report.
    #[serde(default)]
    pub report_id: String,
}

impl CancelReport {
    /// Cancels this report.
    pub fn new(check_id: impl Into<String>, report_id: impl Into<String>) -> Self {
        CancelReport { check_id: check_id.into(), report_id: report_id.into() }
    }
}

impl Operation for CancelReport {
    const ID: OperationId = OperationId::CancelReport;
    type Output = NoContent;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("check_id", &self.check_id), ("report_id", &self.report_id)])?;
        let path = ["checks", &self.check_id, "reports", &self.report_id, "cancel"];
        Ok(RequestBuilder::new(config, Method::Post, &path)?.empty())
    }

    fn parse(response: HttpResponse) -> Result<NoContent, Error> {
        response::empty(response)
    }
}
