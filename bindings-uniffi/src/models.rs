//! The API's resources as records (Kotlin data classes, Swift structs), converted at the edge
//! from the core's models. Fields the core does not name travel as a JSON object in `extra_json`;
//! free-form trees (breakdowns, properties, options) as JSON text next to typed helpers.

use std::fmt;

use onfido_core::models as m;
use onfido_core::pagination::{Page, PageLink};
use onfido_core::Timestamp;
use serde_json::Value;

use crate::enums::*;

/// A record and its conversion from a core value, one line a field: `name: Type = expression`,
/// the expression reading the value through the name after `as` (and the `where` bindings).
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident from $src:ty as $s:ident $(where { $(let $var:ident = $init:expr;)* })? {
            $($(#[$fmeta:meta])* $field:ident: $fty:ty = $conv:expr,)*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $fty,)*
        }

        impl From<&$src> for $name {
            fn from($s: &$src) -> Self {
                $($(let $var = $init;)*)?
                $name { $($field: $conv,)* }
            }
        }
    };
}

/// An optional value as Kotlin prints it: the value, or `null`.
pub(crate) fn shown<T: fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "null".to_owned(), |v| v.to_string())
}

/// A size or count from the core's `u64`: `None` past `i64::MAX` (no file or list is that big).
fn size(n: Option<u64>) -> Option<i64> {
    n.and_then(|n| i64::try_from(n).ok())
}

/// How deep a breakdown tree is converted; deeper nodes are cut and marked `truncated`.
pub const MAX_BREAKDOWN_DEPTH: usize = 64;

/// One node of a report's breakdown tree.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct BreakdownNode {
    /// This node's result (`clear`, `consider`, `unidentified`, …), if any.
    pub result: Option<ReportResult>,
    /// This node's properties, JSON (an object, or a list for `document_numbers`; `None` when absent).
    pub properties_json: Option<String>,
    /// The sub-breakdowns, by name, in name order.
    pub children: Vec<NamedBreakdown>,
    /// Fields of this node the core does not name, as a JSON object.
    pub extra_json: Option<String>,
    /// `true` when this node sits at the depth limit (64 levels) and had sub-breakdowns, which were
    /// dropped: `children` is then empty though the report had more.
    pub truncated: bool,
}

/// A breakdown node and its name.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct NamedBreakdown {
    /// The breakdown's name (`image_integrity`, `image_quality`, …).
    pub name: String,
    /// The node.
    pub node: BreakdownNode,
}

/// The breakdown tree from `depth` (1 for a report's top level) down to [`MAX_BREAKDOWN_DEPTH`].
pub(crate) fn breakdown_tree(tree: &m::Breakdown, depth: usize) -> Vec<NamedBreakdown> {
    tree.iter()
        .map(|(name, item)| {
            let deeper = depth < MAX_BREAKDOWN_DEPTH;
            NamedBreakdown {
                name: name.clone(),
                node: BreakdownNode {
                    result: item.result.as_ref().map(Into::into),
                    properties_json: json_text(&item.properties),
                    children: if deeper { breakdown_tree(&item.breakdown, depth + 1) } else { Vec::new() },
                    extra_json: extra_json(&item.extra),
                    truncated: !deeper && !item.breakdown.is_empty(),
                },
            }
        })
        .collect()
}

/// JSON text of the fields a model does not name (`None` when there are none).
pub(crate) fn extra_json(extra: &m::Extra) -> Option<String> {
    (!extra.is_empty()).then(|| Value::Object(extra.clone()).to_string())
}

/// JSON text from the foreign side, as `field`: nested at most the core's limit
/// (`bounds::MAX_DEPTH`, a `Validation` error naming where otherwise), then parsed.
pub(crate) fn json_in(field: &str, json: &str) -> Result<Value, crate::error::OnfidoError> {
    onfido_core::bounds::check_json(json.as_bytes(), field)?;
    serde_json::from_str(json).map_err(|e| crate::error::OnfidoError::validation(field, &format!("is not JSON: {e}")))
}

