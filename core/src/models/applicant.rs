//! The individual a check is performed on.

use serde::Serialize;

use super::{Address, Extra, IdNumberType};
use crate::serde_util::deserialize_model;
use crate::timestamp::Timestamp;

/// An applicant.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Applicant {
    /// Unique identifier.
    pub id: String,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it is scheduled for deletion, if it is.
    pub delete_at: Option<Timestamp>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// Title: Mr, Mrs, Miss or Ms.
    pub title: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Middle name(s) or initials.
    pub middle_name: Option<String>,
    /// Surname.
    pub last_name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Gender: male or female (the API may capitalise it).
    pub gender: Option<String>,
    /// Date of birth, `yyyy-mm-dd`.
    pub dob: Option<String>,
    /// Landline number.
    pub telephone: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// Country of jurisdiction (ISO alpha-3; default GBR).
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
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An identification number.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct IdNumber {
    /// Its type.
    #[serde(rename = "type")]
    pub id_type: IdNumberType,
    /// Its value (an SSN as `xxx-xx-xxxx` or its last four digits).
    pub value: Option<String>,
    /// Issuing state (state-issued driving licences).
    pub state_code: Option<String>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

impl IdNumber {
    /// An id number of a type with a value.
    pub fn new(id_type: IdNumberType, value: impl Into<String>) -> Self {
        IdNumber { id_type, value: Some(value.into()), state_code: None, extra: Extra::new() }
    }
}

deserialize_model!(Applicant required "id" {
    id: "id",
    created_at: "created_at",
    delete_at: "delete_at",
    href: "href",
    title: "title",
    first_name: "first_name",
    middle_name: "middle_name",
    last_name: "last_name",
    email: "email",
    gender: "gender",
    dob: "dob",
    telephone: "telephone",
    mobile: "mobile",
    country: "country",
    mothers_maiden_name: "mothers_maiden_name",
    previous_last_name: "previous_last_name",
    nationality: "nationality",
    country_of_birth: "country_of_birth",
    town_of_birth: "town_of_birth",
    id_numbers: "id_numbers" or_default,
    addresses: "addresses" or_default,
    sandbox: "sandbox",
});

deserialize_model!(IdNumber required "type" {
    id_type: "type",
    value: "value",
    state_code: "state_code",
});
