//! Applicants: create, retrieve, update, delete, restore, list.

use serde::{Deserialize, Serialize};

use super::request::RequestBuilder;
use super::response::{self, ListKey, Listed, NoContent};
use super::{Operation, OperationId};
use crate::config::Config;
use crate::error::{Error, FieldErrors};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::models::{Address, Applicant, Extra, IdNumber};
use crate::pagination::PageLink;
use crate::serde_util::{lenient_bool, lenient_u32};
use crate::timestamp::Date;
use crate::validation::{self, Validate};

impl ListKey for Applicant {
    const LIST_KEY: &'static str = "applicants";
}

/// An applicant's fields, as sent when creating or updating one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicantData {
    /// Mr, Mrs, Miss or Ms.
    pub title: Option<String>,
    /// First name (required to create).
    pub first_name: Option<String>,
    /// Middle name(s) or initials.
    pub middle_name: Option<String>,
    /// Surname (required to create).
    pub last_name: Option<String>,
    /// Email (required for US checks and standard UK checks).
    pub email: Option<String>,
    /// male or female.
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
    pub id_numbers: Option<Vec<IdNumber>>,
    /// Address history.
    pub addresses: Option<Vec<Address>>,
    /// Fields this version does not name, sent as given.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Validate for ApplicantData {
    fn validate(&self, errors: &mut FieldErrors) {
        for (field, value) in [
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
            ("email", &self.email),
            ("title", &self.title),
            ("gender", &self.gender),
        ] {
            validation::not_blank(errors, field, value.as_deref());
        }
        for (field, value) in [
            ("title", &self.title),
            ("first_name", &self.first_name),
            ("middle_name", &self.middle_name),
            ("last_name", &self.last_name),
            ("email", &self.email),
            ("telephone", &self.telephone),
            ("mobile", &self.mobile),
            ("mothers_maiden_name", &self.mothers_maiden_name),
            ("previous_last_name", &self.previous_last_name),
            ("town_of_birth", &self.town_of_birth),
        ] {
            validation::plain_text(errors, field, value.as_deref());
        }
        validation::one_of(errors, "title", self.title.as_deref(), &validation::TITLES);
        validation::one_of(errors, "gender", self.gender.as_deref(), &validation::GENDERS);
        validation::date(errors, "dob", self.dob.as_deref());
        for (field, value) in [
            ("country", &self.country),
            ("nationality", &self.nationality),
            ("country_of_birth", &self.country_of_birth),
        ] {
            validation::country(errors, field, value.as_deref());
        }
        for (i, id) in self.id_numbers.iter().flatten().enumerate() {
            validation::id_number(errors, &format!("id_numbers[{i}]"), id);
        }
        for (i, address) in self.addresses.iter().flatten().enumerate() {
            validation::address(errors, &format!("addresses[{i}]"), address);
        }
    }
}

impl ApplicantData {
    /// Records a date of birth after `today`.
    pub fn validate_dates(&self, errors: &mut FieldErrors, today: Date) {
        validation::not_future(errors, "dob", self.dob.as_deref(), today);
    }
}

/// Creates an applicant: `POST applicants`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CreateApplicant(pub ApplicantData);

impl CreateApplicant {
    /// An applicant with a first and last name; set more through `.0`.
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        CreateApplicant(ApplicantData {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..ApplicantData::default()
        })
    }
}

impl Validate for CreateApplicant {
    fn validate(&self, errors: &mut FieldErrors) {
        validation::required(errors, "first_name", self.0.first_name.as_deref());
        validation::required(errors, "last_name", self.0.last_name.as_deref());
        self.0.validate(errors);
    }
}

impl Operation for CreateApplicant {
    const ID: OperationId = OperationId::CreateApplicant;
    type Output = Applicant;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        self.check()?;
        RequestBuilder::new(config, Method::Post, &["applicants"])?.json(&self.0)
    }

    fn check_dates(&self, today: Date, errors: &mut FieldErrors) {
        self.0.validate_dates(errors, today);
    }

    fn parse(response: HttpResponse) -> Result<Applicant, Error> {
        response::json(response)
    }
}

/// Retrieves an applicant: `GET applicants/{applicant_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RetrieveApplicant {
    /// The applicant.
    #[serde(default)]
    pub applicant_id: String,
}

impl RetrieveApplicant {
    /// Retrieves this applicant.
    pub fn new(applicant_id: impl Into<String>) -> Self {
        RetrieveApplicant { applicant_id: applicant_id.into() }
    }
}

