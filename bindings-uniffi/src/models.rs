//! The API's resources as records (Kotlin data classes, Swift structs), converted at the edge
//! from the core's models. Fields the core does not name travel as a JSON object in `extra_json`;
//! free-form trees (breakdowns, properties, options) as JSON text next to typed helpers.

use std::fmt;

use onfido_core::models as m;
use onfido_core::pagination::{Page, PageLink};
use onfido_core::Timestamp;
use serde_json::Value;

use crate::enums::*;

/// JSON text of the fields a model does not name (`None` when there are none).
pub(crate) fn extra_json(extra: &m::Extra) -> Option<String> {
    (!extra.is_empty()).then(|| Value::Object(extra.clone()).to_string())
}

/// The fields of `extra_json` (an object), for inputs.
pub(crate) fn extra_in(field: &str, json: Option<&str>) -> Result<m::Extra, crate::error::OnfidoError> {
    match json.map(serde_json::from_str::<Value>) {
        None => Ok(m::Extra::new()),
        Some(Ok(Value::Object(map))) => Ok(map),
        Some(_) => Err(crate::error::OnfidoError::validation(field, "must be a JSON object")),
    }
}

fn ts(t: &Option<Timestamp>) -> Option<String> {
    t.as_ref().map(|t| t.as_str().to_owned())
}

fn json_text(value: &Value) -> Option<String> {
    (!value.is_null()).then(|| value.to_string())
}

/// A postal address (also an input of applicants).
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct Address {
    /// Flat number.
    #[uniffi(default)]
    pub flat_number: Option<String>,
    /// Building number.
    #[uniffi(default)]
    pub building_number: Option<String>,
    /// Building name.
    #[uniffi(default)]
    pub building_name: Option<String>,
    /// Street.
    #[uniffi(default)]
    pub street: Option<String>,
    /// Sub-street.
    #[uniffi(default)]
    pub sub_street: Option<String>,
    /// Town.
    #[uniffi(default)]
    pub town: Option<String>,
    /// State (USA: two-letter USPS code).
    #[uniffi(default)]
    pub state: Option<String>,
    /// Postcode.
    #[uniffi(default)]
    pub postcode: Option<String>,
    /// Country (ISO alpha-3).
    #[uniffi(default)]
    pub country: Option<String>,
    /// Lived here from, `yyyy-mm-dd`.
    #[uniffi(default)]
    pub start_date: Option<String>,
    /// Lived here until, `yyyy-mm-dd`.
    #[uniffi(default)]
    pub end_date: Option<String>,
    /// Other fields, as a JSON object.
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

impl From<&m::Address> for Address {
    fn from(a: &m::Address) -> Self {
        Address {
            flat_number: a.flat_number.clone(),
            building_number: a.building_number.clone(),
            building_name: a.building_name.clone(),
            street: a.street.clone(),
            sub_street: a.sub_street.clone(),
            town: a.town.clone(),
            state: a.state.clone(),
            postcode: a.postcode.clone(),
            country: a.country.clone(),
            start_date: a.start_date.clone(),
            end_date: a.end_date.clone(),
            extra_json: extra_json(&a.extra),
        }
    }
}

impl Address {
    pub(crate) fn to_core(&self, field: &str) -> Result<m::Address, crate::error::OnfidoError> {
        Ok(m::Address {
            flat_number: self.flat_number.clone(),
            building_number: self.building_number.clone(),
            building_name: self.building_name.clone(),
            street: self.street.clone(),
            sub_street: self.sub_street.clone(),
            town: self.town.clone(),
            state: self.state.clone(),
            postcode: self.postcode.clone(),
            country: self.country.clone(),
            start_date: self.start_date.clone(),
            end_date: self.end_date.clone(),
            extra: extra_in(field, self.extra_json.as_deref())?,
        })
    }
}

/// An identification number (also an input of applicants).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct IdNumber {
    /// Its type.
    pub id_type: IdNumberType,
    /// Its value (an SSN as `xxx-xx-xxxx` or its last four digits).
    #[uniffi(default)]
    pub value: Option<String>,
    /// Issuing state (state-issued driving licences).
    #[uniffi(default)]
    pub state_code: Option<String>,
}

impl From<&m::IdNumber> for IdNumber {
    fn from(n: &m::IdNumber) -> Self {
        IdNumber { id_type: (&n.id_type).into(), value: n.value.clone(), state_code: n.state_code.clone() }
    }
}

