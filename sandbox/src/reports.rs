//! Sandbox reports: pre-determined results and breakdowns shaped like the reference's examples.

use serde_json::{json, Value};

use super::store::{text, Object};
use onfido_core::models::ReportName;

/// The result the real sandbox gives a report, from the applicant's last name and `consider`.
///
/// With a `consider` list, the reports it names are consider (an identity report of
/// "Unidentified" is unidentified) and the rest clear. Without one, the last name decides:
/// "Consider" makes every report consider; "Unidentified" makes a standard identity report unidentified.
pub(crate) fn predetermined(
    name: &ReportName,
    variant: Option<&str>,
    last_name: &str,
    consider: Option<&[ReportName]>,
) -> &'static str {
    let unidentified = last_name.eq_ignore_ascii_case("unidentified");
    let identity_standard = *name == ReportName::Identity && variant.unwrap_or("standard") == "standard";
    match consider {
        Some(list) if list.contains(name) => {
            if unidentified && *name == ReportName::Identity {
                "unidentified"
            } else {
                "consider"
            }
        }
        Some(_) => "clear",
        None if last_name.eq_ignore_ascii_case("consider") => "consider",
        None if unidentified && identity_standard => "unidentified",
        None => "clear",
    }
}

/// A breakdown node: a result, and optional properties and sub-breakdowns.
fn node(result: &str) -> Value {
    json!({ "result": result })
}

fn leaf(result: &str) -> Value {
    json!({ "result": result, "properties": {} })
}

/// A breakdown tree whose listed paths take `result` and everything else is clear.
fn tree(shape: &[(&str, &[&str])], flagged: &[&str], result: &str) -> Value {
    let pick = |path: &str| if flagged.contains(&path) { result } else { "clear" };
    let nodes = shape.iter().map(|(name, children)| {
        let item = if children.is_empty() {
            node(pick(name))
        } else {
            let path = |child: &str| format!("{name}.{child}");
            let subs: serde_json::Map<String, Value> =
                children.iter().map(|c| ((*c).to_owned(), leaf(pick(&path(c))))).collect();
            let any = children.iter().any(|c| pick(&path(c)) != "clear");
            json!({ "result": if any { result } else { "clear" }, "breakdown": subs })
        };
        ((*name).to_owned(), item)
    });
    Value::Object(nodes.collect())
}

const DOCUMENT: &[(&str, &[&str])] = &[
    (
        "visual_authenticity",
        &[
            "face_detection",
            "original_document_present",
            "security_features",
            "template",
            "fonts",
            "digital_tampering",
            "picture_face_integrity",
        ],
    ),
    ("image_integrity", &["supported_document", "image_quality", "colour_picture", "conclusive_document_quality"]),
    ("data_validation", &["gender", "expiry_date", "date_of_birth", "document_numbers", "mrz"]),
    (
        "data_consistency",
        &[
            "date_of_expiry",
            "document_type",
            "gender",
            "date_of_birth",
            "nationality",
            "issuing_country",
            "document_numbers",
            "last_name",
            "first_name",
        ],
    ),
    ("data_comparison", &["date_of_birth", "last_name", "first_name", "gender", "issuing_country", "document_type"]),
    ("police_record", &[]),
    ("compromised_document", &[]),
    ("age_validation", &["minimum_accepted_age"]),
];
const FACIAL_PHOTO: &[(&str, &[&str])] =
    &[("face_comparison", &[]), ("image_integrity", &[]), ("visual_authenticity", &[])];
const FACIAL_VIDEO: &[(&str, &[&str])] = &[
    ("face_comparison", &[]),
    ("image_integrity", &[]),
    ("visual_authenticity", &["spoofing_detection", "liveness_detected"]),
];
const IDENTITY: &[(&str, &[&str])] = &[
    ("mortality", &[]),
    ("address", &["credit_agencies", "telephone_database", "voting_register"]),
    ("date_of_birth", &["credit_agencies", "voting_register"]),
];
const WATCHLIST_KYC: &[(&str, &[&str])] =
    &[("adverse_media", &[]), ("politically_exposed_person", &[]), ("sanction", &[])];
const WATCHLIST_FULL: &[(&str, &[&str])] =
    &[("legal_and_regulatory_warnings", &[]), ("politically_exposed_person", &[]), ("sanction", &[])];