impl Operation for RetrieveApplicant {
    const ID: OperationId = OperationId::RetrieveApplicant;
    type Output = Applicant;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id)])?;
        Ok(RequestBuilder::new(config, Method::Get, &["applicants", &self.applicant_id])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<Applicant, Error> {
        response::json(response)
    }
}

/// Updates an applicant's fields: `PUT applicants/{applicant_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateApplicant {
    /// The applicant.
    #[serde(default, skip_serializing)]
    pub applicant_id: String,
    /// The fields to change; unset fields are left as they are.
    #[serde(flatten)]
    pub applicant: ApplicantData,
}

impl UpdateApplicant {
    /// Changes these fields of this applicant.
    pub fn new(applicant_id: impl Into<String>, applicant: ApplicantData) -> Self {
        UpdateApplicant { applicant_id: applicant_id.into(), applicant }
    }
}

impl Operation for UpdateApplicant {
    const ID: OperationId = OperationId::UpdateApplicant;
    type Output = Applicant;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::path_id(&mut errors, "applicant_id", &self.applicant_id);
        self.applicant.validate(&mut errors);
        errors.into_result()?;
        RequestBuilder::new(config, Method::Put, &["applicants", &self.applicant_id])?.json(&self.applicant)
    }

    fn check_dates(&self, today: Date, errors: &mut FieldErrors) {
        self.applicant.validate_dates(errors, today);
    }

    fn parse(response: HttpResponse) -> Result<Applicant, Error> {
        response::json(response)
    }
}

/// Deletes an applicant (at once without checks, else scheduled): `DELETE applicants/{applicant_id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteApplicant {
    /// The applicant.
    #[serde(default)]
    pub applicant_id: String,
}

impl DeleteApplicant {
    /// Deletes this applicant.
    pub fn new(applicant_id: impl Into<String>) -> Self {
        DeleteApplicant { applicant_id: applicant_id.into() }
    }
}

impl Operation for DeleteApplicant {
    const ID: OperationId = OperationId::DeleteApplicant;
    type Output = NoContent;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id)])?;
        Ok(RequestBuilder::new(config, Method::Delete, &["applicants", &self.applicant_id])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<NoContent, Error> {
        response::empty(response)
    }
}

/// Restores an applicant scheduled for deletion: `POST applicants/{applicant_id}/restore`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RestoreApplicant {
    /// The applicant.
    #[serde(default)]
    pub applicant_id: String,
}

impl RestoreApplicant {
    /// Restores this applicant.
    pub fn new(applicant_id: impl Into<String>) -> Self {
        RestoreApplicant { applicant_id: applicant_id.into() }
    }
}

impl Operation for RestoreApplicant {
    const ID: OperationId = OperationId::RestoreApplicant;
    type Output = NoContent;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        validation::path_ids(&[("applicant_id", &self.applicant_id)])?;
        Ok(RequestBuilder::new(config, Method::Post, &["applicants", &self.applicant_id, "restore"])?.empty())
    }

    fn parse(response: HttpResponse) -> Result<NoContent, Error> {
        response::empty(response)
    }
}

/// Lists applicants, newest first, 20 a page by default: `GET applicants`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListApplicants {
    /// The page (from 1).
    #[serde(default, deserialize_with = "lenient_u32")]
    pub page: Option<u32>,
    /// Applicants per page.
    #[serde(default, deserialize_with = "lenient_u32")]
    pub per_page: Option<u32>,
    /// Whether to include applicants scheduled for deletion.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub include_deleted: Option<bool>,
}

impl ListApplicants {
    /// The request for the page a link points to, with the same filters.
    pub fn at(&self, link: &PageLink) -> Option<ListApplicants> {
        Some(ListApplicants { page: Some(link.page?), per_page: link.per_page.or(self.per_page), ..self.clone() })
    }
}

impl Operation for ListApplicants {
    const ID: OperationId = OperationId::ListApplicants;
    const PAGINATED: bool = true;
    type Output = Listed<Applicant>;

    fn build(&self, config: &Config) -> Result<HttpRequest, Error> {
        let mut errors = FieldErrors::new();
        validation::positive(&mut errors, "page", self.page);
        validation::positive(&mut errors, "per_page", self.per_page);
        errors.into_result()?;
        Ok(RequestBuilder::new(config, Method::Get, &["applicants"])?
            .query("page", self.page)
            .query("per_page", self.per_page)
            .query("include_deleted", self.include_deleted)
            .empty())
    }

    fn parse(response: HttpResponse) -> Result<Listed<Applicant>, Error> {
        response::list(response)
    }
}
