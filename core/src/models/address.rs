//! A postal address, as applicants hold it and the address picker returns it.

use serde::Serialize;

use super::Extra;
use crate::serde_util::deserialize_model;

/// A postal address; `street`, `postcode` and `country` are the basic fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Address {
    /// Flat number.
    pub flat_number: Option<String>,
    /// Building number.
    pub building_number: Option<String>,
    /// Building name.
    pub building_name: Option<String>,
    /// Street (at most 32 characters in the UK).
    pub street: Option<String>,
    /// Sub-street.
    pub sub_street: Option<String>,
    /// Town.
    pub town: Option<String>,
    /// State (USPS code for US addresses).
    pub state: Option<String>,
    /// Postcode or ZIP.
    pub postcode: Option<String>,
    /// ISO 3166-1 alpha-3 country code.
    pub country: Option<String>,
    /// When the applicant started living here (`yyyy-mm-dd`).
    pub start_date: Option<String>,
    /// When the applicant left (`yyyy-mm-dd`); none for the current address.
    pub end_date: Option<String>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_model!(Address {
    flat_number: "flat_number",
    building_number: "building_number",
    building_name: "building_name",
    street: "street",
    sub_street: "sub_street",
    town: "town",
    state: "state",
    postcode: "postcode",
    country: "country",
    start_date: "start_date",
    end_date: "end_date",
});
