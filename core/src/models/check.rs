//! A check: a set of reports run on one applicant.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize};

use super::{CheckResult, CheckStatus, CheckType, Extra, Report};
use crate::serde_util::deserialize_model;
use crate::timestamp::Timestamp;

/// A check.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
    pub reports: Vec<CheckReport>,
    /// Report type group ids.
    pub report_type_groups: Vec<String>,
    /// Tags.
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
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CheckReport {
    /// Only the id (the default).
    Id(String),
    /// The report object (`expand=reports`, or create responses).
    Expanded(Box<Report>),
}

/// A string reads as an id, an object as a report; nothing is buffered.
impl<'de> Deserialize<'de> for CheckReport {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = CheckReport;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a report id or a report object")
            }
            fn visit_str<E: de::Error>(self, id: &str) -> Result<CheckReport, E> {
                Ok(CheckReport::Id(id.to_owned()))
            }
            fn visit_string<E: de::Error>(self, id: String) -> Result<CheckReport, E> {
                Ok(CheckReport::Id(id))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<CheckReport, A::Error> {
                Report::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|r| CheckReport::Expanded(Box::new(r)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
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
        self.status.as_ref().is_some_and(CheckStatus::is_terminal)
    }
}

deserialize_model!(Check required "id" {
    id: "id",
    created_at: "created_at",
    href: "href",
    check_type: "type",
    status: "status",
    result: "result",
    redirect_uri: "redirect_uri",
    results_uri: "results_uri",
    download_uri: "download_uri",
    form_uri: "form_uri",
    reports: "reports" or_default,
    report_type_groups: "report_type_groups" or_default,
    tags: "tags" or_default,
    sandbox: "sandbox",
    paused: "paused",
    version: "version",
});