/// The fields of `extra_json` (an object), for inputs.
pub(crate) fn extra_in(field: &str, json: Option<&str>) -> Result<m::Extra, crate::error::OnfidoError> {
    match json.map(|json| json_in(field, json)).transpose()? {
        None => Ok(m::Extra::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(crate::error::OnfidoError::validation(field, "must be a JSON object")),
    }
}

fn ts(t: &Option<Timestamp>) -> Option<String> {
    t.as_ref().map(|t| t.as_str().to_owned())
}

fn json_text(value: &Value) -> Option<String> {
    (!value.is_null()).then(|| value.to_string())
}

record! {
    /// A postal address (also an input of applicants).
    #[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
    pub struct Address from m::Address as a {
        /// Flat number.
        #[uniffi(default)]
        flat_number: Option<String> = a.flat_number.clone(),
        /// Building number.
        #[uniffi(default)]
        building_number: Option<String> = a.building_number.clone(),
        /// Building name.
        #[uniffi(default)]
        building_name: Option<String> = a.building_name.clone(),
        /// Street.
        #[uniffi(default)]
        street: Option<String> = a.street.clone(),
        /// Sub-street.
        #[uniffi(default)]
        sub_street: Option<String> = a.sub_street.clone(),
        /// Town.
        #[uniffi(default)]
        town: Option<String> = a.town.clone(),
        /// State (USA: two-letter USPS code).
        #[uniffi(default)]
        state: Option<String> = a.state.clone(),
        /// Postcode.
        #[uniffi(default)]
        postcode: Option<String> = a.postcode.clone(),
        /// Country (ISO alpha-3).
        #[uniffi(default)]
        country: Option<String> = a.country.clone(),
        /// Lived here from, `yyyy-mm-dd`.
        #[uniffi(default)]
        start_date: Option<String> = a.start_date.clone(),
        /// Lived here until, `yyyy-mm-dd`.
        #[uniffi(default)]
        end_date: Option<String> = a.end_date.clone(),
        /// Other fields, as a JSON object.
        #[uniffi(default)]
        extra_json: Option<String> = extra_json(&a.extra),
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

record! {
    /// An identification number (also an input of applicants).
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct IdNumber from m::IdNumber as n {
        /// Its type.
        id_type: IdNumberType = (&n.id_type).into(),
        /// Its value (an SSN as `xxx-xx-xxxx` or its last four digits).
        #[uniffi(default)]
        value: Option<String> = n.value.clone(),
        /// Issuing state (state-issued driving licences).
        #[uniffi(default)]
        state_code: Option<String> = n.state_code.clone(),
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

record! {
    /// An applicant: the individual a check is performed on.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct Applicant from m::Applicant as a {
        /// Unique identifier.
        id: String = a.id.clone(),
        /// When it was created (as sent).
        created_at: Option<String> = ts(&a.created_at),
        /// When it is scheduled for deletion, if it is.
        delete_at: Option<String> = ts(&a.delete_at),
        /// The URI of this resource.
        href: Option<String> = a.href.clone(),
        /// Mr, Mrs, Miss or Ms.
        title: Option<String> = a.title.clone(),
        /// First name.
        first_name: Option<String> = a.first_name.clone(),
        /// Middle name(s).
        middle_name: Option<String> = a.middle_name.clone(),
        /// Surname.
        last_name: Option<String> = a.last_name.clone(),
        /// Email.
        email: Option<String> = a.email.clone(),
        /// Gender.
        gender: Option<String> = a.gender.clone(),
        /// Date of birth, `yyyy-mm-dd`.
        dob: Option<String> = a.dob.clone(),
        /// Landline number.
        telephone: Option<String> = a.telephone.clone(),
        /// Mobile number.
        mobile: Option<String> = a.mobile.clone(),
        /// Country of jurisdiction (ISO alpha-3).
        country: Option<String> = a.country.clone(),
        /// Mother's maiden name.
        mothers_maiden_name: Option<String> = a.mothers_maiden_name.clone(),
        /// Previous surname.
        previous_last_name: Option<String> = a.previous_last_name.clone(),
        /// Nationality (ISO alpha-3).
        nationality: Option<String> = a.nationality.clone(),
        /// Country of birth (ISO alpha-3).
        country_of_birth: Option<String> = a.country_of_birth.clone(),
        /// Town of birth.
        town_of_birth: Option<String> = a.town_of_birth.clone(),
        /// Identification numbers.
        id_numbers: Vec<IdNumber> = a.id_numbers.iter().map(Into::into).collect(),
        /// Address history.
        addresses: Vec<Address> = a.addresses.iter().map(Into::into).collect(),
        /// Whether it lives in the sandbox.
        sandbox: Option<bool> = a.sandbox,
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&a.extra),
    }
}

record! {
    /// An uploaded identity or supporting document.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct Document from m::Document as d {
        /// Unique identifier.
        id: String = d.id.clone(),
        /// When it was uploaded.
        created_at: Option<String> = ts(&d.created_at),
        /// The URI of this resource.
        href: Option<String> = d.href.clone(),
        /// The URI to download it from.
        download_href: Option<String> = d.download_href.clone(),
        /// The uploaded file's name.
        file_name: Option<String> = d.file_name.clone(),
        /// `png`, `jpg` or `pdf`.
        file_type: Option<String> = d.file_type.clone(),
        /// The file's size in bytes.
        file_size: Option<i64> = size(d.file_size),
        /// The document's type.
        document_type: Option<DocumentType> = d.document_type.as_ref().map(Into::into),
        /// Front or back.
        side: Option<DocumentSide> = d.side.as_ref().map(Into::into),
        /// Issuing country (ISO alpha-3).
        issuing_country: Option<String> = d.issuing_country.clone(),
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&d.extra),
    }
}

record! {
    /// A live photo (selfie).
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct LivePhoto from m::LivePhoto as p {
        /// Unique identifier.
        id: String = p.id.clone(),
        /// When it was uploaded.
        created_at: Option<String> = ts(&p.created_at),
        /// The URI of this resource.
        href: Option<String> = p.href.clone(),
        /// The URI to download it from.
        download_href: Option<String> = p.download_href.clone(),
        /// The uploaded file's name.
        file_name: Option<String> = p.file_name.clone(),
        /// `png` or `jpg`.
        file_type: Option<String> = p.file_type.clone(),
        /// The file's size in bytes.
        file_size: Option<i64> = size(p.file_size),
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&p.extra),
    }
}

