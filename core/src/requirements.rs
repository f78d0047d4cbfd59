//! Which applicant data each report needs, checked before the server answers
//! `failed_check_requirements` or `missing_id_numbers`.

use serde::Serialize;

use crate::error::ApiErrorType;
use crate::models::{Address, Applicant, CheckType, IdNumberType, ReportName};
use crate::operations::checks::CreateCheck;

/// One piece of applicant data a check needs but the applicant lacks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// The report that needs it.
    pub report: ReportName,
    /// The applicant field (`dob`, `addresses[0].postcode`, `id_numbers`).
    pub field: String,
    /// The error the server would answer with.
    pub error_type: ApiErrorType,
    /// Why it is needed.
    pub reason: String,
}

/// The applicant data the check's reports need and the applicant lacks, report by report.
///
/// Express checks need the data now; standard checks collect it through the applicant form, so
/// they need only what the form needs to reach the applicant (an email, unless the form is not
/// emailed). Report type groups are not expanded (their contents live on the server).
pub fn missing_applicant_data(check: &CreateCheck, applicant: &Applicant) -> Vec<Missing> {
    let mut out = Vec::new();
    let reports = check.reports.as_deref().unwrap_or_default();
    let us = applicant.country.as_deref() == Some("USA");
    if check.check_type == Some(CheckType::Standard) {
        if check.suppress_form_emails != Some(true) {
            if let Some(report) = reports.iter().find_map(|r| r.name.clone()) {
                need(&mut out, &report, "email", text(&applicant.email), "standard checks email the applicant form");
            }
        }
        return out;
    }
    let address = current_address(applicant);
    let address_field = |name: &str| format!("addresses[{}].{name}", address.map_or(0, |(i, _)| i));
    let address_part = |field: &str| {
        address.and_then(|(_, a)| {
            text(match field {
                "street" => &a.street,
                "town" => &a.town,
                "postcode" => &a.postcode,
                "state" => &a.state,
                _ => &a.country,
            })
        })
    };
    let need_address = |out: &mut Vec<Missing>, name: &ReportName, fields: &[&str], reason: &str| {
        for field in fields {
            need(out, name, &address_field(field), address_part(field), reason);
        }
    };
    for report in reports {
        let Some(name) = report.name.clone() else { continue };
        need(&mut out, &name, "first_name", text(&applicant.first_name), "every report needs the applicant's name");
        need(&mut out, &name, "last_name", text(&applicant.last_name), "every report needs the applicant's name");
        match name {
            ReportName::Identity => {
                need(&mut out, &name, "dob", text(&applicant.dob), "identity reports match the date of birth");
                need_address(
                    &mut out,
                    &name,
                    &["street", "postcode", "country"],
                    "identity reports match the current address",
                );
                if us {
                    need_address(&mut out, &name, &["state"], "US identity reports need the state");
                    need(&mut out, &name, "email", text(&applicant.email), "US checks need an email");
                    let has_ssn = applicant.id_numbers.iter().any(|id| id.id_type == IdNumberType::Ssn);
                    if !has_ssn {
                        out.push(Missing {
                            report: name.clone(),
                            field: "id_numbers".into(),
                            error_type: ApiErrorType::MissingIdNumbers,
                            reason: "US identity reports need an SSN (full or its last four digits)".into(),
                        });
                    }
                }
                let jurisdiction = applicant.country.as_deref().unwrap_or("GBR");
                if let Some(country) = address_part("country").filter(|c| *c != jurisdiction) {
                    out.push(Missing {
                        report: name.clone(),
                        field: "country".into(),
                        error_type: ApiErrorType::FailedCheckRequirements,
                        reason: format!(
                            "the country of jurisdiction ({jurisdiction}) must be the address country ({country})"
                        ),
                    });
                }
            }
            ReportName::StreetLevel => {
                let reason = "street level letters go to the current address";
                need_address(&mut out, &name, &["street", "postcode", "country"], reason);
            }
            ReportName::ProofOfAddress => {
                let reason = "proof of address is compared with the current address";
                need_address(&mut out, &name, &["street", "town", "postcode", "country"], reason);
            }
            ReportName::RightToWork => {
                for (field, value) in [
                    ("gender", text(&applicant.gender)),
                    ("dob", text(&applicant.dob)),
                    ("nationality", text(&applicant.nationality)),
                    ("email", text(&applicant.email)),
                ] {
                    need(&mut out, &name, field, value, "right to work reports need it");
                }
            }
            _ => {}
        }
        if us && name != ReportName::Identity {
            need(&mut out, &name, "email", text(&applicant.email), "US checks need an email");
        }
    }
    out.dedup_by(|a, b| a.field == b.field && a.report == b.report);
    out
}

/// The current address: the first without an end date, else the first.
fn current_address(applicant: &Applicant) -> Option<(usize, &Address)> {
    let addresses = &applicant.addresses;
    addresses.iter().enumerate().find(|(_, a)| a.end_date.is_none()).or_else(|| addresses.iter().enumerate().next())
}

fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.trim().is_empty())
}

fn need(out: &mut Vec<Missing>, report: &ReportName, field: &str, value: Option<&str>, reason: &str) {
    let already = out.iter().any(|m| m.field == field && &m.report == report);
    if value.is_none() && !already {
        out.push(Missing {
            report: report.clone(),
            field: field.to_owned(),
            error_type: ApiErrorType::FailedCheckRequirements,
            reason: reason.to_owned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::checks::ReportRequest;

    fn applicant(json: serde_json::Value) -> Applicant {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn identity_needs_dob_and_address() {
        let check = CreateCheck::new("a", CheckType::Express, vec![ReportRequest::new(ReportName::Identity)]);
        let jane = applicant(serde_json::json!({"id": "a", "first_name": "Jane", "last_name": "Doe"}));
        let fields: Vec<_> = missing_applicant_data(&check, &jane).into_iter().map(|m| m.field).collect();
        assert_eq!(fields, ["dob", "addresses[0].street", "addresses[0].postcode", "addresses[0].country"]);
    }

    #[test]
    fn us_identity_needs_ssn_state_and_email() {
        let check = CreateCheck::new("a", CheckType::Express, vec![ReportRequest::new(ReportName::Identity)]);
        let joe =
            applicant(serde_json::json!({"id": "a", "first_name": "Joe", "last_name": "Doe", "dob": "1990-01-01",
            "country": "USA", "addresses": [{"street": "Main", "postcode": "94611", "country": "USA"}]}));
        let missing = missing_applicant_data(&check, &joe);
        let fields: Vec<_> = missing.iter().map(|m| m.field.as_str()).collect();
        assert_eq!(fields, ["addresses[0].state", "email", "id_numbers"]);
        assert_eq!(missing[2].error_type, ApiErrorType::MissingIdNumbers);
    }

    #[test]
    fn standard_checks_need_only_an_email() {
        let check = CreateCheck::new("a", CheckType::Standard, vec![ReportRequest::new(ReportName::Identity)]);
        let jane = applicant(serde_json::json!({"id": "a", "first_name": "Jane", "last_name": "Doe"}));
        let fields: Vec<_> = missing_applicant_data(&check, &jane).into_iter().map(|m| m.field).collect();
        assert_eq!(fields, ["email"]);
    }
}
