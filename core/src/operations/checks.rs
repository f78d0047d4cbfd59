//! Checks of an applicant: create, retrieve, list, resume.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed, NoContent};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::{Check, CheckType, Extra, ReportName};
use crate::validation::{self, Validate};

impl ListKey for Check {
    const LIST_KEY: &'static str = "checks";
}

/// A report requested in a new check.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportRequest {
    /// The report type (required).
    pub name: Option<ReportName>,
    /// The variant (`standard`, `kyc`, `video`, `full`).
    pub variant: Option<String>,
    /// Options to enable.
    pub options: Option<Vec<ReportOption>>,
    /// Which uploaded documents to use (document reports).
    pub documents: Option<Vec<ReportDocument>>,
    /// Fields this version does not name, sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ReportRequest {
    /// A report of this type.
    pub fn new(name: ReportName) -> Self {
        ReportRequest { name: Some(name), ..ReportRequest::default() }
    }

    /// The same report with a variant.
    pub fn variant(mut self, variant: impl Into<String>) -> Self {
        self.variant = Some(variant.into());
        self
    }
}

/// A report option (e.g. watchlist `peps`, `sanctions`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportOption {
    /// The option's name.
    pub name: Option<String>,
    /// Nested options (one level).
    pub options: Option<Vec<ReportOption>>,
    /// Fields this version does not name, sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An uploaded document a report should use.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportDocument {
    /// The document's id.
    pub id: Option<String>,
    /// Fields this version does not name, sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Creates a check: `POST applicants/{applicant_id}/checks`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateCheck {
    /// The applicant to check.
    #[serde(default, skip_serializing)]
    pub applicant_id: String,
    /// Standard or express (required).
    #[serde(rename = "type")]
    pub check_type: Option<CheckType>,
    /// Where a standard check's form redirects when submitted.
    pub redirect_uri: Option<String>,
    /// The reports to run.
    pub reports: Option<Vec<ReportRequest>>,
    /// Report type group ids to run.
    pub report_type_groups: Option<Vec<String>>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Standard checks: do not email the form.
    pub suppress_form_emails: Option<bool>,
    /// Queue the check and answer at once.
    #[serde(rename = "async")]
    pub is_async: Option<bool>,
    /// Alias of `async`; never both.
    pub asynchronous: Option<bool>,
    /// Standard checks: the applicant pays.
    pub charge_applicant_for_check: Option<bool>,
    /// Sandbox only: reports that should return consider.
    pub consider: Option<Vec<ReportName>>,
    /// Fields this version does not name, sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateCheck {
    /// A check of this type with these reports.
    pub fn new(applicant_id: impl Into<String>, check_type: CheckType, reports: Vec<ReportRequest>) -> Self {
        CreateCheck {
            applicant_id: applicant_id.into(),
            check_type: Some(check_type),
            reports: Some(reports),
            ..CreateCheck::default()
        }
    }
}

/// The options watchlist full reports take.
pub const WATCHLIST_OPTIONS: [&str; 2] = ["peps", "sanctions"];

impl Validate for CreateCheck {
    fn validate(&self, errors: &mut FieldErrors) {
        validation::path_id(errors, "applicant_id", &self.applicant_id);
        match &self.check_type {
            None => errors.add("type", "can't be blank"),
            Some(t) if !t.is_known() => {
                errors.add("type", format!("must be standard or express, not {:?}", t.as_str()))
            }
            Some(_) => {}
        }
        let reports = self.reports.as_deref().unwrap_or_default();
        let groups = self.report_type_groups.as_deref().unwrap_or_default();
        if reports.is_empty() && groups.is_empty() {
            errors.add("reports", "at least one report or report type group is required");
        }
        let standard = self.check_type == Some(CheckType::Standard);
        for (i, report) in reports.iter().enumerate() {
            validate_report(errors, &format!("reports[{i}]"), report, standard);
        }
        let has = |name: ReportName| reports.iter().any(|r| r.name.as_ref() == Some(&name));
        let photo_facial_similarity = reports.iter().any(|r| {
            r.name == Some(ReportName::FacialSimilarity) && r.variant.as_deref().unwrap_or("standard") == "standard"
        });
        if standard && photo_facial_similarity && !has(ReportName::Document) {
            errors.add("reports", "in standard checks a standard facial_similarity report needs a document report");
        }
        for (i, group) in groups.iter().enumerate() {
            validation::path_id(errors, &format!("report_type_groups[{i}]"), group);
        }
        if self.is_async.is_some() && self.asynchronous.is_some() {
            errors.add("async", "async and asynchronous cannot both be given");
            errors.add("asynchronous", "async and asynchronous cannot both be given");
        }
        for name in self.consider.iter().flatten().filter(|name| !has((*name).clone())) {
            errors.add("consider", format!("{} is not a report of this check", name.as_str()));
        }
        validation::http_url(errors, "redirect_uri", self.redirect_uri.as_deref());
    }
}