record! {
    /// A live video challenge: digits to recite or a movement to make.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct Challenge from m::Challenge as c {
        /// `recite` or `movement`.
        challenge_type: ChallengeType = (&c.challenge_type).into(),
        /// The digits of a recite challenge.
        digits: Option<Vec<i64>> = c.digits(),
        /// The movement of a movement challenge (`turnLeft`, `turnRight`).
        movement: Option<String> = c.movement().map(str::to_owned),
        /// The query as sent, JSON.
        query_json: Option<String> = json_text(&c.query),
    }
}

record! {
    /// A live video recorded by the mobile SDKs.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct LiveVideo from m::LiveVideo as v {
        /// Unique identifier.
        id: String = v.id.clone(),
        /// When it was uploaded.
        created_at: Option<String> = ts(&v.created_at),
        /// The URI of this resource.
        href: Option<String> = v.href.clone(),
        /// The URI to download it from.
        download_href: Option<String> = v.download_href.clone(),
        /// The uploaded file's name.
        file_name: Option<String> = v.file_name.clone(),
        /// The file's type.
        file_type: Option<String> = v.file_type.clone(),
        /// The file's size in bytes.
        file_size: Option<i64> = size(v.file_size),
        /// The challenges performed.
        challenge: Vec<Challenge> = v.challenge.iter().map(Into::into).collect(),
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&v.extra),
    }
}