impl From<&IdNumber> for m::IdNumber {
    fn from(n: &IdNumber) -> Self {
        let mut out = m::IdNumber::new((&n.id_type).into(), String::new());
        out.value = n.value.clone();
        out.state_code = n.state_code.clone();
        out
    }
}

/// An applicant: the individual a check is performed on.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Applicant {
    /// Unique identifier.
    pub id: String,
    /// When it was created (as sent).
    pub created_at: Option<String>,
    /// When it is scheduled for deletion, if it is.
    pub delete_at: Option<String>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// Mr, Mrs, Miss or Ms.
    pub title: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Middle name(s).
    pub middle_name: Option<String>,
    /// Surname.
    pub last_name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Gender.
    pub gender: Option<String>,
    /// Date of birth, `yyyy-mm-dd`.
    pub dob: Option<String>,
    /// Landline number.
    pub telephone: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// Country of jurisdiction (ISO alpha-3).
    pub country: Option<String>,
    /// Mother's maiden name.
    pub mothers_maiden_name: Option<String>,
    /// Previous surname.
    pub previous_last_name: Option<String>,
    /// Nationality (ISO alpha-3).
    pub nationality: Option<String>,
    /// Country of birth (ISO alpha-3).
    pub country_of_birth: Option<String>,
    /// Town of birth.
    pub town_of_birth: Option<String>,
    /// Identification numbers.
    pub id_numbers: Vec<IdNumber>,
    /// Address history.
    pub addresses: Vec<Address>,
    /// Whether it lives in the sandbox.
    pub sandbox: Option<bool>,
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl From<&m::Applicant> for Applicant {
    fn from(a: &m::Applicant) -> Self {
        Applicant {
            id: a.id.clone(),
            created_at: ts(&a.created_at),
            delete_at: ts(&a.delete_at),
            href: a.href.clone(),
            title: a.title.clone(),
            first_name: a.first_name.clone(),
            middle_name: a.middle_name.clone(),
            last_name: a.last_name.clone(),
            email: a.email.clone(),
            gender: a.gender.clone(),
            dob: a.dob.clone(),
            telephone: a.telephone.clone(),
            mobile: a.mobile.clone(),
            country: a.country.clone(),
            mothers_maiden_name: a.mothers_maiden_name.clone(),
            previous_last_name: a.previous_last_name.clone(),
            nationality: a.nationality.clone(),
            country_of_birth: a.country_of_birth.clone(),
            town_of_birth: a.town_of_birth.clone(),
            id_numbers: a.id_numbers.iter().map(Into::into).collect(),
            addresses: a.addresses.iter().map(Into::into).collect(),
            sandbox: a.sandbox,
            extra_json: extra_json(&a.extra),
        }
    }
}

/// An uploaded identity or supporting document.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Document {
    /// Unique identifier.
    pub id: String,
    /// When it was uploaded.
    pub created_at: Option<String>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The URI to download it from.
    pub download_href: Option<String>,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    /// `png`, `jpg` or `pdf`.
    pub file_type: Option<String>,
    /// The file's size in bytes.
    pub file_size: Option<u64>,
    /// The document's type.
    pub document_type: Option<DocumentType>,
    /// Front or back.
    pub side: Option<DocumentSide>,
    /// Issuing country (ISO alpha-3).
    pub issuing_country: Option<String>,
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl From<&m::Document> for Document {
    fn from(d: &m::Document) -> Self {
        Document {
            id: d.id.clone(),
            created_at: ts(&d.created_at),
            href: d.href.clone(),
            download_href: d.download_href.clone(),
            file_name: d.file_name.clone(),
            file_type: d.file_type.clone(),
            file_size: d.file_size,
            document_type: d.document_type.as_ref().map(Into::into),
            side: d.side.as_ref().map(Into::into),
            issuing_country: d.issuing_country.clone(),
            extra_json: extra_json(&d.extra),
        }
    }
}

/// A live photo (selfie).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct LivePhoto {
    /// Unique identifier.
    pub id: String,
    /// When it was uploaded.
    pub created_at: Option<String>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The URI to download it from.
    pub download_href: Option<String>,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    /// `png` or `jpg`.
    pub file_type: Option<String>,
    /// The file's size in bytes.
    pub file_size: Option<u64>,
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl From<&m::LivePhoto> for LivePhoto {
    fn from(p: &m::LivePhoto) -> Self {
        LivePhoto {
            id: p.id.clone(),
            created_at: ts(&p.created_at),
            href: p.href.clone(),
            download_href: p.download_href.clone(),
            file_name: p.file_name.clone(),
            file_type: p.file_type.clone(),
            file_size: p.file_size,
            extra_json: extra_json(&p.extra),
        }
    }
}

