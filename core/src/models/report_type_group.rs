//! A named set of report types configured for an account.

use serde::Serialize;

use super::{Extra, ReportName};
use crate::serde_util::deserialize_model;

/// A report type group.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReportTypeGroup {
    /// Unique identifier.
    pub id: String,
    /// The group's name.
    pub name: Option<String>,
    /// Whether its reports must be requested together.
    pub group_only: Option<bool>,
    /// The report types in the group.
    pub report_types: Vec<ReportType>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A report type within a group.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReportType {
    /// Identifier.
    pub id: Option<String>,
    /// The report type's name.
    pub name: Option<ReportName>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_model!(ReportTypeGroup required "id" {
    id: "id",
    name: "name",
    group_only: "group_only",
    report_types: "report_types" or_default,
});

deserialize_model!(ReportType { id: "id", name: "name" });