const STREET_LEVEL: &[(&str, &[&str])] = &[("slv_address", &[])];
const PROOF_OF_ADDRESS: &[(&str, &[&str])] =
    &[("image_integrity", &[]), ("document_classification", &[]), ("data_comparison", &[])];

/// The breakdown, properties and sub-result of a completed sandbox report.
pub(crate) fn completed(
    name: &ReportName,
    variant: Option<&str>,
    result: &str,
    applicant: &Object,
) -> (Value, Value, Value) {
    let first = text(applicant, "first_name").unwrap_or_default().to_uppercase();
    let last = text(applicant, "last_name").unwrap_or_default().to_uppercase();
    let flagged = result != "clear";
    let (shape, flags): (&[(&str, &[&str])], &[&str]) = match (name, variant) {
        (ReportName::Document, _) => (DOCUMENT, &["data_comparison.last_name", "data_comparison.first_name"]),
        (ReportName::FacialSimilarity, Some("video")) => (FACIAL_VIDEO, &["face_comparison"]),
        (ReportName::FacialSimilarity, _) => (FACIAL_PHOTO, &["face_comparison"]),
        (ReportName::Identity, _) => (IDENTITY, &["address.credit_agencies", "date_of_birth.credit_agencies"]),
        (ReportName::Watchlist, Some("full")) => (WATCHLIST_FULL, &["politically_exposed_person"]),
        (ReportName::Watchlist, _) => (WATCHLIST_KYC, &["politically_exposed_person"]),
        (ReportName::StreetLevel, _) => (STREET_LEVEL, &["slv_address"]),
        (ReportName::ProofOfAddress, _) => (PROOF_OF_ADDRESS, &["data_comparison"]),
        _ => (&[], &[]),
    };
    let breakdown = tree(shape, if flagged { flags } else { &[] }, result);
    let properties = match name {
        ReportName::Document => json!({
            "document_type": "passport", "issuing_country": "GBR", "first_name": first, "last_name": last,
            "document_numbers": [{"type": "document_number", "value": "999999999"}],
            "date_of_birth": text(applicant, "dob"), "date_of_expiry": "2031-01-01", "nationality": "GBR",
        }),
        ReportName::FacialSimilarity if variant != Some("video") => {
            json!({ "score": if flagged { 0.31 } else { 0.92 } })
        }
        ReportName::Watchlist if flagged => json!({ "records": [{
            "name": format!("{} {}", text(applicant, "first_name").unwrap_or_default(), text(applicant, "last_name").unwrap_or_default()),
            "entity_type": "person", "types": "pep", "sources": "Sandbox PEPs list", "match_types": "name_exact"
        }]}),
        ReportName::Watchlist => json!({ "records": [] }),
        _ => json!({}),
    };
    let sub_result = match (name, result) {
        (ReportName::Document, "clear") => json!("clear"),
        (ReportName::Document, _) => json!("caution"),
        _ => Value::Null,
    };
    (breakdown, properties, sub_result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_rules() {
        let identity = ReportName::Identity;
        assert_eq!(predetermined(&identity, None, "Unidentified", None), "unidentified");
        assert_eq!(predetermined(&identity, Some("kyc"), "Unidentified", None), "clear");
        assert_eq!(predetermined(&ReportName::Document, None, "Consider", None), "consider");
        let consider = [ReportName::Identity];
        assert_eq!(predetermined(&identity, None, "Unidentified", Some(&consider)), "unidentified");
        assert_eq!(predetermined(&ReportName::Watchlist, None, "Unidentified", Some(&consider)), "clear");
        assert_eq!(predetermined(&identity, None, "Doe", Some(&consider)), "consider");
    }

    #[test]
    fn flagged_breakdowns() {
        let applicant = Object::new();
        let (breakdown, _, sub) = completed(&ReportName::Document, None, "consider", &applicant);
        assert_eq!(breakdown["data_comparison"]["result"], "consider");
        assert_eq!(breakdown["data_comparison"]["breakdown"]["last_name"]["result"], "consider");
        assert_eq!(breakdown["image_integrity"]["result"], "clear");
        assert_eq!(sub, "caution");
        let (breakdown, _, _) = completed(&ReportName::FacialSimilarity, None, "consider", &applicant);
        assert_eq!(breakdown["face_comparison"]["result"], "consider");
    }
}