/// A live video challenge: digits to recite or a movement to make.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Challenge {
    /// `recite` or `movement`.
    pub challenge_type: ChallengeType,
    /// The digits of a recite challenge.
    pub digits: Option<Vec<i64>>,
    /// The movement of a movement challenge (`turnLeft`, `turnRight`).
    pub movement: Option<String>,
    /// The query as sent, JSON.
    pub query_json: Option<String>,
}

/// A live video recorded by the mobile SDKs.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct LiveVideo {
    /// Unique identifier.
    pub id: String,
    /// When it was uploaded.
    pub created_at: Option<String>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The URI to download it from.
    pub download_href: Option<String>,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    /// The file's type.
    pub file_type: Option<String>,
    /// The file's size in bytes.
    pub file_size: Option<u64>,
    /// The challenges performed.
    pub challenge: Vec<Challenge>,
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl From<&m::LiveVideo> for LiveVideo {
    fn from(v: &m::LiveVideo) -> Self {
        LiveVideo {
            id: v.id.clone(),
            created_at: ts(&v.created_at),
            href: v.href.clone(),
            download_href: v.download_href.clone(),
            file_name: v.file_name.clone(),
            file_type: v.file_type.clone(),
            file_size: v.file_size,
            challenge: v
                .challenge
                .iter()
                .map(|c| Challenge {
                    challenge_type: (&c.challenge_type).into(),
                    digits: c.digits(),
                    movement: c.movement().map(str::to_owned),
                    query_json: json_text(&c.query),
                })
                .collect(),
            extra_json: extra_json(&v.extra),
        }
    }
}

/// A breakdown that needs a reviewer: its path, result, properties and what it means.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// The dotted breakdown path (`image_integrity.image_quality`).
    pub path: String,
    /// Consider or unidentified.
    pub result: ReportResult,
    /// The breakdown's properties, JSON (`None` when it has none).
    pub properties_json: Option<String>,
    /// What the breakdown asserts, for breakdowns the reference describes.
    pub description: Option<String>,
}

impl From<&onfido_core::results::Finding> for Finding {
    fn from(f: &onfido_core::results::Finding) -> Self {
        Finding {
            path: f.path.clone(),
            result: (&f.result).into(),
            properties_json: json_text(&f.properties),
            description: f.description.map(str::to_owned),
        }
    }
}

/// A report: one verification within a check.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Report {
    /// Unique identifier.
    pub id: String,
    /// The report type.
    pub name: Option<ReportName>,
    /// When it was initiated.
    pub created_at: Option<String>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// Where it is in its processing.
    pub status: Option<ReportStatus>,
    /// Its result, once known.
    pub result: Option<ReportResult>,
    /// A document report's detailed result.
    pub sub_result: Option<SubResult>,
    /// What the sub-result means, in the reference's words.
    pub sub_result_meaning: Option<String>,
    /// The variant (`standard`, `kyc`, `video`, `full`).
    pub variant: Option<String>,
    /// Whether it reached a state it will not leave.
    pub is_finished: bool,
    /// The breakdowns a reviewer must look at, deepest first.
    pub findings: Vec<Finding>,
    /// The breakdown tree, JSON object.
    pub breakdown_json: String,
    /// Report-level properties, JSON object.
    pub properties_json: String,
    /// Report options as sent, JSON.
    pub options_json: Option<String>,
    /// The documents processed, JSON array.
    pub documents_json: String,
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl From<&m::Report> for Report {
    fn from(r: &m::Report) -> Self {
        Report {
            id: r.id.clone(),
            name: r.name.as_ref().map(Into::into),
            created_at: ts(&r.created_at),
            href: r.href.clone(),
            status: r.status.as_ref().map(Into::into),
            result: r.result.as_ref().map(Into::into),
            sub_result: r.sub_result.as_ref().map(Into::into),
            sub_result_meaning: r.sub_result.as_ref().map(|s| s.meaning().to_owned()),
            variant: r.variant.clone(),
            is_finished: r.is_finished(),
            findings: r.findings().iter().map(Into::into).collect(),
            breakdown_json: serde_json::to_string(&r.breakdown).unwrap_or_else(|_| "{}".to_owned()),
            properties_json: Value::Object(r.properties.clone()).to_string(),
            options_json: json_text(&r.options),
            documents_json: Value::Array(r.documents.clone()).to_string(),
            extra_json: extra_json(&r.extra),
        }
    }
}

