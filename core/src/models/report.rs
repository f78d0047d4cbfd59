//! A report: one verification within a check, with its breakdown tree.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Extra, ReportName, ReportResult, ReportStatus, SubResult};
use crate::serde_util::deserialize_model;
use crate::timestamp::Timestamp;

/// A report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Unique identifier.
    pub id: String,
    /// The report type.
    pub name: Option<ReportName>,
    /// When it was initiated.
    pub created_at: Option<Timestamp>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// Where it is in its processing.
    pub status: Option<ReportStatus>,
    /// Its result, once known.
    pub result: Option<ReportResult>,
    /// A document report's detailed result.
    pub sub_result: Option<SubResult>,
    /// The variant (`standard`, `kyc`, `video`, `full`).
    pub variant: Option<String>,
    /// Report options, as sent.
    pub options: Value,
    /// The breakdown tree, by breakdown name.
    pub breakdown: Breakdown,
    /// Report-level properties (extracted data, records, score…).
    pub properties: Map<String, Value>,
    /// The documents processed (document reports).
    pub documents: Vec<Value>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Breakdowns by name, in name order.
pub type Breakdown = BTreeMap<String, BreakdownItem>;

/// One node of a report's breakdown tree.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BreakdownItem {
    /// This node's result (`clear`, `consider`, `unidentified`, `none`…), if any.
    pub result: Option<ReportResult>,
    /// This node's properties (an object, or a list for `document_numbers`).
    #[serde(skip_serializing_if = "Value::is_null")]
    pub properties: Value,
    /// Sub-breakdowns.
    pub breakdown: Breakdown,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Report {
    /// The breakdown node at a dotted path (`image_integrity.image_quality`).
    pub fn breakdown_at(&self, path: &str) -> Option<&BreakdownItem> {
        let mut parts = path.split('.');
        let mut node = self.breakdown.get(parts.next()?)?;
        for part in parts {
            node = node.breakdown.get(part)?;
        }
        Some(node)
    }

    /// A report-level property that is a string.
    pub fn property_str(&self, name: &str) -> Option<&str> {
        self.properties.get(name).and_then(Value::as_str)
    }

    /// A facial similarity report's score between 0 and 1, when a face was detected.
    pub fn score(&self) -> Option<f64> {
        self.properties.get("score").and_then(Value::as_f64)
    }

    /// Whether the report has reached a state it will not leave.
    pub fn is_finished(&self) -> bool {
        matches!(self.status, Some(ReportStatus::Complete | ReportStatus::Withdrawn | ReportStatus::Cancelled))
    }
}

deserialize_model!(Report required "id" {
    id: "id",
    name: "name",
    created_at: "created_at",
    href: "href",
    status: "status",
    result: "result",
    sub_result: "sub_result",
    variant: "variant",
    options: "options" or_object,
    breakdown: "breakdown" or_raw,
    properties: "properties" or_raw,
    documents: "documents" or_raw,
});

deserialize_model!(BreakdownItem {
    result: "result",
    properties: "properties",
    breakdown: "breakdown" or_raw,
});
