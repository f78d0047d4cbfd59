//! A check's result from its reports, and each report's findings for a reviewer.

use serde::Serialize;
use serde_json::Value;

use crate::models::{Breakdown, Check, CheckResult, Report, ReportResult};

/// A check's result from its reports' results, as the reference defines it.
///
/// Consider as soon as any report is consider or unidentified (even while others run), clear when
/// every report is clear, and `None` otherwise (no reports, or some without a result yet).
pub fn check_result<'a, I>(report_results: I) -> Option<CheckResult>
where
    I: IntoIterator<Item = Option<&'a ReportResult>>,
{
    let mut all_clear = true;
    let mut any = false;
    for result in report_results {
        any = true;
        match result {
            Some(r) if r.needs_review() => return Some(CheckResult::Consider),
            Some(ReportResult::Clear) => {}
            _ => all_clear = false,
        }
    }
    (any && all_clear).then_some(CheckResult::Clear)
}

impl Check {
    /// The result derived from the expanded reports (see [`check_result`]); `None` with report ids only.
    pub fn derived_result(&self) -> Option<CheckResult> {
        if self.reports.iter().any(|r| r.report().is_none()) {
            return None;
        }
        check_result(self.expanded_reports().map(|r| r.result.as_ref()))
    }
}

/// A breakdown that needs a reviewer: its path, result, properties and what it means.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The dotted breakdown path (`image_integrity.image_quality`).
    pub path: String,
    /// Consider or unidentified.
    pub result: ReportResult,
    /// The breakdown's properties (`null` when it has none).
    pub properties: Value,
    /// What the breakdown asserts, for breakdowns the reference describes.
    pub description: Option<&'static str>,
}

impl Report {
    /// The breakdowns whose result is consider or unidentified, deepest first in name order.
    ///
    /// A node is listed when it is flagged and none of its sub-breakdowns is (they explain it);
    /// a flagged report with no flagged breakdown yields nothing (see `result`).
    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        collect(&self.breakdown, "", &mut out);
        out
    }
}

fn collect(breakdown: &Breakdown, prefix: &str, out: &mut Vec<Finding>) {
    for (name, item) in breakdown {
        let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
        let before = out.len();
        collect(&item.breakdown, &path, out);
        let flagged = item.result.as_ref().filter(|r| r.needs_review());
        if let (Some(result), true) = (flagged, out.len() == before) {
            let parent = path.rsplit_once('.').map(|(parent, _)| parent);
            out.push(Finding {
                description: describe(&path).or_else(|| parent.and_then(describe)),
                result: result.clone(),
                properties: match &item.properties {
                    Value::Object(m) if m.is_empty() => Value::Null,
                    other => other.clone(),
                },
                path,
            });
        }
    }
}

/// What a breakdown asserts, in the reference's words.
pub fn describe(path: &str) -> Option<&'static str> {
    Some(match path {
        "visual_authenticity" => "Visual, non-textual elements of the document or the person are not as expected",
        "image_integrity" => "The quality of the upload was not sufficient to verify it",
        "data_validation" => "Algorithmically validatable elements (MRZ, document numbers) are not correct",
        "data_consistency" => "Data in several places on the document is not consistent",
        "data_comparison" => "Data on the document does not match the applicant's data",
        "police_record" => "The document was identified as lost, stolen or otherwise compromised",
        "compromised_document" => "The image is in Onfido's database of compromised documents",
        "age_validation" => "The age from the document's date of birth is under the account's minimum",
        "visual_authenticity.fonts" => "Fonts in the document don't match the expected ones",
        "visual_authenticity.security_features" => "Security features expected on the document are missing or wrong",
        "visual_authenticity.picture_face_integrity" => {
            "The pictures of the person show signs of tampering or alteration"
        }
        "visual_authenticity.digital_tampering" => "There are signs of digital tampering in the image",
        "visual_authenticity.original_document_present" => "The document is not the original (e.g. a photo of a photo)",
        "visual_authenticity.template" => "The document doesn't match the template for its type and country",
        "visual_authenticity.spoofing_detection" => "The live video may be a spoof (e.g. a video of a screen)",
        "visual_authenticity.liveness_detected" => "The numbers and head movements were not correctly performed",
        "image_integrity.conclusive_document_quality" => "The document's quality does not allow a fraud inspection",
        "image_integrity.image_quality" => "The image quality is too low (blurred, dark, cropped, obscured)",
        "image_integrity.supported_document" => "The document is not supported",
        "image_integrity.colour_picture" => "The image is not in colour",
        "face_comparison" => "The face does not match the face on the document",
        "mortality" => "The applicant may be deceased",
        "address" => "The address could not be matched",
        "date_of_birth" => "The date of birth could not be matched",
        "ssn" => "The social security number could not be matched",
        "sanction" => "The applicant matches a sanctions list",
        "politically_exposed_person" => "The applicant matches a politically exposed persons list",
        "legal_and_regulatory_warnings" => "The applicant matches a legal or regulatory warnings list",
        "adverse_media" => "The applicant appears in adverse media",
        "slv_address" => "The street level code was not confirmed",
        "document_classification" => "The document is not a valid proof of address",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(values: &[Option<&str>]) -> Option<CheckResult> {
        let parsed: Vec<Option<ReportResult>> = values.iter().map(|v| v.map(ReportResult::from)).collect();
        check_result(parsed.iter().map(Option::as_ref))
    }

    #[test]
    fn derived_results() {
        assert_eq!(results(&[]), None);
        assert_eq!(results(&[Some("clear"), Some("clear")]), Some(CheckResult::Clear));
        assert_eq!(results(&[Some("clear"), None]), None);
        assert_eq!(results(&[None, Some("unidentified")]), Some(CheckResult::Consider));
        assert_eq!(results(&[Some("consider"), Some("clear")]), Some(CheckResult::Consider));
    }

    #[test]
    fn findings_are_the_deepest_flagged_nodes() {
        let report: Report = serde_json::from_value(serde_json::json!({
            "id": "r", "result": "consider",
            "breakdown": {
                "image_integrity": {"result": "consider", "breakdown": {
                    "image_quality": {"result": "consider", "properties": {"reason": "blur"}},
                    "supported_document": {"result": "clear"}}},
                "data_comparison": {"result": "consider"},
                "police_record": {"result": "clear"}
            }
        }))
        .unwrap();
        let paths: Vec<_> = report.findings().into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["data_comparison", "image_integrity.image_quality"]);
    }
}