/// A check: a set of reports run on one applicant.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Check {
    /// Unique identifier.
    pub id: String,
    /// When it was initiated.
    pub created_at: Option<String>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// Standard or express.
    pub check_type: Option<CheckType>,
    /// Where it is in its processing.
    pub status: Option<CheckStatus>,
    /// The overall result.
    pub result: Option<CheckResult>,
    /// The result derived from the expanded reports (`None` with report ids only).
    pub derived_result: Option<CheckResult>,
    /// Whether it reached a state it will not leave by itself.
    pub is_finished: bool,
    /// Where a standard check's form redirects.
    pub redirect_uri: Option<String>,
    /// The results page on the dashboard.
    pub results_uri: Option<String>,
    /// A PDF of the results.
    pub download_uri: Option<String>,
    /// The applicant form of a standard check.
    pub form_uri: Option<String>,
    /// Every report's id, in order.
    pub report_ids: Vec<String>,
    /// The reports, when expanded (create answers, `expand=reports`).
    pub reports: Vec<Report>,
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
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl From<&m::Check> for Check {
    fn from(c: &m::Check) -> Self {
        Check {
            id: c.id.clone(),
            created_at: ts(&c.created_at),
            href: c.href.clone(),
            check_type: c.check_type.as_ref().map(Into::into),
            status: c.status.as_ref().map(Into::into),
            result: c.result.as_ref().map(Into::into),
            derived_result: c.derived_result().as_ref().map(Into::into),
            is_finished: c.is_finished(),
            redirect_uri: c.redirect_uri.clone(),
            results_uri: c.results_uri.clone(),
            download_uri: c.download_uri.clone(),
            form_uri: c.form_uri.clone(),
            report_ids: c.reports.iter().map(|r| r.id().to_owned()).collect(),
            reports: c.expanded_reports().map(Into::into).collect(),
            report_type_groups: c.report_type_groups.clone(),
            tags: c.tags.clone(),
            sandbox: c.sandbox,
            paused: c.paused,
            version: c.version.clone(),
            extra_json: extra_json(&c.extra),
        }
    }
}

/// A webhook. `toString`/`description` hide its token (the secret signatures are made with).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct Webhook {
    /// Unique identifier.
    pub id: String,
    /// Where notifications are posted.
    pub url: Option<String>,
    /// The secret that signs its notifications.
    pub token: Option<String>,
    /// Whether it is enabled.
    pub enabled: Option<bool>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The environments it listens to.
    pub environments: Vec<WebhookEnvironment>,
    /// The events it wants.
    pub events: Vec<WebhookEvent>,
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl fmt::Display for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let events: Vec<&str> = self.events.iter().map(WebhookEvent::as_str).collect();
        write!(
            f,
            "Webhook(id={}, url={:?}, token={}, enabled={:?}, events={events:?})",
            self.id,
            self.url,
            if self.token.is_some() { "***" } else { "null" },
            self.enabled
        )
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<&m::Webhook> for Webhook {
    fn from(w: &m::Webhook) -> Self {
        Webhook {
            id: w.id.clone(),
            url: w.url.clone(),
            token: w.token.clone(),
            enabled: w.enabled,
            href: w.href.clone(),
            environments: w.environments.iter().map(Into::into).collect(),
            events: w.events.iter().map(Into::into).collect(),
            extra_json: extra_json(&w.extra),
        }
    }
}

/// A report type within a group.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ReportType {
    /// Its id.
    pub id: Option<String>,
    /// Its name.
    pub name: Option<ReportName>,
}

/// A report type group (a preset set of reports).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ReportTypeGroup {
    /// Unique identifier.
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// Whether its reports can only be requested together.
    pub group_only: Option<bool>,
    /// Its report types.
    pub report_types: Vec<ReportType>,
    /// Other fields, as a JSON object.
    pub extra_json: Option<String>,
}

impl From<&m::ReportTypeGroup> for ReportTypeGroup {
    fn from(g: &m::ReportTypeGroup) -> Self {
        ReportTypeGroup {
            id: g.id.clone(),
            name: g.name.clone(),
            group_only: g.group_only,
            report_types: g
                .report_types
                .iter()
                .map(|t| ReportType { id: t.id.clone(), name: t.name.as_ref().map(Into::into) })
                .collect(),
            extra_json: extra_json(&g.extra),
        }
    }
}

