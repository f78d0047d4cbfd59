//! A named set of report types configured for an account.

use serde::{Deserialize, Serialize};

use super::{Extra, ReportName};
use crate::serde_util::null_default;

/// A report type group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportTypeGroup {
    /// Unique identifier.
    pub id: String,
    /// The group's name.
    pub name: Option<String>,
    /// Whether its reports must be requested together.
    pub group_only: Option<bool>,
    /// The report types in the group.
    #[serde(default, deserialize_with = "null_default")]
    pub report_types: Vec<ReportType>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A report type within a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportType {
    /// Identifier.
    pub id: Option<String>,
    /// The report type's name.
    pub name: Option<ReportName>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}
