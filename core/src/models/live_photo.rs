//! A photo of the applicant's face for the standard facial similarity report.

use serde::Serialize;

use super::Extra;
use crate::serde_util::deserialize_model;
use crate::timestamp::Timestamp;

/// A live photo.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LivePhoto {
    /// Unique identifier.
    pub id: String,
    /// When it was uploaded.
    pub created_at: Option<Timestamp>,
    /// The URI of this resource.
    pub href: Option<String>,
    /// The URI to download it from.
    pub download_href: Option<String>,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    /// The uploaded file's type.
    pub file_type: Option<String>,
    /// The file's size in bytes.
    pub file_size: Option<u64>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_model!(LivePhoto required "id" {
    id: "id",
    created_at: "created_at",
    href: "href",
    download_href: "download_href",
    file_name: "file_name",
    file_type: "file_type",
    file_size: "file_size",
});