record! {
    /// A breakdown that needs a reviewer: its path, result, properties and what it means.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct Finding from onfido_core::results::Finding as f {
        /// The dotted breakdown path (`image_integrity.image_quality`).
        path: String = f.path.clone(),
        /// Consider or unidentified.
        result: ReportResult = (&f.result).into(),
        /// The breakdown's properties, JSON (`None` when it has none).
        properties_json: Option<String> = json_text(&f.properties),
        /// What the breakdown asserts, for breakdowns the reference describes.
        description: Option<String> = f.description.map(str::to_owned),
    }
}

record! {
    /// A report: one verification within a check.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct Report from m::Report as r {
        /// Unique identifier.
        id: String = r.id.clone(),
        /// The report type.
        name: Option<ReportName> = r.name.as_ref().map(Into::into),
        /// When it was initiated.
        created_at: Option<String> = ts(&r.created_at),
        /// The URI of this resource.
        href: Option<String> = r.href.clone(),
        /// Where it is in its processing.
        status: Option<ReportStatus> = r.status.as_ref().map(Into::into),
        /// Its result, once known.
        result: Option<ReportResult> = r.result.as_ref().map(Into::into),
        /// A document report's detailed result.
        sub_result: Option<SubResult> = r.sub_result.as_ref().map(Into::into),
        /// What the sub-result means, in the reference's words.
        sub_result_meaning: Option<String> = r.sub_result.as_ref().map(|s| s.meaning().to_owned()),
        /// The variant (`standard`, `kyc`, `video`, `full`).
        variant: Option<String> = r.variant.clone(),
        /// Whether it reached a state it will not leave.
        is_finished: bool = r.is_finished(),
        /// The breakdowns a reviewer must look at, deepest first.
        findings: Vec<Finding> = r.findings().iter().map(Into::into).collect(),
        /// The breakdown tree, by breakdown name (cut below 64 levels, see `BreakdownNode.truncated`).
        breakdown: Vec<NamedBreakdown> = breakdown_tree(&r.breakdown, 1),
        /// Report-level properties, JSON object.
        properties_json: String = Value::Object(r.properties.clone()).to_string(),
        /// Report options as sent, JSON.
        options_json: Option<String> = json_text(&r.options),
        /// The documents processed, JSON array.
        documents_json: String = Value::Array(r.documents.clone()).to_string(),
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&r.extra),
    }
}

record! {
    /// A check: a set of reports run on one applicant.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct Check from m::Check as c {
        /// Unique identifier.
        id: String = c.id.clone(),
        /// When it was initiated.
        created_at: Option<String> = ts(&c.created_at),
        /// The URI of this resource.
        href: Option<String> = c.href.clone(),
        /// Standard or express.
        check_type: Option<CheckType> = c.check_type.as_ref().map(Into::into),
        /// Where it is in its processing.
        status: Option<CheckStatus> = c.status.as_ref().map(Into::into),
        /// The overall result.
        result: Option<CheckResult> = c.result.as_ref().map(Into::into),
        /// The result derived from the expanded reports (`None` with report ids only).
        derived_result: Option<CheckResult> = c.derived_result().as_ref().map(Into::into),
        /// Whether it reached a state it will not leave by itself.
        is_finished: bool = c.is_finished(),
        /// Where a standard check's form redirects.
        redirect_uri: Option<String> = c.redirect_uri.clone(),
        /// The results page on the dashboard.
        results_uri: Option<String> = c.results_uri.clone(),
        /// A PDF of the results.
        download_uri: Option<String> = c.download_uri.clone(),
        /// The applicant form of a standard check.
        form_uri: Option<String> = c.form_uri.clone(),
        /// Every report's id, in order.
        report_ids: Vec<String> = c.reports.iter().map(|r| r.id().to_owned()).collect(),
        /// The reports, when expanded (create answers, `expand=reports`).
        reports: Vec<Report> = c.expanded_reports().map(Into::into).collect(),
        /// Report type group ids.
        report_type_groups: Vec<String> = c.report_type_groups.clone(),
        /// Tags.
        tags: Vec<String> = c.tags.clone(),
        /// Whether it lives in the sandbox.
        sandbox: Option<bool> = c.sandbox,
        /// Whether it is paused.
        paused: Option<bool> = c.paused,
        /// The API version that produced it.
        version: Option<String> = c.version.clone(),
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&c.extra),
    }
}