/// A Web SDK token. `toString`/`description` hide it.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct SdkToken {
    /// The JWT to hand to the Web SDK.
    pub token: String,
    /// When it expires (Unix seconds), read from the JWT.
    pub expires_at: Option<i64>,
    /// When it was issued (Unix seconds).
    pub issued_at: Option<i64>,
}

impl fmt::Display for SdkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SdkToken(token=***, expiresAt={:?})", self.expires_at)
    }
}

impl fmt::Debug for SdkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<&m::SdkToken> for SdkToken {
    fn from(t: &m::SdkToken) -> Self {
        let claims = t.claims().ok();
        SdkToken {
            token: t.token.clone(),
            expires_at: claims.as_ref().and_then(|c| c.exp),
            issued_at: claims.as_ref().and_then(|c| c.iat),
        }
    }
}

/// What OCR Autofill read from a document.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct OcrResult {
    /// The document read.
    pub document_id: Option<String>,
    /// The document's country (ISO alpha-3), as classified.
    pub country: Option<String>,
    /// The document's type, as classified.
    pub document_type: Option<DocumentType>,
    /// Document number.
    pub document_number: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Gender.
    pub gender: Option<String>,
    /// Date of birth.
    pub date_of_birth: Option<String>,
    /// Date of expiry.
    pub date_of_expiry: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// MRZ lines 1 to 3, when read.
    pub mrz_lines: Vec<String>,
    /// The whole answer, JSON.
    pub raw_json: String,
}

impl From<&m::OcrResult> for OcrResult {
    fn from(o: &m::OcrResult) -> Self {
        let fields = o.extracted_data.as_ref().and_then(|d| d.ocr_results.as_ref());
        let text = |f: fn(&m::OcrResults) -> &Option<String>| fields.and_then(|r| f(r).clone());
        OcrResult {
            document_id: o.document_id.clone(),
            country: o.doc_info.as_ref().and_then(|i| i.country.clone()),
            document_type: o.doc_info.as_ref().and_then(|i| i.document_type.as_ref()).map(Into::into),
            document_number: text(|r| &r.document_number),
            first_name: text(|r| &r.first_name),
            last_name: text(|r| &r.last_name),
            gender: text(|r| &r.gender),
            date_of_birth: text(|r| &r.date_of_birth),
            date_of_expiry: text(|r| &r.date_of_expiry),
            nationality: text(|r| &r.nationality),
            mrz_lines: fields
                .map_or_else(Vec::new, |r| (1..=3).filter_map(|n| r.mrz_line(n).map(str::to_owned)).collect()),
            raw_json: serde_json::to_string(o).unwrap_or_else(|_| "{}".to_owned()),
        }
    }
}

/// A Street Level code submission's answer.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct SlvResult {
    /// Whether the code was accepted.
    pub success: bool,
}

/// A downloaded file: the exact bytes, content type and file name.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct Download {
    /// The bytes.
    pub content: Vec<u8>,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// The file name from `Content-Disposition` (directories dropped).
    pub filename: Option<String>,
}

impl fmt::Display for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Download(filename={:?}, contentType={:?}, size={})",
            self.filename,
            self.content_type,
            self.content.len()
        )
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<onfido_core::Download> for Download {
    fn from(d: onfido_core::Download) -> Self {
        Download { content: d.content, content_type: d.content_type, filename: d.filename }
    }
}

/// Where a list page sits: the page numbers the `Link` header names and `X-Total-Count`.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct PageInfo {
    /// The next page, if any.
    pub next_page: Option<u32>,
    /// The previous page, if any.
    pub prev_page: Option<u32>,
    /// The first page.
    pub first_page: Option<u32>,
    /// The last page.
    pub last_page: Option<u32>,
    /// Items per page, as the links say.
    pub per_page: Option<u32>,
    /// How many items there are in all.
    pub total_count: Option<u64>,
}

impl From<&Page> for PageInfo {
    fn from(p: &Page) -> Self {
        let n = |l: &Option<PageLink>| l.as_ref().and_then(|l| l.page);
        let per_page = [&p.next, &p.prev, &p.first, &p.last].into_iter().flatten().find_map(|l| l.per_page);
        PageInfo {
            next_page: n(&p.next),
            prev_page: n(&p.prev),
            first_page: n(&p.first),
            last_page: n(&p.last),
            per_page,
            total_count: p.total_count,
        }
    }
}

/// One page of applicants.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ApplicantPage {
    /// The applicants on this page.
    pub items: Vec<Applicant>,
    /// Where the page sits.
    pub page: PageInfo,
}