/// Records problems with one requested report: its name, variant, options and documents.
fn validate_report(errors: &mut FieldErrors, field: &str, report: &ReportRequest, standard_check: bool) {
    let Some(name) = report.name.as_ref().filter(|n| !n.as_str().trim().is_empty()) else {
        errors.add(format!("{field}.name"), "can't be blank");
        return;
    };
    let variant = report.variant.as_deref();
    if let (Some(variant), Some(allowed)) = (variant, name.variants()) {
        if !allowed.contains(&variant) {
            let expected = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
            errors.add(
                format!("{field}.variant"),
                format!("{} takes variant {expected}, not {variant:?}", name.as_str()),
            );
        }
    }
    if standard_check && !name.allowed_in_standard_check(variant) {
        let (at, what) = match variant {
            Some(v) if *name == ReportName::FacialSimilarity => ("variant", format!("{} {v}", name.as_str())),
            _ => ("name", name.as_str().to_owned()),
        };
        errors.add(format!("{field}.{at}"), format!("{what} cannot run in a standard check"));
    }
    let options = report.options.as_deref().unwrap_or_default();
    let watchlist_full = *name == ReportName::Watchlist && variant == Some("full");
    if !options.is_empty() && name.is_known() && !watchlist_full {
        errors.add(format!("{field}.options"), "only watchlist full reports take options");
    }
    for (j, option) in options.iter().enumerate() {
        let option_field = format!("{field}.options[{j}].name");
        if validation::required(errors, &option_field, option.name.as_deref()) && watchlist_full {
            validation::one_of(errors, &option_field, option.name.as_deref(), &WATCHLIST_OPTIONS);
        }
    }
    for (j, document) in report.documents.iter().flatten().enumerate() {
        validation::required(errors, &format!("{field}.documents[{j}].id"), document.id.as_deref());
    }
}

impl Operation for CreateCheck {
    const ID: OperationId = OperationId::CreateCheck;
    type Output = Check;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        self.check()?;
        RequestBuilder::new(config, Method::Post, &["applicants", &self.applicant_id, "checks"])?.json(self)
    }

    fn parse(response: HttpResponse) -> Result<Check, Error> {
        response::json(response)
    }
}

/// Retrieves a check: `GET applicants/{applicant_id}/checks/{check_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveCheck {
    /// The applicant it belongs to.
    #[serde(default)]
    pub applicant_id: String,
    /// The check.
    #[serde(default)]
    pub check_id: String,
}

impl RetrieveCheck {
    /// Retrieves this check.
    pub fn new(applicant_id: impl Into<String>, check_id: impl Into<String>) -> Self {
        RetrieveCheck { applicant_id: applicant_id.into(), check_id: check_id.into() }
    }
}

impl Operation for RetrieveCheck {
    const ID: OperationId = OperationId::RetrieveCheck;
    type Output = Check;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id), ("check_id", &self.check_id)])?;
        let path = ["applicants", &self.applicant_id, "checks", &self.check_id];
        Ok(RequestBuilder::new(config, Method::Get, &path)?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Check, Error> {
        response::json(response)
    }
}

/// Lists an applicant's checks: `GET applicants/{applicant_id}/checks`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListChecks {
    /// The applicant.
    #[serde(default)]
    pub applicant_id: String,
    /// `reports` to return report objects instead of ids.
    pub expand: Option<String>,
}

impl ListChecks {
    /// Lists this applicant's checks.
    pub fn new(applicant_id: impl Into<String>) -> Self {
        ListChecks { applicant_id: applicant_id.into(), expand: None }
    }

    /// The same listing with report objects instead of ids.
    pub fn expand_reports(mut self) -> Self {
        self.expand = Some("reports".to_owned());
        self
    }
}

impl Operation for ListChecks {
    const ID: OperationId = OperationId::ListChecks;
    type Output = Listed<Check>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::path_id(&mut errors, "applicant_id", &self.applicant_id);
        if self.expand.as_deref().is_some_and(|e| e != "reports") {
            errors.add("expand", "the only expansion is reports");
        }
        errors.into_result()?;
        Ok(RequestBuilder::new(config, Method::Get, &["applicants", &self.applicant_id, "checks"])?
            .query("expand", self.expand.as_deref())
            .empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<Check>, Error> {
        response::list(response)
    }
}

/// Resumes a paused check: `POST checks/{check_id}/resume`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResumeCheck {
    /// The check.
    #[serde(default)]
    pub check_id: String,
}

impl ResumeCheck {
    /// Resumes this check.
    pub fn new(check_id: impl Into<String>) -> Self {
        ResumeCheck { check_id: check_id.into() }
    }
}

impl Operation for ResumeCheck {
    const ID: OperationId = OperationId::ResumeCheck;
    type Output = NoContent;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("check_id", &self.check_id)])?;
        Ok(RequestBuilder::new(config, Method::Post, &["checks", &self.check_id, "resume"])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<NoContent, Error> {
        response::empty(response)
    }
}
