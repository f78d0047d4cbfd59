//! A report: one verification within a check, with its breakdown tree.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::{Extra, ReportName, ReportResult, ReportStatus, SubResult};
use crate::serde_util::null_default;
use crate::timestamp::Timestamp;

/// A report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    #[serde(default = "empty_object", deserialize_with = "null_object")]
    pub options: Value,
    /// The breakdown tree, by breakdown name.
    #[serde(default, deserialize_with = "null_default")]
    pub breakdown: Breakdown,
    /// Report-level properties (extracted data, records, score…).
    #[serde(default, deserialize_with = "null_default")]
    pub properties: Map<String, Value>,
    /// The documents processed (document reports).
    #[serde(default, deserialize_with = "null_default")]
    pub documents: Vec<Value>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Breakdowns by name, in name order.
pub type Breakdown = BTreeMap<String, BreakdownItem>;

/// One node of a report's breakdown tree.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BreakdownItem {
    /// This node's result (`clear`, `consider`, `unidentified`, `none`…), if any.
    pub result: Option<ReportResult>,
    /// This node's properties (an object, or a list for `document_numbers`).
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub properties: Value,
    /// Sub-breakdowns.
    #[serde(default, deserialize_with = "null_default")]
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

fn empty_object() -> Value {
    Value::Object(Map::new())
}

fn null_object<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Null => empty_object(),
        other => other,
    })
}