record! {
    /// A webhook. `toString`/`description` hide its token (the secret signatures are made with).
    #[derive(Clone, PartialEq, Eq, uniffi::Record)]
    #[uniffi::export(Display)]
    pub struct Webhook from m::Webhook as w {
        /// Unique identifier.
        id: String = w.id.clone(),
        /// Where notifications are posted.
        url: Option<String> = w.url.clone(),
        /// The secret that signs its notifications.
        token: Option<String> = w.token.clone(),
        /// Whether it is enabled.
        enabled: Option<bool> = w.enabled,
        /// The URI of this resource.
        href: Option<String> = w.href.clone(),
        /// The environments it listens to.
        environments: Vec<WebhookEnvironment> = w.environments.iter().map(Into::into).collect(),
        /// The events it wants.
        events: Vec<WebhookEvent> = w.events.iter().map(Into::into).collect(),
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&w.extra),
    }
}

impl fmt::Display for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let events: Vec<&str> = self.events.iter().map(WebhookEvent::as_str).collect();
        write!(
            f,
            "Webhook(id={}, url={}, token={}, enabled={}, environments=[{}], events=[{}], href={})",
            self.id,
            shown(self.url.as_deref()),
            if self.token.is_some() { "***" } else { "null" },
            shown(self.enabled),
            self.environments.iter().map(WebhookEnvironment::as_str).collect::<Vec<_>>().join(", "),
            events.join(", "),
            shown(self.href.as_deref()),
        )
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

record! {
    /// A report type within a group.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct ReportType from m::ReportType as t {
        /// Its id.
        id: Option<String> = t.id.clone(),
        /// Its name.
        name: Option<ReportName> = t.name.as_ref().map(Into::into),
    }
}

record! {
    /// A report type group (a preset set of reports).
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct ReportTypeGroup from m::ReportTypeGroup as g {
        /// Unique identifier.
        id: String = g.id.clone(),
        /// Its name.
        name: Option<String> = g.name.clone(),
        /// Whether its reports can only be requested together.
        group_only: Option<bool> = g.group_only,
        /// Its report types.
        report_types: Vec<ReportType> = g.report_types.iter().map(Into::into).collect(),
        /// Other fields, as a JSON object.
        extra_json: Option<String> = extra_json(&g.extra),
    }
}

record! {
    /// A Web SDK token. `toString`/`description` hide it.
    #[derive(Clone, PartialEq, Eq, uniffi::Record)]
    #[uniffi::export(Display)]
    pub struct SdkToken from m::SdkToken as t where {
        let claims = t.claims().ok();
    } {
        /// The JWT to hand to the Web SDK.
        token: String = t.token.clone(),
        /// When it expires (Unix seconds), read from the JWT.
        expires_at: Option<i64> = claims.as_ref().and_then(|c| c.exp),
        /// When it was issued (Unix seconds).
        issued_at: Option<i64> = claims.as_ref().and_then(|c| c.iat),
    }
}

impl fmt::Display for SdkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SdkToken(token=***, expiresAt={}, issuedAt={})", shown(self.expires_at), shown(self.issued_at))
    }
}

impl fmt::Debug for SdkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

