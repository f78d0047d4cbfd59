//! An uploaded identity or supporting document.

use serde::Serialize;

use super::{DocumentSide, DocumentType, Extra};
use crate::serde_util::deserialize_model;
use crate::timestamp::Timestamp;

/// A document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Document {
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
    /// The uploaded file's type (`png`, `jpg`, `pdf`).
    pub file_type: Option<String>,
    /// The file's size in bytes.
    pub file_size: Option<u64>,
    /// The document's type.
    #[serde(rename = "type")]
    pub document_type: Option<DocumentType>,
    /// Front or back.
    pub side: Option<DocumentSide>,
    /// Issuing country (ISO alpha-3), as given at upload.
    pub issuing_country: Option<String>,
    /// Fields this version does not name.
    #[serde(flatten)]
    pub extra: Extra,
}

deserialize_model!(Document required "id" {
    id: "id",
    created_at: "created_at",
    href: "href",
    download_href: "download_href",
    file_name: "file_name",
    file_type: "file_type",
    file_size: "file_size",
    document_type: "type",
    side: "side",
    issuing_country: "issuing_country",
});
