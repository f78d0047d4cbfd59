//! Inputs of the typed operations, as records with defaults (Kotlin named arguments, Swift memberwise inits).

use onfido_core::models as m;
use onfido_core::multipart::FileUpload;
use onfido_core::operations::applicants::ApplicantData;
use onfido_core::operations::checks::{self, CreateCheck};
use onfido_core::operations::webhooks::RegisterWebhook;

use crate::enums::{CheckType, ReportName, WebhookEnvironment, WebhookEvent};
use crate::error::OnfidoError;
use crate::models::{extra_in, Address, IdNumber};

/// An applicant's fields, to create one or to change some (unset fields are not sent).
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct ApplicantInput {
    /// Mr, Mrs, Miss or Ms.
    #[uniffi(default)]
    pub title: Option<String>,
    /// First name (required to create).
    #[uniffi(default)]
    pub first_name: Option<String>,
    /// Middle name(s).
    #[uniffi(default)]
    pub middle_name: Option<String>,
    /// Surname (required to create).
    #[uniffi(default)]
    pub last_name: Option<String>,
    /// Email.
    #[uniffi(default)]
    pub email: Option<String>,
    /// male or female.
    #[uniffi(default)]
    pub gender: Option<String>,
    /// Date of birth, `yyyy-mm-dd`.
    #[uniffi(default)]
    pub dob: Option<String>,
    /// Landline number.
    #[uniffi(default)]
    pub telephone: Option<String>,
    /// Mobile number.
    #[uniffi(default)]
    pub mobile: Option<String>,
    /// Country of jurisdiction (ISO alpha-3).
    #[uniffi(default)]
    pub country: Option<String>,
    /// Mother's maiden name.
    #[uniffi(default)]
    pub mothers_maiden_name: Option<String>,
    /// Previous surname.
    #[uniffi(default)]
    pub previous_last_name: Option<String>,
    /// Nationality (ISO alpha-3).
    #[uniffi(default)]
    pub nationality: Option<String>,
    /// Country of birth (ISO alpha-3).
    #[uniffi(default)]
    pub country_of_birth: Option<String>,
    /// Town of birth.
    #[uniffi(default)]
    pub town_of_birth: Option<String>,
    /// Identification numbers.
    #[uniffi(default)]
    pub id_numbers: Option<Vec<IdNumber>>,
    /// Address history.
    #[uniffi(default)]
    pub addresses: Option<Vec<Address>>,
    /// More fields to send, as a JSON object.
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

impl ApplicantInput {
    pub(crate) fn to_core(&self) -> Result<ApplicantData, OnfidoError> {
        let addresses = match &self.addresses {
            None => None,
            Some(list) => Some(
                list.iter()
                    .enumerate()
                    .map(|(i, a)| a.to_core(&format!("addresses[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        Ok(ApplicantData {
            title: self.title.clone(),
            first_name: self.first_name.clone(),
            middle_name: self.middle_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            gender: self.gender.clone(),
            dob: self.dob.clone(),
            telephone: self.telephone.clone(),
            mobile: self.mobile.clone(),
            country: self.country.clone(),
            mothers_maiden_name: self.mothers_maiden_name.clone(),
            previous_last_name: self.previous_last_name.clone(),
            nationality: self.nationality.clone(),
            country_of_birth: self.country_of_birth.clone(),
            town_of_birth: self.town_of_birth.clone(),
            id_numbers: self.id_numbers.as_ref().map(|ids| ids.iter().map(Into::into).collect()),
            addresses,
            extra: extra_in("extra_json", self.extra_json.as_deref())?,
        })
    }
}

/// A report option (e.g. watchlist `peps`, `sanctions`).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ReportOption {
    /// The option's name.
    pub name: String,
}

/// A report requested in a new check.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ReportRequest {
    /// The report type.
    pub name: ReportName,
    /// The variant (`standard`, `kyc`, `video`, `full`).
    #[uniffi(default)]
    pub variant: Option<String>,
    /// Options to enable.
    #[uniffi(default)]
    pub options: Option<Vec<ReportOption>>,
    /// Which uploaded documents to use (document reports), by id.
    #[uniffi(default)]
    pub document_ids: Option<Vec<String>>,
}

impl From<&ReportRequest> for checks::ReportRequest {
    fn from(r: &ReportRequest) -> Self {
        let mut out = checks::ReportRequest::new((&r.name).into());
        out.variant = r.variant.clone();
        out.options = r.options.as_ref().map(|options| {
            options
                .iter()
                .map(|o| checks::ReportOption { name: Some(o.name.clone()), ..checks::ReportOption::default() })
                .collect()
        });
        out.documents = r.document_ids.as_ref().map(|ids| {
            ids.iter()
                .map(|id| checks::ReportDocument { id: Some(id.clone()), ..checks::ReportDocument::default() })
                .collect()
        });
        out
    }
}

/// A new check.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct CheckInput {
    /// Standard or express.
    pub check_type: CheckType,
    /// The reports to run.
    #[uniffi(default)]
    pub reports: Option<Vec<ReportRequest>>,
    /// Report type group ids to run.
    #[uniffi(default)]
    pub report_type_groups: Option<Vec<String>>,
    /// Where a standard check's form redirects when submitted.
    #[uniffi(default)]
    pub redirect_uri: Option<String>,
    /// Tags.
    #[uniffi(default)]
    pub tags: Option<Vec<String>>,
    /// Standard checks: do not email the form.
    #[uniffi(default)]
    pub suppress_form_emails: Option<bool>,
    /// Queue the check and answer at once.
    #[uniffi(default)]
    pub asynchronous: Option<bool>,
    /// Standard checks: the applicant pays.
    #[uniffi(default)]
    pub charge_applicant_for_check: Option<bool>,
    /// Sandbox only: reports that should return consider.
    #[uniffi(default)]
    pub consider: Option<Vec<ReportName>>,
    /// More fields to send, as a JSON object (`{"paused": true}` on the offline sandbox).
    #[uniffi(default)]
    pub extra_json: Option<String>,
}

impl CheckInput {
    pub(crate) fn to_core(&self, applicant_id: String) -> Result<CreateCheck, OnfidoError> {
        Ok(CreateCheck {
            applicant_id,
            check_type: Some((&self.check_type).into()),
            redirect_uri: self.redirect_uri.clone(),
            reports: self.reports.as_ref().map(|r| r.iter().map(Into::into).collect()),
            report_type_groups: self.report_type_groups.clone(),
            tags: self.tags.clone(),
            suppress_form_emails: self.suppress_form_emails,
            is_async: None,
            asynchronous: self.asynchronous,
            charge_applicant_for_check: self.charge_applicant_for_check,
            consider: self.consider.as_ref().map(|c| c.iter().map(m::ReportName::from).collect()),
            extra: extra_in("extra_json", self.extra_json.as_deref())?,
        })
    }
}

/// A webhook to register.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct WebhookInput {
    /// Where notifications are posted (https).
    pub url: String,
    /// Whether it is enabled (default true).
    #[uniffi(default)]
    pub enabled: Option<bool>,
    /// The environments it listens to (default both).
    #[uniffi(default)]
    pub environments: Option<Vec<WebhookEnvironment>>,
    /// The events it wants (default all).
    #[uniffi(default)]
    pub events: Option<Vec<WebhookEvent>>,
}

impl From<&WebhookInput> for RegisterWebhook {
    fn from(w: &WebhookInput) -> Self {
        RegisterWebhook {
            url: Some(w.url.clone()),
            enabled: w.enabled,
            environments: w.environments.as_ref().map(|e| e.iter().map(Into::into).collect()),
            events: w.events.as_ref().map(|e| e.iter().map(Into::into).collect()),
            extra: m::Extra::new(),
        }
    }
}

/// A file to upload: its name and bytes (the content type comes from the bytes). `toString` /
/// `description` show the name and size, not the bytes.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct FileInput {
    /// The file's name as sent; `null`/`nil`: `upload.png`, `upload.jpg` or `upload.pdf` after the bytes.
    #[uniffi(default)]
    pub filename: Option<String>,
    /// The bytes.
    pub content: Vec<u8>,
}

impl std::fmt::Display for FileInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.filename.as_deref().unwrap_or("null");
        write!(f, "FileInput(filename={name}, content={} bytes)", self.content.len())
    }
}

impl std::fmt::Debug for FileInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl From<FileInput> for FileUpload {
    fn from(f: FileInput) -> Self {
        FileUpload::with_name(f.filename, f.content)
    }
}