record! {
    /// What OCR Autofill read from a document.
    #[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
    pub struct OcrResult from m::OcrResult as o where {
        let fields = o.extracted_data.as_ref().and_then(|d| d.ocr_results.as_ref());
        let text = |f: fn(&m::OcrResults) -> &Option<String>| fields.and_then(|r| f(r).clone());
    } {
        /// The document read.
        document_id: Option<String> = o.document_id.clone(),
        /// The document's country (ISO alpha-3), as classified.
        country: Option<String> = o.doc_info.as_ref().and_then(|i| i.country.clone()),
        /// The document's type, as classified.
        document_type: Option<DocumentType> = o.doc_info.as_ref().and_then(|i| i.document_type.as_ref()).map(Into::into),
        /// Document number.
        document_number: Option<String> = text(|r| &r.document_number),
        /// First name.
        first_name: Option<String> = text(|r| &r.first_name),
        /// Last name.
        last_name: Option<String> = text(|r| &r.last_name),
        /// Gender.
        gender: Option<String> = text(|r| &r.gender),
        /// Date of birth.
        date_of_birth: Option<String> = text(|r| &r.date_of_birth),
        /// Date of expiry.
        date_of_expiry: Option<String> = text(|r| &r.date_of_expiry),
        /// Nationality.
        nationality: Option<String> = text(|r| &r.nationality),
        /// MRZ lines 1 to 3, when read.
        mrz_lines: Vec<String> = fields.map_or_else(Vec::new, |r| (1..=3).filter_map(|n| r.mrz_line(n).map(str::to_owned)).collect()),
        /// The whole answer, JSON.
        raw_json: String = serde_json::to_string(o).unwrap_or_else(|_| "{}".to_owned()),
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
            "Download(filename={}, contentType={}, content={} bytes)",
            shown(self.filename.as_deref()),
            shown(self.content_type.as_deref()),
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

record! {
    /// Where a list page sits: the page numbers the `Link` header names and `X-Total-Count`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
    pub struct PageInfo from Page as p where {
        let n = |l: &Option<PageLink>| l.as_ref().and_then(|l| l.page).and_then(|p| i32::try_from(p).ok());
    } {
        /// The next page, if any.
        next_page: Option<i32> = n(&p.next),
        /// The previous page, if any.
        prev_page: Option<i32> = n(&p.prev),
        /// The first page.
        first_page: Option<i32> = n(&p.first),
        /// The last page.
        last_page: Option<i32> = n(&p.last),
        /// Items per page, as the links say.
        per_page: Option<i32> = [&p.next, &p.prev, &p.first, &p.last].into_iter().flatten().find_map(|l| l.per_page).and_then(|n| i32::try_from(n).ok()),
        /// How many items there are in all.
        total_count: Option<i64> = size(p.total_count),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(levels: usize) -> m::Breakdown {
        let mut tree = m::Breakdown::new();
        for level in (0..levels).rev() {
            let item = m::BreakdownItem {
                result: Some(onfido_core::models::ReportResult::Clear),
                breakdown: std::mem::take(&mut tree),
                ..m::BreakdownItem::default()
            };
            tree.insert(format!("level{level}"), item);
        }
        tree
    }

    #[test]
    fn breakdown_trees_are_typed_and_cut_at_the_depth_limit() {
        let shallow = breakdown_tree(&chain(3), 1);
        assert_eq!(shallow[0].name, "level0");
        assert_eq!(shallow[0].node.children[0].node.children[0].name, "level2");
        assert!(!shallow[0].node.truncated && shallow[0].node.children[0].node.children[0].node.children.is_empty());

        let mut node = &breakdown_tree(&chain(MAX_BREAKDOWN_DEPTH + 10), 1)[0].node;
        let mut levels = 1;
        while let Some(child) = node.children.first() {
            assert!(!node.truncated);
            node = &child.node;
            levels += 1;
        }
        assert_eq!(levels, MAX_BREAKDOWN_DEPTH);
        assert!(node.truncated, "the last kept level says it was cut");
        assert!(!breakdown_tree(&chain(MAX_BREAKDOWN_DEPTH), 1).is_empty());
    }

    #[test]
    fn sizes_past_i64_are_none() {
        assert_eq!(size(Some(42)), Some(42));
        assert_eq!(size(Some(u64::MAX)), None);
    }
}
