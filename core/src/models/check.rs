//! A check: a set of reports run on one applicant.

use serde::{Deserialize, Serialize};

use super::{CheckResult, CheckStatus, CheckType, Extra, Report};
use crate::serde_util::null_default;
use crate::timestamp::Timestamp;

/// A check.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Unique identifier.
    pub id: String,
    /// When it was initiated.
    pub created_at: Option<Timestamp>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// Standard or express.
    #[serde(rename = "type")]
    pub check_type: Option<CheckType>,
    /// Where it is in its processing.
    pub status: Option<CheckStatus>,
    /// The overall result, derived from the reports.
    pub result: Option<CheckResult>,
    /// Where a standard check's form redirects when submitted.
    pub redirect_uri: Option<String>,
    /// The results page on the Onfido dashboard.
    pub results_uri: Option<String>,
    /// A PDF of the results (append `.pdf`).
    pub download_uri: Option<String>,
    /// The applicant form of a standard check.
    pub form_uri: Option<String>,
    /// The reports: ids, or objects when expanded.
    #[serde(default, deserialize_with = "null_default")]
    pub reports: Vec<CheckReport>,
    /// Report type group ids.
    #[serde(default, deserialize_with = "null_default")]
    pub report_type_groups: Vec<String>,
    /// Tags.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// Whether it lives in the sandbox.
    pub sandbox: Option<bool>,
    /// Whether it is paused.
    pub paused: Option<bool>,
    /// The API version that produced it.
    pub version: Option<String>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A check's report: its id, or the whole report when expanded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CheckReport {
    /// Only the id (the default).
    Id(String),
    /// The report object (`expand=reports`, or create responses).
    Expanded(Box<Report>),
}

impl CheckReport {
    /// The report's id.
    pub fn id(&self) -> &str {
        match self {
            CheckReport::Id(id) => id,
            CheckReport::Expanded(report) => &report.id,
        }
    }

    /// The report, when expanded.
    pub fn report(&self) -> Option<&Report> {
        match self {
            CheckReport::Id(_) => None,
            CheckReport::Expanded(report) => Some(report),
        }
    }
}

impl Check {
    /// The expanded reports (empty when the check holds only ids).
    pub fn expanded_reports(&self) -> impl Iterator<Item = &Report> {
        self.reports.iter().filter_map(CheckReport::report)
    }

    /// Whether the check has reached a state it will not leave by itself.
    pub fn is_finished(&self) -> bool {
        matches!(self.status, Some(CheckStatus::Complete | CheckStatus::Withdrawn))
    }
}
